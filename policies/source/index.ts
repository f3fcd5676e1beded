/**
 * Terraform source as written (`.tf` and hand-written `.tf.json`): read, evaluated and handed to the model as one
 * Terraform-JSON document per root module, each resource carrying the file, line and module call it came from.
 * The loader calls {@link sourceDocument} where it recognises a directory or file of Terraform source.
 */
import * as path from 'node:path';
import type { InputDocument } from '../model/load';
import type { RegionEvidence } from '../model/types';
import { InputError } from '../model/errors';
import { configFiles } from './config';
import { evaluateRoot, type EvaluatedResource, type ModuleCallSite, type SourceNote, type SourceOptions } from './evaluate';
import { parseHcl } from './hcl';
import { toJson, type Value } from './value';

export type { ModuleCallSite, SourceNote, SourceOptions };

/** Where a resource of a source document was written (keyed by its JSON path in the document). */
export interface SourceLocation {
  file: string;
  line?: number;
  /** JSON path in a `.tf.json` file; the Terraform address for HCL. */
  jsonPath: string;
  address: string;
  name: string;
  /** `module.a.` inside a module call: references in the resource are relative to it. */
  modulePrefix: string;
  moduleCall?: ModuleCallSite;
  /** Its `count`/`for_each` (or its module call's) is not known from the source. */
  instancesUnknown?: true;
}

/** True when a directory holds Terraform source that is not cdktf output: any `.tf` file. */
export function hasHcl(dir: string): boolean {
  return configFiles(dir).configs.some((f) => f.endsWith('.tf'));
}

/**
 * Reads a root module — a directory, or a single `.tf`/`.tf.json` file of one — into one evaluated document.
 * Throws {@link InputError} naming the file on anything unreadable.
 */
export function sourceDocument(target: string, options: SourceOptions = {}): InputDocument & { sources: Map<string, SourceLocation>; notes: SourceNote[] } {
  const isDir = !/\.tf(\.json)?$/.test(target);
  const dir = isDir ? target : path.dirname(target);
  let evaluated;
  try {
    evaluated = evaluateRoot(dir, isDir ? undefined : [target], options);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(target, `cannot evaluate the Terraform source (${(e as Error).message})`);
  }
  const json: Record<string, Record<string, unknown>> = { resource: {}, data: {}, provider: {}, output: {}, ...(evaluated.backend ? { terraform: evaluated.backend } : {}) };
  const sources = new Map<string, SourceLocation>();
  linkBucketsByName(evaluated.resources);
  for (const r of evaluated.resources) {
    const section = r.mode === 'data' ? 'data' : 'resource';
    const byName = (json[section][r.type] ??= {}) as Record<string, unknown>;
    const key = r.address;
    byName[key] = r.values;
    sources.set(`${section}.${r.type}.${key}`, {
      file: r.file,
      ...(r.line !== undefined ? { line: r.line } : {}),
      jsonPath: r.jsonPath && !r.modulePrefix && r.address === `${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}` ? r.jsonPath : r.address,
      address: r.address,
      name: r.name,
      modulePrefix: r.modulePrefix,
      ...(r.moduleCall ? { moduleCall: r.moduleCall } : {}),
      ...(r.instancesUnknown ? { instancesUnknown: true as const } : {}),
    });
  }
  const providerRegions = new Map<string, RegionEvidence>();
  for (const p of evaluated.providers) {
    const list = (json.provider[p.name] ??= []) as unknown[];
    const region = p.values.region;
    if (p.regionOrigin) {
      const jsonPath = `provider.${p.name}[${list.length}]`;
      if (typeof region === 'string' && !region.includes('${')) providerRegions.set(jsonPath, { region, source: p.regionOrigin });
      else providerRegions.set(jsonPath, { reason: `its region is ${p.regionOrigin}` });
    }
    list.push(p.values);
  }
  for (const [name, v] of Object.entries(evaluated.outputs)) json.output[name] = { value: toJson(v as Value) };
  const notes = evaluated.notes.filter((n, i, all) => all.findIndex((m) => m.file === n.file && m.expression === n.expression && m.reason === n.reason) === i);
  return { file: target, json, ...(isDir ? { stackName: path.basename(path.resolve(dir)) } : {}), sources, notes, ...(providerRegions.size > 0 ? { providerRegions } : {}) };
}

/**
 * A bucket's id is its name, so `bucket = local.name` in a bucket's settings (`aws_s3_bucket_versioning`, …) names the
 * bucket whose `bucket` is that same literal: written as the reference it is, so rules find the settings of the bucket.
 */
function linkBucketsByName(resources: EvaluatedResource[]): void {
  const byName = new Map<string, EvaluatedResource[]>();
  for (const r of resources) {
    const name = r.values.bucket;
    if (r.mode !== 'managed' || r.type !== 'aws_s3_bucket' || typeof name !== 'string' || name.includes('${')) continue;
    const key = `${r.modulePrefix}\u0000${name}`;
    byName.set(key, [...(byName.get(key) ?? []), r]);
  }
  for (const r of resources) {
    const name = r.values.bucket;
    if (!r.type.startsWith('aws_s3_bucket_') || typeof name !== 'string') continue;
    const buckets = byName.get(`${r.modulePrefix}\u0000${name}`);
    if (buckets?.length === 1) r.values.bucket = `\${${buckets[0].address.slice(r.modulePrefix.length)}.id}`;
  }
}

/**
 * Parses `--var name=value` like Terraform: a value that is HCL (number, bool, list, map) is that value, anything
 * else the literal string.
 */
export function parseVarOption(spec: string): { name: string; value: Value } {
  const eq = spec.indexOf('=');
  const name = eq > 0 ? spec.slice(0, eq).trim() : '';
  if (!/^[A-Za-z_][\w-]*$/.test(name)) throw new InputError('--var', `expected name=value, got "${spec}"`);
  const raw = spec.slice(eq + 1);
  if (/^\s*(\[|\{|-?\d|true\s*$|false\s*$|null\s*$)/.test(raw)) {
    const parsed = parseHcl({ files: [{ name: '--var', text: `v = ${raw}\n` }] }).files[0];
    const v = parsed?.json?.v;
    if (v !== undefined && !(typeof v === 'string' && v.includes('${'))) return { name, value: v as Value };
  }
  return { name, value: raw };
}
