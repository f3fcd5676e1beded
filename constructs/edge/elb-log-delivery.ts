import { ELB_LOG_DELIVERY_ACCOUNTS, ELB_LOG_DELIVERY_SERVICE } from '../../policies/iam/aws-accounts';
import type { BucketPolicyStatement } from '../storage/secure-bucket';

/**
 * The bucket-policy statement letting this Region's load balancers write logs (access and connection logs) of
 * `accountId` under `prefixes`. The object path carries the account id, so other accounts' load balancers cannot write here.
 */
export function elbAccessLogDeliveryStatement(region: string, accountId: string, bucketArn: string, prefixes: string[]): BucketPolicyStatement {
  const elbAccount = ELB_LOG_DELIVERY_ACCOUNTS[region];
  return {
    Sid: 'AllowElbAccessLogDelivery',
    Effect: 'Allow',
    Principal: elbAccount ? { AWS: `arn:aws:iam::${elbAccount}:root` } : { Service: ELB_LOG_DELIVERY_SERVICE },
    Action: 's3:PutObject',
    Resource: prefixes.map((prefix) => `${bucketArn}/${prefix}/AWSLogs/${accountId}/*`),
  };
}
