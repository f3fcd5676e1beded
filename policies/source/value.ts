/** Values of evaluated Terraform expressions: JSON-like data, with `Unknown` where the value is not known before apply. */

/** A value that cannot be known from the source (a resource attribute, a variable without value, …). */
export class Unknown {
  /** The expression as written (without `${}`), e.g. `aws_vpc.main.id`. */
  readonly text: string;
  /** The string exactly as written, when it was a template mixing text and interpolations (`web-${var.x}`). */
  readonly written?: string;
  constructor(text: string, written?: string) {
    this.text = text;
    if (written !== undefined) this.written = written;
  }
}

export type Value = null | boolean | number | string | Unknown | Value[] | { [key: string]: Value };
export type ObjectValue = { [key: string]: Value };

/** Evaluation failed the way Terraform would fail (bad index, wrong type, missing attribute). `try`/`can` catch it. */
export class EvalError extends Error {}

/** The expression uses something this evaluator does not model (an unsupported function or syntax). */
export class Unsupported extends EvalError {}

export function isObjectValue(v: Value | undefined): v is ObjectValue {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Unknown);
}

/** True when the value or anything inside it is unknown. */
export function hasUnknown(v: Value): boolean {
  if (v instanceof Unknown) return true;
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (isObjectValue(v)) return Object.values(v).some(hasUnknown);
  return false;
}

/** Terraform's string conversion (numbers and bools convert; collections do not). */
export function toStr(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) throw new EvalError('null value in a string');
  throw new EvalError('a collection cannot be converted to a string');
}

export function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  throw new EvalError(`"${String(v)}" is not a number`);
}

export function toBool(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new EvalError(`"${String(v)}" is not a bool`);
}

/** A value as JSON for the model: unknowns become the interpolation `${text}` the engine treats as unknown. */
export function toJson(v: Value): unknown {
  if (v instanceof Unknown) return v.written ?? `\${${v.text}}`;
  if (Array.isArray(v)) return v.map(toJson);
  if (isObjectValue(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJson(x)]));
  return v;
}

/** Structural equality (Terraform `==`). */
export function equal(a: Value, b: Value): boolean {
  return JSON.stringify(toJson(a)) === JSON.stringify(toJson(b));
}
