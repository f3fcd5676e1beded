import type { Model } from '../model/model';
import { knownRegion } from '../model/region';
import type { StackInfo } from '../model/types';
import { ACCOUNT_CONTROLS, accountOfStack, managedElsewhereDeclarations } from './lib/account-controls';
import { accountOf, regionOf } from './lib/alerts';
import { notApplicable, type Rule, type RuleResult } from './types';

/**
 * Source: CIS AWS Foundations v3.0.0 1.8, 2.1.4, 2.2.1, 3.1, 3.3, 4.16; AWS FSBP CloudTrail.1, Config.1, GuardDuty.1,
 * EC2.7, S3.1, IAM.7, IAM.28 (Access Analyzer), SecurityHub; CSA CCM LOG-03. Configuration rules (PAL-TRAIL-001,
 * PAL-DETECT-*, PAL-ACCT-001/002, PAL-PASSWD-001) only judge a control that exists; this rule finds the one that does not.
 */
export const accountControlsPresent: Rule = {
  id: 'PAL-ACCT-003',
  title: 'When a whole account\'s estate is checked, every account control is present in it (or declared as managed elsewhere, with a reason).',
  rationale: 'Deleting a control is the quietest weakening: every configuration rule then reports not-applicable. Checked over a cdktf.out, the estate must contain a multi-region trail, S3 account public access block and password policy per account, and Config, Security Hub, GuardDuty, Access Analyzer and EBS default encryption in every region the account deploys to — unless the config declares the control as run elsewhere (e.g. by the organization).',
  severity: 'high',
  routine: 'monitoring',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['LOG-03', 'GRC-05'] },
  fixHint: 'Keep the control in the account\'s security stack, or declare it in config: security.managedElsewhere: [{ control: "<id>", reason: "…" }].',
  evaluate(model, ctx) {
    if (ctx.accountScope !== 'complete') return [notApplicable('Checked only over a whole account\'s estate (a cdktf.out); these stacks may not be all of it.')];
    const stacksOf = new Map<string, StackInfo[]>();
    const regionsOf = new Map<string, Set<string>>();
    const unknown: string[] = [];
    for (const s of model.stacks) {
      const account = accountOfStack(s);
      if (account === undefined) { unknown.push(s.name); continue; }
      stacksOf.set(account, [...(stacksOf.get(account) ?? []), s]);
      for (const region of s.providers.map(knownRegion)) if (region) regionsOf.set(account, new Set([...(regionsOf.get(account) ?? []), region]));
    }
    const out: RuleResult[] = unknown.map((name): RuleResult => ({ ...providerTarget(model, name), status: 'unproven', severity: 'low', message: `Stack ${name}: cannot be shown at plan time because its provider pins no allowed_account_ids, so its account is unknown.` }));
    for (const [account, stacks] of stacksOf) {
      const declared = managedElsewhereDeclarations(stacks);
      // Results are filed under the stack that holds the account's controls (its security stack), else the first.
      const holders = ACCOUNT_CONTROLS.flatMap((c) => c.providers(model)).map((r) => r.stack);
      const anchor = stacks.find((s) => s.palisade) ?? stacks.find((s) => holders.includes(s.name)) ?? stacks[0];
      for (const control of ACCOUNT_CONTROLS) {
        const regions = control.scope === 'account' ? [undefined] : [...(regionsOf.get(account) ?? [])];
        for (const region of regions) {
          const where = `account ${account}${region ? ` in ${region}` : ''}`;
          const present = control.providers(model).filter((r) => accountOf(r) === account && (region === undefined || regionOf(r) === region));
          const elsewhere = declared.find((d) => d.control === control.id);
          const target = { ...providerTarget(model, anchor.name), resource: `account.${account}${region ? `.${region}` : ''}` };
          if (present.length > 0) out.push({ ...target, status: 'compliant', message: `${where} has ${control.name} (${present.map((r) => `${r.stack}/${r.address}`).join(', ')}).` });
          else if (elsewhere) out.push({ ...target, status: 'not-applicable', message: `${where}: ${control.name} is managed elsewhere, declared in config: ${elsewhere.reason}` });
          else out.push({ ...target, status: 'non-compliant', message: `${where} has no ${control.name} in the checked estate (removed?), and the config does not declare it as managed elsewhere.` });
        }
      }
    }
    return out.length > 0 ? out : [notApplicable('No stack in scope.')];
  },
};

function providerTarget(model: Model, stack: string): Pick<RuleResult, 'stack' | 'resource' | 'file' | 'jsonPath'> {
  const s = model.stacks.find((x) => x.name === stack)!;
  const p = s.providers[0];
  return { stack, resource: 'provider.aws', file: p?.displayFile ?? s.displayFile, jsonPath: p?.jsonPath };
}

