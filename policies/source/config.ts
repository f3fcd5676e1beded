/**
 * Reads one Terraform module directory as written — `.tf` (through HashiCorp's HCL parser) and `.tf.json` — into
 * one configuration: variables, locals, resources, data sources, module calls, outputs and providers, each with the
 * file and line it was written at. Both syntaxes arrive in the Terraform-JSON shape, so one evaluator serves both.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../model/errors';
import { parseHcl, type HclAnswer } from './hcl';

export type Raw = unknown;
type RawObj = Record<string, unknown>;

export interface Located {
  file: string;
  line?: number;
}

export interface ResourceConfig extends Located {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  body: RawObj;
  /** JSON path in a `.tf.json` file (undefined for HCL). */
  jsonPath?: string;
}

export interface ModuleConfig {
  dir: string;
  variables: Map<string, Located & { body: RawObj }>;
  locals: Map<string, Located & { value: Raw }>;
  resources: ResourceConfig[];
  modules: Map<string, Located & { body: RawObj }>;
  outputs: Map<string, Located & { value: Raw }>;
  providers: Array<Located & { name: string; body: RawObj }>;
  /** `terraform { backend "…" { … } }` of the module, if any (backend settings are literals: Terraform evaluates none). */
  backend?: Located & { body: RawObj };
  /** Variable values from `terraform.tfvars(.json)` and `*.auto.tfvars(.json)`, in Terraform's order. */
  tfvars: Array<{ file: string; values: RawObj }>;
  /** Parsed template strings of every file. */
  expressions: HclAnswer['expressions'];
}

const isObj = (v: unknown): v is RawObj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `x` as `[key, value]` pairs whether written as an object or as an array of objects (both valid Terraform JSON). */
function members(x: unknown): Array<[string, unknown]> {
  if (Array.isArray(x)) return x.flatMap(members);
  return isObj(x) ? Object.entries(x) : [];
}

/** Block bodies: one object, or an array of them. */
export function bodies(x: unknown): RawObj[] {
  if (Array.isArray(x)) return x.flatMap(bodies);
  return isObj(x) ? [x] : [];
}

/** Whether Terraform's configuration loader skips a file of this name (hidden files and editor leftovers). */
export function ignoredByTerraform(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || (name.startsWith('#') && name.endsWith('#'));
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch (e) {
    throw new InputError(file, `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Config files of a module directory; anything else in it is not Terraform configuration. */
export function configFiles(dir: string): { configs: string[]; tfvars: string[] } {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir).sort();
  } catch (e) {
    throw new InputError(dir, `cannot read directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  // As Terraform loads a module: files named *.tf / *.tf.json, except those its loader ignores (hidden `.x.tf`, editor
  // backups `x.tf~` and `#x.tf#`), and never a directory that happens to be named like one.
  const configs = entries.filter((e) => (e.endsWith('.tf') || e.endsWith('.tf.json')) && !ignoredByTerraform(e) && isFile(path.join(dir, e)));
  for (const c of configs) {
    if (/(^|_)override\.tf(\.json)?$/.test(c)) throw new InputError(path.join(dir, c), 'Terraform override files are not evaluated; merge it into the configuration or check a plan JSON');
  }
  const tfvars = [
    ...entries.filter((e) => e === 'terraform.tfvars' || e === 'terraform.tfvars.json'),
    ...entries.filter((e) => e.endsWith('.auto.tfvars') || e.endsWith('.auto.tfvars.json')),
  ];
  return { configs: configs.map((c) => path.join(dir, c)), tfvars: tfvars.map((t) => path.join(dir, t)) };
}

function readText(file: string): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    throw new InputError(file, `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function templates(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') {
    if (value.includes('${') || value.includes('%{')) out.add(value);
  } else if (Array.isArray(value)) value.forEach((v) => templates(v, out));
  else if (isObj(value)) Object.values(value).forEach((v) => templates(v, out));
}

/** Parses files (HCL through the parser, JSON directly); every failure names the file. */
export function parseFiles(files: readonly string[]): { parsed: Array<{ file: string; text: string; json: RawObj }>; expressions: HclAnswer['expressions'] } {
  const texts = files.map((file) => ({ file, text: readText(file), json: undefined as RawObj | undefined }));
  const found = new Set<string>();
  for (const t of texts) {
    if (!t.file.endsWith('.json')) continue;
    try {
      const json: unknown = JSON.parse(t.text);
      if (!isObj(json)) throw new Error('not a JSON object');
      t.json = json;
      templates(json, found);
    } catch (e) {
      throw new InputError(t.file, `malformed JSON (${(e as Error).message.split('\n')[0]})`);
    }
  }
  const hcl = texts.filter((t) => !t.file.endsWith('.json'));
  const answer = parseHcl({ files: hcl.map((t) => ({ name: path.basename(t.file), text: t.text })), expressions: [...found] });
  hcl.forEach((t, i) => {
    const a = answer.files[i];
    if (!a?.json) throw new InputError(t.file, `invalid HCL (${a?.error ?? 'no answer from the parser'})`);
    t.json = a.json;
  });
  return { parsed: texts.map((t) => ({ file: t.file, text: t.text, json: t.json! })), expressions: answer.expressions };
}

/** 1-based line of a block header (`resource "type" "name" {` in HCL, the `"name":` member in JSON). */
function lineOf(text: string, isJson: boolean, keyword: string, labels: string[]): number | undefined {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = isJson
    ? new RegExp(`"${esc(keyword)}"[\\s\\S]*?${labels.map((l) => `"${esc(l)}"\\s*:`).join('[\\s\\S]*?')}`)
    : new RegExp(`^[ \\t]*${esc(keyword)}${labels.map((l) => `[ \\t]+"?${esc(l)}"?`).join('')}[ \\t]*\\{`, 'm');
  const m = re.exec(text);
  if (!m) return undefined;
  const end = m.index + m[0].length;
  return text.slice(0, end).split('\n').length;
}

/**
 * Reads a module directory (or the given files of it) into one configuration. `varFiles` (root module only): read
 * `terraform.tfvars(.json)`, `*.auto.tfvars(.json)` and then these `--var-file`s, in that order.
 */
export function readModule(dir: string, onlyFiles?: readonly string[], varFiles?: readonly string[]): ModuleConfig {
  const listed = configFiles(dir);
  const configs = onlyFiles ?? listed.configs;
  if (configs.length === 0) throw new InputError(dir, 'no Terraform configuration (.tf or .tf.json) in the module directory');
  const tfvarFiles = varFiles ? [...listed.tfvars, ...varFiles] : [];
  const { parsed, expressions } = parseFiles([...configs, ...tfvarFiles]);
  const cfg: ModuleConfig = { dir, variables: new Map(), locals: new Map(), resources: [], modules: new Map(), outputs: new Map(), providers: [], tfvars: [], expressions };
  const once = <T>(map: Map<string, T & Located>, kind: string, name: string, value: T & Located) => {
    const prior = map.get(name);
    if (prior) throw new InputError(value.file, `duplicate ${kind} "${name}" (also in ${prior.file})`);
    map.set(name, value);
  };
  for (const { file, json } of parsed.slice(configs.length)) cfg.tfvars.push({ file, values: json });
  for (const { file, text, json } of parsed.slice(0, configs.length)) {
    const isJson = file.endsWith('.json');
    for (const [name, v] of members(json.variable)) once(cfg.variables, 'variable', name, { file, line: lineOf(text, isJson, 'variable', [name]), body: bodies(v)[0] ?? {} });
    for (const block of bodies(json.locals)) for (const [name, value] of Object.entries(block)) once(cfg.locals, 'local', name, { file, value });
    for (const [name, v] of members(json.module)) once(cfg.modules, 'module', name, { file, line: lineOf(text, isJson, 'module', [name]), body: bodies(v)[0] ?? {} });
    for (const [name, v] of members(json.output)) once(cfg.outputs, 'output', name, { file, value: (bodies(v)[0] ?? {}).value });
    for (const [name, v] of members(json.provider)) for (const body of bodies(v)) cfg.providers.push({ file, line: lineOf(text, isJson, 'provider', [name]), name, body });
    for (const settings of bodies(json.terraform)) {
      if (settings.backend === undefined) continue;
      if (cfg.backend) throw new InputError(file, `duplicate backend configuration (also in ${cfg.backend.file})`);
      cfg.backend = { file, body: { backend: settings.backend } };
    }
    for (const mode of ['resource', 'data'] as const) {
      for (const [type, byName] of members(json[mode])) {
        for (const [name, v] of members(byName)) {
          const found = bodies(v);
          if (found.length !== 1) throw new InputError(file, `${mode} "${type}" "${name}" must have exactly one body`);
          if (cfg.resources.some((r) => r.mode === (mode === 'data' ? 'data' : 'managed') && r.type === type && r.name === name)) throw new InputError(file, `duplicate ${mode} "${type}" "${name}"`);
          cfg.resources.push({
            mode: mode === 'data' ? 'data' : 'managed', type, name, body: found[0], file,
            line: lineOf(text, isJson, mode, [type, name]),
            ...(isJson ? { jsonPath: `${mode}.${type}.${name}` } : {}),
          });
        }
      }
    }
  }
  return cfg;
}
