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

/** The characters that can end an interpolation body or change how it is read: braces, quotes, escapes. */
const BODY_SYNTAX = /[{}"\\]/g;

/**
 * Returns the `${...}` interpolation bodies of a string (handles nested braces and quoted strings). Jumps from one
 * brace, quote or backslash to the next with a regular expression instead of reading every character in a loop
 * nested in the loop over interpolations: V8 13 compiled that inner loop on the stack and threw the code away each time
 * it ended (253 deoptimisations in one 10k-resource check on Node 24).
 */
export function interpolations(s: string): string[] {
  const out: string[] = [];
  let i = s.indexOf('${');
  while (i !== -1) {
    let depth = 0;
    let inString = false;
    let end = s.length;
    BODY_SYNTAX.lastIndex = i + 1;
    for (let m = BODY_SYNTAX.exec(s); m !== null; m = BODY_SYNTAX.exec(s)) {
      const c = s.charCodeAt(m.index);
      if (inString) {
        if (c === 0x5c) BODY_SYNTAX.lastIndex = m.index + 2;
        else if (c === 0x22) inString = false;
      } else if (c === 0x22) inString = true;
      else if (c === 0x7b) depth++;
      else if (c === 0x7d && --depth === 0) {
        end = m.index;
        break;
      }
    }
    out.push(s.slice(i + 2, end));
    i = s.indexOf('${', end + 1);
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

/** A string that is one plain traversal and nothing else: `${aws_vpc.main.id}`, `${data.x.y.json}` (no index, splat, call or operator). */
const PLAIN_TRAVERSAL = /^\$\{[A-Za-z0-9_.-]+\}$/;
const TYPE_PART = /^[a-z][a-z0-9]*_[a-z0-9_]+$/;
const NAME_PART = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const ATTRIBUTE_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * {@link REF}'s answer for a plain traversal, read part by part: nine in ten interpolations of an estate are one, and
 * reading them without the brace walk and the general pattern saved 3–5 ms of a 10k-resource check. The answer is the
 * same (tested against the general reading): in a dotted chain REF can match only at the first part (every later position follows a word
 * character, `.` or `-`), a type or name is a whole part, and the attribute is the leading word of the part after it.
 */
function plainTraversalRefs(s: string): RawRef[] {
  const close = s.length - 1;
  const partEnd = (from: number) => {
    const dot = s.indexOf('.', from);
    return dot === -1 ? close : dot;
  };
  let typeStart = 2;
  let typeEnd = partEnd(typeStart);
  let data = false;
  if (typeEnd === 6 && s.startsWith('data', 2)) {
    const dataTypeEnd = partEnd(7);
    if (dataTypeEnd < close && TYPE_PART.test(s.slice(7, dataTypeEnd)) && NAME_PART.test(s.slice(dataTypeEnd + 1, partEnd(dataTypeEnd + 1)))) {
      data = true;
      typeStart = 7;
      typeEnd = dataTypeEnd;
    }
  }
  if (typeEnd === close) return [];
  const type = s.slice(typeStart, typeEnd);
  const nameEnd = partEnd(typeEnd + 1);
  const name = s.slice(typeEnd + 1, nameEnd);
  if (!TYPE_PART.test(type) || !NAME_PART.test(name) || (!data && NON_RESOURCE_ROOTS.has(type))) return [];
  const address = data ? `data.${type}.${name}` : `${type}.${name}`;
  const attribute = nameEnd < close ? ATTRIBUTE_PREFIX.exec(s.slice(nameEnd + 1, partEnd(nameEnd + 1)))?.[0] : undefined;
  return [Object.freeze(attribute ? { address, attribute } : { address })];
}

function scanRefs(s: string): RawRef[] {
  if (PLAIN_TRAVERSAL.test(s)) return plainTraversalRefs(s);
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
