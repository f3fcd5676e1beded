import { kmsPolicyHolders } from './lib/policy';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: checkov CKV2_AWS_64 (KMS key policy is defined). */
export const kmsPolicyPresent: Rule = {
  id: 'PAL-KMS-002',
  title: 'Every KMS key has an explicit key policy.',
  rationale: 'Without an explicit policy the key gets the default policy that delegates all access to IAM in the account; an explicit policy documents who may use and administer the key.',
  severity: 'medium',
  routine: 'secure-storage',
  controls: { checkov: ['CKV2_AWS_64'], fsbp: [], cis: [], ccm: ['CEK-08', 'IAM-05'] },
  fixHint: 'Set policy on the aws_kms_key (e.g. from an aws_iam_policy_document) or add an aws_kms_key_policy.',
  evaluate(model) {
    const keys = model.ofType('aws_kms_key');
    if (keys.length === 0) return [notApplicable('No aws_kms_key in scope.')];
    return keys.map((k) => {
      const holders = kmsPolicyHolders(model, k);
      return holders.length > 0 ? pass(k, `Key ${k.address} has a key policy (${holders.map((h) => h.address).join(', ')}).`) : fail(k, `Key ${k.address} has no key policy.`);
    });
  },
};
