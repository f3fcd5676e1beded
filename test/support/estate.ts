import * as fs from 'fs';
import * as path from 'path';
import { estateOutDir, estateRunsFile } from './paths';
import { TerraformRun } from './terraform';

/** The global setup's record of each estate stack's terraform run. */
export function estateTerraformRuns(): (TerraformRun & { error?: string })[] {
  const file = estateRunsFile();
  if (!fs.existsSync(file)) throw new Error(`${file} missing: the jest global setup did not run`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Names of the estate's synthesized stacks. */
export function estateStackNames(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(estateOutDir(), 'manifest.json'), 'utf8'));
  return Object.keys(manifest.stacks).sort();
}

/** A synthesized stack of the example estate, as Terraform JSON. */
export function estateStack(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(estateOutDir(), 'stacks', name, 'cdk.tf.json'), 'utf8'));
}

/** The offline plan (`terraform show -json`) of an estate stack. */
export function estatePlan(name: string): any {
  const run = estateTerraformRuns().find((r) => r.stack === name);
  if (!run?.planJsonPath) throw new Error(`no plan for stack ${name}: ${run?.error ?? run?.plan?.output ?? run?.validate?.output ?? run?.init?.output ?? 'not run'}`);
  return JSON.parse(fs.readFileSync(run.planJsonPath, 'utf8'));
}
