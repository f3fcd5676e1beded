import type { Resource } from '../model/types';
import { asBool } from '../model/values';
import { bucketSettings, unlessUncertainSetting } from './lib/s3';
import { fail, notApplicable, pass, type Rule, type RuleResult } from './types';

const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

/** Source: AWS FSBP S3.8 / CIS v3.0.0 2.1.4 (checkov CKV2_AWS_6, CKV_AWS_53–56). */
export const s3PublicAccessBlock: Rule = {
  id: 'PAL-BUCKET-003',
  title: 'S3 buckets have a public access block with all four flags on (a block whose bucket is outside the input is judged on its own flags).',
  rationale: 'The block is the backstop against a public ACL or policy added later by mistake.',
  severity: 'high',
  routine: 'secure-storage',
  controls: { checkov: ['CKV2_AWS_6', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'], fsbp: ['S3.8'], cis: ['2.1.4'], ccm: ['DSP-17', 'IAM-05'] },
  fixHint: `Add aws_s3_bucket_public_access_block with ${FLAGS.map((f) => `${f} = true`).join(', ')}.`,
  evaluate(model) {
    const buckets = model.ofType('aws_s3_bucket');
    const accessBlocks = model.ofType('aws_s3_bucket_public_access_block');
    if (buckets.length === 0 && accessBlocks.length === 0) return [notApplicable('No aws_s3_bucket or aws_s3_bucket_public_access_block in scope.')];
    const judged = new Set<Resource>();
    const out: RuleResult[] = buckets.map((b) => {
      const mine = bucketSettings(model, b, 'aws_s3_bucket_public_access_block');
      mine.forEach((p) => judged.add(p));
      const TYPE = 'aws_s3_bucket_public_access_block';
      if (mine.length === 0) return unlessUncertainSetting(model, b, TYPE, fail(b, `Bucket ${b.address} has no aws_s3_bucket_public_access_block.`));
      const off = flagsOff(mine);
      return off.length === 0 ? pass(b, `Bucket ${b.address} blocks all public access.`) : unlessUncertainSetting(model, b, TYPE, fail(b, `Bucket ${b.address} public access block leaves ${off.join(', ')} off.`));
    });
    // A block for a bucket declared elsewhere (another stack, an existing bucket) still states what it blocks.
    for (const p of accessBlocks.filter((x) => !judged.has(x))) {
      const off = flagsOff([p]);
      const bucket = String(p.values.bucket ?? 'unset');
      out.push(off.length === 0 ? pass(p, `Public access block ${p.address} (bucket ${bucket}, not in this input) blocks all public access.`) : fail(p, `Public access block ${p.address} (bucket ${bucket}, not in this input) leaves ${off.join(', ')} off.`));
    }
    return out;
  },
};

/** Flags none of the blocks turns on. */
function flagsOff(accessBlocks: readonly Resource[]): string[] {
  return FLAGS.filter((f) => !accessBlocks.some((p) => asBool(p.values[f]) === true));
}
