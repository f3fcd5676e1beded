/**
 * Child process of the benchmark: synthesizes an estate of N environments (copies of the example's production
 * environment) into OUTDIR through our own constructs and stacks, then prints one JSON line of figures.
 * A third argument `no-token-stacks` synthesizes with cdktf's per-token creation stacks off, as main.ts does.
 */
import * as fs from 'fs';
import * as path from 'path';
import { exampleEstate } from '../config/estate';
import { loadEstateConfig } from '../config/load';
import { App, setTokenCreationStacks } from '../constructs/framework';
import { buildEstate } from '../stacks/estate';

const [environments, outdir, mode] = [Number(process.argv[2]), process.argv[3], process.argv[4] ?? 'token-stacks'];
if (mode !== 'token-stacks' && mode !== 'no-token-stacks') throw new Error(`mode: ${mode}: expected token-stacks or no-token-stacks`);
const template = exampleEstate.environments[1];
const config = loadEstateConfig({
  environments: Array.from({ length: environments }, (_, i) => ({
    ...template,
    name: `env${String(i).padStart(4, '0')}`,
    accountId: String(100000000000 + i),
  })),
});
const started = process.hrtime.bigint();
setTokenCreationStacks(mode === 'token-stacks');
const app = new App({ outdir, skipValidation: true }); // the gate is measured with the check, not twice
buildEstate(app, config);
app.synth();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
let resources = 0;
for (const stack of Object.values(manifest.stacks) as { synthesizedStackPath: string }[]) {
  const json = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), 'utf8'));
  for (const byName of Object.values(json.resource ?? {})) resources += Object.keys(byName as object).length;
}
process.stdout.write(`${JSON.stringify({ seconds, resources, stacks: Object.keys(manifest.stacks).length, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
