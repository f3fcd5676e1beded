import { EU_REGIONS } from '../facts';
import { providerRegion } from '../model/region';
import { fail, notApplicable, pass, type Rule, type RuleResult, unprovenAs } from './types';

/** EU regions allowed by default for personal data (GDPR data residency). */
export const DEFAULT_ALLOWED_REGIONS: readonly string[] = EU_REGIONS;

/** Source: GDPR Chapter V (transfers) data-residency policy; CSA CCM DSP-07 data protection by design. */
export const providerRegionsAllowed: Rule = {
  id: 'PAL-GDPR-001',
  title: 'Every AWS provider targets an allowed (by default EU) region.',
  rationale: 'Personal data must stay in approved jurisdictions; a provider in another region would create resources, and store data, outside them.',
  severity: 'high',
  routine: 'personal-data',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['DSP-07'] },
  fixHint: 'Set region on provider "aws" to an allowed region (see --allowed-regions).',
  evaluate(model, ctx) {
    const out: RuleResult[] = [];
    for (const stack of model.stacks) {
      for (const p of stack.providers) {
        const name = `Provider ${p.alias ? `aws.${p.alias}` : 'aws'} in stack ${stack.name}`;
        const written = p.region;
        const found = providerRegion(p);
        if (written === undefined || written === null || written === '') {
          // Not pinned: whatever region the environment names at deploy time (a plan only shows the one it was made in).
          const planned = found?.region ? ` (this plan was made in ${found.region}, from ${found.source ?? 'the plan'})` : '';
          out.push(fail(p, `${name} sets no region: it is taken from the environment at deploy time${planned}.`));
        } else if (!found?.region) {
          const because = found && 'reason' in found ? found.reason : 'its region is not written as a literal';
          out.push(unprovenAs(p, `${name}: its region cannot be shown at plan time because ${because}.`, /more than one region/.test(because) ? 'medium' : 'low'));
        } else {
          const region = found.source ? `${found.region} (from ${found.source})` : found.region;
          if (!ctx.allowedRegions.includes(found.region)) out.push(fail(p, `${name} deploys to ${region}, outside the allowed regions (${ctx.allowedRegions.join(', ')}).`));
          else out.push(pass(p, `Provider region ${region} is allowed.`));
        }
      }
    }
    return out.length > 0 ? out : [notApplicable('No AWS provider configuration in scope.')];
  },
};
