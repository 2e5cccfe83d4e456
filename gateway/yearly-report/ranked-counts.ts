/** Counts by key, and the order every ranking and breakdown in the report uses. */
export function countBy<T>(
  items: Iterable<T>,
  keyOf: (item: T) => string,
  weight: (item: T) => number,
) {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    counts.set(key, (counts.get(key) ?? 0) + weight(item));
  }
  return counts;
}

/** Most first, ties by key: the order every ranking and breakdown in the report uses. */
export function ranked(counts: Map<string, number>): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
