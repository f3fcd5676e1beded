/** The IAM normal form and the "who can do what" evaluation shared by rules, diff and report. */
export * from './access';
export * from './actions';
export * from './document';
export * from './inventory';
export * from './managed';
export * from './scope';
