import { kmsKeys } from './lib/kms';
import { kmsPolicyHolders } from './lib/policy';
import { isComputed } from '../model/values';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: checkov CKV2_AWS_64 (KMS key policy is defined). */
export const kmsPolicyPresent: Rule = {
  id: 'PAL-KMS-002',
  title: 'Every KMS key has an explicit key policy.',
  rationale: 'Without an explicit policy the key gets the default policy that delegates all access to IAM in the account; an explicit policy documents who may use and administer the key.',
  severity: 'medium',
  routine: 'secure-storage',
  controls: { checkov: ['CKV2_AWS_64'], fsbp: [], cis: [], ccm: ['CEK-08', 'IAM-05'] },
  fixHint: 'Set policy on the key (aws_kms_key, aws_kms_external_key, aws_kms_replica_key, aws_kms_replica_external_key) (e.g. from an aws_iam_policy_document) or add an aws_kms_key_policy.',
  evaluate(model) {
    const keys = kmsKeys(model);
    if (keys.length === 0) return [notApplicable('No KMS key in scope.')];
    return keys.map((k) => {
      // In a plan, a key that declares no policy has `policy` unknown (AWS attaches its default): not a declared policy.
      const holders = kmsPolicyHolders(model, k).filter((h) => !(h === k && isComputed(k.values.policy)));
      return holders.length > 0 ? pass(k, `Key ${k.address} has a key policy (${holders.map((h) => h.address).join(', ')}).`) : fail(k, `Key ${k.address} declares no key policy (AWS would attach its default policy delegating all access to IAM).`);
    });
  },
};
