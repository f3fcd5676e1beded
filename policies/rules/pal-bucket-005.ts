import { asString, block } from '../model/values';
import { bucketSettings, unlessUncertainSetting } from './lib/s3';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS FSBP S3.12 (checkov CKV2_AWS_65). */
export const s3OwnershipEnforced: Rule = {
  id: 'PAL-BUCKET-005',
  title: 'S3 buckets disable ACLs (object ownership BucketOwnerEnforced).',
  rationale: 'With ACLs disabled, only policies decide access and every object belongs to the bucket owner: no object can be shared by an ACL.',
  severity: 'medium',
  routine: 'secure-storage',
  controls: { checkov: ['CKV2_AWS_65'], fsbp: ['S3.12'], cis: [], ccm: ['IAM-05', 'DSP-17'] },
  fixHint: 'Add aws_s3_bucket_ownership_controls with rule { object_ownership = "BucketOwnerEnforced" }.',
  evaluate(model) {
    const buckets = model.ofType('aws_s3_bucket');
    if (buckets.length === 0) return [notApplicable('No aws_s3_bucket in scope.')];
    return buckets.map((b) => {
      const modes = bucketSettings(model, b, 'aws_s3_bucket_ownership_controls').map((o) => asString(block(o.values.rule)?.object_ownership) ?? 'unset');
      if (modes.length > 0 && modes.every((m) => m === 'BucketOwnerEnforced')) return pass(b, `Bucket ${b.address} has ACLs disabled.`);
      return unlessUncertainSetting(model, b, 'aws_s3_bucket_ownership_controls', fail(b, modes.length === 0 ? `Bucket ${b.address} has no aws_s3_bucket_ownership_controls.` : `Bucket ${b.address} object ownership is ${modes.join(', ')}.`));
    });
  },
};
