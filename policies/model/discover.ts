import * as path from 'node:path';
import type { InputDocument, LoadOptions } from './builder';
import { modelFromDocuments } from './documents';
import { detectKind } from './detect';
import { InputError } from './errors';
import { inputExists, listDirectory, readInputJson, statInput, type ReadLimits } from './read-input';
import type { Model } from './model';
import { isObject, type Obj } from './values';
import { ignoredByTerraform } from '../source/config';
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

function collect(p: string, options: LoadOptions = {}): InputDocument[] {
  const limits = options.limits ?? {};
  const st = statInput(p);
  if (st.isDirectory()) return collectDir(p, options);
  if (/\.tf$/.test(p)) return [sourceDocument(p, options.source)];
  const { json, text } = readInputJson(p, limits);
  const kind = detectKind(json);
  if (kind === 'terraform-json' && p.endsWith('.tf.json')) return [sourceDocument(p, options.source)];
  if (kind === 'cdktf-manifest') return fromManifest(p, json as Obj, limits);
  if (kind === 'unknown') throw new InputError(p, 'unrecognised file kind (expected a cdktf manifest, Terraform JSON configuration, or Terraform plan/state JSON)');
  return [{ file: p, json, text }];
}

function collectDir(dir: string, options: LoadOptions): InputDocument[] {
  const limits = options.limits ?? {};
  const readJson = (file: string) => readInputJson(file, limits);
  const manifest = path.join(dir, 'manifest.json');
  const entries = listDirectory(dir);
  if (entries.includes('manifest.json')) {
    const { json } = readJson(manifest);
    if (detectKind(json) === 'cdktf-manifest') return fromManifest(manifest, json as Obj, limits);
    // Another tool's manifest.json beside Terraform configuration (Terraform ignores it): the directory is source.
    const isModule = entries.some((e) => (e.endsWith('.tf') || e.endsWith('.tf.json')) && !ignoredByTerraform(e));
    if (!isModule) throw new InputError(manifest, 'not a cdktf manifest (expected "version" and "stacks")');
  }
  if (entries.includes('cdk.tf.json')) {
    // Terraform plans every config file of a directory as one module: a cdk.tf.json is the whole stack only alone.
    const others = entries.filter((e) => e !== 'cdk.tf.json' && (e.endsWith('.tf') || e.endsWith('.tf.json')) && !ignoredByTerraform(e));
    if (others.length > 0) throw new InputError(path.join(dir, others[0]), `shares its directory with cdk.tf.json, and Terraform plans them as one module; check a plan of the directory, or move it out`);
    return collect(path.join(dir, 'cdk.tf.json'), options);
  }
  const tfJson = entries.filter((e) => e.endsWith('.tf.json') && !ignoredByTerraform(e));
  // Terraform source (any .tf, or hand-written .tf.json): one root module, every file of it read and evaluated.
  if (hasHcl(dir) || (tfJson.length > 0 && tfJson.every((e) => detectKind(readJson(path.join(dir, e)).json) === 'terraform-json'))) return [sourceDocument(dir, options.source)];
  if (tfJson.length > 0) return tfJson.flatMap((e) => collect(path.join(dir, e), options));
  const stacksDir = path.join(dir, 'stacks');
  if (entries.includes('stacks') && statInput(stacksDir).isDirectory()) {
    // Without a manifest every stacks/<name>/ folder is a stack that must load: a folder without its cdk.tf.json is a
    // partial synth, never a smaller estate.
    const folders = listDirectory(stacksDir).filter((s) => statInput(path.join(stacksDir, s)).isDirectory());
    const missing = folders.find((s) => !inputExists(path.join(stacksDir, s, 'cdk.tf.json')));
    if (missing !== undefined) throw new InputError(path.join(stacksDir, missing, 'cdk.tf.json'), `stack folder "${missing}" has no cdk.tf.json (a partial or interrupted synth); re-run cdktf synth`);
    if (folders.length > 0) return folders.flatMap((s) => collect(path.join(stacksDir, s, 'cdk.tf.json'), options));
  }
  // Any other JSON that is recognisably Terraform (e.g. plan.json).
  const out: InputDocument[] = [];
  for (const e of entries.filter((x) => x.endsWith('.json'))) {
    const f = path.join(dir, e);
    if (statInput(f).isDirectory()) continue;
    const { json, text } = readJson(f);
    const kind = detectKind(json);
    if (kind !== 'unknown' && kind !== 'cdktf-manifest') out.push({ file: f, json, text });
  }
  if (out.length === 0) throw new InputError(dir, 'no Terraform JSON found (expected manifest.json, cdk.tf.json, *.tf.json or a plan JSON)');
  return out;
}

function fromManifest(manifestFile: string, manifest: Obj, limits: Partial<ReadLimits>): InputDocument[] {
  const dir = path.dirname(manifestFile);
  const stacks = manifest.stacks as Obj;
  const out: InputDocument[] = [];
  for (const [key, entry] of Object.entries(stacks)) {
    if (!isObject(entry) || typeof entry.synthesizedStackPath !== 'string') {
      throw new InputError(manifestFile, `stack "${key}" has no synthesizedStackPath`);
    }
    const file = path.join(dir, entry.synthesizedStackPath);
    if (!inputExists(file)) throw new InputError(file, `stack "${key}" listed in ${manifestFile} is missing`);
    const { json, text } = readInputJson(file, limits);
    const kind = detectKind(json);
    if (kind === 'unknown' || kind === 'cdktf-manifest') throw new InputError(file, 'unrecognised stack file (expected Terraform JSON)');
    out.push({ file, json, text, stackName: typeof entry.name === 'string' ? entry.name : key });
  }
  if (out.length === 0) throw new InputError(manifestFile, 'manifest lists no stacks');
  return out;
}
