/** Items grouped by a key, in input order within each group: the one-pass index the rules and the diff build per model. */
export function groupBy<K, V>(items: Iterable<V>, keyOf: (item: V) => K | undefined): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}
