import { Builder, type InputDocument, type LoadOptions } from './builder';
import { refuseErroredPlan, refuseIncompletePlan, refuseRefreshOnlyPlan, refuseUnsupportedFormat } from './read-input';
import { detectKind } from './detect';
import { InputError } from './errors';
import { addPlan } from './from-plan';
import { addTerraformJson } from './from-terraform-json';
import { Model } from './model';

/**
 * The single entry where parsed documents become a model: every input (files found by discovery, documents
 * embedded by tests or produced by other front ends) passes through here.
 */
export function modelFromDocuments(docs: readonly InputDocument[], options: LoadOptions = {}): Model {
  const b = new Builder(options.baseDir ?? process.cwd());
  for (const doc of docs) {
    const kind = detectKind(doc.json);
    if (kind === 'terraform-plan' || kind === 'terraform-state') refuseUnsupportedFormat(doc.file, doc.json, kind === 'terraform-plan' ? 'plan' : 'state');
    if (kind === 'terraform-plan') {
      refuseErroredPlan(doc.file, doc.json);
      refuseIncompletePlan(doc.file, doc.json);
      refuseRefreshOnlyPlan(doc.file, doc.json);
    }
    if (kind === 'terraform-plan' || kind === 'terraform-state') addPlan(b, doc, kind);
    else if (kind === 'cdktf-stack' || kind === 'terraform-json') addTerraformJson(b, doc, kind);
    else throw new InputError(doc.file, 'unrecognised document kind');
  }
  return new Model(b.stacks, b.resources, b.edges);
}

