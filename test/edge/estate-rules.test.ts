import * as fs from 'fs';
import * as path from 'path';
import { exampleEstate } from '../../config/estate';
import { loadEstateConfig } from '../../config/load';
import { Testing } from '../../constructs/framework';
import { loadModel, runBaseline } from '../../policies/index';
import { buildEstate } from '../../stacks/estate';
import { EDGE_AND_STORAGE_RULES } from '../support/edge-rules';

test('every stack of the example estate passes the edge and storage rules (ready to register in the synth gate)', () => {
  const app = Testing.app();
  buildEstate(app, loadEstateConfig(exampleEstate));
  app.synth();
  expect(fs.existsSync(path.join(app.outdir, 'manifest.json'))).toBe(true);
  const report = runBaseline(loadModel(app.outdir), { rules: EDGE_AND_STORAGE_RULES });
  expect(report.findings.map((f) => `${f.ruleId} ${f.stack} ${f.resource}: ${f.message}`)).toEqual([]);
  for (const r of EDGE_AND_STORAGE_RULES) expect(report.outcomes[r.id]).toBe('pass');
});
