/**
 * A content hash of the whole graph: every node (label, key, properties) and relationship (type, ends,
 * properties), canonically ordered, without what changes from run to run (ImportRun and Migration nodes,
 * `importRun`, timestamps). Two graphs with equal hashes hold the same facts with the same provenance.
 * Used by the import idempotence tests and by backup/restore to verify a round trip.
 */
import type { GraphDatabase } from './database.js';
import { createHash } from 'node:crypto';

/** Properties that record when or by which run something was written, not what it says. */
export const VOLATILE_PROPERTIES = new Set(['importRun', 'startedAt', 'appliedAt']);
const VOLATILE_LABELS = ['ImportRun', 'Migration'];

const NODES_FOR_HASH = `
MATCH (n)
WHERE none(l IN labels(n) WHERE l IN $volatileLabels)
RETURN labels(n) AS labels, coalesce(n.id, n.path) AS key, properties(n) AS props`;

const RELATIONSHIPS_FOR_HASH = `
MATCH (a)-[r]->(b)
WHERE none(l IN labels(a) WHERE l IN $volatileLabels) AND none(l IN labels(b) WHERE l IN $volatileLabels)
RETURN type(r) AS type, coalesce(a.id, a.path) AS from, coalesce(b.id, b.path) AS to, properties(r) AS props`;

function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k]) => !VOLATILE_PROPERTIES.has(k))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface GraphDigest {
  hash: string;
  nodes: number;
  relationships: number;
}

export async function graphContentHash(db: GraphDatabase): Promise<GraphDigest> {
  return db.read(async (tx) => {
    const params = { volatileLabels: VOLATILE_LABELS };
    const nodeLines = (await tx.run(NODES_FOR_HASH, params)).records.map((r) =>
      canonical([[...(r.get('labels') as string[])].sort(), r.get('key'), r.get('props')]),
    );
    const relLines = (await tx.run(RELATIONSHIPS_FOR_HASH, params)).records.map((r) =>
      canonical([r.get('type'), r.get('from'), r.get('to'), r.get('props')]),
    );
    nodeLines.sort();
    relLines.sort();
    const hash = createHash('sha256');
    for (const line of nodeLines) hash.update(`N${line}\n`);
    for (const line of relLines) hash.update(`R${line}\n`);
    return { hash: hash.digest('hex'), nodes: nodeLines.length, relationships: relLines.length };
  });
}
