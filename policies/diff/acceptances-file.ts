import { z } from 'zod';
import { InputError } from '../model/errors';
import { isIsoDate } from '../suppression-format';
import type { Acceptance } from './acceptances';
import type { ChangeCategory } from './types';

/*
 * The acceptances file's schema, apart from the matching in acceptances.ts: the diff engine needs only the matching,
 * and the schema library is a large share of the CLI's start-up, so `palisade diff` loads this file only with --accept.
 */

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

