import { loadEstateConfig } from '../../config/load';
import { EnvironmentConfig } from '../../config/schema';
import { Testing } from '../../constructs/framework';
import { NetworkStack } from '../../stacks/network-stack';
import { PalisadeStack } from '../../stacks/palisade-stack';

export type TerraformJson = { resource: Record<string, Record<string, any>>; provider: any; [key: string]: any };

type DeepPartial<T> = { [K in keyof T]?: T[K] extends (infer U)[] ? U[] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** A valid environment for tests; override any part. */
export function testEnvironment(overrides: DeepPartial<EnvironmentConfig> = {}): EnvironmentConfig {
  const base = {
    name: 'test',
    accountId: '123456789012',
    region: 'eu-west-1',
    owner: 'platform-team',
    dataClassification: 'confidential',
    securityContactEmail: 'security@example.com',
    network: { cidr: '10.0.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] },
  };
  const merged = { ...base, ...overrides, network: { ...base.network, ...(overrides.network ?? {}) } };
  return loadEstateConfig({ environments: [merged] }).environments[0];
}

/** Synthesizes a stack to Terraform JSON without running validations (the gate is tested on its own). */
export function synthStack(stack: PalisadeStack): TerraformJson {
  return JSON.parse(Testing.synth(stack));
}

export function synthNetwork(overrides: DeepPartial<EnvironmentConfig> = {}): { stack: NetworkStack; json: TerraformJson } {
  const stack = new NetworkStack(Testing.app(), testEnvironment(overrides));
  return { stack, json: synthStack(stack) };
}

/** Resources of one type, keyed by name (empty when none). */
export function resourcesOf(json: TerraformJson, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** `${aws_vpc.x.id}` for a resource address. */
export function ref(type: string, name: string, attribute = 'id'): string {
  return `\${${type}.${name}.${attribute}}`;
}
