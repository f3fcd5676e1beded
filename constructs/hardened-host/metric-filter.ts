/**
 * CloudWatch Logs metric filters over the antivirus JSON event log, plus a
 * small evaluator for the subset of the CloudWatch JSON filter-pattern
 * syntax that these patterns use, so tests can prove that the real log line
 * written by the real scan script matches the pattern the construct deploys.
 *
 * Supported pattern subset (anything else throws, it is never guessed):
 *   { <expr> }
 *   expr     := or
 *   or       := and ( "||" and )*
 *   and      := primary ( "&&" primary )*
 *   primary  := "(" expr ")" | selector op value
 *   selector := "$" ( "." identifier | "[" digits "]" )*
 *   op       := "=" | "!=" | "<" | "<=" | ">" | ">="
 *   value    := "double-quoted string" (a "*" is a wildcard, = and != only)
 *             | number | bare word (letters, digits, "_", "-", ".")
 * Semantics (as documented by CloudWatch Logs): a line that is not a JSON
 * object never matches; a selector that resolves to nothing makes its
 * comparison false; strings compare with = / != only, numbers with all ops.
 */
import type { CloudwatchLogMetricFilterConfig } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';

export const AV_METRIC_NAMESPACE = 'Palisade/HardenedHost';
export const AV_DETECTION_METRIC_NAME = 'AntivirusDetections';
export const AV_SCAN_ERROR_METRIC_NAME = 'AntivirusScanErrors';
export const AV_SELFCHECK_FAILURE_METRIC_NAME = 'AntivirusSelfCheckFailures';

/** Matches every `{"event":"detection",...}` line written by palisade-av-scan.sh. */
export const AV_DETECTION_FILTER_PATTERN = '{ $.event = "detection" }';
/** Matches `{"event":"scan_error",...}` lines. */
export const AV_SCAN_ERROR_FILTER_PATTERN = '{ $.event = "scan_error" }';
/** Matches failed `{"event":"selfcheck","status":"fail",...}` lines from palisade-av-selfcheck.sh. */
export const AV_SELFCHECK_FAILURE_FILTER_PATTERN = '{ ($.event = "selfcheck") && ($.status = "fail") }';

function filter(
  id: string,
  logGroupName: string,
  pattern: string,
  metricName: string,
): CloudwatchLogMetricFilterConfig {
  return {
    name: `palisade-av-${id}`,
    logGroupName,
    pattern,
    metricTransformation: {
      name: metricName,
      namespace: AV_METRIC_NAMESPACE,
      value: '1',
      defaultValue: '0',
      unit: 'Count',
    },
  };
}

/** Config for `new CloudwatchLogMetricFilter(scope, id, avDetectionMetricFilter(logGroup.name))`. */
export function avDetectionMetricFilter(logGroupName: string): CloudwatchLogMetricFilterConfig {
  return filter('detections', logGroupName, AV_DETECTION_FILTER_PATTERN, AV_DETECTION_METRIC_NAME);
}

export function avScanErrorMetricFilter(logGroupName: string): CloudwatchLogMetricFilterConfig {
  return filter('scan-errors', logGroupName, AV_SCAN_ERROR_FILTER_PATTERN, AV_SCAN_ERROR_METRIC_NAME);
}

export function avSelfCheckFailureMetricFilter(logGroupName: string): CloudwatchLogMetricFilterConfig {
  return filter('selfcheck-failures', logGroupName, AV_SELFCHECK_FAILURE_FILTER_PATTERN, AV_SELFCHECK_FAILURE_METRIC_NAME);
}

// ------------------------------------------------------------ evaluator

type Token =
  | { kind: 'punct'; text: '{' | '}' | '(' | ')' | '&&' | '||' }
  | { kind: 'op'; text: '=' | '!=' | '<' | '<=' | '>' | '>=' }
  | { kind: 'selector'; path: (string | number)[] }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'word'; value: string };

type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'cmp'; path: (string | number)[]; op: string; value: { kind: 'string' | 'number'; value: string | number } };

export class FilterPatternError extends Error {}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (msg: string): never => {
    throw new FilterPatternError(`${msg} at offset ${i} in filter pattern ${JSON.stringify(pattern)}`);
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (/\s/.test(c)) {
      i++;
    } else if ('{}()'.includes(c)) {
      tokens.push({ kind: 'punct', text: c as '{' });
      i++;
    } else if (pattern.startsWith('&&', i) || pattern.startsWith('||', i)) {
      tokens.push({ kind: 'punct', text: pattern.slice(i, i + 2) as '&&' });
      i += 2;
    } else if (pattern.startsWith('!=', i) || pattern.startsWith('<=', i) || pattern.startsWith('>=', i)) {
      tokens.push({ kind: 'op', text: pattern.slice(i, i + 2) as '!=' });
      i += 2;
    } else if ('=<>'.includes(c)) {
      tokens.push({ kind: 'op', text: c as '=' });
      i++;
    } else if (c === '$') {
      i++;
      const path: (string | number)[] = [];
      for (;;) {
        const m = /^\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(pattern.slice(i)) ?? /^\[(\d+)\]/.exec(pattern.slice(i));
        if (!m) break;
        path.push(m[0].startsWith('[') ? Number(m[1]) : m[1]);
        i += m[0].length;
      }
      if (path.length === 0) fail('expected ".field" or "[index]" after "$"');
      tokens.push({ kind: 'selector', path });
    } else if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < pattern.length && pattern[j] !== '"') {
        if (pattern[j] === '\\' && j + 1 < pattern.length) j++;
        value += pattern[j];
        j++;
      }
      if (j >= pattern.length) fail('unterminated string');
      tokens.push({ kind: 'string', value });
      i = j + 1;
    } else {
      const m = /^-?\d+(\.\d+)?(?![A-Za-z_])/.exec(pattern.slice(i));
      if (m) {
        tokens.push({ kind: 'number', value: Number(m[0]) });
        i += m[0].length;
        continue;
      }
      const w = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(pattern.slice(i));
      if (!w) fail(`unexpected character ${JSON.stringify(c)}`);
      if (/^(IS|NOT|EXISTS|NULL|TRUE|FALSE)$/.test(w![0])) fail(`unsupported keyword ${w![0]}`);
      tokens.push({ kind: 'word', value: w![0] });
      i += w![0].length;
    }
  }
  return tokens;
}

function parse(pattern: string): Node {
  const tokens = tokenize(pattern);
  let pos = 0;
  const fail = (msg: string): never => {
    throw new FilterPatternError(`${msg} (token ${pos}) in filter pattern ${JSON.stringify(pattern)}`);
  };
  const peek = () => tokens[pos];
  const expectPunct = (text: string) => {
    const t = tokens[pos];
    if (!t || t.kind !== 'punct' || t.text !== text) fail(`expected "${text}"`);
    pos++;
  };
  const parseOr = (): Node => {
    let left = parseAnd();
    while (peek()?.kind === 'punct' && (peek() as { text: string }).text === '||') {
      pos++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Node => {
    let left = parsePrimary();
    while (peek()?.kind === 'punct' && (peek() as { text: string }).text === '&&') {
      pos++;
      left = { kind: 'and', left, right: parsePrimary() };
    }
    return left;
  };
  const parsePrimary = (): Node => {
    const t = peek();
    if (t?.kind === 'punct' && t.text === '(') {
      pos++;
      const inner = parseOr();
      expectPunct(')');
      return inner;
    }
    if (t?.kind !== 'selector') return fail('expected a "$." selector or "("');
    pos++;
    const op = peek();
    if (op?.kind !== 'op') return fail('expected a comparison operator');
    pos++;
    const v = peek();
    pos++;
    if (v?.kind === 'string' || v?.kind === 'word') {
      if (op.text !== '=' && op.text !== '!=') fail(`operator ${op.text} needs a number`);
      return { kind: 'cmp', path: t.path, op: op.text, value: { kind: 'string', value: v.value } };
    }
    if (v?.kind === 'number') return { kind: 'cmp', path: t.path, op: op.text, value: { kind: 'number', value: v.value } };
    return fail('expected a value');
  };
  expectPunct('{');
  const root = parseOr();
  expectPunct('}');
  if (pos !== tokens.length) fail('unexpected trailing tokens');
  return root;
}

function resolve(doc: unknown, path: (string | number)[]): unknown {
  let cur: unknown = doc;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(cur) || step >= cur.length) return undefined;
      cur = cur[step];
    } else {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.hasOwn(cur, step)) return undefined;
      cur = (cur as Record<string, unknown>)[step];
    }
  }
  return cur;
}

function wildcardMatch(actual: string, expected: string): boolean {
  const re = new RegExp('^' + expected.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 's');
  return re.test(actual);
}

function evaluate(node: Node, doc: unknown): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, doc) && evaluate(node.right, doc);
    case 'or':
      return evaluate(node.left, doc) || evaluate(node.right, doc);
    case 'cmp': {
      const actual = resolve(doc, node.path);
      if (actual === undefined) return false;
      if (node.value.kind === 'string') {
        if (typeof actual !== 'string') return false;
        const eq = wildcardMatch(actual, node.value.value as string);
        return node.op === '=' ? eq : !eq;
      }
      if (typeof actual !== 'number') return false;
      const v = node.value.value as number;
      switch (node.op) {
        case '=': return actual === v;
        case '!=': return actual !== v;
        case '<': return actual < v;
        case '<=': return actual <= v;
        case '>': return actual > v;
        case '>=': return actual >= v;
      }
      return false;
    }
  }
}

/** Validates a pattern against the supported subset; throws FilterPatternError if outside it. */
export function parseFilterPattern(pattern: string): void {
  parse(pattern);
}

/**
 * Does CloudWatch Logs' JSON filter `pattern` match the log event `line`?
 * Only the subset documented at the top of this file is supported.
 */
export function matchesFilterPattern(pattern: string, line: string): boolean {
  const ast = parse(pattern);
  let doc: unknown;
  try {
    doc = JSON.parse(line);
  } catch {
    return false;
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return false;
  return evaluate(ast, doc);
}
