import type { Resource } from '../model/types';
import { blocks, isObject } from '../model/values';
import { fail, notApplicable, pass, type Rule, type RuleResult } from './types';

const ACCESS_KEY = /\b(AKIA|ASIA)[0-9A-Z]{16}\b/;
const PRIVATE_KEY = /-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/;
/** `password=hunter2`, `api_key: "abc…"` — a literal value, not a variable (`$VAR`), a lookup or an empty string. */
const ASSIGNMENT = /\b(password|passwd|pwd|secret|api[_-]?key|access[_-]?key|secret[_-]?key|auth[_-]?token|token)\b\s*[=:]\s*["']?(?![$"'{<\s])([^\s"'`;]{4,})/i;
/** Output attributes that are secret material. */
/**
 * An expression that reads a file of the repository when Terraform runs (`file("deploy.key")`, `templatefile(…)`):
 * the content is code like any other, but this input does not show it.
 */
export const READS_FILE = /\$\{[^]*?\b(?:file|filebase64|templatefile)\s*\(/;

/** A reference to a resource attribute that holds a secret (`${aws_iam_access_key.ci.secret}`). */
export const SECRET_ATTRIBUTES = /\.(secret_string|secret_binary|password|master_password|secret|private_key|private_key_pem|secret_access_key|ses_smtp_password_v4|token|auth_token)\}/;

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

/** A random-looking token: ≥ 32 base64 characters mixing cases and digits with entropy > 4.5 bits/char (hex digests stay below 4). */
function highEntropyToken(text: string): string | undefined {
  // Base64 padding only at the end: `Name=…` must not glue a tag key to its value into one token.
  for (const t of text.match(/[A-Za-z0-9+/_-]{32,}={0,2}/g) ?? []) {
    if (/[a-z]/.test(t) && /[A-Z]/.test(t) && /\d/.test(t) && entropy(t) > 4.5) return t;
  }
  return undefined;
}

/** What looks like a secret in `text` (interpolations removed first), described without echoing it. */
export function secretIn(text: string): string | undefined {
  // Tag values and user data repeat across an estate: scan each distinct text once.
  if (scanned.has(text)) return scanned.get(text);
  if (scanned.size >= SCANNED_LIMIT) scanned.clear();
  const what = scan(text);
  scanned.set(text, what);
  return what;
}

/**
 * What every detector needs somewhere in the text: an access key prefix, a private key header, an assignment keyword
 * (password, passwd, pwd, secret, api/access/secret key, auth token, token) or a 32-character token run. Removing
 * interpolations cannot create any of these, and none spans the `=` of `key=value`, so a tag whose key and value both
 * lack them holds no secret.
 */
const SECRET_WORD = /akia|asia|private key|pass|pwd|secret|key|token/i;
/** Tested apart, and only on long enough texts: as one more alternative it made the pre-filter 5× slower. */
const TOKEN_RUN = /[A-Za-z0-9+/_-]{32}/;

function mayHoldSecret(text: string): boolean {
  return SECRET_WORD.test(text) || (text.length >= 32 && TOKEN_RUN.test(text));
}

/** {@link secretIn} of the tag text `key=value`, without building that text for the many tags that cannot match. */
export function secretInTag(key: string, value: string): string | undefined {
  if (!mayHoldSecret(key) && !mayHoldSecret(value)) return undefined;
  return secretIn(`${key}=${value}`);
}

const SCANNED_LIMIT = 10_000;
const scanned = new Map<string, string | undefined>();

function scan(text: string): string | undefined {
  const literal = text.replace(/\$\{[^}]*\}/g, ' ');
  if (ACCESS_KEY.test(literal)) return 'an AWS access key id (AKIA…/ASIA…)';
  if (PRIVATE_KEY.test(literal)) return 'a private key';
  const a = ASSIGNMENT.exec(literal);
  if (a) return `a literal ${a[1].toLowerCase()} assignment`;
  if (highEntropyToken(literal)) return 'a high-entropy token';
  return undefined;
}


/**
 * Source: CSA CCM DSP-17 / DSP-10. Claims no checkov check: CKV_AWS_46 inspects user data, which is PAL-EC2-005's
 * (this rule reads tags and outputs only, so it would catch none of that check's cases).
 */
export const secretsNotExposed: Rule = {
  id: 'PAL-SECRET-001',
  title: 'No secrets in tags or outputs (access keys, private keys, password= assignments, high-entropy tokens); user data is PAL-EC2-005.',
  rationale: 'User data, tags and outputs are readable by anyone with describe rights, end up in state, logs and CI output, and are never rotated; secrets belong in Secrets Manager, read at runtime.',
  severity: 'critical',
  routine: 'passwords',
  controls: { checkov: [], fsbp: [], cis: [], ccm: ['DSP-17', 'DSP-10', 'IAM-15'] },
  fixHint: 'Store the value in Secrets Manager (Palisade: ApplicationSecret) and read it at runtime by ARN; never put it in user_data, tags or outputs.',
  evaluate(model) {
    const out: RuleResult[] = [];
    const checked: Resource[] = [];
    // Indexed loops: this reads every resource once, in cold code where `for…of` allocates a step per element.
    for (let i = 0; i < model.resources.length; i++) {
      const r = model.resources[i];
      if (r.mode !== 'managed') continue;
      const { tags, tags_all: tagsAll } = r.values;
      if (tags === undefined && tagsAll === undefined) continue; // most resources of an estate: no array, no call
      const found: string[] = [];
      const tagBlocks = blocks(tags).concat(blocks(tagsAll));
      for (let j = 0; j < tagBlocks.length; j++) {
        const t = tagBlocks[j];
        for (const k in t) {
          const v = t[k];
          const what = typeof v === 'string' ? secretInTag(k, v) : undefined;
          if (what) found.push(`tag ${k} contains ${what}`);
        }
      }
      if (tags !== undefined) checked.push(r);
      if (found.length > 0) out.push(fail(r, `${r.address}: ${found.join('; ')}.`));
    }
    for (const stack of model.stacks) {
      for (const [name, value] of Object.entries(stack.outputs ?? {})) {
        const text = typeof value === 'string' ? value : isObject(value) || Array.isArray(value) ? JSON.stringify(value) : '';
        const what = secretIn(text) ?? (SECRET_ATTRIBUTES.test(text) ? 'a reference to a secret attribute' : undefined);
        const where = { stack: stack.name, resource: `output.${name}`, file: stack.displayFile, jsonPath: `output.${name}` };
        if (what) out.push({ ...where, status: 'non-compliant', message: `Output ${name} exposes ${what}.` });
        else if (READS_FILE.test(text)) out.push({ ...where, status: 'unproven', message: `Whether output ${name} holds a secret cannot be shown: it reads a file (${text}) this input does not include.` });
        else out.push({ ...where, status: 'compliant', message: `Output ${name} holds no secret.` });
      }
    }
    if (out.length === 0) {
      if (checked.length === 0) return [notApplicable('No tags or outputs in scope.')];
      return [pass(checked[0], `No secret-looking value in the tags of ${checked.length} resource(s).`)];
    }
    return out;
  },
};
