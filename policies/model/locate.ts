import { closingQuote } from './json-scan';

/** {@link memberLines}, computed on the first call and kept. */
export function memberLinesOnDemand(text: string, maxDepth = 3): () => Map<string, number> {
  let lines: Map<string, number> | undefined;
  return () => (lines ??= memberLines(text, maxDepth));
}

/**
 * Maps object-member paths of a JSON text to their 1-based line numbers (for evidence and SARIF regions).
 * Only members reachable through objects (not arrays) up to `maxDepth` keys are recorded.
 * The text must already be known-valid JSON. One linear pass: strings are skipped with `indexOf`, and a key is sliced
 * out only where its path can be recorded.
 */
export function memberLines(text: string, maxDepth = 3): Map<string, number> {
  const out = new Map<string, number>();
  // Per open container, the path of the member holding it (`''` for the root object), or null where no member path is
  // recorded (arrays and what they hold, or deeper than maxDepth).
  const prefixes: Array<string | null> = [];
  let line = 1;
  let stringStart = -1;
  let stringEnd = -1;
  let pendingKey: string | null = null;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
    } else if (c === 34) {
      const end = closingQuote(text, i + 1);
      if (end < 0) break;
      stringStart = i;
      stringEnd = end;
      i = end;
    } else if (c === 58) {
      const depth = prefixes.length; // members of the root object are at depth 1
      const prefix = depth >= 1 && depth <= maxDepth ? prefixes[depth - 1] : null;
      if (prefix === null) {
        pendingKey = null;
        continue;
      }
      const raw = text.slice(stringStart + 1, stringEnd);
      pendingKey = raw.includes('\\') ? safeParse(text.slice(stringStart, stringEnd + 1)) : raw;
      const path = depth === 1 ? pendingKey : `${prefix}.${pendingKey}`;
      if (!out.has(path)) out.set(path, line);
    } else if (c === 123 || c === 91) {
      const depth = prefixes.length;
      let prefix: string | null = null;
      if (c === 123) {
        if (depth === 0) prefix = '';
        else if (pendingKey !== null) prefix = depth === 1 ? pendingKey : `${prefixes[depth - 1]}.${pendingKey}`;
      }
      prefixes.push(prefix);
      pendingKey = null;
    } else if (c === 125 || c === 93) {
      prefixes.pop();
    } else if (c === 44) {
      pendingKey = null;
    }
  }
  return out;
}

function safeParse(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}
