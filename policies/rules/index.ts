import { dataTierNoInternetRoute } from './data-tier-routes';
import { providerRegionsAllowed } from './gdpr-regions';
import { kmsDeletionWindow } from './kms-deletion-window';
import { kmsNoPublicPrincipal } from './kms-no-public-principal';
import { kmsPolicyPresent } from './kms-policy-present';
import { kmsKeyRotation } from './kms-rotation';
import { logGroupKms } from './logs-kms';
import { logGroupRetention } from './logs-retention';
import { naclNoWorldAdminIngress } from './nacl-world-ingress';
import { sgDescriptions } from './sg-descriptions';
import { sgNoUnrestrictedEgress } from './sg-unrestricted-egress';
import { sgNoWorldAdminIngress } from './sg-world-ingress';
import { subnetHasNacl } from './subnet-nacl';
import { subnetNoPublicIp } from './subnet-public-ip';
import type { Rule } from './types';
import { vpcDefaultSecurityGroup } from './vpc-default-sg';
import { vpcFlowLogs } from './vpc-flow-logs';

/** The baseline: every rule, in catalogue order. Adding a rule = one file + one line here. */
export const RULES: readonly Rule[] = [
  vpcFlowLogs,
  vpcDefaultSecurityGroup,
  subnetNoPublicIp,
  dataTierNoInternetRoute,
  subnetHasNacl,
  naclNoWorldAdminIngress,
  sgNoWorldAdminIngress,
  sgNoUnrestrictedEgress,
  sgDescriptions,
  kmsKeyRotation,
  kmsPolicyPresent,
  kmsNoPublicPrincipal,
  kmsDeletionWindow,
  logGroupKms,
  logGroupRetention,
  providerRegionsAllowed,
];

export * from './types';
export { DEFAULT_ALLOWED_REGIONS } from './gdpr-regions';
