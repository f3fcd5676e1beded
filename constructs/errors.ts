/**
 * A configuration mistake caught at synth time. The message always names where (construct path or
 * config path), which field, and the value that was refused — so nobody has to read a stack trace.
 */
export class PalisadeConfigError extends Error {
  constructor(
    /** Construct path (`production-network/network`) or config path (`environments[1]`). */
    public readonly where: string,
    /** The field that holds the bad value (`tiers[2].name`). */
    public readonly field: string,
    /** The refused value, echoed back. */
    public readonly value: unknown,
    /** Why it was refused and what would be accepted. */
    public readonly reason: string,
  ) {
    super(`${where}: ${field} = ${formatValue(value)}: ${reason}`);
    this.name = 'PalisadeConfigError';
  }
}

export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    return String(value);
  }
}
