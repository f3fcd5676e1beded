/** {@link memberLines}, computed on the first call and kept. */
export function memberLinesOnDemand(text: string, maxDepth = 3): () => Map<string, number> {
  let lines: Map<string, number> | undefined;
  return () => (lines ??= memberLines(text, maxDepth));
}

/**
 * Maps object-member paths of a JSON text to their 1-based line numbers (for evidence and SARIF regions).
 * Only members reachable through objects (not arrays) up to `maxDepth` keys are recorded.
 * The text must already be known-valid JSON.
 */
export function memberLines(text: string, maxDepth = 3): Map<string, number> {
  const out = new Map<string, number>();
  const frames: Array<{ isArr: boolean; key: string | null }> = [];
  let line = 1;
  let lastString = '';
  let pendingKey: string | null = null;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
    } else if (c === 34) {
      // string
      const start = i + 1;
      let hasEscape = false;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92) {
          hasEscape = true;
          i += 2;
          continue;
        }
        if (d === 34) break;
        i++;
      }
      lastString = hasEscape ? safeParse(text.slice(start - 1, i + 1)) : text.slice(start, i);
    } else if (c === 58) {
      pendingKey = lastString;
      const depth = frames.length; // root object is frame 0
      if (depth >= 1 && depth <= maxDepth) {
        let ok = true;
        const keys: string[] = [];
        for (let f = 0; f < frames.length; f++) {
          if (frames[f].isArr) { ok = false; break; }
          if (f > 0) keys.push(frames[f].key as string);
        }
        if (ok) {
          keys.push(pendingKey);
          const path = keys.join('.');
          if (!out.has(path)) out.set(path, line);
        }
      }
    } else if (c === 123 || c === 91) {
      frames.push({ isArr: c === 91, key: pendingKey });
      pendingKey = null;
    } else if (c === 125 || c === 93) {
      frames.pop();
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
