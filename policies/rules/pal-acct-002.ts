import { asBool } from '../model/values';
import { fail, notApplicable, pass, type Rule } from './types';

const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;

/** Source: AWS FSBP S3.1; CIS v3.0.0 2.1.4 (account level; checkov has no account-level check). */
export const s3AccountPublicAccessBlock: Rule = {
  id: 'PAL-ACCT-002',
  title: 'The account-level S3 Block Public Access sets all four flags.',
  rationale: 'The account-wide block is the last line against a bucket policy or ACL that would publish data, including buckets made outside Palisade.',
  severity: 'high',
  routine: 'secure-storage',
  controls: { checkov: [], fsbp: ['S3.1'], cis: ['2.1.4'], ccm: ['DSP-07', 'DSP-17'] },
  fixHint: 'Set block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets = true on aws_s3_account_public_access_block.',
  evaluate(model) {
    const blocksFound = model.ofType('aws_s3_account_public_access_block');
    if (blocksFound.length === 0) return [notApplicable('No aws_s3_account_public_access_block in scope.')];
    return blocksFound.map((b) => {
      const off = FLAGS.filter((f) => asBool(b.values[f]) !== true);
      return off.length > 0 ? fail(b, `${b.address} leaves ${off.join(', ')} off.`) : pass(b, `${b.address} blocks public access on all four flags.`);
    });
  },
};
