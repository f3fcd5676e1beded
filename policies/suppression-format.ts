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
/**
 * Member of a stack's `//.palisade` comment holding the suppressions of its `module` blocks by module name
 * (`{ modules: { vpc: { suppressions: [...] } } }`): cdktf writes its own `//` over a module block's, so a construct's
 * suppression of a module travels at stack level.
 */
export const MODULE_SUPPRESSIONS_KEY = 'modules';
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
export type SuppressionProblem = 'not-an-object' | 'missing-rule-id' | 'missing-reason' | 'invisible-reason' | 'invalid-expires';

/** Fewest letters a suppression reason must contain once invisible characters are removed. */
export const MIN_REASON_LETTERS = 4;

/**
 * Characters that render as nothing: format and control characters (Cc, Cf: U+200B, U+00AD, U+2060, bidi marks…),
 * combining marks standing alone, and the blank "letters" and symbols fonts draw empty (Hangul fillers U+115F,
 * U+1160, U+3164, U+FFA0; Braille blank U+2800; Khmer inherent vowels; variation selectors).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0\ufe00-\ufe0f]|\p{M}/gu;

/**
 * A reason as a reviewer sees it: NFKC-normalised, invisible characters removed, every run of whitespace one space.
 * This is what reports print, so a reason cannot hide text from the reader.
 */
export function visibleReason(raw: string): string {
  return raw.normalize('NFKC').replace(INVISIBLE, '').replace(/[\p{Z}\s]+/gu, ' ').trim();
}

/** Why a reason does not explain anything (`undefined` when it does): missing, or fewer than {@link MIN_REASON_LETTERS} visible letters. */
export function reasonProblem(raw: unknown): 'missing-reason' | 'invisible-reason' | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return 'missing-reason';
  const letters = visibleReason(raw).match(/\p{L}/gu)?.length ?? 0;
  return letters < MIN_REASON_LETTERS ? 'invisible-reason' : undefined;
}

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
  const badReason = reasonProblem(o.reason);
  if (badReason) return { state: 'invalid', index, problem: badReason, ruleId, raw };
  const reason = visibleReason(o.reason as string);
  let expires: string | undefined;
  if (o.expires !== undefined && o.expires !== null) {
    if (typeof o.expires !== 'string' || !isIsoDate(o.expires)) return { state: 'invalid', index, problem: 'invalid-expires', ruleId, raw };
    expires = o.expires;
  }
  const spec: SuppressionSpec = expires ? { ruleId, reason, expires } : { ruleId, reason };
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
