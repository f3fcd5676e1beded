import { S3AccountPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-account-public-access-block';
import { Construct } from '../framework';

export interface AccountPublicAccessBlockProps {
  readonly accountId: string;
}

/** S3 Block Public Access for the whole account (FSBP S3.1): a bucket made public by mistake stays private. */
export class AccountPublicAccessBlock extends Construct {
  public readonly block: S3AccountPublicAccessBlock;

  constructor(scope: Construct, id: string, props: AccountPublicAccessBlockProps) {
    super(scope, id);
    this.block = new S3AccountPublicAccessBlock(this, 'resource', {
      accountId: props.accountId,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
  }
}
