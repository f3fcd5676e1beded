import { Testing } from '../../constructs/framework';
import { SecurityStack } from '../../stacks/security-stack';
import { synthStack, testEnvironment, TerraformJson } from '../support/synth';

type Overrides = Parameters<typeof testEnvironment>[0];

/** A test environment's security stack, synthesized (validations not run). */
export function synthSecurity(overrides: Overrides = {}): { stack: SecurityStack; json: TerraformJson } {
  const stack = new SecurityStack(Testing.app(), testEnvironment(overrides));
  return { stack, json: synthStack(stack) };
}

/** The statements of a JSON policy attribute. */
export function statements(policy: string): any[] {
  return JSON.parse(policy).Statement;
}
