import { z } from 'zod';
import { InputError } from '../model/errors';
import { isIsoDate } from '../suppression-format';
import type { ChangeCategory } from './types';

/**
 * A reviewed, recorded decision to accept one known regression of a pull request: a new baseline finding (`rule`) or
 * a diff item (`change`: its category, e.g. `exposure`, `data-loss`) on one resource. It never hides the item: the
 * diff lists it as "accepted by <approver> because <reason>"; an expired acceptance no longer applies, so the item
 * blocks again and the comment says the acceptance expired.
 */
export interface Acceptance {
  rule?: string;
  change?: ChangeCategory;
  /** Terraform address the item is about. */
  resource: string;
  /** Limits the acceptance to one stack (default: any stack). */
  stack?: string;
  reason: string;
  approver: string;
  /** Last day the acceptance applies (inclusive, YYYY-MM-DD, UTC). Required: acceptances are never open-ended. */
  expires: string;
}

const CATEGORIES = ['data-loss', 'ingress', 'egress', 'nacl', 'encryption', 'rotation', 'logging', 'deletion-protection', 'waf', 'tls', 'exposure', 'backup', 'detection', 'passwords', 'iam', 'unmanaged'] as const satisfies readonly ChangeCategory[];

const text = z.string().trim().min(1);
const ACCEPTANCE = z.strictObject({
  rule: text.regex(/^PAL-[A-Z0-9-]+$/, 'a rule id such as PAL-ALB-001').optional(),
  change: z.enum(CATEGORIES).optional(),
  resource: text,
  stack: text.optional(),
  reason: text,
  approver: text,
  expires: z.string().refine(isIsoDate, 'a YYYY-MM-DD date'),
}).refine((a) => (a.rule === undefined) !== (a.change === undefined), 'exactly one of "rule" (a finding) or "change" (a diff item)');

const FILE = z.strictObject({ acceptances: z.array(ACCEPTANCE) });

/** Validates a parsed acceptances document. Throws `InputError` naming the file and the first bad field (exit 2). */
export function parseAcceptances(doc: unknown, file: string): Acceptance[] {
  const r = FILE.safeParse(doc);
  if (r.success) return r.data.acceptances;
  const issue = r.error.issues[0];
  const where = issue.path.length > 0 ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : 'document';
  throw new InputError(file, `invalid acceptances file: ${where}: ${issue.message}`);
}

/** True when the acceptance still applies on `today` (YYYY-MM-DD). */
export function isCurrent(a: Acceptance, today: string): boolean {
  return a.expires >= today;
}

/** Matches a finding (`kind: 'rule'`) or a change (`kind: 'change'`) to an acceptance; expired ones are left out. */
export function findAcceptance(list: readonly Acceptance[], item: { kind: 'rule' | 'change'; id: string; resource: string; stack: string }): Acceptance | undefined {
  return list.find((a) => (item.kind === 'rule' ? a.rule === item.id : a.change === item.id) && a.resource === item.resource && (a.stack === undefined || a.stack === item.stack));
}

export function describeAcceptance(a: Acceptance): string {
  return `accepted by ${a.approver} because ${a.reason} (until ${a.expires})`;
}
