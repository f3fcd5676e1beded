/**
 * Readable, stable Terraform names for live resources: the `Name` tag (or another readable candidate)
 * when it is unique within the resource type of the region, else the AWS id — sanitized to
 * `[a-z0-9_]` and never starting with a digit.
 */
export function sanitizeName(raw: string): string {
  const s = raw.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/_+/g, '_').replace(/^_+|_+$/g, '');
  if (s === '') return 'unnamed';
  return /^[a-z_]/.test(s) ? s : `r_${s}`;
}

export interface NameCandidate {
  /** AWS id (always unique): the fallback name. */
  id: string;
  /** Readable candidates in order of preference (e.g. Name tag, group name). */
  readable: Array<string | undefined>;
}

/** Assigns a unique name per id; a readable candidate is used only if no other item of the type yields it. */
export function assignNames(items: readonly NameCandidate[]): Map<string, string> {
  const idNames = new Set(items.map((i) => sanitizeName(i.id)));
  const counts = new Map<string, number>();
  for (const item of items) {
    // Count each sanitized readable name once per item, so an item is not in conflict with itself.
    for (const n of new Set(item.readable.filter((c): c is string => !!c).map(sanitizeName))) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const item of items) {
    let chosen: string | undefined;
    for (const c of item.readable) {
      if (!c) continue;
      const n = sanitizeName(c);
      if (counts.get(n) === 1 && !idNames.has(n) && !taken.has(n)) {
        chosen = n;
        break;
      }
    }
    chosen ??= sanitizeName(item.id);
    taken.add(chosen);
    out.set(item.id, chosen);
  }
  return out;
}
