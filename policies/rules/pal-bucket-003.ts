import { asBool } from '../model/values';
import { bucketSettings } from './lib/s3';
import { fail, notApplicable, pass, type Rule } from './types';

const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

/** Source: AWS FSBP S3.8 / CIS v3.0.0 2.1.4 (checkov CKV2_AWS_6, CKV_AWS_53–56). */
export const s3PublicAccessBlock: Rule = {
  id: 'PAL-BUCKET-003',
  title: 'S3 buckets have a public access block with all four flags on.',
  rationale: 'The block is the backstop against a public ACL or policy added later by mistake.',
  severity: 'high',
  routine: 'secure-storage',
  controls: { checkov: ['CKV2_AWS_6', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'], fsbp: ['S3.8'], cis: ['2.1.4'], ccm: ['DSP-17', 'IAM-05'] },
  fixHint: `Add aws_s3_bucket_public_access_block with ${FLAGS.map((f) => `${f} = true`).join(', ')}.`,
  evaluate(model) {
    const buckets = model.ofType('aws_s3_bucket');
    if (buckets.length === 0) return [notApplicable('No aws_s3_bucket in scope.')];
    return buckets.map((b) => {
      const blocks = bucketSettings(model, b, 'aws_s3_bucket_public_access_block');
      if (blocks.length === 0) return fail(b, `Bucket ${b.address} has no aws_s3_bucket_public_access_block.`);
      const off = FLAGS.filter((f) => !blocks.some((p) => asBool(p.values[f]) === true));
      return off.length === 0 ? pass(b, `Bucket ${b.address} blocks all public access.`) : fail(b, `Bucket ${b.address} public access block leaves ${off.join(', ')} off.`);
    });
  },
};
