import { kmsKeys } from './lib/kms';
import { inspectPolicy, kmsPolicyHolders } from './lib/policy';
import { isComputed } from '../model/values';
import { fail, notApplicable, pass, type Rule } from './types';

/** Source: AWS FSBP KMS.5 (keys not publicly accessible) / checkov CKV_AWS_33. */
export const kmsNoPublicPrincipal: Rule = {
  id: 'PAL-KMS-003',
  title: 'KMS key policies do not grant a wildcard principal without a condition.',
  rationale: 'A key policy allowing Principal "*" without conditions lets any AWS account use or manage the key, defeating encryption at rest.',
  severity: 'critical',
  routine: 'secure-storage',
  controls: { checkov: ['CKV_AWS_33'], fsbp: ['KMS.5'], cis: [], ccm: ['CEK-08', 'IAM-05'] },
  fixHint: 'Name the principals explicitly, or add a Condition (e.g. kms:CallerAccount / aws:PrincipalOrgID) to the wildcard statement.',
  evaluate(model) {
    const keys = kmsKeys(model);
    if (keys.length === 0) return [notApplicable('No KMS key in scope.')];
    return keys.map((k) => {
      const issues: string[] = [];
      const opaque: string[] = [];
      for (const h of kmsPolicyHolders(model, k).filter((h) => !(h === k && isComputed(k.values.policy)))) {
        const v = inspectPolicy(model, h);
        if (!v.analysable) opaque.push(h.address);
        issues.push(...v.publicStatements);
      }
      if (issues.length > 0) return fail(k, `Key ${k.address}: ${issues.join('; ')}.`);
      if (opaque.length > 0) return fail(k, `Key ${k.address}: policy of ${opaque.join(', ')} is an expression that cannot be analysed statically.`, 'low');
      return pass(k, `Key ${k.address} policy grants no unconditioned wildcard principal.`);
    });
  },
};
