import { exampleEstate } from './config/estate';
import { loadEstateConfig } from './config/load';
import { App, setTokenCreationStacks } from './index';
import { buildEstate } from './stacks/estate';

// cdktf's per-token creation stacks only explain a token that fails to resolve: PALISADE_TOKEN_STACKS=1 to debug one.
setTokenCreationStacks(process.env.PALISADE_TOKEN_STACKS === '1');

/** Synthesizes the estate into `cdktf.out/` (or CDKTF_OUTDIR): `cdktf synth` and `npm start` both run this. */
const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
buildEstate(app, loadEstateConfig(exampleEstate, 'config/estate.ts'));
app.synth();
