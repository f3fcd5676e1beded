import { LocalBackend, requireAllowedRegion, S3Backend, TerraformStack } from '../index';
import { EnvironmentConfig } from '../config/schema';

/** The bucket the bootstrap stack creates for an environment's state (SecureBucket naming, purpose `terraform-state`). */
export function defaultStateBucket(env: Pick<EnvironmentConfig, 'name' | 'accountId'>): string {
  return `palisade-${env.name}-terraform-state-${env.accountId}`;
}

/** Where an environment's state lives when `stateBackend` is configured (defaults filled in). */
export interface ResolvedStateBackend {
  readonly bucket: string;
  readonly keyPrefix: string;
  readonly region: string;
  readonly kmsKeyId: string;
}

export function resolveStateBackend(env: EnvironmentConfig): ResolvedStateBackend | undefined {
  const sb = env.stateBackend;
  if (!sb) return undefined;
  const region = sb.region ?? env.region;
  return {
    bucket: sb.bucket ?? defaultStateBucket(env),
    keyPrefix: sb.keyPrefix,
    region,
    kmsKeyId: sb.kmsKeyId ?? `arn:aws:kms:${region}:${env.accountId}:alias/palisade/${env.name}/state`,
  };
}

/**
 * Local state by default (the offline main job and the tests need no account); the environment's S3 backend when
 * `stateBackend` is configured: encrypted with the state key, locked natively with a lock file (Terraform ≥ 1.10, no
 * DynamoDB table). `forceLocal` is for the bootstrap stack, which creates that bucket and so cannot live in it.
 */
export function configureStateBackend(stack: TerraformStack, env: EnvironmentConfig, forceLocal = false): void {
  const s3 = forceLocal ? undefined : resolveStateBackend(env);
  if (!s3) {
    // In the project root like cdktf's default, but relative to the stack's working directory
    // (cdktf.out/stacks/<stack>) instead of the synthesizing machine's absolute path, so that other stacks'
    // cross-stack references read the same file.
    new LocalBackend(stack, { path: `../../../terraform.${stack.node.id}.tfstate` });
    return;
  }
  // State holds every attribute of every resource: it stays in the GDPR allowlist like the data it describes.
  requireAllowedRegion(stack.node.path, 'stateBackend.region', s3.region, env.allowedRegions);
  const backend = new S3Backend(stack, {
    bucket: s3.bucket,
    key: `${s3.keyPrefix}/${stack.node.id}.tfstate`,
    region: s3.region,
    encrypt: true,
    kmsKeyId: s3.kmsKeyId,
    // A deploy with credentials of another account stops before reading or writing state.
    allowedAccountIds: [env.accountId],
  });
  // cdktf 0.21's S3BackendConfig predates native S3 locking.
  backend.addOverride('use_lockfile', true);
}
