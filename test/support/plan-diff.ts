import { execFile } from 'child_process';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { offlineProviderOverride, pluginDir } from './terraform';

/**
 * Real Terraform plans with update / replace / delete actions, offline.
 *
 * A plan of a stack against no state only ever creates. To get the actions a reviewer sees on a pull request, the
 * base is planned, turned into a Terraform state (format version 4) as if it had been applied, and the head is planned
 * against that state with `-refresh=false`: the real AWS provider then decides what is updated in place, what is
 * replaced and what is destroyed.
 *
 * The derived state is made faithful by a fixpoint: unknown-after-apply attributes are first filled with realistic fake
 * values (ids, ARNs, typed from the provider schema), then the base itself is re-planned against the state and every
 * value Terraform computes differently (templates over the fake ids, defaults) is copied back, until planning the base
 * against its own state changes nothing.
 */

const execFileAsync = promisify(execFile);
const AWS_PROVIDER = 'registry.terraform.io/hashicorp/aws';
const ACCOUNT = '123456789012';

type Obj = Record<string, any>;

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0' };
  if (e.TF_CLI_CONFIG_FILE && !fs.existsSync(e.TF_CLI_CONFIG_FILE)) delete e.TF_CLI_CONFIG_FILE;
  return e;
}

async function terraform(args: string[], cwd: string): Promise<string> {
  const t0 = Date.now();
  try { return await terraformRaw(args, cwd); } finally { if (process.env.PD_DEBUG) console.error(`terraform ${args[0]}: ${(Date.now() - t0) / 1000}s`); }
}

async function terraformRaw(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync('terraform', args, { cwd, encoding: 'utf8', env: env(), maxBuffer: 1024 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`terraform ${args[0]} failed in ${cwd}:\n${e.stderr || e.stdout || e.message}`);
  }
}

/** One planned stack: its Terraform working directory and `terraform show -json` of the plan. */
export interface PlannedStack {
  stack: string;
  workDir: string;
  /** The plan JSON, written as `<dir>/plan/<stack>.json` so the stack name survives loading. */
  planFile: string;
  plan: Obj;
}

/** A planned base plus the Terraform state it would leave behind when applied. */
export interface PlannedBase extends PlannedStack {
  state: Obj;
  /** Fixpoint rounds needed until planning the base against its own state was a no-op. */
  rounds: number;
}

/** Stack name from cdktf metadata (`//.metadata.stackName`), else the provider's `Stack` default tag, else `stack`. */
function stackNameOf(stackJson: Obj): string {
  return stackJson['//']?.metadata?.stackName ?? stackJson.provider?.aws?.[0]?.default_tags?.[0]?.tags?.Stack ?? 'stack';
}

/** Writes the stack, its offline override (local state `terraform.tfstate` in the work dir) and runs init. */
async function prepare(stackJson: Obj, workDir: string): Promise<void> {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  fs.writeFileSync(path.join(workDir, 'cdk.tf.json'), JSON.stringify(stackJson, null, 2));
  const override = { ...(offlineProviderOverride(stackJson) as Obj), terraform: { backend: { local: { path: 'terraform.tfstate' } } } };
  fs.writeFileSync(path.join(workDir, 'palisade_offline_override.tf.json'), JSON.stringify(override, null, 2));
  const plugins = pluginDir();
  await terraform(['init', '-input=false', '-no-color', ...(plugins ? [`-plugin-dir=${plugins}`] : [])], workDir);
}

async function plan(workDir: string): Promise<Obj> {
  await terraform(['plan', '-refresh=false', '-lock=false', '-input=false', '-no-color', '-out=plan.bin'], workDir);
  return JSON.parse(await terraform(['show', '-json', 'plan.bin'], workDir));
}

function savePlan(workDir: string, stack: string, planJson: Obj): string {
  const file = path.join(workDir, 'plan', `${stack}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(planJson, null, 2));
  return file;
}

// ---- provider schema -------------------------------------------------------------------------

interface ResourceSchema {
  version: number;
  block: Obj;
}

let schemaCache: Record<string, ResourceSchema> | undefined;

/** Resource schemas of the AWS provider (`terraform providers schema -json`), read once per worker. */
async function resourceSchemas(workDir: string): Promise<Record<string, ResourceSchema>> {
  if (!schemaCache) {
    const all = JSON.parse(await terraform(['providers', 'schema', '-json'], workDir));
    schemaCache = all.provider_schemas[AWS_PROVIDER].resource_schemas as Record<string, ResourceSchema>;
  }
  return schemaCache;
}

// ---- fake values for unknown-after-apply attributes --------------------------------------------

const ID_PREFIX: Record<string, string> = {
  aws_vpc: 'vpc', aws_subnet: 'subnet', aws_security_group: 'sg', aws_default_security_group: 'sg', aws_route_table: 'rtb',
  aws_default_route_table: 'rtb', aws_internet_gateway: 'igw', aws_nat_gateway: 'nat', aws_network_acl: 'acl',
  aws_default_network_acl: 'acl', aws_vpc_endpoint: 'vpce', aws_eip: 'eipalloc', aws_instance: 'i', aws_flow_log: 'fl',
  aws_route_table_association: 'rtbassoc', aws_vpc_security_group_ingress_rule: 'sgr', aws_vpc_security_group_egress_rule: 'sgr',
  aws_route: 'r', aws_ebs_volume: 'vol', aws_launch_template: 'lt', aws_network_interface: 'eni',
};

function hex(seed: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

function uuidFrom(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A realistic stand-in for an unknown string attribute of an applied resource. */
function fakeString(type: string, attribute: string, values: Obj, region: string): string {
  const seed = `${type}.${values.__address ?? ''}.${attribute}`;
  const service = type.replace(/^aws_/, '').split('_')[0];
  const id = (): string => {
    if (type === 'aws_kms_key') return uuidFrom(seed.replace(/\.(arn|key_id)$/, '.id'));
    if (ID_PREFIX[type]) return `${ID_PREFIX[type]}-0${hex(seed.replace(/\.[a-z_]+$/, '.id'), 16)}`;
    if (typeof values.name === 'string') return values.name;
    if (typeof values.bucket === 'string') return values.bucket;
    return `${service}-${hex(seed.replace(/\.[a-z_]+$/, '.id'), 12)}`;
  };
  if (attribute === 'id' || attribute === 'key_id') return id();
  if (attribute === 'arn') {
    if (type === 'aws_kms_key') return `arn:aws:kms:${region}:${ACCOUNT}:key/${id()}`;
    if (type === 'aws_kms_alias') return `arn:aws:kms:${region}:${ACCOUNT}:${values.name}`;
    if (type === 'aws_cloudwatch_log_group') return `arn:aws:logs:${region}:${ACCOUNT}:log-group:${values.name}`;
    if (type === 'aws_iam_role') return `arn:aws:iam::${ACCOUNT}:role/${values.name}`;
    if (type === 'aws_s3_bucket') return `arn:aws:s3:::${values.bucket}`;
    return `arn:aws:${service === 'vpc' || service === 'subnet' || service === 'security' ? 'ec2' : service}:${region}:${ACCOUNT}:${type.replace(/^aws_/, '').replace(/_/g, '-')}/${id()}`;
  }
  if (attribute === 'owner_id') return ACCOUNT;
  if (attribute.endsWith('_id')) return `${attribute.replace(/_id$/, '')}-0${hex(seed, 16)}`;
  if (attribute.endsWith('_ip')) return `10.0.${parseInt(hex(seed, 2), 16) % 250}.${parseInt(hex(seed + 'x', 2), 16) % 250}`;
  if (attribute === 'unique_id') return `AROA${hex(seed, 17).toUpperCase()}`;
  return `offline-${attribute}`;
}

function fakeOfType(schemaType: unknown, type: string, attribute: string, values: Obj, region: string): unknown {
  if (schemaType === 'string') return fakeString(type, attribute, values, region);
  if (schemaType === 'number') return 0;
  if (schemaType === 'bool') return false;
  if (Array.isArray(schemaType)) {
    if (schemaType[0] === 'list' || schemaType[0] === 'set') return [];
    if (schemaType[0] === 'map') return {};
  }
  return null;
}

/** The single `type.name.attr` a configuration expression refers to, when it is a plain reference. */
function plainReference(expr: unknown): { address: string; attribute: string } | undefined {
  const refs: unknown = (expr as Obj | undefined)?.references;
  if (!Array.isArray(refs) || refs.length !== 2) return undefined;
  const m = /^(aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z_]+)$/.exec(String(refs[0]));
  return m && refs[1] === m[1] ? { address: m[1], attribute: m[2] } : undefined;
}

/**
 * The Terraform state (format version 4) the base plan would leave behind: planned values, with every unknown
 * attribute filled — plain references from the referenced resource's (filled) attribute, the rest with typed fakes.
 */
export function stateFromPlan(planJson: Obj, schemas: Record<string, ResourceSchema>, region = 'eu-west-1'): Obj {
  const planned: Obj[] = planJson.planned_values?.root_module?.resources ?? [];
  const unknownByAddress = new Map<string, Obj>();
  for (const rc of planJson.resource_changes ?? []) unknownByAddress.set(rc.address, rc.change?.after_unknown ?? {});
  const exprByAddress = new Map<string, Obj>();
  for (const r of planJson.configuration?.root_module?.resources ?? []) exprByAddress.set(r.address, r.expressions ?? {});
  const byAddress = new Map(planned.map((r) => [r.address as string, r]));
  const filled = new Map<string, Obj>();
  const fill = (address: string, stack: Set<string> = new Set()): Obj | undefined => {
    if (filled.has(address)) return filled.get(address);
    const r = byAddress.get(address);
    if (!r || stack.has(address)) return undefined;
    stack.add(address);
    const values: Obj = { ...r.values, __address: address };
    const unknown = unknownByAddress.get(address) ?? {};
    const attributes: Obj = schemas[r.type]?.block?.attributes ?? {};
    for (const [attr, u] of Object.entries(unknown)) {
      if (u !== true) continue;
      const ref = plainReference(exprByAddress.get(address)?.[attr]);
      const target = ref ? fill(ref.address, stack) : undefined;
      const schemaType = attributes[attr]?.type;
      const resolved = target?.[ref!.attribute];
      if (resolved !== undefined && Array.isArray(schemaType) && (schemaType[0] === 'list' || schemaType[0] === 'set')) values[attr] = [resolved];
      else if (resolved !== undefined) values[attr] = resolved;
      else values[attr] = fakeOfType(schemaType, r.type, attr, values, region);
    }
    if (attributes.id && (values.id === undefined || values.id === null)) values.id = fakeString(r.type, 'id', values, region);
    delete values.__address;
    filled.set(address, values);
    return values;
  };
  const resources = planned
    .filter((r) => r.mode === 'managed')
    .map((r) => ({
      mode: 'managed',
      type: r.type,
      name: r.name,
      provider: `provider["${AWS_PROVIDER}"]`,
      instances: [{ schema_version: schemas[r.type]?.version ?? r.schema_version ?? 0, attributes: fill(r.address), sensitive_attributes: [] }],
    }));
  return { version: 4, terraform_version: planJson.terraform_version ?? '1.11.4', serial: 1, lineage: randomUUID(), outputs: {}, resources, check_results: null };
}

/** Copies every value Terraform computed differently (known `after` values) into the state. */
function reconcile(state: Obj, planJson: Obj): number {
  let changed = 0;
  for (const rc of planJson.resource_changes ?? []) {
    const actions: string[] = rc.change?.actions ?? [];
    if (actions.join() === 'no-op' || actions.join() === 'read' || rc.mode !== 'managed') continue;
    const entry = state.resources.find((r: Obj) => r.type === rc.type && r.name === rc.name);
    if (!entry) continue;
    const attributes = entry.instances[0].attributes as Obj;
    const unknown: Obj = rc.change.after_unknown ?? {};
    for (const [k, v] of Object.entries(rc.change.after ?? {})) {
      if (unknown[k] === true) continue;
      if (JSON.stringify(attributes[k]) !== JSON.stringify(v)) {
        attributes[k] = v;
        changed++;
      }
    }
  }
  return changed;
}

function changesOtherThanNoOp(planJson: Obj): string[] {
  return (planJson.resource_changes ?? [])
    .filter((rc: Obj) => !['no-op', 'read'].includes((rc.change?.actions ?? []).join()))
    .map((rc: Obj) => `${rc.address}: ${rc.change.actions.join(',')}`);
}

function writeState(workDir: string, state: Obj): void {
  fs.writeFileSync(path.join(workDir, 'terraform.tfstate'), JSON.stringify(state, null, 2));
}

/**
 * Plans `stackJson` (a synthesized cdktf stack) from nothing, derives the state it would leave behind, and checks it
 * with the fixpoint described above. `workDir` is replaced.
 */
export async function planBase(stackJson: Obj, workDir: string, options: { region?: string; maxRounds?: number } = {}): Promise<PlannedBase> {
  const stack = stackNameOf(stackJson);
  const tfDir = path.join(workDir, 'terraform');
  await prepare(stackJson, tfDir);
  const basePlan = await plan(tfDir);
  const schemas = await resourceSchemas(tfDir);
  const region = options.region ?? stackJson.provider?.aws?.[0]?.region ?? 'eu-west-1';
  const state = stateFromPlan(basePlan, schemas, region);
  let rounds = 0;
  for (; rounds < (options.maxRounds ?? 4); rounds++) {
    writeState(tfDir, state);
    const again = await plan(tfDir);
    const open = changesOtherThanNoOp(again);
    if (open.length === 0) break;
    if (reconcile(state, again) === 0) throw new Error(`derived state never settles; base against its own state still plans:\n${open.join('\n')}`);
    state.serial += 1;
  }
  fs.rmSync(path.join(tfDir, 'terraform.tfstate'), { force: true });
  return { stack, workDir: tfDir, planFile: savePlan(workDir, stack, basePlan), plan: basePlan, state, rounds };
}

/** Plans `headJson` against the base's derived state: resource_changes carry real update/replace/delete actions. */
export async function planHead(base: PlannedBase, headJson: Obj, workDir: string): Promise<PlannedStack> {
  const stack = stackNameOf(headJson);
  const tfDir = path.join(workDir, 'terraform');
  await prepare(headJson, tfDir);
  writeState(tfDir, base.state);
  const headPlan = await plan(tfDir);
  return { stack, workDir: tfDir, planFile: savePlan(workDir, stack, headPlan), plan: headPlan };
}

/** Actions per address of a plan (`create`, `update`, `delete,create`, …), no-ops left out. */
export function plannedActions(planJson: Obj): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rc of planJson.resource_changes ?? []) {
    const a = (rc.change?.actions ?? []).join(',');
    if (a !== 'no-op' && a !== 'read') out[rc.address] = a;
  }
  return out;
}
