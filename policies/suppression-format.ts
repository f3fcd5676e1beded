/**
 * The suppression format shared by the construct side (which writes it into synthesized
 * Terraform JSON) and the baseline engine (which reads it). Plain TypeScript, no imports:
 * constructs may import this file without pulling the engine in.
 *
 * Location inside a synthesized stack:
 *   resource.<type>.<name>["//"].palisade.suppressions = [
 *     { "ruleId": "PAL-SG-001", "reason": "non-empty text", "expires": "2026-12-31" }
 *   ]
 * Terraform ignores every "//" key, so the data travels with the resource at no cost.
 */

/** Terraform JSON comment key (ignored by Terraform). */
export const TF_COMMENT_KEY = '//';
/** Key under the comment object reserved for Palisade. */
export const PALISADE_COMMENT_KEY = 'palisade';
/** Key under `//.palisade` holding the suppression list. */
export const SUPPRESSIONS_KEY = 'suppressions';
/** Rule id of the finding raised for a suppression without reason (or otherwise malformed). */
export const SUPPRESSION_INVALID_RULE_ID = 'PAL-SUPPRESSION-INVALID';
/** Rule id of the finding raised for a suppression whose `expires` date has passed. */
export const SUPPRESSION_EXPIRED_RULE_ID = 'PAL-SUPPRESSION-EXPIRED';

/** One suppression as written by constructs. `expires` is an ISO date `YYYY-MM-DD`, valid through that day (UTC). */
export interface SuppressionSpec {
  ruleId: string;
  reason: string;
  expires?: string;
}

/** Why a raw suppression entry cannot be honoured. */
export type SuppressionProblem = 'not-an-object' | 'missing-rule-id' | 'missing-reason' | 'invalid-expires';

/** A raw entry checked against the format and the evaluation date. */
export type CheckedSuppression =
  | { state: 'active'; index: number; spec: SuppressionSpec }
  | { state: 'expired'; index: number; spec: SuppressionSpec }
  | { state: 'invalid'; index: number; problem: SuppressionProblem; ruleId?: string; raw: unknown };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written as `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Evaluation date as `YYYY-MM-DD` (UTC). Accepts a Date or an ISO date string. */
export function toIsoDay(today: Date | string): string {
  if (typeof today === 'string') {
    if (!isIsoDate(today)) throw new Error(`invalid evaluation date "${today}" (expected YYYY-MM-DD)`);
    return today;
  }
  return today.toISOString().slice(0, 10);
}

/** Checks one raw entry. Expiry is inclusive: a suppression expiring today still applies today. */
export function checkSuppression(raw: unknown, index: number, today: Date | string): CheckedSuppression {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { state: 'invalid', index, problem: 'not-an-object', raw };
  const o = raw as Record<string, unknown>;
  const ruleId = typeof o.ruleId === 'string' && o.ruleId.trim() !== '' ? o.ruleId.trim() : undefined;
  if (!ruleId) return { state: 'invalid', index, problem: 'missing-rule-id', raw };
  if (typeof o.reason !== 'string' || o.reason.trim() === '') return { state: 'invalid', index, problem: 'missing-reason', ruleId, raw };
  let expires: string | undefined;
  if (o.expires !== undefined && o.expires !== null) {
    if (typeof o.expires !== 'string' || !isIsoDate(o.expires)) return { state: 'invalid', index, problem: 'invalid-expires', ruleId, raw };
    expires = o.expires;
  }
  const spec: SuppressionSpec = expires ? { ruleId, reason: o.reason.trim(), expires } : { ruleId, reason: o.reason.trim() };
  if (expires && expires < toIsoDay(today)) return { state: 'expired', index, spec };
  return { state: 'active', index, spec };
}

/** Checks every raw entry of a resource's suppression list (non-arrays yield one invalid entry). */
export function checkSuppressions(raw: unknown, today: Date | string): CheckedSuppression[] {
  if (raw === undefined || raw === null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((entry, i) => checkSuppression(entry, i, today));
}

/**
 * The pure matching function: which checked suppression (if any) applies to a finding of `ruleId`.
 * Only an `active` entry suppresses; expired and invalid entries never do.
 */
export function matchSuppression(checked: readonly CheckedSuppression[], ruleId: string): (CheckedSuppression & { state: 'active' }) | undefined {
  for (const c of checked) if (c.state === 'active' && c.spec.ruleId === ruleId) return c;
  return undefined;
}

/** Reads the raw suppression list from a resource body (`body["//"].palisade.suppressions`). */
export function readSuppressions(resourceBody: unknown): unknown {
  if (!resourceBody || typeof resourceBody !== 'object') return undefined;
  const comment = (resourceBody as Record<string, unknown>)[TF_COMMENT_KEY];
  if (!comment || typeof comment !== 'object') return undefined;
  const pal = (comment as Record<string, unknown>)[PALISADE_COMMENT_KEY];
  if (!pal || typeof pal !== 'object') return undefined;
  return (pal as Record<string, unknown>)[SUPPRESSIONS_KEY];
}

/** Builds the value to place under `//.palisade` (for constructs writing suppressions). */
export function palisadeComment(suppressions: readonly SuppressionSpec[]): { [SUPPRESSIONS_KEY]: SuppressionSpec[] } {
  return { [SUPPRESSIONS_KEY]: suppressions.map((s) => ({ ...s })) };
}
