import { asNumber, block, isToken } from '../model/values';
import { BLOCKING, chosenAction, ruleName } from './lib/waf';
import { wafRules } from './pal-waf-001';
import { fail, limitsOf, notApplicable, pass, type Rule, unprovenAs } from './types';

/** Source: AWS WAF rate-based rules (AWS Shield/WAF best practice for layer-7 floods); CSA CCM IVS-09. */
export const wafRateLimit: Rule = {
  id: 'PAL-WAF-005',
  title: 'Web ACLs block clients above a rate limit no higher than the configured ceiling (default 2,000 requests per IP per 5 minutes).',
  rationale: 'A per-IP rate-based rule is the first defence against credential stuffing and layer-7 floods; a limit of millions, or count mode, never triggers.',
  severity: 'medium',
  routine: 'firewall',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['IVS-09'] },
  fixHint: 'Add a rule with rate_based_statement { limit = ≤ ceiling, aggregate_key_type = "IP" } and action { block {} } (Palisade: edge.waf.rateLimitPerFiveMinutes).',
  evaluate(model, ctx) {
    const acls = model.ofType('aws_wafv2_web_acl');
    if (acls.length === 0) return [notApplicable('No aws_wafv2_web_acl in scope.')];
    const ceiling = limitsOf(ctx).wafRateLimitCeiling;
    return acls.map((acl) => {
      const rated = wafRules(acl.values).map((rule) => {
        const statement = block(rule.statement ?? rule.Statement);
        return { rule, rate: statement ? block(statement.rate_based_statement ?? statement.RateBasedStatement) : undefined };
      }).filter((r) => r.rate !== undefined);
      if (rated.length === 0) return fail(acl, `Web ACL ${acl.address} has no rate-based rule.`);
      const verdicts = rated.map(({ rule, rate }) => {
        const action = chosenAction(rule.action ?? rule.Action);
        const blocking = action !== undefined && BLOCKING.includes(action);
        const raw = rate!.limit ?? rate!.Limit;
        const limit = asNumber(raw);
        if (!blocking) return `rule "${ruleName(rule)}" does not block (action ${action ?? 'missing'})`;
        if (limit === undefined) return isToken(raw) ? `cannot be shown at plan time because the limit of rule "${ruleName(rule)}" is computed` : `rule "${ruleName(rule)}" has no limit`;
        if (limit > ceiling) return `rule "${ruleName(rule)}" allows ${limit} requests per 5 minutes (ceiling ${ceiling})`;
        return undefined;
      });
      const good = verdicts.findIndex((v) => v === undefined);
      if (good >= 0) return pass(acl, `Web ACL ${acl.address} blocks above ${String(rated[good].rate!.limit ?? rated[good].rate!.Limit)} requests per 5 minutes (ceiling ${ceiling}).`);
      const computed = verdicts.every((v) => v!.startsWith('cannot be shown'));
      return computed ? unprovenAs(acl, `Web ACL ${acl.address}: ${verdicts.join('; ')}.`, 'low') : fail(acl, `Web ACL ${acl.address}: ${verdicts.join('; ')}.`);
    });
  },
};
