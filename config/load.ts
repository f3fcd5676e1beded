import { z } from 'zod';
import { formatValue, PalisadeConfigError } from '../index';
import { EstateConfig, EstateConfigInput, estateSchema } from './schema';

/**
 * Validates an estate config. Every problem is reported with its path and the bad value, e.g.
 * `config: environments[1].accountId = "12345": a 12-digit AWS account id`.
 */
export function loadEstateConfig(input: EstateConfigInput | unknown, source = 'config'): EstateConfig {
  const result = estateSchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${source}: ${formatPath(issue.path)} = ${formatValue(issueInput(issue))}: ${issue.message}`);
    throw new PalisadeConfigError(source, formatPath(result.error.issues[0].path), issueInput(result.error.issues[0]), lines.length > 1 ? `${result.error.issues[0].message} (and ${lines.length - 1} more)\n${lines.join('\n')}` : result.error.issues[0].message);
  }
  const config = result.data;
  const names = new Set<string>();
  config.environments.forEach((env, i) => {
    if (names.has(env.name)) throw new PalisadeConfigError(source, `environments[${i}].name`, env.name, 'duplicate environment name');
    names.add(env.name);
    if (!env.allowedRegions.includes(env.region)) {
      throw new PalisadeConfigError(source, `environments[${i}].region`, env.region, `not in allowedRegions (${env.allowedRegions.join(', ')})`);
    }
  });
  return config;
}

function issueInput(issue: z.core.$ZodIssue): unknown {
  return 'input' in issue ? issue.input : undefined;
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(root)';
}
