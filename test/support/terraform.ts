import { execFile, spawnSync } from 'child_process';
import { promisify } from 'util';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Runs the real Terraform CLI and AWS provider against synthesized stacks, offline.
 *
 * The offline provider settings live only in a test-only `*_override.tf.json` written beside a copy of the stack:
 * what `cdktf deploy` uses never contains them.
 */

/** Where the provider comes from: PALISADE_TF_PLUGIN_DIR, else this machine's mirror, else the registry. */
export function pluginDir(): string | undefined {
  const configured = process.env.PALISADE_TF_PLUGIN_DIR;
  if (configured) return configured;
  return fs.existsSync('/opt/tf-plugins/registry.terraform.io') ? '/opt/tf-plugins' : undefined;
}

export const INSTALL_HINT =
  'terraform (>= 1.5) is required on PATH for these tests: install it from https://developer.hashicorp.com/terraform/install ' +
  '(or your package manager), and set PALISADE_TF_PLUGIN_DIR to a provider mirror when offline.';

/** Throws with install instructions when terraform is missing: tests fail, they never silently skip. */
export function requireTerraform(): string {
  const found = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', env: terraformEnv() });
  if (found.error || found.status !== 0) throw new Error(`terraform not found. ${INSTALL_HINT}`);
  return JSON.parse(found.stdout).terraform_version as string;
}

export function terraformEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0' };
  // A TF_CLI_CONFIG_FILE pointing at nothing only produces warnings; drop it.
  if (env.TF_CLI_CONFIG_FILE && !fs.existsSync(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;
  return env;
}

type TerraformOutputBlock = { value?: unknown };
type StackJson = {
  provider?: { aws?: { alias?: string; region?: string; allowed_account_ids?: string[] }[] };
  data?: { terraform_remote_state?: Record<string, unknown> };
  output?: Record<string, TerraformOutputBlock>;
  [key: string]: unknown;
};

/**
 * The settings that let validate and plan run with no AWS account and no network: offline provider credentials and,
 * for cross-stack references, `defaults` on every `terraform_remote_state` data source. Offline there is no producer
 * state to read, so each output the stack reads gets a placeholder shaped like the producer's output — realistic ids
 * (`vpc-0ff11e…`, `subnet-0ff11e…`) and ARNs, because the provider validates some formats at plan time.
 * `producerOutputs`: the `output` blocks of the other stacks of the same synth, by output name.
 */
export function offlineProviderOverride(stackJson: StackJson, producerOutputs: Record<string, TerraformOutputBlock> = {}): object {
  const providers = stackJson.provider?.aws ?? [{}];
  const remoteStates = Object.keys(stackJson.data?.terraform_remote_state ?? {});
  const override: Record<string, unknown> = {
    provider: {
      aws: providers.map((p) => ({
        ...(p.alias ? { alias: p.alias } : {}),
        access_key: 'AKIAOFFLINEPLANONLY00',
        secret_key: 'offline-plan-only',
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
        // The skipped account lookup would otherwise fail the allowlist.
        allowed_account_ids: null,
      })),
    },
  };
  if (remoteStates.length > 0) {
    const text = JSON.stringify(stackJson);
    const region = typeof providers[0]?.region === 'string' ? providers[0].region : 'eu-west-1';
    const account = providers[0]?.allowed_account_ids?.[0] ?? '123456789012';
    const defaults: Record<string, Record<string, unknown>> = {};
    for (const name of remoteStates) {
      const read = new Set([...text.matchAll(new RegExp(`data\\.terraform_remote_state\\.${name}\\.outputs\\.([A-Za-z0-9_-]+)`, 'g'))].map((m) => m[1]));
      defaults[name] = Object.fromEntries([...read].sort().map((output) => [output, placeholderFor(output, producerOutputs[output]?.value, region, account)]));
    }
    // Terraform fails on a missing state file even with defaults: read an empty local state instead, whatever the backend.
    override.data = {
      terraform_remote_state: Object.fromEntries(Object.entries(defaults).map(([name, d]) => [name, { backend: 'local', config: { path: OFFLINE_EMPTY_STATE }, defaults: d }])),
    };
  }
  return override;
}

/** A state with no outputs, written beside the override, that every offline `terraform_remote_state` reads. */
export const OFFLINE_EMPTY_STATE = 'palisade_offline_empty.tfstate';

const ID_PREFIXES: Record<string, string> = {
  aws_vpc: 'vpc', aws_subnet: 'subnet', aws_security_group: 'sg', aws_route_table: 'rtb', aws_internet_gateway: 'igw',
  aws_nat_gateway: 'nat', aws_network_acl: 'acl', aws_vpc_endpoint: 'vpce', aws_eip: 'eipalloc', aws_instance: 'i',
};

/** A stand-in value for a producer output, shaped after the expression that produces it. */
function placeholderFor(outputName: string, value: unknown, region: string, account: string): unknown {
  if (Array.isArray(value)) return value.map((v, i) => placeholderFor(`${outputName}_${i}`, v, region, account));
  const hex = hashHex(outputName);
  const ref = typeof value === 'string' ? /\$\{(?:tolist\()?(aws_[a-z0-9_]+)\.[A-Za-z0-9_-]+\.([a-z_]+)/.exec(value) : null;
  if (!ref) return `offline-${outputName}`;
  const [, type, attribute] = ref;
  const uuid = `0ff11e00-${hex.slice(0, 4)}-4${hex.slice(4, 7)}-8${hex.slice(7, 10)}-${hex.slice(10, 22).padEnd(12, '0')}`;
  if (attribute === 'arn') {
    if (type === 'aws_kms_key') return `arn:aws:kms:${region}:${account}:key/${uuid}`;
    const service = type.replace(/^aws_/, '').split('_')[0];
    return `arn:aws:${service}:${region}:${account}:${type.replace(/^aws_/, '').replace(/_/g, '-')}/offline-${hex.slice(0, 8)}`;
  }
  if (type === 'aws_kms_key' && (attribute === 'id' || attribute === 'key_id')) return uuid;
  if (attribute === 'id' && ID_PREFIXES[type]) return `${ID_PREFIXES[type]}-0ff11e${hex.slice(0, 11)}`;
  return `offline-${outputName}`;
}

function hashHex(text: string): string {
  // FNV-1a, widened: stable across runs, enough to tell placeholders apart.
  let out = '';
  for (let round = 0; out.length < 24; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/** `output` blocks of every stack synthesized beside `stackFile` (`<outdir>/stacks/<name>/cdk.tf.json`). */
function siblingOutputs(stackFile: string): Record<string, TerraformOutputBlock> {
  const stacksDir = path.dirname(path.dirname(stackFile));
  const outputs: Record<string, TerraformOutputBlock> = {};
  for (const name of fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir) : []) {
    const file = path.join(stacksDir, name, 'cdk.tf.json');
    if (file === stackFile || !fs.existsSync(file)) continue;
    Object.assign(outputs, (JSON.parse(fs.readFileSync(file, 'utf8')) as StackJson).output ?? {});
  }
  return outputs;
}

export interface TerraformStep {
  readonly ok: boolean;
  readonly output: string;
  readonly seconds: number;
}

export interface TerraformRun {
  readonly stack: string;
  readonly workDir: string;
  readonly init: TerraformStep;
  /** Only when not planning: a plan validates the configuration itself. */
  readonly validate?: TerraformStep;
  readonly plan?: TerraformStep;
  /** `terraform show -json` of the plan, when planning succeeded. */
  readonly planJsonPath?: string;
}

const execFileAsync = promisify(execFile);

async function step(args: string[], cwd: string): Promise<TerraformStep & { stdout: string }> {
  const started = Date.now();
  try {
    const { stdout, stderr } = await execFileAsync('terraform', args, { cwd, encoding: 'utf8', env: terraformEnv(), maxBuffer: 512 * 1024 * 1024 });
    return { ok: true, output: `${stdout}${stderr}`, stdout, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message, stdout: '', seconds: (Date.now() - started) / 1000 };
  }
}

/**
 * Copies a synthesized stack into `workDir`, adds the offline override, and runs init, then validate or plan + show
 * -json. Never throws on a Terraform failure: the steps report it.
 */
export async function runTerraform(stackFile: string, workDir: string, options: { plan: boolean; stack?: string }): Promise<TerraformRun> {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const stackJson = JSON.parse(fs.readFileSync(stackFile, 'utf8'));
  fs.writeFileSync(path.join(workDir, 'cdk.tf.json'), JSON.stringify(stackJson));
  const producerOutputs = stackJson.data?.terraform_remote_state ? siblingOutputs(path.resolve(stackFile)) : {};
  fs.writeFileSync(path.join(workDir, 'palisade_offline_override.tf.json'), JSON.stringify(offlineProviderOverride(stackJson, producerOutputs), null, 2));
  if (stackJson.data?.terraform_remote_state) {
    fs.writeFileSync(path.join(workDir, OFFLINE_EMPTY_STATE), JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: 'palisade-offline', outputs: {}, resources: [] }));
  }
  const plugins = pluginDir();
  const stack = options.stack ?? path.basename(path.dirname(stackFile));
  const init = await step(['init', '-input=false', '-no-color', ...(plugins ? [`-plugin-dir=${plugins}`] : [])], workDir);
  if (!init.ok) return { stack, workDir, init };
  if (!options.plan) return { stack, workDir, init, validate: await step(['validate', '-no-color'], workDir) };
  // No separate `terraform validate` before a plan: plan validates the whole configuration first (the same checks),
  // and each command that loads the AWS provider costs seconds of CPU.
  const plan = await step(['plan', '-refresh=false', '-lock=false', '-input=false', '-no-color', '-out=plan.bin'], workDir);
  if (!plan.ok) return { stack, workDir, init, plan };
  const planJsonPath = path.join(workDir, 'plan.json');
  const show = await step(['show', '-json', 'plan.bin'], workDir);
  if (!show.ok) return { stack, workDir, init, plan: { ...plan, ok: false, output: show.output } };
  fs.writeFileSync(planJsonPath, show.stdout);
  return { stack, workDir, init, plan, planJsonPath };
}
