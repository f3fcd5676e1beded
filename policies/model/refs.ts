/**
 * Finds resource references inside Terraform interpolation strings such as
 * `${aws_kms_key.logs.arn}`, `${data.aws_iam_policy_document.x.json}` or
 * `${element(aws_subnet.a.*.id, 0)}`.
 */

export interface RawRef {
  /**
   * `type.name` or `data.type.name`, with the instance the reference names when it indexes one: `aws_s3_bucket.b[0]`,
   * `aws_s3_bucket.m["x"]`, `aws_s3_bucket.c[count.index]` / `[each.key]` (the referrer's own instance key), or
   * `aws_s3_bucket.c[?]` for an index the reading cannot resolve (`[var.i]`, `[count.index + 1]`). Without an index,
   * or through a splat (`[*]`, `.*`), it names the resource as a whole: every instance. See {@link instanceSuffix}.
   */
  address: string;
  /** Referenced attribute (`id`, `arn`, ...), if written. */
  attribute?: string;
}

const NON_RESOURCE_ROOTS = new Set(['var', 'local', 'module', 'each', 'count', 'path', 'terraform', 'self']);
// (data.)?<type>.<name>[index]?.<attr>?  — type must contain an underscore (aws_vpc, random_id, ...).
const REF = /(?<![\w.$-])(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)(?:\[([^\]]*)\])?(?:\.(\*\.)?([A-Za-z_][A-Za-z0-9_]*))?/g;

/** The index of a reference to the referrer's own instance: `aws_s3_bucket.c[count.index]` in a counted resource. */
export const OWN_COUNT_INDEX = '[count.index]';
/** The index of a reference to the referrer's own instance: `aws_s3_bucket.m[each.key]` in a `for_each` resource. */
export const OWN_EACH_KEY = '[each.key]';
/** The index of a reference whose instance the reading cannot tell (`[var.i]`, `[local.k]`, `[count.index + 1]`). */
export const UNRESOLVED_INDEX = '[?]';
const DECIMAL = /^[0-9]+$/;
/** An index right after a legacy splat's attribute (`aws_subnet.a.*.id[0]`, `[count.index]`). */
const LEGACY_SPLAT_INDEX = /\[([^\]]*)\]/y;
const QUOTED = /^"(?:[^"\\$%]|\\.|[$%](?!\{))*"$/;

/**
 * The address suffix of the instance an index names, as written between the brackets of a reference: `''` for none or a
 * splat (`*`, the resource as a whole), `[0]` / `["x"]` for a literal key (the spelling of Terraform's instance address),
 * {@link OWN_COUNT_INDEX} / {@link OWN_EACH_KEY} for the referrer's own key, else {@link UNRESOLVED_INDEX}: an expression
 * (a variable, a local, arithmetic, a template) names one instance, but which only once evaluated — the loader links
 * every instance, each edge marked as only a candidate (`Edge.unresolvedInstance`).
 */
export function instanceSuffix(index: string | undefined): string {
  if (index === undefined) return '';
  const k = index.trim();
  if (k === '*') return '';
  if (DECIMAL.test(k)) return `[${Number(k)}]`;
  if (k === 'count.index') return OWN_COUNT_INDEX;
  if (k === 'each.key') return OWN_EACH_KEY;
  if (QUOTED.test(k)) {
    try {
      return `[${JSON.stringify(JSON.parse(k) as string)}]`;
    } catch {
      // An HCL escape JSON does not know (`\U0001F600`): not read, so not resolved.
    }
  }
  return UNRESOLVED_INDEX;
}

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

/** `element(aws_subnet.a[*].id, 1)` / `element(aws_subnet.a.*.id, count.index)`: the splat, its attribute, the index. */
const ELEMENT_OF_SPLAT = /\belement\(\s*((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*)(?:\[\s*\*\s*\]|\.\*)\.[A-Za-z_][A-Za-z0-9_]*\s*,([^(),]*)\)/g;

/**
 * Where in an interpolation body `element()` picks one instance of a splat, by the offset of the resource reference
 * inside the call: the instance suffix of its index (as {@link instanceSuffix} reads it). `element` wraps an index past
 * the end around; an index the reference's resource has no instance of is then no instance here, never all of them.
 */
function elementPicks(body: string): Map<number, string> | undefined {
  let out: Map<number, string> | undefined;
  ELEMENT_OF_SPLAT.lastIndex = 0;
  for (let m = ELEMENT_OF_SPLAT.exec(body); m !== null; m = ELEMENT_OF_SPLAT.exec(body)) {
    (out ??= new Map()).set(m.index + m[0].indexOf(m[1], 8), instanceSuffix(m[2]));
  }
  return out;
}

/**
 * `tolist(c[*].id)[1]`, `values(m)[0].id`, `(c.*.id)[0]`: a call or parentheses around the whole resource, then an
 * index, pick one instance the reading cannot tell ({@link UNRESOLVED_INDEX}); `length(c)`, no index after: `''`.
 */
function parenthesisedPick(body: string, at: number): string {
  let j = at;
  while (body.charCodeAt(j) === 0x29 || body.charCodeAt(j) === 0x20) j++;
  return body.charCodeAt(j) === 0x5b ? UNRESOLVED_INDEX : '';
}

function scanRefs(s: string): RawRef[] {
  if (PLAIN_TRAVERSAL.test(s)) return plainTraversalRefs(s);
  const out: RawRef[] = [];
  for (const body of interpolations(s)) {
    const picked = body.includes('element(') ? elementPicks(body) : undefined;
    REF.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = REF.exec(body)) !== null) {
      const type = m[2];
      if (!m[1] && NON_RESOURCE_ROOTS.has(type)) continue;
      const instance = m[4] === undefined ? '' : instanceSuffix(m[4]);
      let address = `${m[1] ? 'data.' : ''}${type}.${m[3]}${instance}`;
      const element = picked?.get(m.index);
      if (element !== undefined) address += element;
      else if (instance === '' && body.charCodeAt(REF.lastIndex) === 0x29) address += parenthesisedPick(body, REF.lastIndex);
      else if (instance === '' && m[5] !== undefined && m[6] !== undefined && body.charCodeAt(REF.lastIndex) === 0x5b) {
        // `c.*.id[2]`: a legacy splat takes only the attributes after it, so the index picks one instance (`c[2].id`).
        LEGACY_SPLAT_INDEX.lastIndex = REF.lastIndex;
        const legacy = LEGACY_SPLAT_INDEX.exec(body);
        if (legacy) address += instanceSuffix(legacy[1]);
      }
      out.push(Object.freeze(m[6] ? { address, attribute: m[6] } : { address }));
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

/** The instance key written right after a plan reference's `type.name` (`[0]`, `["x"]`), brackets included. */
const PLAN_INSTANCE = /^(?:data\.)?[^.[\]]+\.[^.[\]]+(\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\])/;

/**
 * The references of one plan expression (its `references` list), each naming the instance it indexes (see
 * {@link RawRef.address}). Terraform lists a reference with a static index together with its prefixes
 * (`aws_s3_bucket.b[0].id`, `aws_s3_bucket.b[0]`, `aws_s3_bucket.b`): the bare resource right after its instance is
 * that prefix, not a reference to every instance. A dynamic index is not shown: `aws_s3_bucket.c[count.index].id` is
 * listed as `aws_s3_bucket.c` and `count.index`; with the referrer's own `count.index` (`each.key`) in the list, the
 * bare resource is read as its own instance ({@link OWN_COUNT_INDEX}, {@link OWN_EACH_KEY}). The list cannot tell
 * `c[count.index]` from `c[count.index + 1]` or from `c[*].id` beside a `count.index` used for something else; any
 * other bare resource (`c[*].id`, `[for b in c : b.id]`, `c[var.i]`) names the resource as a whole.
 * Module outputs, variables, locals and the like are no resource: left out, as {@link parsePlanRef} does.
 */
export function planExpressionRefs(references: unknown): RawRef[] {
  const out: RawRef[] = [];
  if (!Array.isArray(references)) return out;
  let own = '';
  for (let i = 0; i < references.length; i++) {
    if (references[i] === 'count.index') own = OWN_COUNT_INDEX;
    else if (references[i] === 'each.key' && own === '') own = OWN_EACH_KEY;
  }
  let instanceOf: string | undefined;
  for (let i = 0; i < references.length; i++) {
    const ref = references[i];
    const parsed = typeof ref === 'string' ? parsePlanRef(ref) : undefined;
    if (!parsed) {
      instanceOf = undefined;
      continue;
    }
    let address = parsed.address;
    const instance = ref.includes('[') ? PLAN_INSTANCE.exec(ref) : null;
    if (instance) {
      instanceOf = address;
      address += instance[1];
    } else if (instanceOf === address) {
      instanceOf = undefined;
      continue;
    } else {
      instanceOf = undefined;
      address += own;
    }
    const known = out.find((o) => o.address === address);
    if (!known) out.push(parsed.attribute ? { address, attribute: parsed.attribute } : { address });
    else if (known.attribute === undefined && parsed.attribute) known.attribute = parsed.attribute;
  }
  return out;
}
