/**
 * `palisade`: secure-by-default cdktf constructs, the stack they live in and the baseline gate.
 *
 * The engine (load, run, format) is `palisade/policies`; the jest matcher `toPassBaseline()` is `palisade/jest`.
 * @packageDocumentation
 */

// Stack, baseline gate and errors
export * from './constructs/stack/palisade-stack';
export * from './constructs/baseline/baseline';
export * from './constructs/errors';
export * from './constructs/common/regions';
export * from './constructs/common/tags';
export { App, Aspects, Fn, LocalBackend, S3Backend, TerraformElement, TerraformOutput, TerraformResource, TerraformStack, Testing, Token, Construct, setTokenCreationStacks, FrameworkInternalsError } from './constructs/framework';
export type { IAspect, IConstruct, IValidation } from './constructs/framework';

// Network
export * from './constructs/network/segmented-vpc';
export * from './constructs/network/cidr-plan';
export * from './constructs/network/tier-flows';
export * from './constructs/network/security-group';
export * from './constructs/network/vpc-endpoints';
export * from './constructs/network/vpc-flow-log';

// Keys and storage
export * from './constructs/kms/kms-key';
export * from './constructs/storage/secure-bucket';
export * from './constructs/data/postgres-database';

// Internet edge
export * from './constructs/edge/tls-load-balancer';
export * from './constructs/edge/web-acl';
export * from './constructs/edge/security-txt';
export * from './constructs/edge/elb-log-delivery';
export * from './constructs/edge/elb-security-policies';

// Hosts
export * from './constructs/hardened-host/index';

// Account baseline, detection, backups
export * from './constructs/account/account-baseline';
export * from './constructs/account/account-public-access-block';
export * from './constructs/account/application-secret';
export * from './constructs/account/audit-trail';
export * from './constructs/account/ebs-default-encryption';
export * from './constructs/account/password-policy';
export * from './constructs/detection/access-analyzer';
export * from './constructs/detection/config-recorder';
export * from './constructs/detection/guardduty';
export * from './constructs/detection/security-alerts';
export * from './constructs/detection/security-hub';
export * from './constructs/detection/security-posture';
export * from './constructs/backup/backups';
export * from './constructs/backup/backup-vault';
export * from './constructs/backup/backup-tags';
