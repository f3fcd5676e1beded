import { albHttpsListeners } from './alb-https-listeners';
import { albTlsPolicy } from './alb-tls-policy';
import { albDropInvalidHeaders } from './alb-drop-invalid-headers';
import { albDesyncMitigation } from './alb-desync-mitigation';
import { albDeletionProtection } from './alb-deletion-protection';
import { albAccessLogs } from './alb-access-logs';
import { albWafAssociated } from './alb-waf';
import { albTargetGroupTls } from './alb-target-group-protocol';
import { wafHasRules } from './waf-has-rules';
import { wafKnownBadInputs } from './waf-known-bad-inputs';
import { wafLogging } from './waf-logging';
import { s3Encryption } from './s3-encryption';
import { s3Versioning } from './s3-versioning';
import { s3PublicAccessBlock } from './s3-public-access-block';
import { s3TlsOnly } from './s3-tls-only';
import { s3OwnershipEnforced } from './s3-ownership';
import { s3AccessLogging } from './s3-access-logging';
import { ec2Imdsv2Required } from './ec2-imdsv2';
import { ec2ImdsHopLimit } from './ec2-imds-hop-limit';
import { ec2EbsEncrypted } from './ec2-ebs-encrypted';
import { ec2NoPublicIp } from './ec2-no-public-ip';
import { ec2UserDataNoSecrets } from './ec2-user-data-secrets';
import { antivirusAgent } from './antivirus-agent';
import { guardDutyEnabled } from './guardduty-enabled';
import { securityHubStandards } from './securityhub-standards';
import { configRecorderEnabled } from './config-recorder';
import { cloudTrailBaseline } from './cloudtrail-baseline';
import { iamPasswordPolicy } from './iam-password-policy';
import { ebsDefaultEncryption } from './ebs-default-encryption';
import { s3AccountPublicAccessBlock } from './s3-account-public-access-block';
import { backupVaultProtected } from './backup-vault-protected';
import { backupPlanCoverage } from './backup-plan-coverage';
import { backupDataTierSelected } from './backup-data-tier';
import { secretsNotExposed } from './secrets-exposure';
import { dataDestinationsInAllowedRegions } from './gdpr-data-destinations';
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
import { rdsStorageEncrypted } from './rds-storage-encrypted';
import { rdsNoPublicAccess } from './rds-no-public-access';
import { rdsIamAuthentication } from './rds-iam-auth';
import { rdsDeletionProtection } from './rds-deletion-protection';
import { rdsBackupRetention } from './rds-backup-retention';
import { rdsLogExports } from './rds-log-exports';
import { rdsManagedMasterSecret } from './rds-managed-master-secret';
import { rdsTlsForced } from './rds-tls-forced';
import { rdsSubnetGroupDataTier } from './rds-subnet-group-data-tier';
import { rdsSecurityGroupAppTier } from './rds-security-group-app-tier';
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
export { DEFAULT_ALLOWED_REGIONS } from './gdpr-regions';
