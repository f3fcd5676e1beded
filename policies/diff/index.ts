/** Security-aware diff of two synths or plans (JSON only, like the rest of `policies/`). */
export { diffPaths, diffSides } from './diff';
export type { DiffOptions } from './diff';
export { DIFF_COMMENT_MARKER, DIFF_FORMATS, formatDiff, formatDiffJson, formatDiffMarkdown, isDiffFormat } from './format';
export type { DiffFormat } from './format';
export { loadSide } from './sides';
export type { DiffSide, PlannedChange } from './sides';
export { FORCE_NEW, isStateful, STATEFUL_TYPES } from './stateful';
export * from './types';
