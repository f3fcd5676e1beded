import { accessOf, actionMatches, actionsInWords, policyUses, RISKY_VERDICTS, targetInWords, type Access, type IdentityRisk, type PolicyUse } from '../iam';
import type { Model } from '../model/model';
import type { Impact, SecurityChange } from './types';

const RISK_WORDS: Record<IdentityRisk, string> = {
  admin: 'administrator-equivalent',
  'privilege-escalation': 'a privilege-escalation path',
  'service-wildcard': 'every action of the service',
  'write-on-every-resource': 'write/decrypt on every resource',
};

function risky(a: Access): boolean {
  return a.risk !== undefined || RISKY_VERDICTS.has(a.verdict);
}

function why(a: Access): string {
  if (a.risk) return RISK_WORDS[a.risk.risk];
  if (a.verdict === 'public') return `anyone at all: ${a.reason}`;
  if (a.verdict === 'foreign') return a.reason;
  return a.reason;
}

const grantKey = (a: Access) => `${a.use.holder.address}|${a.use.attribute}|${a.principal}`;
const useKey = (u: PolicyUse) => `${u.holder.address}|${u.attribute}`;

/** Is `action` (as written) granted by one of `by` (same holder and principal)? */
function covered(action: string, by: readonly Access[]): boolean {
  return by.some((b) => !b.statement.actions.negated && b.statement.actions.values.some((p) => actionMatches(p, action)));
}

const grantIndexes = new WeakMap<Model, Map<string, Map<string, Access[]>>>();

/** Grants of one stack by holder and principal (grouped once per model, not scanned once per stack). */
function grantsIn(model: Model, stack: string | null): Map<string, Access[]> {
  if (stack === null) return new Map();
  let index = grantIndexes.get(model);
  if (!index) {
    index = new Map();
    for (const a of accessOf(model)) {
      let inStack = index.get(a.use.holder.stack);
      if (!inStack) index.set(a.use.holder.stack, (inStack = new Map()));
      const k = grantKey(a);
      const list = inStack.get(k);
      if (list) list.push(a);
      else inStack.set(k, [a]);
    }
    grantIndexes.set(model, index);
  }
  return index.get(stack) ?? new Map();
}

const useIndexes = new WeakMap<Model, Map<string, Map<string, PolicyUse>>>();

function usesIn(model: Model, stack: string | null): Map<string, PolicyUse> {
  if (stack === null) return new Map();
  let index = useIndexes.get(model);
  if (!index) {
    index = new Map();
    for (const u of policyUses(model)) {
      let inStack = index.get(u.holder.stack);
      if (!inStack) index.set(u.holder.stack, (inStack = new Map()));
      inStack.set(useKey(u), u);
    }
    useIndexes.set(model, index);
  }
  return index.get(stack) ?? new Map();
}

function lets(a: Access, actions: string): string {
  return `this change lets ${a.who} call ${actions} on ${targetInWords(a)}`;
}

const actionWords = (actions: readonly string[]) => actions.map((a) => (a === '*' || a === '*:*' ? 'every action (*)' : a)).join(', ');

function conditionWords(a: Access): string {
  const cs = a.statement.conditions.map((c) => `${c.operator} ${c.key}`);
  return cs.length > 0 ? `the condition ${cs.join(', ')}` : `what restricted it (${a.reason})`;
}

/** New grants (who can do what, that could not before), removed restrictions and Deny statements, narrowed grants. */
export function iamChanges(base: Model, head: Model, stack: { base: string | null; head: string }): SecurityChange[] {
  const before = grantsIn(base, stack.base);
  const after = grantsIn(head, stack.head);
  const baseUses = usesIn(base, stack.base);
  const headUses = usesIn(head, stack.head);
  const out: SecurityChange[] = [];
  const push = (impact: Impact, resource: string, message: string) => {
    const text = `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
    if (!out.some((c) => c.resource === resource && c.message === text)) out.push({ impact, category: 'iam', resource, message: text });
  };
  for (const [key, accesses] of after) {
    const was = before.get(key) ?? [];
    for (const h of accesses) {
      const resource = h.use.holder.address;
      // A base policy the base could not read (known only after apply, as in a plan from nothing) cannot show which
      // grants are new: only risky ones are reported then, not every grant as "new".
      const existed = baseUses.get(useKey(h.use))?.document.readable === true;
      const fresh = h.statement.actions.negated
        ? (was.some((b) => b.statement.actions.negated) ? [] : [actionsInWords(h.statement)])
        : h.statement.actions.values.filter((a) => !covered(a, was));
      if (fresh.length > 0) {
        if (risky(h)) push('regression', resource, `${lets(h, actionWords(fresh))} (${h.statement.origin}: ${why(h)})`);
        else if (existed) push('review', resource, lets(h, actionWords(fresh)));
        continue;
      }
      const restricted = was.find((b) => !risky(b) && h.statement.actions.values.every((a) => covered(a, [b])));
      if (risky(h) && restricted && !was.some((b) => risky(b) && b.verdict === h.verdict && b.risk?.risk === h.risk?.risk)) {
        push('regression', resource, `${lets(h, actionsInWords(h.statement))} ${h.risk ? `— now ${why(h)}` : `without ${conditionWords(restricted)}: ${why(h)}`}`);
      }
    }
  }
  for (const [key, accesses] of before) {
    if (!headUses.has(useKey(accesses[0].use))) continue; // a removed policy: the resource list shows it
    const now = after.get(key) ?? [];
    for (const b of accesses) {
      const dropped = b.statement.actions.negated ? [] : b.statement.actions.values.filter((a) => !covered(a, now) && !now.some((h) => h.statement.actions.negated));
      if (dropped.length > 0) push('improvement', b.use.holder.address, `${b.who} may no longer call ${dropped.join(', ')} on ${targetInWords(b)}`);
    }
  }
  for (const [key, u] of baseUses) {
    const h = headUses.get(key);
    if (!h || !u.document.readable || !h.document.readable) continue;
    const denies = (x: PolicyUse) => (x.document.readable ? x.document.statements.filter((s) => s.effect === 'Deny') : []);
    const remaining = new Set(denies(h).map((s) => s.sid ?? s.actions.values.join(',')));
    for (const d of denies(u)) {
      const id = d.sid ?? d.actions.values.join(',');
      if (!remaining.has(id)) push('regression', u.holder.address, `this change removes the Deny ${d.sid ? `"${d.sid}"` : `of ${actionsInWords(d)}`} from ${u.holder.address}: what it forbade is allowed again wherever another statement allows it`);
    }
  }
  for (const [key, u] of headUses) {
    if (baseUses.has(key) || !u.attached?.awsManaged || accessOf(head).some((a) => a.use === u)) continue;
    push('review', u.holder.address, `this change attaches AWS-managed ${u.attached.awsManaged} to ${u.subjects.map((s) => `${s.noun} ${s.name}`).join(', ') || u.holder.address}; review what it grants`);
  }
  return out;
}
