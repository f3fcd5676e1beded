import type { Model } from '../../model/model';
import type { Resource } from '../../model/types';
import { accessOfUse, actionsInWords, policyUses, targetInWords, usesOf, usesOfHolder, type Access, type IdentityRisk, type PolicyKind, type PolicyUse } from '../../iam';
import { fail, notApplicable, pass, type RuleResult, unprovenAs } from '../types';

/** Outcome of inspecting a policy attribute for statements open to everyone. */
export interface PolicyVerdict {
  /** False when the policy cannot be read statically (an expression only known after apply). */
  analysable: boolean;
  /** Why it cannot be read, when not analysable. */
  reason?: string;
  /** Descriptions of Allow statements open to everyone (Principal "*" or NotPrincipal) without a restricting condition. */
  publicStatements: string[];
}

/** The normal-form use of `holder.values[attribute]`, if the inventory reads that attribute. */
export function useOf(model: Model, holder: Resource, attribute = 'policy'): PolicyUse | undefined {
  return usesOfHolder(model, holder).find((u) => u.attribute === attribute);
}

/** Inspects `holder.values[attribute]` (any spelling the IAM normal form reads) for grants open to everyone. */
export function inspectPolicy(model: Model, holder: Resource, attribute = 'policy'): PolicyVerdict {
  const use = useOf(model, holder, attribute);
  if (!use) return { analysable: true, publicStatements: [] };
  if (!use.document.readable) return { analysable: false, reason: use.document.reason, publicStatements: [] };
  const open = accessOfUse(model, use).filter((a) => a.verdict === 'public');
  return { analysable: true, publicStatements: [...new Set(open.map((a) => `${a.statement.origin} allows ${a.who} (${a.reason})`))] };
}

/** Policy-holding resources of a KMS key: the key itself (if `policy` is set) and `aws_kms_key_policy` resources. */
export function kmsPolicyHolders(model: Model, key: Resource): Resource[] {
  const out: Resource[] = [];
  if (key.values.policy !== undefined && key.values.policy !== null && key.values.policy !== '') out.push(key);
  out.push(...model.referrers(key, 'aws_kms_key_policy', 'key_id'));
  return out;
}

/**
 * One verdict per policy use of the given kinds: fail with the issues `judge` finds, a low finding when the policy
 * cannot be read before apply, not-applicable when only unknowable facts stand in the way.
 */
export function judgeUses(
  uses: readonly PolicyUse[],
  judge: (use: PolicyUse) => { issues: string[]; unknown: string[] },
  what: { none: string; ok: string },
): RuleResult[] {
  if (uses.length === 0) return [notApplicable(what.none)];
  // Grouped and walked with indexed loops: several rules call this for every policy use of the estate.
  const byHolder = new Map<Resource, PolicyUse[]>();
  for (let i = 0; i < uses.length; i++) {
    const u = uses[i];
    const list = byHolder.get(u.holder);
    if (list) list.push(u);
    else byHolder.set(u.holder, [u]);
  }
  const results: RuleResult[] = [];
  byHolder.forEach((list, holder) => {
    const issues: string[] = [];
    const unknown: string[] = [];
    const opaque: string[] = [];
    for (let i = 0; i < list.length; i++) {
      const u = list[i];
      if (!u.document.readable) {
        if (u.attached?.external) unknown.push(u.document.reason);
        else opaque.push(`${u.attribute}: ${u.document.reason}`);
        continue;
      }
      const j = judge(u);
      issues.push(...j.issues);
      unknown.push(...j.unknown);
    }
    if (issues.length > 0) results.push(fail(holder, `${holder.address}: ${[...new Set(issues)].join('; ')}.`));
    else if (opaque.length > 0) results.push(unprovenAs(holder, `${holder.address}: the policy ${opaque.join('; ')}.`, 'low'));
    else if (unknown.length > 0) results.push(unprovenAs(holder, `${holder.address}: ${[...new Set(unknown)].join('; ')}.`, 'low'));
    else results.push(pass(holder, `${holder.address}: ${what.ok}`));
  });
  return results;
}

/** Identity-policy verdicts for one weakness: each holder fails on the statements `accessOf` classifies as `risk`. */
export function identityRiskResults(model: Model, risk: IdentityRisk, ok: string): RuleResult[] {
  const uses = usesOf(model, 'identity');
  return judgeUses(uses, (u) => ({
    issues: accessOfUse(model, u).filter((a) => a.risk?.risk === risk).map((a) => `${attachedText(u)}${a.risk!.detail.replace(`AWS-managed ${u.attached?.awsManaged} `, '')} (given to ${a.who})`),
    unknown: [],
  }), { none: 'No IAM identity policy or attachment in scope.', ok });
}

function attachedText(u: PolicyUse): string {
  if (u.attached?.awsManaged) return `attaches AWS-managed ${u.attached.awsManaged}: `;
  return u.attribute === 'policy' ? '' : `${u.attribute}: `;
}

/** Trust/resource-policy verdicts: each holder fails on accesses whose verdict `bad` selects. */
export function principalResults(model: Model, kinds: readonly PolicyKind[], bad: (a: Access) => boolean, concerns: (a: Access) => boolean, what: { none: string; ok: string }): RuleResult[] {
  const uses = policyUses(model).filter((u) => kinds.includes(u.kind));
  return judgeUses(uses, (u) => {
    const accesses = accessOfUse(model, u).filter(concerns);
    return {
      issues: accesses.filter(bad).map((a) => `${a.statement.origin} lets ${a.who} call ${actionsInWords(a.statement)} on ${targetInWords(a)}: ${a.reason}`),
      unknown: accesses.filter((a) => a.verdict === 'unknown').map((a) => `${a.who}: ${a.reason}`),
    };
  }, what);
}
