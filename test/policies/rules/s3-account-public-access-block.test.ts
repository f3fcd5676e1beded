import { s3AccountPublicAccessBlock } from '../../../policies/rules/pal-acct-002';
import { evaluate, StackBuilder } from '../fixtures';

const all = { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true };

describe('PAL-ACCT-002 account-level S3 Block Public Access', () => {
  test('all four flags on is compliant', () => {
    expect(evaluate(s3AccountPublicAccessBlock, new StackBuilder('s').add('aws_s3_account_public_access_block', 'main', all))[0].status).toBe('compliant');
  });
  test.each(Object.keys(all))('%s off is non-compliant', (flag) => {
    const r = evaluate(s3AccountPublicAccessBlock, new StackBuilder('s').add('aws_s3_account_public_access_block', 'main', { ...all, [flag]: false }))[0];
    expect(r).toMatchObject({ status: 'non-compliant', message: expect.stringContaining(flag) });
  });
});
