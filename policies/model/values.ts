/**
 * Helpers that read Terraform attribute values regardless of how cdktf/Terraform rendered them:
 * nested blocks as a single object or as a list, numbers/booleans as strings, tokens as strings.
 */

export type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Nested block(s) as an array of objects: accepts a single object, an array of objects, or nothing. */
export function blocks(value: unknown): Obj[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) {
    const out: Obj[] = [];
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (Array.isArray(v)) out.push(...blocks(v));
      else if (isObject(v)) out.push(v);
    }
    return out;
  }
  return isObject(value) ? [value] : [];
}

/** The first block, or undefined. */
export function block(value: unknown): Obj | undefined {
  return blocks(value)[0];
}

/** A list attribute as an array (a scalar becomes a one-element list). */
export function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Strings of a list attribute. */
export function strings(value: unknown): string[] {
  return list(value).filter((v): v is string => typeof v === 'string');
}

/** A plan value known only after apply whose configuration expression cannot be followed. */
export const UNKNOWN_VALUE = '${unknown}';
/**
 * A plan value known only after apply whose configuration goes through a variable, local or module output (which a
 * plan does not export): unknown, named by the expression (`${unknown: module.vpc.local.vpc_id}`).
 */
export function unknownThrough(expression: string): string {
  return `\${unknown: ${expression}}`;
}

/** True for {@link UNKNOWN_VALUE} and {@link unknownThrough} markers: nothing to compare or match by name. */
export function isUnknownMarker(value: unknown): boolean {
  return value === UNKNOWN_VALUE || (typeof value === 'string' && value.startsWith('${unknown: '));
}

/**
 * Whether two values name the same thing (a bucket, vault, document, group): equal strings, literal or the same
 * expression, but never a plan's unknown or computed marker — two values known only after apply are not one name.
 */
export function sameName(a: unknown, b: unknown): boolean {
  return nameKey(a) !== undefined && a === b;
}

/** The key under which {@link sameName} matches a value (for indexes), or undefined when it names nothing. */
export function nameKey(value: unknown): string | undefined {
  return typeof value === 'string' && !isUnknownMarker(value) && !isComputed(value) ? value : undefined;
}

/** A plan value known only after apply that the configuration does not set at all: the provider computes it. */
export const COMPUTED_VALUE = '${computed}';

/** True when the value is one the configuration never set (a provider default/computed attribute of a plan). */
export function isComputed(value: unknown): boolean {
  return value === COMPUTED_VALUE;
}

/** Not set by the configuration: absent, null, or a plan's computed marker (the provider fills in its default). */
export function isUnset(value: unknown): boolean {
  return value === undefined || value === null || isComputed(value);
}

/** True when the value contains a Terraform interpolation (`${...}`) — i.e. unknown until apply. */
export function isToken(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** `true`/`"true"`/`"1"` → true, `false`/`"false"`/`"0"` → false (Terraform's string-to-bool conversion), anything else → undefined. */
export function asBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
  }
  return undefined;
}

/**
 * A boolean setting as Terraform will apply it: its value (`true`, `"false"`, `"1"`…), the provider's default when the
 * configuration leaves it unset (absent, null, or a plan's computed marker), or `unknown` when an expression decides
 * it at apply — a rule must not read that as either value.
 */
export function boolSettingOr(value: unknown, byDefault: boolean): boolean | 'unknown' {
  if (isUnset(value)) return byDefault;
  return asBool(value) ?? 'unknown';
}

/** Finite number from a number or numeric string, else undefined. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '' && !isToken(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Non-empty string (after trim) the configuration set, else undefined. */
export function asString(value: unknown): string | undefined {
  // A plan's computed marker is an attribute the configuration leaves unset (the provider fills in its default, e.g.
  // the AWS managed key for an RDS `kms_key_id`): unset, not a value the configuration chose.
  return typeof value === 'string' && value.trim() !== '' && value !== COMPUTED_VALUE ? value : undefined;
}

/** Tags map from a `tags` / `tags_all` value (block or map). Non-string values are stringified. */
export function tagMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of blocks(value)) {
    for (const k in b) {
      const v = b[k];
      if (v !== null && v !== undefined) out[k] = String(v);
    }
  }
  return out;
}
