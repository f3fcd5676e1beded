import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InputDocument, LoadOptions } from './builder';
import { modelFromDocuments } from './documents';
import { detectKind } from './detect';
import { InputError } from './errors';
import type { Model } from './model';
import { isObject, type Obj } from './values';
import { hasHcl, sourceDocument } from '../source/index';

/**
 * Loads one or more inputs into a single model: a `cdktf.out` directory (manifest), a directory holding
 * `cdk.tf.json` / `*.tf.json`, a stack file, any `*.tf.json`, or a Terraform plan/state JSON
 * (`terraform show -json`). Throws {@link InputError} on anything unreadable or unrecognised.
 */
export function loadModel(paths: string | readonly string[], options: LoadOptions = {}): Model {
  const list = typeof paths === 'string' ? [paths] : paths;
  if (list.length === 0) throw new InputError('(none)', 'no input path given');
  const docs: InputDocument[] = [];
  const seen = new Set<string>();
  for (const p of list) {
    for (const d of collect(p, options)) {
      const abs = path.resolve(d.file);
      if (seen.has(abs)) continue;
      seen.add(abs);
      docs.push(d);
    }
  }
  return modelFromDocuments(docs, options);
}

function readJson(file: string): { json: unknown; text: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (text.trim() === '') throw new InputError(file, 'file is empty');
  try {
    return { json: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), text };
  } catch (e) {
    throw new InputError(file, `malformed JSON (${(e as Error).message.split('\n')[0]})`);
  }
}

function collect(p: string, options: LoadOptions = {}): InputDocument[] {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    throw new InputError(p, 'no such file or directory');
  }
  if (st.isDirectory()) return collectDir(p, options);
  if (/\.tf$/.test(p)) return [sourceDocument(p, options.source)];
  const { json, text } = readJson(p);
  const kind = detectKind(json);
  if (kind === 'terraform-json' && p.endsWith('.tf.json')) return [sourceDocument(p, options.source)];
  if (kind === 'cdktf-manifest') return fromManifest(p, json as Obj);
  if (kind === 'unknown') throw new InputError(p, 'unrecognised file kind (expected a cdktf manifest, Terraform JSON configuration, or Terraform plan/state JSON)');
  return [{ file: p, json, text }];
}

function collectDir(dir: string, options: LoadOptions): InputDocument[] {
  const manifest = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifest)) {
    const { json } = readJson(manifest);
    if (detectKind(json) !== 'cdktf-manifest') throw new InputError(manifest, 'not a cdktf manifest (expected "version" and "stacks")');
    return fromManifest(manifest, json as Obj);
  }
  const entries = fs.readdirSync(dir).sort();
  if (entries.includes('cdk.tf.json')) return collect(path.join(dir, 'cdk.tf.json'));
  const tfJson = entries.filter((e) => e.endsWith('.tf.json'));
  // Terraform source (any .tf, or hand-written .tf.json): one root module, every file of it read and evaluated.
  if (hasHcl(dir) || (tfJson.length > 0 && tfJson.every((e) => detectKind(readJson(path.join(dir, e)).json) === 'terraform-json'))) return [sourceDocument(dir, options.source)];
  if (tfJson.length > 0) return tfJson.flatMap((e) => collect(path.join(dir, e)));
  const stacksDir = path.join(dir, 'stacks');
  if (fs.existsSync(stacksDir) && fs.statSync(stacksDir).isDirectory()) {
    const found = fs
      .readdirSync(stacksDir)
      .sort()
      .map((s) => path.join(stacksDir, s, 'cdk.tf.json'))
      .filter((f) => fs.existsSync(f));
    if (found.length > 0) return found.flatMap((f) => collect(f));
  }
  // Any other JSON that is recognisably Terraform (e.g. plan.json).
  const out: InputDocument[] = [];
  for (const e of entries.filter((x) => x.endsWith('.json'))) {
    const f = path.join(dir, e);
    if (!fs.statSync(f).isFile()) continue;
    const { json, text } = readJson(f);
    const kind = detectKind(json);
    if (kind !== 'unknown' && kind !== 'cdktf-manifest') out.push({ file: f, json, text });
  }
  if (out.length === 0) throw new InputError(dir, 'no Terraform JSON found (expected manifest.json, cdk.tf.json, *.tf.json or a plan JSON)');
  return out;
}

function fromManifest(manifestFile: string, manifest: Obj): InputDocument[] {
  const dir = path.dirname(manifestFile);
  const stacks = manifest.stacks as Obj;
  const out: InputDocument[] = [];
  for (const [key, entry] of Object.entries(stacks)) {
    if (!isObject(entry) || typeof entry.synthesizedStackPath !== 'string') {
      throw new InputError(manifestFile, `stack "${key}" has no synthesizedStackPath`);
    }
    const file = path.join(dir, entry.synthesizedStackPath);
    if (!fs.existsSync(file)) throw new InputError(file, `stack "${key}" listed in ${manifestFile} is missing`);
    const { json, text } = readJson(file);
    const kind = detectKind(json);
    if (kind === 'unknown' || kind === 'cdktf-manifest') throw new InputError(file, 'unrecognised stack file (expected Terraform JSON)');
    out.push({ file, json, text, stackName: typeof entry.name === 'string' ? entry.name : key });
  }
  if (out.length === 0) throw new InputError(manifestFile, 'manifest lists no stacks');
  return out;
}
