import { EU_REGIONS } from '../facts';
import { fail, notApplicable, pass, type Rule, type RuleResult } from './types';

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
        const region = p.region;
        if (region === undefined || region === null || region === '') out.push(fail(p, `Provider ${p.alias ? `aws.${p.alias}` : 'aws'} in stack ${stack.name} sets no region (taken from the environment at deploy time).`));
        else if (typeof region !== 'string' || region.includes('${')) out.push(fail(p, `Provider region ${JSON.stringify(region)} in stack ${stack.name} is not a literal and cannot be verified.`));
        else if (!ctx.allowedRegions.includes(region)) out.push(fail(p, `Provider region ${region} in stack ${stack.name} is outside the allowed regions (${ctx.allowedRegions.join(', ')}).`));
        else out.push(pass(p, `Provider region ${region} is allowed.`));
      }
    }
    return out.length > 0 ? out : [notApplicable('No AWS provider configuration in scope.')];
  },
};
