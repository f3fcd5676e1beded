/**
 * Palisade security baseline engine. Reads synthesized Terraform JSON / plan JSON only; never imports
 * cdktf, constructs or stacks.
 */
export * from './model/index';
export * from './engine';
export * from './formats/index';
export { RULES, DEFAULT_ALLOWED_REGIONS, SEVERITIES, pass, fail, notApplicable } from './rules/index';
export type { Rule, RuleMeta, RuleResult, RuleContext, Severity, Routine, ControlMapping, ResultStatus } from './rules/index';
export * from './suppression-format';
