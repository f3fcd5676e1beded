/**
 * The loader's public face. The work is split by job:
 * - `discover.ts`: paths → parsed documents (manifests, directories, files);
 * - `detect.ts`: what a parsed document is (plan, state, cdktf stack, Terraform JSON, manifest);
 * - `documents.ts`: documents → model (`modelFromDocuments`, the single entry every front end uses);
 * - `from-terraform-json.ts`, `from-plan.ts`: one loader per document kind; `builder.ts`: what they share.
 */
export type { InputDocument, LoadOptions } from './builder';
export { detectKind } from './detect';
export { loadModel } from './discover';
export { modelFromDocuments } from './documents';
