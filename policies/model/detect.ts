import { TF_COMMENT_KEY } from '../suppression-format';
import type { InputKind } from './types';
import { isObject } from './values';

export type Detected = InputKind | 'cdktf-manifest' | 'unknown';

/** Recognises a parsed JSON document by its content. */
export function detectKind(json: unknown): Detected {
  if (!isObject(json)) return 'unknown';
  if (typeof json.format_version === 'string') {
    if ('planned_values' in json || 'resource_changes' in json || 'configuration' in json || 'prior_state' in json) return 'terraform-plan';
    if ('values' in json) return 'terraform-state';
  }
  if (isObject(json.stacks) && 'version' in json) return 'cdktf-manifest';
  // Every top-level block type of a Terraform configuration: a file may hold only `moved` or `import` blocks.
  const tfKeys = ['resource', 'data', 'provider', 'terraform', 'module', 'output', 'variable', 'locals', 'moved', 'import', 'removed', 'check', 'ephemeral'];
  const hasTf = tfKeys.some((k) => k in json);
  const comment = json[TF_COMMENT_KEY];
  const stackName = isObject(comment) && isObject(comment.metadata) ? comment.metadata.stackName : undefined;
  if (!hasTf && stackName === undefined) return 'unknown';
  // Terraform JSON also allows a block section as an array of objects (the array form).
  if ('resource' in json && !isObject(json.resource) && !Array.isArray(json.resource)) return 'unknown';
  if ('data' in json && !isObject(json.data) && !Array.isArray(json.data)) return 'unknown';
  if (stackName !== undefined) return 'cdktf-stack';
  if (isObject(json.resource)) {
    for (const byName of Object.values(json.resource)) {
      if (!isObject(byName)) continue;
      for (const body of Object.values(byName)) {
        const c = isObject(body) ? body[TF_COMMENT_KEY] : undefined;
        if (isObject(c) && isObject(c.metadata)) return 'cdktf-stack';
      }
    }
  }
  return 'terraform-json';
}

