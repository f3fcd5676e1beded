import { EbsDefaultKmsKey } from '@cdktf/provider-aws/lib/ebs-default-kms-key';
import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default';
import { Construct } from '../framework';
import { KmsKey } from '../kms/kms-key';

export interface EbsDefaultEncryptionProps {
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
}

/** Every new EBS volume and snapshot of the region is encrypted, with a customer-managed key instead of `aws/ebs`. */
export class EbsDefaultEncryption extends Construct {
  public readonly key: KmsKey;
  public readonly encryption: EbsEncryptionByDefault;

  constructor(scope: Construct, id: string, props: EbsDefaultEncryptionProps) {
    super(scope, id);
    this.key = new KmsKey(this, 'key', {
      purpose: 'ebs-default',
      environment: props.environment,
      accountId: props.accountId,
      region: props.region,
      description: `Default key of new ${props.environment} EBS volumes and snapshots`,
      // No service grant: EBS uses the key as the calling principal (kms:ViaService ec2), so IAM policies of the
      // account decide, through the key's account-root statement.
    });
    this.encryption = new EbsEncryptionByDefault(this, 'resource', { enabled: true });
    new EbsDefaultKmsKey(this, 'default_key', { keyArn: this.key.arn });
  }
}
