/**
 * Evaluates Terraform expressions from the syntax tree HashiCorp's HCL parser returns (`hcl.ts`). What the source
 * alone cannot decide (resource attributes, variables without a value, unsupported functions) evaluates to
 * {@link Unknown}, which the model keeps as the `${...}` interpolation it was written as.
 */
import { callFunction } from './functions';
import type { AstNode } from './hcl';
import { EvalError, hasUnknown, isObjectValue, toBool, toNum, toStr, Unknown, Unsupported, equal, type ObjectValue, type Value } from './value';

/** What names mean where an expression is evaluated. */
export interface Scope {
  /** `var.<name>`: the value, or undefined when the module declares no such variable. */
  variable(name: string): Value | undefined;
  /** `local.<name>` (evaluated on demand). */
  local(name: string): Value | undefined;
  /** `module.<name>`: the call's outputs as an object, or undefined when there is no such call. */
  module(name: string): Value | undefined;
  /** `path.module`, `path.root`, `path.cwd`. */
  path: Record<string, string>;
  /** `terraform.workspace`: the workspace Terraform would select in the root module's directory. */
  workspace: string;
  /** `each`, `count`, dynamic-block iterators and `for` variables bound here. */
  names: ReadonlyMap<string, Value>;
  /** Records why an expression could not be evaluated (shown to the user; never silent). */
  note(expression: string, reason: string): void;
}

export function withNames(scope: Scope, bound: Record<string, Value>): Scope {
  const names = new Map(scope.names);
  for (const [k, v] of Object.entries(bound)) names.set(k, v);
  return { ...scope, names };
}

const ROOTS_KNOWN_AFTER_APPLY = new Set(['self', 'data', 'terraform']);

function text(node: AstNode): string {
  return typeof node.meta?.value === 'string' ? node.meta.value : '';
}

function indexKey(segment: string): string | number {
  if (segment.startsWith('"')) return JSON.parse(segment) as string;
  const n = Number(segment);
  return Number.isInteger(n) ? n : segment;
}

/** Applies `.name` / `[index]` steps to a value (unknown stays unknown). */
function step(value: Value, key: string | number, whole: string): Value {
  if (value instanceof Unknown) return new Unknown(whole);
  if (Array.isArray(value)) {
    const i = typeof key === 'number' ? key : Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= value.length) throw new EvalError(`index ${key} out of range in ${whole}`);
    return value[i];
  }
  if (isObjectValue(value)) {
    if (!(String(key) in value)) throw new EvalError(`no attribute or key "${key}" in ${whole}`);
    return value[String(key)];
  }
  throw new EvalError(`cannot index ${value === null ? 'null' : typeof value} in ${whole}`);
}

function traverse(value: Value, parts: Array<{ segment: string; type: string }>, whole: string): Value {
  let v = value;
  for (const p of parts) v = step(v, p.type === 'indexTraversal' ? indexKey(p.segment) : p.segment, whole);
  return v;
}

type Part = { segment: string; type: string };

function scopeTraversal(node: AstNode, scope: Scope): Value {
  const parts = (node.meta?.traversal ?? []) as Part[];
  const whole = String(node.meta?.fullAccessor ?? text(node));
  const [root, first, ...rest] = parts.map((p) => p.segment);
  if (scope.names.has(root)) return traverse(scope.names.get(root)!, parts.slice(1), whole);
  const named = (kind: string, v: Value | undefined): Value => {
    if (v === undefined) throw new EvalError(`${kind}.${first} is not declared`);
    return traverse(v, parts.slice(2), whole);
  };
  if (root === 'var' && first !== undefined) return named('var', scope.variable(first));
  if (root === 'local' && first !== undefined) return named('local', scope.local(first));
  if (root === 'module' && first !== undefined) {
    // Values crossing a module boundary keep the caller's name for anything unknown inside them.
    const v = named('module', scope.module(first));
    return hasUnknown(v) ? new Unknown(whole) : v;
  }
  if (root === 'path' && first !== undefined && first in scope.path && rest.length === 0) return scope.path[first];
  if (root === 'terraform' && first === 'workspace') return scope.workspace;
  if (ROOTS_KNOWN_AFTER_APPLY.has(root) || parts.length >= 2) return new Unknown(whole); // resource or data attribute
  throw new EvalError(`unknown name ${whole}`);
}

function iterate(collection: Value): Array<[Value, Value]> {
  if (Array.isArray(collection)) return collection.map((v, i) => [i, v]);
  if (isObjectValue(collection)) return Object.keys(collection).sort().map((k) => [k, collection[k]]);
  throw new EvalError('for expression over a value that is not a collection');
}

function forExpression(node: AstNode, scope: Scope): Value {
  const m = node.meta as Record<string, unknown>;
  const isObject = m.openRangeValue === '{';
  const [collectionNode, ...rest] = node.children;
  const keyNode = isObject ? rest.shift() : undefined;
  const valueNode = rest.shift()!;
  const condNode = m.conditionalExpression ? rest.shift() : undefined;
  const collection = evaluate(collectionNode, scope);
  if (collection instanceof Unknown) return new Unknown(text(node));
  const outList: Value[] = [];
  const outMap: Record<string, Value> = {};
  for (const [k, v] of iterate(collection)) {
    const bound = withNames(scope, m.keyVar ? { [String(m.keyVar)]: k, [String(m.valVar)]: v } : { [String(m.valVar)]: v });
    if (condNode) {
      const c = evaluate(condNode, bound);
      if (c instanceof Unknown) return new Unknown(text(node));
      if (!toBool(c)) continue;
    }
    const value = evaluate(valueNode, bound);
    if (!isObject) {
      outList.push(value);
      continue;
    }
    const key = evaluate(keyNode!, bound);
    if (key instanceof Unknown) return new Unknown(text(node));
    const ks = toStr(key);
    if (m.groupedValue) ((outMap[ks] ??= []) as Value[]).push(value);
    else if (ks in outMap) throw new EvalError(`duplicate key "${ks}" in for expression`);
    else outMap[ks] = value;
  }
  return isObject ? outMap : outList;
}

function objectExpression(node: AstNode, scope: Scope): Value {
  const items = Object.entries((node.meta?.items ?? {}) as Record<string, string>);
  const used = new Set<number>();
  const out: ObjectValue = {};
  for (let i = 0; i + 1 < node.children.length; i += 2) {
    const keyNode = node.children[i];
    const valueNode = node.children[i + 1];
    let key: string;
    if (keyNode.children.length === 0) {
      // A bare identifier key: the parser gives its name only in `items` (key text → value text). Equal value texts
      // give equal values, so taking the first unused bare key with this value text yields the same object.
      const at = items.findIndex(([k, v], j) => !used.has(j) && /^[A-Za-z_][\w-]*$/.test(k) && v === text(valueNode));
      if (at < 0) throw new Unsupported('object key not recognised');
      used.add(at);
      key = items[at][0];
    } else {
      const inner = keyNode.children[0].type === '' ? keyNode.children[0].children[0] : keyNode.children[0];
      const k = evaluate(inner, scope);
      if (k instanceof Unknown) return new Unknown(text(node));
      key = toStr(k);
    }
    out[key] = evaluate(valueNode, scope);
  }
  return out;
}

function binary(op: string, l: Value, r: Value): Value {
  switch (op) {
    case 'equal': return equal(l, r);
    case 'notEqual': return !equal(l, r);
    case 'logicalAnd': return toBool(l) && toBool(r);
    case 'logicalOr': return toBool(l) || toBool(r);
    case 'add': return toNum(l) + toNum(r);
    case 'subtract': return toNum(l) - toNum(r);
    case 'multiply': return toNum(l) * toNum(r);
    case 'divide': return toNum(l) / toNum(r);
    case 'modulo': return toNum(l) % toNum(r);
    case 'lessThan': return toNum(l) < toNum(r);
    case 'lessThanOrEqual': return toNum(l) <= toNum(r);
    case 'greaterThan': return toNum(l) > toNum(r);
    case 'greaterThanOrEqual': return toNum(l) >= toNum(r);
    default: throw new Unsupported(`operator ${op}`);
  }
}

function call(node: AstNode, scope: Scope): Value {
  const name = String(node.meta?.name ?? '');
  if (name === 'try' || name === 'can') {
    for (const arg of node.children) {
      try {
        const v = evaluate(arg, scope);
        return name === 'can' ? (hasUnknown(v) ? new Unknown(text(node)) : true) : v;
      } catch (e) {
        if (e instanceof Unsupported || !(e instanceof EvalError)) throw e;
      }
    }
    if (name === 'can') return false;
    throw new EvalError('try: no argument could be evaluated');
  }
  let args = node.children.map((c) => evaluate(c, scope));
  if (node.meta?.expandedFinalArgument === true && args.length > 0) {
    const last = args[args.length - 1];
    if (last instanceof Unknown) return new Unknown(text(node));
    if (!Array.isArray(last)) throw new EvalError(`${name}: only a list can be expanded`);
    args = [...args.slice(0, -1), ...last];
  }
  return callFunction(name, args, text(node));
}

/** Evaluates one syntax-tree node. Throws {@link EvalError} where Terraform would fail. */
export function evaluate(node: AstNode, scope: Scope, anon?: Value): Value {
  const m = node.meta ?? {};
  switch (node.type) {
    case 'literalValue':
      if (m.type === 'number') return Number(m.value);
      if (m.type === 'bool') return m.value === 'true';
      if (m.type === 'string') return String(m.value);
      return null;
    case 'templateWrap':
      return evaluate(node.children[0], scope, anon);
    case 'template': {
      const parts = node.children.map((c) => evaluate(c, scope, anon));
      if (parts.some((p) => p instanceof Unknown)) return new Unknown(text(node));
      return parts.map(toStr).join('');
    }
    case 'scopeTraversal':
      return scopeTraversal(node, scope);
    case 'relativeTraversal': {
      const source = node.children[0]?.type === '' ? anon : evaluate(node.children[0], scope, anon);
      if (source === undefined) throw new Unsupported('traversal without a source');
      return traverse(source, (m.traversal ?? []) as Part[], text(node));
    }
    case 'splat': {
      const source = evaluate(node.children[0], scope, anon);
      if (source instanceof Unknown) return new Unknown(text(node));
      const elements = source === null ? [] : Array.isArray(source) ? source : [source];
      return elements.map((e) => (node.children[1] ? evaluate(node.children[1], scope, e) : e));
    }
    case 'index': {
      const [collection, key] = node.children.map((c) => evaluate(c, scope, anon));
      if (key instanceof Unknown) return new Unknown(text(node));
      return step(collection, typeof key === 'number' ? key : toStr(key), text(node));
    }
    case 'tuple':
      return node.children.map((c) => evaluate(c, scope, anon));
    case 'object':
      return objectExpression(node, scope);
    case 'for':
      return forExpression(node, scope);
    case 'function':
      return call(node, scope);
    case 'conditional': {
      const c = evaluate(node.children[0], scope, anon);
      if (c instanceof Unknown) return new Unknown(text(node));
      return evaluate(node.children[toBool(c) ? 1 : 2], scope, anon);
    }
    case 'unaryOp': {
      const v = evaluate(node.children[0], scope, anon);
      if (v instanceof Unknown) return new Unknown(text(node));
      if (m.operator === 'negate') return -toNum(v);
      if (m.operator === 'logicalNot') return !toBool(v);
      throw new Unsupported(`operator ${String(m.operator)}`);
    }
    case 'binaryOp': {
      const [l, r] = node.children.map((c) => evaluate(c, scope, anon));
      if (l instanceof Unknown || r instanceof Unknown) return new Unknown(text(node));
      return binary(String(m.operator), l, r);
    }
    default:
      throw new Unsupported(`expression kind "${node.type || 'unnamed'}"`);
  }
}

/**
 * Evaluates a template string as written in Terraform JSON (or converted from HCL). Never throws: what cannot be
 * evaluated is {@link Unknown} and, unless it is merely known after apply, noted with its reason.
 */
export function evaluateTemplate(source: string, ast: AstNode | undefined, parseError: string | undefined, scope: Scope): Value {
  // Kept exactly as written when it cannot be evaluated: the model then sees the references it names.
  const asWritten = new Unknown(source.replace(/^\$\{([\s\S]*)\}$/, '$1'), source);
  if (!ast) {
    scope.note(source, `cannot be parsed (${parseError ?? 'no syntax tree'})`);
    return asWritten;
  }
  try {
    const v = evaluate(ast, scope);
    return v instanceof Unknown && ast.type === 'template' ? asWritten : v;
  } catch (e) {
    if (!(e instanceof EvalError)) throw e;
    scope.note(source, e.message);
    return asWritten;
  }
}
