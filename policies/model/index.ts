export { InputError } from './errors';
export { detectKind, loadModel, modelFromDocuments } from './load';
export type { InputDocument, LoadOptions } from './load';
export { Model, typeKey } from './model';
export { findRefs, interpolations } from './refs';
export type { Edge, InputKind, ModuleBlock, ProviderConfig, Resource, StackInfo } from './types';
export * from './values';
