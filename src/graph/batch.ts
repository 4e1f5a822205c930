import type { GraphDatabase } from './database.js';

/**
 * Runs one named, batched query of the form `UNWIND $keys AS key ... RETURN key, <value>` and returns the
 * values in the order of `keys` (the shape DataLoader expects). One round-trip, whatever the number of keys.
 */
export async function loadBatch<V>(
  db: GraphDatabase,
  cypher: string,
  keys: readonly string[],
  map: (row: Record<string, unknown>) => V,
  empty: V,
  params: Record<string, unknown> = {},
): Promise<V[]> {
  const rows = await db.query(cypher, { ...params, keys: [...keys] });
  const byKey = new Map<string, V>();
  for (const row of rows) byKey.set(row.key as string, map(row));
  return keys.map((key) => byKey.get(key) ?? empty);
}
