import type { Rule, RuleMeta, RuleResult } from '../policies/rules/types';
import type { DriftKind, DriftResult } from './drift';

const CHANGE_CONTROL = { checkov: [], fsbp: [], cis: [], ccm: ['CCC-07', 'CCC-04'] };

/** Catalogue entries of the drift checks (one per drift kind). */
export const DRIFT_RULES_META: Readonly<Record<DriftKind, RuleMeta>> = {
  unmanaged: {
    id: 'PAL-DRIFT-001',
    title: 'Every network, compute and storage resource in the account is declared in the synthesized code.',
    rationale: 'Resources created in the console or by other tools escape review and the baseline; an instance launched outside the fleet is the classic foothold.',
    severity: 'medium',
    routine: 'change-testing',
    controls: CHANGE_CONTROL,
    fixHint: 'Import the resource into the stack that should own it, or delete it; remove stale ManagedBy/Stack tags copied by hand.',
  },
  'rule-not-in-code': {
    id: 'PAL-DRIFT-002',
    title: 'Security-group rules and network ACL entries in the account are exactly those declared in code (nothing added by hand).',
    rationale: 'A rule added in the console bypasses review and the baseline, and is undone only at the next apply — if anyone applies.',
    severity: 'high',
    routine: 'firewall',
    controls: CHANGE_CONTROL,
    fixHint: 'Remove the rule in AWS (or run `cdktf deploy`), or declare it in the construct with a stated reason.',
  },
  'missing-in-aws': {
    id: 'PAL-DRIFT-003',
    title: 'Everything declared in the synthesized code exists in the account.',
    rationale: 'A reviewed control that is not deployed (flow log, deny entry, security group) protects nothing; the gap usually means a failed or skipped apply, or a manual deletion.',
    severity: 'medium',
    routine: 'change-testing',
    controls: CHANGE_CONTROL,
    fixHint: 'Run `cdktf deploy` for the stack and investigate who removed the resource.',
  },
  changed: {
    id: 'PAL-DRIFT-004',
    title: 'Region-wide settings in the account equal the values declared in code.',
    rationale: 'Account settings such as EBS encryption by default are easy to flip in the console and silently weaken every new volume.',
    severity: 'medium',
    routine: 'secure-storage',
    controls: CHANGE_CONTROL,
    fixHint: 'Re-apply the stack that owns the setting and restrict who can change it (SCP).',
  },
};

/**
 * The drift of a run as baseline rules, so drift reaches every report format (text, JSON, SARIF,
 * JUnit, Markdown) and the exit code exactly like any other finding. Matched resources are passes
 * whose message says how they were matched.
 */
export function driftRules(drift: DriftResult): Rule[] {
  return (Object.keys(DRIFT_RULES_META) as DriftKind[]).map((kind) => ({
    ...DRIFT_RULES_META[kind],
    evaluate(): RuleResult[] {
      const out: RuleResult[] = drift.items
        .filter((d) => d.kind === kind)
        .map((d) => ({
          stack: d.stack,
          resource: d.address,
          status: 'non-compliant' as const,
          message: d.message,
          ...(d.intended ? { file: d.intended.displayFile, jsonPath: d.intended.jsonPath } : {}),
        }));
      if (kind === 'unmanaged') {
        for (const m of drift.matches) out.push({ stack: m.live.stack, resource: m.live.address, status: 'compliant', message: `${m.live.address} is ${m.intended.stack}/${m.intended.address}, matched by ${m.reason}.` });
      }
      if (out.length === 0) out.push({ stack: '*', resource: '*', status: drift.scopes.length > 0 ? 'compliant' : 'not-applicable', message: 'No drift of this kind.' });
      return out;
    },
  }));
}
