import { interpolations } from '../model/refs';

/**
 * The value of a whole-string `${jsonencode(<literal>)}` as cdktf renders `Fn.jsonencode({...})`:
 * `{"Statement" = [{"Effect" = "Allow", ...}]}`. Only literal object/list/string/number/bool/null syntax is accepted —
 * the subset cdktf emits for plain values — so the conversion is a token rename (`=` to `:`, bare keys quoted), not an
 * HCL evaluator: anything else (a function call, a reference outside a string, a for-expression) yields `null`
 * ("cannot be read before apply"). Returns `undefined` when the string is not a jsonencode call at all.
 *
 * Terraform's own HCL parser ships only as an asynchronous WebAssembly module of the cdktf CLI (`@cdktf/hcl2json`),
 * which the synchronous, dependency-free engine cannot call; plans need none of this (Terraform renders the JSON).
 */
export function jsonencodeArgument(text: string): unknown | null | undefined {
  if (!text.startsWith('${') || !text.endsWith('}')) return undefined;
  const bodies = interpolations(text);
  if (bodies.length !== 1 || `\${${bodies[0]}}` !== text) return undefined;
  const m = /^\s*jsonencode\s*\(([\s\S]*)\)\s*$/.exec(bodies[0]);
  if (!m) return undefined;
  const json = literalToJson(m[1]);
  if (json === undefined) return null;
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Rewrites an HCL literal to JSON text, or undefined when it holds anything but literals. */
function literalToJson(src: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '"') {
      const end = stringEnd(src, i);
      if (end < 0) return undefined;
      out += src.slice(i, end + 1);
      i = end + 1;
    } else if (c === '=') {
      out += ':';
      i++;
    } else if ('{}[],: \t\r\n'.includes(c)) {
      out += c;
      i++;
    } else {
      const word = /^[A-Za-z0-9_.+-]+/.exec(src.slice(i))?.[0];
      if (!word) return undefined;
      const rest = src.slice(i + word.length).trimStart();
      if (KEY.test(word) && (rest.startsWith('=') || rest.startsWith(':')) && !rest.startsWith('==')) out += JSON.stringify(word);
      else if (word === 'true' || word === 'false' || word === 'null' || /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(word)) out += word;
      else return undefined;
      i += word.length;
    }
  }
  return out;
}

/** Index of the closing quote of the string starting at `start`, skipping escapes and `${...}` templates. */
function stringEnd(src: string, start: number): number {
  let depth = 0;
  for (let j = start + 1; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') j++;
    else if (c === '$' && src[j + 1] === '{') {
      depth++;
      j++;
    } else if (c === '}' && depth > 0) depth--;
    else if (c === '"' && depth === 0) return j;
    else if (c === '"') return -1; // a quoted string inside a template: a function call, not a literal
  }
  return -1;
}
