/**
 * Writes a generated organisation (generator.ts) into Neo4j in batches of separate transactions.
 *
 * Why not writer.ts: that writer holds a whole import in ONE transaction so a handbook re-import is atomic and
 * replaces per file. A generated organisation of 100k-1M people is millions of writes; one transaction would
 * need gigabytes of transaction state in the Neo4j heap. A generated organisation has no partial re-import
 * either: `orgraph generate` replaces the whole generated graph (see GENERATED_CLEAR), so per-file replacement
 * is not needed and batches can commit one by one; and since the graph was just cleared, facts are CREATEd
 * (no MERGE look-ups). The graph it leaves follows docs/graph-model.md exactly: SourceFile nodes with
 * DEFINED_IN (sourceLine, sourceAnchor), provenance and importRun on every node and relationship, one ImportRun.
 *
 * Provenance is computed here instead of by the importer's provenance query: the same rule (the DEFINED_IN
 * with the smallest path, then line), applied to the model, saves a read of every node.
 */
import neo4j from 'neo4j-driver';
import { createHash } from 'node:crypto';

import type { GraphDatabase } from '../graph/database.js';
import { GENERATED_ROOT } from './generator.js';
import type { GraphModel, NodeFact, NodeLabel, PropertyValue, Provenance, RelFact } from './model.js';
import { NODE_LABELS, type RelType } from './model.js';

/** One CREATE query per label (labels cannot be parameters; the list is the graph model's, never input). */
export const CREATE_NODES: Record<NodeLabel, string> = Object.fromEntries(
  NODE_LABELS.map((label) => [
    label,
    `
UNWIND $rows AS row
CREATE (n:${label})
SET n = row.props, n.id = row.id, n.importRun = $run
WITH n, row
UNWIND row.defs AS def
MATCH (f:SourceFile {path: def.path})
CREATE (n)-[:DEFINED_IN {sourceLine: def.line, sourceAnchor: def.anchor}]->(f)`,
  ]),
) as Record<NodeLabel, string>;

export function createRelationships(type: RelType, from: NodeLabel, to: NodeLabel): string {
  return `
UNWIND $rows AS row
MATCH (a:${from} {id: row.from})
MATCH (b:${to} {id: row.to})
CREATE (a)-[r:${type}]->(b)
SET r = row.props, r.sourcePath = row.sourcePath, r.importRun = $run`;
}

export const CREATE_SOURCE_FILES = `
UNWIND $files AS file
CREATE (:SourceFile {path: file.path, hash: file.hash, importRun: $run})`;

export const CREATE_IMPORT_RUN = `
CREATE (:ImportRun {id: $run, startedAt: $startedAt, files: $files, imported: $imported, failed: $failed})`;

/** SourceFiles that are not generated: a handbook import lives in this database. */
export const FOREIGN_SOURCE_FILES = `
MATCH (f:SourceFile) WHERE NOT f.path STARTS WITH $root
RETURN count(f) AS count, collect(f.path)[0..3] AS examples`;

/** Everything but the migration records, in server-side batches (a generated graph is too big for one). */
export const GENERATED_CLEAR = `
MATCH (n) WHERE NOT n:Migration
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`;

export interface GeneratedWriteStats {
  runId: string;
  nodes: number;
  relationships: number;
  transactions: number;
  ms: number;
}

function firstDefinition(defs: Provenance[]): Provenance {
  let best = defs[0]!;
  for (const d of defs)
    if (
      d.sourcePath < best.sourcePath ||
      (d.sourcePath === best.sourcePath && d.sourceLine < best.sourceLine)
    )
      best = d;
  return best;
}

function withInts(values: Record<string, PropertyValue>, intProps: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const k of intProps) if (typeof out[k] === 'number') out[k] = neo4j.int(out[k] as number);
  return out;
}

/** Deletes every node but the migration records (auto-commit: CALL IN TRANSACTIONS needs it). */
export async function clearGraph(db: GraphDatabase): Promise<void> {
  const session = db.driver.session({ database: db.connection.database });
  try {
    await session.run(GENERATED_CLEAR);
  } finally {
    await session.close();
  }
}

export async function writeGenerated(
  db: GraphDatabase,
  model: GraphModel,
  options: { runId: string; startedAt: string; batchSize?: number; progress?: (line: string) => void },
): Promise<GeneratedWriteStats> {
  const t0 = performance.now();
  const batch = options.batchSize ?? 10_000;
  const run = options.runId;
  const stats: GeneratedWriteStats = { runId: run, nodes: 0, relationships: 0, transactions: 0, ms: 0 };
  const inBatches = async (cypher: string, rows: unknown[], key = 'rows'): Promise<void> => {
    for (let i = 0; i < rows.length; i += batch) {
      const slice = rows.slice(i, i + batch);
      await db.bulkWrite((tx) => tx.run(cypher, { run, [key]: slice }));
      stats.transactions++;
    }
  };

  // Source files: one per virtual file, hashed over the facts it states, in model order.
  const hashes = new Map<string, ReturnType<typeof createHash>>();
  const fileHash = (path: string) => {
    let h = hashes.get(path);
    if (!h) hashes.set(path, (h = createHash('sha256')));
    return h;
  };
  for (const n of model.nodes)
    for (const d of n.definedIn) fileHash(d.sourcePath).update(`N${n.id}:${d.sourceLine}\n`);
  for (const r of model.relationships)
    fileHash(r.prov.sourcePath).update(`R${r.type}:${r.from}:${r.to}:${r.prov.sourceLine}\n`);
  const files = [...hashes]
    .map(([path, h]) => ({ path, hash: h.digest('hex') }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const f of files)
    if (!f.path.startsWith(GENERATED_ROOT))
      throw new Error(`generated fact outside ${GENERATED_ROOT}: ${f.path}`);
  await inBatches(CREATE_SOURCE_FILES, files, 'files');

  const byLabel = new Map<NodeLabel, NodeFact[]>();
  for (const n of model.nodes) {
    const list = byLabel.get(n.label);
    if (list) list.push(n);
    else byLabel.set(n.label, [n]);
  }
  for (const [label, nodes] of byLabel) {
    const rows = nodes.map((n) => {
      const first = firstDefinition(n.definedIn);
      return {
        id: n.id,
        props: withInts(
          {
            ...n.props,
            sourcePath: first.sourcePath,
            sourceLine: first.sourceLine,
            sourceAnchor: first.sourceAnchor,
          },
          [...(n.intProps ?? []), 'sourceLine'],
        ),
        defs: n.definedIn.map((d) => ({
          path: d.sourcePath,
          line: neo4j.int(d.sourceLine),
          anchor: d.sourceAnchor,
        })),
      };
    });
    await inBatches(CREATE_NODES[label], rows);
    stats.nodes += nodes.length;
    options.progress?.(`${label}: ${nodes.length}`);
  }

  const byShape = new Map<string, RelFact[]>();
  for (const r of model.relationships) {
    const key = `${r.type}|${r.fromLabel}|${r.toLabel}`;
    const list = byShape.get(key);
    if (list) list.push(r);
    else byShape.set(key, [r]);
  }
  for (const [key, rels] of byShape) {
    const [type, from, to] = key.split('|') as [RelFact['type'], NodeLabel, NodeLabel];
    const rows = rels.map((r) => ({
      from: r.from,
      to: r.to,
      sourcePath: r.prov.sourcePath,
      props: withInts({ ...r.props, sourceLine: r.prov.sourceLine, sourceAnchor: r.prov.sourceAnchor }, [
        ...(r.intProps ?? []),
        'sourceLine',
      ]),
    }));
    await inBatches(createRelationships(type, from, to), rows);
    stats.relationships += rels.length;
    options.progress?.(`${type} ${from}→${to}: ${rels.length}`);
  }

  await db.bulkWrite((tx) =>
    tx.run(CREATE_IMPORT_RUN, {
      run,
      startedAt: options.startedAt,
      files: neo4j.int(files.length),
      imported: neo4j.int(files.length),
      failed: neo4j.int(0),
    }),
  );
  stats.transactions++;
  stats.ms = performance.now() - t0;
  return stats;
}
