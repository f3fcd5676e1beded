/**
 * Finds resource references inside Terraform interpolation strings such as
 * `${aws_kms_key.logs.arn}`, `${data.aws_iam_policy_document.x.json}` or
 * `${element(aws_subnet.a.*.id, 0)}`.
 */

export interface RawRef {
  /** `type.name` or `data.type.name`. */
  address: string;
  /** Referenced attribute (`id`, `arn`, ...), if written. */
  attribute?: string;
}

const NON_RESOURCE_ROOTS = new Set(['var', 'local', 'module', 'each', 'count', 'path', 'terraform', 'self']);
// (data.)?<type>.<name>[index]?.<attr>?  — type must contain an underscore (aws_vpc, random_id, ...).
const REF = /(?<![\w.$-])(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[[^\]]*\])?(?:\.(\*\.)?([A-Za-z_][A-Za-z0-9_]*))?/g;

/** Returns the `${...}` interpolation bodies of a string (handles nested braces and quoted strings). */
export function interpolations(s: string): string[] {
  const out: string[] = [];
  let i = s.indexOf('${');
  while (i !== -1) {
    let depth = 0;
    let j = i + 1;
    let inStr = false;
    for (; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (inStr) {
        if (c === 0x5c) j++;
        else if (c === 0x22) inStr = false;
        continue;
      }
      if (c === 0x22) inStr = true;
      else if (c === 0x7b) depth++;
      else if (c === 0x7d) {
        depth--;
        if (depth === 0) break;
      }
    }
    out.push(s.slice(i + 2, j));
    i = s.indexOf('${', j + 1);
  }
  return out;
}

/**
 * All resource/data references in a string value. Memoized (bounded): a large estate repeats the same interpolation
 * (`${aws_kms_key.logs.arn}`) many times, and loading reads every string once.
 */
export function findRefs(s: string): readonly RawRef[] {
  if (!s.includes('${')) return NO_REFS;
  const known = refsOf.get(s);
  if (known) return known;
  if (refsOf.size >= REFS_LIMIT) refsOf.clear();
  const found = Object.freeze(scanRefs(s));
  refsOf.set(s, found);
  return found;
}

const NO_REFS: readonly RawRef[] = Object.freeze([]);
const REFS_LIMIT = 20_000;
const refsOf = new Map<string, readonly RawRef[]>();

function scanRefs(s: string): RawRef[] {
  const out: RawRef[] = [];
  for (const body of interpolations(s)) {
    REF.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = REF.exec(body)) !== null) {
      const type = m[2];
      if (!m[1] && NON_RESOURCE_ROOTS.has(type)) continue;
      const address = `${m[1] ? 'data.' : ''}${type}.${m[3]}`;
      out.push(Object.freeze(m[5] ? { address, attribute: m[5] } : { address }));
    }
  }
  return out;
}

/** Parses a plan-expression reference (`aws_vpc.main.id`, `data.x.y.json`, `module.m.out`) into address + attribute. */
export function parsePlanRef(ref: string): RawRef | undefined {
  const parts = ref.replace(/\[[^\]]*\]/g, '').split('.');
  if (parts[0] === 'data') {
    if (parts.length < 3) return undefined;
    return parts[3] ? { address: `data.${parts[1]}.${parts[2]}`, attribute: parts[3] } : { address: `data.${parts[1]}.${parts[2]}` };
  }
  if (NON_RESOURCE_ROOTS.has(parts[0]) || parts.length < 2) return undefined;
  return parts[2] ? { address: `${parts[0]}.${parts[1]}`, attribute: parts[2] } : { address: `${parts[0]}.${parts[1]}` };
}
