import { albHttpsListeners } from './pal-alb-001';
import { albTlsPolicy } from './pal-alb-002';
import { albDropInvalidHeaders } from './pal-alb-003';
import { albDesyncMitigation } from './pal-alb-004';
import { albDeletionProtection } from './pal-alb-005';
import { albAccessLogs } from './pal-alb-006';
import { albWafAssociated } from './pal-alb-007';
import { albTargetGroupTls } from './pal-alb-008';
import { wafHasRules } from './pal-waf-001';
import { wafKnownBadInputs } from './pal-waf-002';
import { wafLogging } from './pal-waf-003';
import { s3Encryption } from './pal-bucket-001';
import { s3Versioning } from './pal-bucket-002';
import { s3PublicAccessBlock } from './pal-bucket-003';
import { s3TlsOnly } from './pal-bucket-004';
import { s3OwnershipEnforced } from './pal-bucket-005';
import { s3AccessLogging } from './pal-bucket-006';
import { ec2Imdsv2Required } from './pal-ec2-001';
import { ec2ImdsHopLimit } from './pal-ec2-002';
import { ec2EbsEncrypted } from './pal-ec2-003';
import { ec2NoPublicIp } from './pal-ec2-004';
import { ec2UserDataNoSecrets } from './pal-ec2-005';
import { antivirusAgent } from './pal-av-001';
import { guardDutyEnabled } from './pal-detect-001';
import { securityHubStandards } from './pal-detect-002';
import { configRecorderEnabled } from './pal-detect-003';
import { cloudTrailBaseline } from './pal-trail-001';
import { iamPasswordPolicy } from './pal-passwd-001';
import { ebsDefaultEncryption } from './pal-acct-001';
import { s3AccountPublicAccessBlock } from './pal-acct-002';
import { backupVaultProtected } from './pal-backup-001';
import { backupPlanCoverage } from './pal-backup-002';
import { backupDataTierSelected } from './pal-backup-003';
import { secretsNotExposed } from './pal-secret-001';
import { dataDestinationsInAllowedRegions } from './pal-gdpr-002';
import { dataTierNoInternetRoute } from './pal-vpc-004';
import { providerRegionsAllowed } from './pal-gdpr-001';
import { kmsDeletionWindow } from './pal-kms-004';
import { kmsNoPublicPrincipal } from './pal-kms-003';
import { kmsPolicyPresent } from './pal-kms-002';
import { kmsKeyRotation } from './pal-kms-001';
import { logGroupKms } from './pal-logs-001';
import { logGroupRetention } from './pal-logs-002';
import { naclNoWorldAdminIngress } from './pal-nacl-002';
import { sgDescriptions } from './pal-sg-003';
import { sgNoUnrestrictedEgress } from './pal-sg-002';
import { sgNoWorldAdminIngress } from './pal-sg-001';
import { subnetHasNacl } from './pal-nacl-001';
import { subnetNoPublicIp } from './pal-vpc-003';
import { detectorAlertChain } from './pal-alert-001';
import { alarmAlertChain } from './pal-alert-002';
import { guardDutyPublishing } from './pal-detect-004';
import { accountControlsPresent } from './pal-acct-003';
import { wafManagedGroupsBlock } from './pal-waf-004';
import { wafRateLimit } from './pal-waf-005';
import { albWafFailClosed } from './pal-alb-009';
import { albHsts } from './pal-alb-010';
import { acmTransparencyLogging } from './pal-acm-001';
import { backupMinimumRetention } from './pal-backup-004';
import { logBucketsKept } from './pal-bucket-007';
import { interfaceEndpointPrivateDns } from './pal-vpc-005';
import { providerAccountPinned } from './pal-provider-001';
import { s3BackendProtected } from './pal-state-001';
import { moduleResourcesInInput } from './pal-module-001';
import { antivirusSelfCheckDaily } from './pal-av-002';
import { iamNoAdminEquivalent } from './pal-iam-001';
import { iamNoPrivilegeEscalation } from './pal-iam-002';
import { iamNoServiceWildcards } from './pal-iam-003';
import { iamNoWriteOnEveryResource } from './pal-iam-004';
import { iamTrustNotOpen } from './pal-iam-005';
import { iamServicePrincipalsPinned } from './pal-iam-006';
import { resourcePoliciesNotPublic } from './pal-iam-007';
import { iamUsersWithoutPolicies } from './pal-iam-008';
import { iamNoUserAccessKeys } from './pal-iam-009';
import { rdsStorageEncrypted } from './pal-rds-001';
import { rdsNoPublicAccess } from './pal-rds-002';
import { rdsIamAuthentication } from './pal-rds-003';
import { rdsDeletionProtection } from './pal-rds-004';
import { rdsBackupRetention } from './pal-rds-005';
import { rdsLogExports } from './pal-rds-006';
import { rdsManagedMasterSecret } from './pal-rds-007';
import { rdsTlsForced } from './pal-rds-008';
import { rdsSubnetGroupDataTier } from './pal-rds-009';
import { rdsSecurityGroupAppTier } from './pal-rds-010';
import type { Rule } from './types';
import { vpcDefaultSecurityGroup } from './pal-vpc-002';
import { vpcFlowLogs } from './pal-vpc-001';

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
  guardDutyEnabled,
  securityHubStandards,
  configRecorderEnabled,
  cloudTrailBaseline,
  iamPasswordPolicy,
  ebsDefaultEncryption,
  s3AccountPublicAccessBlock,
  backupVaultProtected,
  backupPlanCoverage,
  backupDataTierSelected,
  secretsNotExposed,
  dataDestinationsInAllowedRegions,
  ec2Imdsv2Required,
  ec2ImdsHopLimit,
  ec2EbsEncrypted,
  ec2NoPublicIp,
  ec2UserDataNoSecrets,
  antivirusAgent,
  albHttpsListeners,
  albTlsPolicy,
  albDropInvalidHeaders,
  albDesyncMitigation,
  albDeletionProtection,
  albAccessLogs,
  albWafAssociated,
  albTargetGroupTls,
  wafHasRules,
  wafKnownBadInputs,
  wafLogging,
  s3Encryption,
  s3Versioning,
  s3PublicAccessBlock,
  s3TlsOnly,
  s3OwnershipEnforced,
  s3AccessLogging,
  detectorAlertChain,
  alarmAlertChain,
  guardDutyPublishing,
  accountControlsPresent,
  wafManagedGroupsBlock,
  wafRateLimit,
  albWafFailClosed,
  albHsts,
  acmTransparencyLogging,
  backupMinimumRetention,
  logBucketsKept,
  interfaceEndpointPrivateDns,
  providerAccountPinned,
  s3BackendProtected,
  moduleResourcesInInput,
  antivirusSelfCheckDaily,
  iamNoAdminEquivalent,
  iamNoPrivilegeEscalation,
  iamNoServiceWildcards,
  iamNoWriteOnEveryResource,
  iamTrustNotOpen,
  iamServicePrincipalsPinned,
  resourcePoliciesNotPublic,
  iamUsersWithoutPolicies,
  iamNoUserAccessKeys,
  rdsStorageEncrypted,
  rdsNoPublicAccess,
  rdsIamAuthentication,
  rdsDeletionProtection,
  rdsBackupRetention,
  rdsLogExports,
  rdsManagedMasterSecret,
  rdsTlsForced,
  rdsSubnetGroupDataTier,
  rdsSecurityGroupAppTier,
];

export * from './types';
export { DEFAULT_ALLOWED_REGIONS } from './pal-gdpr-001';
