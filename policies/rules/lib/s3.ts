import type { Model } from '../../model/model';
import type { Resource } from '../../model/types';
import { isComputed } from '../../model/values';
import { hasPolicy, readPolicy, type Statement } from '../../iam/document';

/** Split configuration resources (`aws_s3_bucket_<aspect>`) of a bucket, found through their `bucket` reference. */
export function bucketSettings(model: Model, bucket: Resource, type: string): Resource[] {
  return model.referrers(bucket, type, 'bucket');
}

/**
 * Statements of a bucket's policies (`aws_s3_bucket_policy` and the legacy inline `policy`) in the IAM normal form,
 * and why each policy that cannot be read before apply cannot be.
 */
export function bucketPolicyStatements(model: Model, bucket: Resource): { statements: Statement[]; unreadable: Array<{ holder: Resource; reason: string }> } {
  const holders = bucketSettings(model, bucket, 'aws_s3_bucket_policy');
  // A plan's provider-computed `policy` (never written in the configuration) is no policy of the bucket.
  if (hasPolicy(bucket) && !isComputed(bucket.values.policy)) holders.push(bucket);
  const statements: Statement[] = [];
  const unreadable: Array<{ holder: Resource; reason: string }> = [];
  for (const holder of new Set(holders)) {
    const doc = readPolicy(model, holder);
    if (doc.readable) statements.push(...doc.statements);
    else unreadable.push({ holder, reason: doc.reason });
  }
  return { statements, unreadable };
}
