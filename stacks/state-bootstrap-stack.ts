import { Construct, KmsKey, KmsServiceGrants, PalisadeConfigError, SecureBucket } from '../index';
import { EnvironmentConfig } from '../config/schema';
import { PalisadeStack } from './palisade-stack';
import { defaultStateBucket, resolveStateBackend } from './state-backend';

/**
 * `<env>-state-bootstrap`: the S3 bucket and KMS key the environment's remote state lives in. Applied once, with local
 * state (it cannot keep its state in the bucket it creates); afterwards every other stack migrates to the S3 backend.
 */
export class StateBootstrapStack extends PalisadeStack {
  public readonly bucket: SecureBucket;
  public readonly key: KmsKey;

  constructor(scope: Construct, environment: EnvironmentConfig) {
    super(scope, { environment, component: 'state-bootstrap', localState: true });
    const { name, accountId, region } = environment;
    const target = resolveStateBackend(environment);
    const where = this.node.path;
    if (target && target.bucket !== defaultStateBucket(environment)) {
      throw new PalisadeConfigError(where, 'stateBackend.bucket', target.bucket, `the bootstrap creates "${defaultStateBucket(environment)}": omit bucket, or create your own bucket and do not bootstrap`);
    }
    if (target && target.region !== region) {
      throw new PalisadeConfigError(where, 'stateBackend.region', target.region, `the bootstrap creates the state bucket in the environment's region (${region})`);
    }
    const defaultKey = `arn:aws:kms:${region}:${accountId}:alias/palisade/${name}/state`;
    if (target && target.kmsKeyId !== defaultKey) {
      throw new PalisadeConfigError(where, 'stateBackend.kmsKeyId', target.kmsKeyId, `the bootstrap creates the key ${defaultKey}: omit kmsKeyId, or bring your own bucket and key and do not bootstrap`);
    }
    const base = { environment: name, accountId, region };
    const logKey = new KmsKey(this, 'access_logs_key', {
      ...base,
      purpose: 'state-access-logs',
      description: `Encrypts S3 server access logs of the ${name} Terraform state bucket`,
      serviceGrants: [KmsServiceGrants.s3ServerAccessLogs(accountId, `arn:aws:s3:::${defaultStateBucket(environment)}`)],
    });
    const accessLogs = new SecureBucket(this, 'access_logs', {
      ...base, purpose: 'state-access-logs', encryption: { kind: 'kms', key: logKey }, accessLogs: { kind: 'is-log-bucket' },
      lifecycle: { expireCurrentVersionsAfterDays: 365 },
    });
    this.key = new KmsKey(this, 'key', { ...base, purpose: 'state', description: `Encrypts the ${name} Terraform state (every attribute of every resource)` });
    this.bucket = new SecureBucket(this, 'bucket', {
      ...base,
      purpose: 'terraform-state',
      encryption: { kind: 'kms', key: this.key },
      accessLogs: { kind: 'to-log-bucket', bucket: accessLogs },
      // Old state versions are the undo of a bad apply: keep them a year.
      lifecycle: { noncurrentVersionExpirationDays: 365 },
    });
  }
}
