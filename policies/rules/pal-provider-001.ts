import { isToken, strings } from '../model/values';
import { fail, notApplicable, pass, type Rule, type RuleResult, unprovenAs } from './types';

/** Source: Terraform AWS provider (allowed_account_ids); CSA CCM CCC-04 (change control), IAM-16. */
export const providerAccountPinned: Rule = {
  id: 'PAL-PROVIDER-001',
  title: 'Every AWS provider pins allowed_account_ids.',
  rationale: 'Without the pin, an apply with the wrong profile (production credentials on a staging change) changes the wrong account; with it Terraform stops before touching anything.',
  severity: 'high',
  routine: 'change-testing',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['CCC-04', 'IAM-16'] },
  fixHint: 'Set allowed_account_ids = ["<12-digit account id>"] on every provider "aws" block (Palisade: PalisadeStack does).',
  evaluate(model) {
    // Every provider of the model is an AWS one, whatever its local name (`amazon = { source = "hashicorp/aws" }`).
    const providers = model.stacks.flatMap((s) => s.providers);
    if (providers.length === 0) return [notApplicable('No aws provider block in scope.')];
    return providers.map((p): RuleResult => {
      const raw = p.allowedAccountIds;
      const ids = strings(raw);
      if (isToken(raw) || ids.some(isToken)) return unprovenAs(p, `Provider ${p.alias ?? p.name} of ${p.stack}: cannot be shown at plan time because allowed_account_ids is computed.`, 'low');
      return ids.some((id) => /^\d{12}$/.test(id))
        ? pass(p, `Provider ${p.alias ?? p.name} of ${p.stack} is pinned to ${ids.join(', ')}.`)
        : fail(p, `Provider ${p.alias ?? p.name} of ${p.stack} does not pin allowed_account_ids: an apply with other credentials changes another account.`);
    });
  },
};
