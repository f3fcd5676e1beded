/**
 * The IAM normal form: one shape for a policy statement however it was written — a JSON string, a JSON object,
 * `jsonencode({...})` rendered by cdktf, a single-object `Statement`, string-or-array fields, or an
 * `aws_iam_policy_document` data source (`statement` blocks, source/override documents).
 */
import type { Model } from '../model/model';
import type { Resource } from '../model/types';
import { asString, blocks, isObject, isToken, list, strings, type Obj } from '../model/values';
import { jsonencodeArgument } from './jsonencode';

/**
 * Who a statement names. `*` (kind and id) is "Principal": "*"; `{"AWS": "*"}` is kind `AWS`, id `*`. Statements and
 * everything in them are read-only: one statement object serves every holder of the same policy text.
 */
export interface Principal {
  readonly kind: 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*';
  readonly id: string;
}

/** One condition test: `operator` (e.g. `StringEquals`, `ArnLike`, `ForAnyValue:StringLike`), key and values. */
export interface Condition {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** A list element that may be negated (`NotAction`, `NotResource`, `NotPrincipal`). */
export interface Matched<T> {
  readonly negated: boolean;
  readonly values: readonly T[];
}

export interface Statement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: Matched<string>;
  /** Absent in trust policies. */
  readonly resources?: Matched<string>;
  /** Absent in identity policies. */
  readonly principals?: Matched<Principal>;
  readonly conditions: readonly Condition[];
  /** Where the statement was written, for messages: `statement "Sid"` or `statement #2`, with the data source if any. */
  readonly origin: string;
}

/**
 * A policy read statically, or the reason it cannot be read before apply. Its statements are shared by every holder of
 * the same policy text in a model (see {@link readPolicyValue}): read them, never change them.
 */
export type PolicyDocument =
  | { readable: true; statements: readonly Statement[] }
  | { readable: false; reason: string };

const PRINCIPAL_KINDS = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

function label(sid: string | undefined, index: number, where?: string): string {
  const s = sid ? `statement "${sid}"` : `statement #${index}`;
  return where ? `${where} ${s}` : s;
}

function asStrings(v: unknown): string[] {
  const values = list(v);
  const out = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = String(values[i]);
  return out;
}

// The JSON readers below use plain loops (for…in over own members, in Object.entries order) rather than
// entries/flatMap/map chains: every policy of an estate goes through them, mostly as cold code, where each chain
// allocates its pairs and intermediate arrays.

function principalsOfJson(p: unknown): Principal[] {
  if (p === '*') return [{ kind: '*', id: '*' }];
  if (!isObject(p)) return strings(p).map((id) => ({ kind: 'AWS', id }));
  const out: Principal[] = [];
  for (const kind in p) {
    if (!Object.hasOwn(p, kind)) continue;
    const k = (PRINCIPAL_KINDS.has(kind) ? kind : 'AWS') as Principal['kind'];
    const ids = list(p[kind]);
    for (let i = 0; i < ids.length; i++) out.push({ kind: k, id: String(ids[i]) });
  }
  return out;
}

function conditionsOfJson(c: unknown): Condition[] {
  if (!isObject(c)) return [];
  const out: Condition[] = [];
  for (const operator in c) {
    if (!Object.hasOwn(c, operator)) continue;
    const body = c[operator];
    if (!isObject(body)) continue;
    for (const key in body) {
      if (Object.hasOwn(body, key)) out.push({ operator, key, values: asStrings(body[key]) });
    }
  }
  return out;
}

function matched<T>(positive: unknown, negative: unknown, map: (v: unknown) => T[]): Matched<T> | undefined {
  if (positive !== undefined && positive !== null) return { negated: false, values: map(positive) };
  if (negative !== undefined && negative !== null) return { negated: true, values: map(negative) };
  return undefined;
}

/** Statements of a JSON policy document (object form), `Statement` as a list or a single object. */
export function statementsOfJson(doc: unknown, where?: string): Statement[] | undefined {
  if (!isObject(doc)) return undefined;
  const out: Statement[] = [];
  const all = list(doc.Statement);
  for (let i = 0; i < all.length; i++) {
    const st = all[i];
    if (!isObject(st)) continue;
    const sid = asString(st.Sid);
    out.push({
      sid,
      effect: String(st.Effect) === 'Deny' ? 'Deny' : 'Allow',
      actions: matched(st.Action, st.NotAction, asStrings) ?? { negated: false, values: [] },
      resources: matched(st.Resource, st.NotResource, asStrings),
      principals: matched(st.Principal, st.NotPrincipal, principalsOfJson),
      conditions: conditionsOfJson(st.Condition),
      origin: label(sid, i, where),
    });
  }
  return out;
}

function principalsOfBlocks(v: unknown): Principal[] {
  return blocks(v).flatMap((p) => {
    const kind = String(p.type ?? '');
    return strings(p.identifiers).map((id) => (kind === '*' ? { kind: '*' as const, id: '*' } : { kind: (PRINCIPAL_KINDS.has(kind) ? kind : 'AWS') as Principal['kind'], id }));
  });
}

function blockList<T>(st: Obj, positive: string, negative: string, map: (v: unknown) => T[]): Matched<T> | undefined {
  const has = (k: string) => st[k] !== undefined && st[k] !== null && !(Array.isArray(st[k]) && (st[k] as unknown[]).length === 0);
  if (has(positive)) return { negated: false, values: map(st[positive]) };
  if (has(negative)) return { negated: true, values: map(st[negative]) };
  return undefined;
}

/** Statements of one `aws_iam_policy_document` data source's own `statement` blocks. */
function ownStatements(data: Resource): Statement[] {
  return blocks(data.values.statement).map((st, i) => {
    const sid = asString(st.sid);
    return {
      sid,
      effect: String(st.effect) === 'Deny' ? 'Deny' : 'Allow',
      actions: blockList(st, 'actions', 'not_actions', strings) ?? { negated: false, values: [] },
      resources: blockList(st, 'resources', 'not_resources', strings),
      principals: blockList(st, 'principals', 'not_principals', principalsOfBlocks),
      conditions: blocks(st.condition).map((c) => ({ operator: String(c.test ?? ''), key: String(c.variable ?? ''), values: list(c.values).map(String) })),
      origin: label(sid, i, data.address),
    };
  });
}

/**
 * Statements of an `aws_iam_policy_document`, merged the way the provider does: source documents first, then the
 * document's own statements, then override documents; a later statement replaces an earlier one with the same Sid.
 */
export function documentStatements(model: Model, data: Resource, seen = new Set<Resource>()): PolicyDocument {
  if (seen.has(data)) return { readable: false, reason: `${data.address} includes itself through source/override documents` };
  seen.add(data);
  const merged: Statement[] = [];
  const add = (sts: readonly Statement[]) => {
    for (const s of sts) {
      const same = s.sid ? merged.findIndex((m) => m.sid === s.sid) : -1;
      if (same >= 0) merged[same] = s;
      else merged.push(s);
    }
  };
  const included = (attrs: string[]): PolicyDocument | undefined => {
    for (const attr of attrs) {
      for (const v of list(data.values[attr])) {
        const doc = readPolicyValue(model, data, attr, v);
        if (!doc.readable) return { readable: false, reason: `${data.address} ${attr}: ${doc.reason}` };
        add(doc.statements);
      }
    }
    return undefined;
  };
  const src = included(['source_policy_documents', 'source_json']);
  if (src) return src;
  // A `dynamic "statement"` over values known only after apply: the plan holds no statement blocks at all.
  if (isToken(data.values.statement)) return { readable: false, reason: `cannot be shown at plan time because the statements of ${data.address} are known only after apply` };
  add(ownStatements(data));
  const over = included(['override_policy_documents', 'override_json']);
  return over ?? { readable: true, statements: merged };
}

/**
 * The statements of a JSON policy text, or undefined when it is not JSON. Read once per text and model: an estate
 * repeats the same policy on many holders (649 distinct of the 1,323 policy texts of the 10k bench estate), and what a
 * text says depends on the text alone. Kept with the model, so it goes when the model goes and holds no more than
 * the model's own texts. Interpolations inside JSON string values (ARNs known after apply) do not stop it from parsing.
 */
function statementsOfJsonText(model: Model, text: string): readonly Statement[] | undefined {
  let known = statementsByText.get(model);
  if (!known) statementsByText.set(model, (known = new Map()));
  if (known.has(text)) return known.get(text);
  let statements: Statement[] | undefined;
  try {
    statements = statementsOfJson(JSON.parse(text)) ?? [];
  } catch {
    statements = undefined;
  }
  known.set(text, statements);
  return statements;
}

const statementsByText = new WeakMap<Model, Map<string, readonly Statement[] | undefined>>();

// In a plan, a document of a module instance is named with its module address (`module.logs.data.aws_iam_policy_document.x`).
const DOCUMENT_REF = /^\$\{(?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\.(json|minified_json)\}$/;

/** Reads one policy value held in `holder.values[attribute]` (or an element of it). */
export function readPolicyValue(model: Model, holder: Resource, attribute: string, value: unknown): PolicyDocument {
  if (value === undefined || value === null || value === '') return { readable: true, statements: [] };
  if (isObject(value)) return { readable: true, statements: statementsOfJson(value) ?? [] };
  if (typeof value !== 'string') return { readable: false, reason: `the ${attribute} is a ${Array.isArray(value) ? 'list' : typeof value}, not a policy document` };
  const text = value.trim();
  if (text.startsWith('{')) {
    const statements = statementsOfJsonText(model, text);
    return statements ? { readable: true, statements } : { readable: false, reason: `the ${attribute} is not valid JSON` };
  }
  const docRef = DOCUMENT_REF.exec(text);
  if (docRef) {
    const target = model.targets(holder, attribute, 'data.aws_iam_policy_document').find((d) => d.name === docRef[1] || d.address.startsWith(`data.aws_iam_policy_document.${docRef[1]}`));
    if (!target) return { readable: false, reason: `cannot be shown at plan time because the policy document data.aws_iam_policy_document.${docRef[1]} is not in this input (a plan reads it only at apply)` };
    return documentStatements(model, target);
  }
  const encoded = jsonencodeArgument(text);
  if (encoded !== undefined) {
    const doc = encoded === null ? undefined : statementsOfJson(encoded);
    if (doc) return { readable: true, statements: doc };
    return { readable: false, reason: `cannot be shown at plan time because the jsonencode(...) argument of the ${attribute} uses expressions (references outside strings, functions, for-expressions) that are evaluated only by Terraform` };
  }
  if (isToken(text)) return { readable: false, reason: `cannot be shown at plan time because the ${attribute} is only known after apply (${text.length > 80 ? `${text.slice(0, 77)}...` : text})` };
  return { readable: false, reason: `the ${attribute} is not a policy document` };
}

/** Reads `holder.values[attribute]` as a policy. */
export function readPolicy(model: Model, holder: Resource, attribute = 'policy'): PolicyDocument {
  return readPolicyValue(model, holder, attribute, holder.values[attribute]);
}

/** True when the attribute holds anything (a policy to read). */
export function hasPolicy(holder: Resource, attribute = 'policy'): boolean {
  const v = holder.values[attribute];
  return v !== undefined && v !== null && v !== '';
}
