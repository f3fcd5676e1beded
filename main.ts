import { exampleEstate } from './config/estate';
import { loadEstateConfig } from './config/load';
import { App } from './index';
import { buildEstate } from './stacks/estate';

/** Synthesizes the estate into `cdktf.out/` (or CDKTF_OUTDIR): `cdktf synth` and `npm start` both run this. */
const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
buildEstate(app, loadEstateConfig(exampleEstate, 'config/estate.ts'));
app.synth();
