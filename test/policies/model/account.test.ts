import { providerAccounts } from '../../../policies/model/account';
import type { Model } from '../../../policies/model/model';
import { resourcePoliciesNotPublic } from '../../../policies/rules/pal-iam-007';
import { DEFAULT_ALLOWED_REGIONS } from '../../../policies/rules/pal-gdpr-001';
import { plan, type Planned } from './plan-in-memory';

const OURS = '111122223333';
const THEIRS = '999988887777';

const callerIdentity = (account: string, address = 'data.aws_caller_identity.current', provider?: string): Planned => ({ address, read: true, provider, values: { account_id: account, arn: `arn:aws:iam::${account}:user/ci` } });

/** A bucket whose policy lets `grantee` read it, planned by a provider that pins no account unless `allowed` is given. */
function bucketSharedWith(grantee: string, reads: Planned[], allowed?: string[]): Model {
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${grantee}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' }] });
  return plan({ aws: { region: { constant_value: 'eu-west-1' }, ...(allowed ? { allowed_account_ids: { constant_value: allowed } } : {}) } }, [
    { address: 'aws_s3_bucket.shared', values: { bucket: 'shared' } },
    { address: 'aws_s3_bucket_policy.shared', values: { bucket: 'shared', policy } },
    ...reads,
  ]);
}

const iam007 = (model: Model) => resourcePoliciesNotPublic.evaluate(model, { allowedRegions: DEFAULT_ALLOWED_REGIONS }).filter((r) => r.resource === 'aws_s3_bucket_policy.shared');

describe('the account a plan deploys to', () => {
  test('is the account aws_caller_identity read at plan time when the provider pins none', () => {
    const model = bucketSharedWith(OURS, [callerIdentity(OURS)]);
    expect(providerAccounts(model.stacks[0].providers[0])).toEqual({ accounts: [OURS], source: 'data.aws_caller_identity.current, read at plan time' });
  });

  test('a grant to that account is our own; a grant to another is cross-account, named against the deploying account', () => {
    expect(iam007(bucketSharedWith(OURS, [callerIdentity(OURS)])).map((r) => r.status)).toEqual(['compliant']);
    const foreign = iam007(bucketSharedWith(THEIRS, [callerIdentity(OURS)]));
    expect(foreign.map((r) => r.status)).toEqual(['non-compliant']);
    expect(foreign[0].message).toContain('outside the deploying account (data.aws_caller_identity.current, read at plan time)');
  });

  test('allowed_account_ids, when written, decide; the caller identity adds nothing', () => {
    const model = bucketSharedWith(THEIRS, [callerIdentity(OURS)], [OURS, THEIRS]);
    expect(providerAccounts(model.stacks[0].providers[0])).toEqual({ accounts: [OURS, THEIRS], source: 'allowed_account_ids' });
    expect(iam007(model).map((r) => r.status)).toEqual(['compliant']);
  });

  test('without any caller identity, or with two that disagree, the account stays unknown and the grant unproven', () => {
    for (const reads of [[], [callerIdentity(OURS), callerIdentity(THEIRS, 'data.aws_caller_identity.other')]]) {
      const model = bucketSharedWith(THEIRS, reads);
      expect(providerAccounts(model.stacks[0].providers[0])).toBeUndefined();
      expect(iam007(model).map((r) => r.status)).toEqual(['unproven']);
    }
  });

  test('a caller identity read through another provider says nothing about this one', () => {
    const model = plan({ aws: { region: { constant_value: 'eu-west-1' } }, 'aws.use1': { region: { constant_value: 'us-east-1' } } }, [callerIdentity(OURS, 'data.aws_caller_identity.use1', 'aws.use1')]);
    const [main, use1] = ['', 'use1'].map((alias) => model.stacks[0].providers.find((p) => (p.alias ?? '') === alias));
    expect(providerAccounts(main)).toBeUndefined();
    expect(providerAccounts(use1)?.accounts).toEqual([OURS]);
  });
});
