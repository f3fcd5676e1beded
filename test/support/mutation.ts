import { modelFromDocuments, runBaseline } from '../../policies/index';

export type StackJson = { resource: Record<string, Record<string, any>>; [key: string]: any };

/** A weakening edit of a synthesized stack, and the rule that must catch it. */
export interface Mutation {
  readonly name: string;
  readonly rule: string;
  readonly mutate: (stack: StackJson) => void;
}

/** Unsuppressed findings of the baseline on one synthesized stack (as Terraform JSON). */
export function openFindings(stackName: string, json: StackJson, allowedRegions?: readonly string[]) {
  const model = modelFromDocuments([{ file: `stacks/${stackName}/cdk.tf.json`, json, stackName }]);
  return runBaseline(model, { allowedRegions }).findings.filter((f) => !f.suppressed);
}

/** Applies a mutation to a deep copy and returns the rule ids that now fire. */
export function firingRules(stackName: string, original: StackJson, mutation: Mutation): string[] {
  const copy = structuredClone(original);
  mutation.mutate(copy);
  return [...new Set(openFindings(stackName, copy).map((f) => f.ruleId))];
}

/** The one resource of a type whose name ends with `suffix`. */
export function resourceEndingWith(stack: StackJson, type: string, suffix: string): any {
  const match = Object.entries(stack.resource[type] ?? {}).filter(([name]) => name.endsWith(suffix));
  if (match.length !== 1) throw new Error(`expected one ${type} ending with ${suffix}, found ${match.map(([n]) => n).join(', ') || 'none'}`);
  return match[0][1];
}
