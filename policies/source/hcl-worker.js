'use strict';
/*
 * Worker thread behind `hcl.ts`: HashiCorp's HCL parser (@cdktf/hcl2json, Go compiled to WASM) is asynchronous, the
 * model loader is synchronous, so the loader posts one request per module directory and blocks on an Atomics wait
 * until this worker answers. Plain JavaScript: workers do not inherit the TypeScript require hook.
 */
const { parentPort, workerData } = require('node:worker_threads');
const { parse, getExpressionAst } = require('@cdktf/hcl2json');

const signal = new Int32Array(workerData.signal);

/** Every string of a parsed document that holds a template (`${` or `%{`): those are the expressions to evaluate. */
function templates(value, out) {
  if (typeof value === 'string') {
    if (value.includes('${') || value.includes('%{')) out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) templates(v, out);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) templates(v, out);
  }
}

/** Quotes a template for the HCL parser: escapes only the literal parts, never the text inside `${...}`/`%{...}`. */
function quoteTemplate(s) {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const open = /[$%]\{/g;
    open.lastIndex = i;
    const m = open.exec(s);
    const end = m ? m.index : s.length;
    out += s.slice(i, end).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
    if (!m) break;
    let depth = 0;
    let j = m.index + 1;
    let inStr = false;
    for (; j < s.length; j++) {
      const c = s[j];
      if (inStr) {
        if (c === '\\') j++;
        else if (c === '"') inStr = false;
      } else if (c === '"') inStr = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    out += s.slice(m.index, j + 1);
    i = j + 1;
  }
  return `"${out}"`;
}

async function answer(request) {
  const files = [];
  const found = new Set(request.expressions || []);
  for (const f of request.files) {
    try {
      const json = await parse(f.name, f.text);
      templates(json, found);
      files.push({ json });
    } catch (e) {
      files.push({ error: String((e && e.message) || e).split('\n')[0] });
    }
  }
  const expressions = {};
  for (const s of found) {
    try {
      expressions[s] = { ast: await getExpressionAst('expression.tf', quoteTemplate(s)) };
    } catch (e) {
      expressions[s] = { error: String((e && e.message) || e).split('\n')[0] };
    }
  }
  return { files, expressions };
}

parentPort.on('message', ({ port, request }) => {
  answer(request)
    .then((result) => port.postMessage({ result }), (e) => port.postMessage({ error: String((e && e.stack) || e) }))
    .finally(() => {
      Atomics.store(signal, 0, 1);
      Atomics.notify(signal, 0);
    });
});
