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

function terraformEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0' };
  // A TF_CLI_CONFIG_FILE pointing at nothing only produces warnings; drop it.
  if (env.TF_CLI_CONFIG_FILE && !fs.existsSync(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;
  return env;
}

/** The provider settings that let validate and plan run with no AWS account and no network. */
export function offlineProviderOverride(stackJson: { provider?: { aws?: { alias?: string }[] } }): object {
  const providers = stackJson.provider?.aws ?? [{}];
  return {
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
 * Copies a synthesized stack into `workDir`, adds the offline override, and runs init, validate and
 * (optionally) plan + show -json. Never throws on a Terraform failure: the steps report it.
 */
export async function runTerraform(stackFile: string, workDir: string, options: { plan: boolean; stack?: string }): Promise<TerraformRun> {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const stackJson = JSON.parse(fs.readFileSync(stackFile, 'utf8'));
  fs.writeFileSync(path.join(workDir, 'cdk.tf.json'), JSON.stringify(stackJson));
  fs.writeFileSync(path.join(workDir, 'palisade_offline_override.tf.json'), JSON.stringify(offlineProviderOverride(stackJson), null, 2));
  const plugins = pluginDir();
  const stack = options.stack ?? path.basename(path.dirname(stackFile));
  const init = await step(['init', '-input=false', '-no-color', ...(plugins ? [`-plugin-dir=${plugins}`] : [])], workDir);
  if (!init.ok) return { stack, workDir, init };
  const validate = await step(['validate', '-no-color'], workDir);
  if (!validate.ok || !options.plan) return { stack, workDir, init, validate };
  const plan = await step(['plan', '-refresh=false', '-lock=false', '-input=false', '-no-color', '-out=plan.bin'], workDir);
  if (!plan.ok) return { stack, workDir, init, validate, plan };
  const planJsonPath = path.join(workDir, 'plan.json');
  const show = await step(['show', '-json', 'plan.bin'], workDir);
  if (!show.ok) return { stack, workDir, init, validate, plan: { ...plan, ok: false, output: show.output } };
  fs.writeFileSync(planJsonPath, show.stdout);
  return { stack, workDir, init, validate, plan, planJsonPath };
}
