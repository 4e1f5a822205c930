/**
 * Stores a model in Neo4j in ONE explicit write transaction, idempotently:
 * - every node and relationship is MERGEd by its identity (node id; relationship type + ends + sourcePath);
 * - each imported file is a `SourceFile` node and the unit of replacement: facts that a re-imported file no
 *   longer states are removed (its relationships, its DEFINED_IN edges, then nodes no file defines any more),
 *   while other files' facts stay;
 * - `importRun` changes only on what actually changed, and an ImportRun node is created only when something
 *   changed, so importing the same files again leaves the graph byte-for-byte equal (see content-hash.ts).
 * If anything fails, the transaction rolls back and the previous graph is untouched.
 */
import neo4j, { type ManagedTransaction } from 'neo4j-driver';

import type { GraphDatabase } from '../graph/database.js';
import type { GraphModel, NodeFact, NodeLabel, PropertyValue, RelFact } from './model.js';
import * as Q from './writer-cypher.js';

const BATCH = 2000;

export interface WriteStats {
  runId: string;
  changed: number;
  deletedRelationships: number;
  deletedNodes: number;
  queries: number;
  /** Milliseconds spent per step, for the benchmark. */
  steps: Record<string, number>;
}

export interface WriteOptions {
  runId: string;
  startedAt: string;
  /** Files whose facts this import replaces, with the hash of their text. */
  files: Array<{ path: string; hash: string }>;
  totals: { files: number; imported: number; failed: number };
  /** Test hook: Cypher run inside the transaction after all writes, e.g. one that fails to force a rollback. */
  beforeCommit?: { cypher: string; params?: Record<string, unknown> };
}

function props(
  values: Record<string, PropertyValue>,
  intProps: string[] | undefined,
): Record<string, unknown> {
  if (!intProps) return values;
  const out: Record<string, unknown> = { ...values };
  for (const k of intProps) if (typeof out[k] === 'number') out[k] = neo4j.int(out[k] as number);
  return out;
}

async function runBatched(
  tx: ManagedTransaction,
  cypher: string,
  rows: unknown[],
  params: Record<string, unknown>,
  stats: WriteStats,
): Promise<number> {
  let changed = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const result = await tx.run(cypher, { ...params, rows: rows.slice(i, i + BATCH) });
    stats.queries++;
    changed += Number(result.records[0]?.get('changed') ?? 0);
  }
  return changed;
}

export async function writeModel(
  db: GraphDatabase,
  model: GraphModel,
  options: WriteOptions,
): Promise<WriteStats> {
  const run = options.runId;
  const filePaths = new Set(options.files.map((f) => f.path));
  const stats: WriteStats = {
    runId: run,
    changed: 0,
    deletedRelationships: 0,
    deletedNodes: 0,
    queries: 0,
    steps: {},
  };
  let mark = performance.now();
  const step = (name: string): void => {
    const now = performance.now();
    stats.steps[name] = (stats.steps[name] ?? 0) + (now - mark);
    mark = now;
  };

  // Rows prepared outside the transaction so a retry does not redo the work.
  const nodesByLabel = new Map<NodeLabel, NodeFact[]>();
  for (const n of model.nodes) nodesByLabel.set(n.label, [...(nodesByLabel.get(n.label) ?? []), n]);
  const idsByFile = new Map<string, string[]>([...filePaths].map((p) => [p, []]));
  for (const n of model.nodes) for (const d of n.definedIn) idsByFile.get(d.sourcePath)?.push(n.id);
  const relsByShape = new Map<string, RelFact[]>();
  for (const r of model.relationships) {
    if (!filePaths.has(r.prov.sourcePath)) continue;
    const key = `${r.type}|${r.fromLabel}|${r.toLabel}`;
    relsByShape.set(key, [...(relsByShape.get(key) ?? []), r]);
  }
  const wanted = new Set(model.relationships.map((r) => `${r.type}|${r.from}|${r.to}|${r.prov.sourcePath}`));

  return db.bulkWrite(async (tx) => {
    Object.assign(stats, { changed: 0, deletedRelationships: 0, deletedNodes: 0, queries: 0, steps: {} });
    mark = performance.now();
    const params = { run };
    {
      const r = await tx.run(Q.UPSERT_SOURCE_FILES, { run, files: options.files });
      stats.queries++;
      stats.changed += Number(r.records[0]?.get('changed') ?? 0);
    }
    // When this import covers every stored file, a node's provenance is known here (its first definer);
    // otherwise it is computed in Cypher from all its DEFINED_IN edges after the writes.
    const others = await tx.run(Q.OTHER_SOURCE_FILES, { files: [...filePaths] });
    stats.queries++;
    const provenanceHere = Number(others.records[0]?.get('n') ?? 0) === 0;
    // Nodes, with where each is defined.
    for (const [label, nodes] of nodesByLabel) {
      const rows = nodes.map((n) => {
        const defs = n.definedIn.filter((d) => filePaths.has(d.sourcePath));
        const first = n.definedIn[0];
        const values: Record<string, PropertyValue> =
          provenanceHere && first
            ? {
                ...n.props,
                sourcePath: first.sourcePath,
                sourceLine: first.sourceLine,
                sourceAnchor: first.sourceAnchor,
              }
            : n.props;
        return {
          id: n.id,
          props: props(values, [...(n.intProps ?? []), ...(provenanceHere ? ['sourceLine'] : [])]),
          defs: defs.map((d) => ({
            path: d.sourcePath,
            line: neo4j.int(d.sourceLine),
            anchor: d.sourceAnchor,
          })),
        };
      });
      stats.changed += await runBatched(tx, Q.NODE_QUERIES[label].upsert, rows, params, stats);
      step(`nodes:${label}`);
    }
    // Facts the re-imported files no longer state.
    const staleDefs = await tx.run(Q.DELETE_STALE_DEFINED_IN, {
      files: [...idsByFile].map(([path, ids]) => ({ path, ids })),
    });
    stats.queries++;
    const touched = new Map<NodeLabel, Set<string>>();
    const touch = (label: NodeLabel, id: string): void => {
      touched.set(label, (touched.get(label) ?? new Set()).add(id));
    };
    for (const rec of staleDefs.records) touch(rec.get('label') as NodeLabel, rec.get('id') as string);
    stats.changed += staleDefs.records.length;
    step('staleDefinedIn');

    const existing = await tx.run(Q.EXISTING_RELATIONSHIPS, { files: [...filePaths] });
    stats.queries++;
    const stale = existing.records
      .filter((r) => r.get('type') !== 'DEFINED_IN')
      .filter((r) => !wanted.has(`${r.get('type')}|${r.get('from')}|${r.get('to')}|${r.get('sourcePath')}`))
      .map((r) => r.get('elementId') as string);
    for (let i = 0; i < stale.length; i += BATCH) {
      const r = await tx.run(Q.DELETE_RELATIONSHIPS, { elementIds: stale.slice(i, i + BATCH) });
      stats.queries++;
      stats.deletedRelationships += Number(r.records[0]?.get('deleted') ?? 0);
    }
    step('staleRelationships');
    // Relationships.
    for (const [key, rels] of relsByShape) {
      const [type, from, to] = key.split('|') as [RelFact['type'], NodeLabel, NodeLabel];
      const rows = rels.map((r) => ({
        from: r.from,
        to: r.to,
        sourcePath: r.prov.sourcePath,
        props: props({ ...r.props, sourceLine: r.prov.sourceLine, sourceAnchor: r.prov.sourceAnchor }, [
          ...(r.intProps ?? []),
          'sourceLine',
        ]),
      }));
      stats.changed += await runBatched(tx, Q.relationshipUpsert(type, from, to), rows, params, stats);
      step(`rel:${type}`);
    }
    const orphans = await tx.run(Q.DELETE_ORPHANS);
    stats.queries++;
    stats.deletedNodes = Number(orphans.records[0]?.get('deleted') ?? 0);
    step('orphans');
    // Provenance from DEFINED_IN, for nodes that lost a definition (and for all written nodes when other
    // stored files may define them too).
    if (!provenanceHere) for (const n of model.nodes) touch(n.label, n.id);
    for (const [label, ids] of touched) {
      const list = [...ids];
      for (let i = 0; i < list.length; i += BATCH) {
        const r = await tx.run(Q.NODE_QUERIES[label].provenance, { run, ids: list.slice(i, i + BATCH) });
        stats.queries++;
        stats.changed += Number(r.records[0]?.get('changed') ?? 0);
      }
    }
    step('provenance');
    stats.changed += stats.deletedRelationships + stats.deletedNodes;
    if (stats.changed > 0) {
      await tx.run(Q.CREATE_IMPORT_RUN, {
        run,
        startedAt: options.startedAt,
        files: neo4j.int(options.totals.files),
        imported: neo4j.int(options.totals.imported),
        failed: neo4j.int(options.totals.failed),
      });
      stats.queries++;
    }
    if (options.beforeCommit) {
      await tx.run(options.beforeCommit.cypher, options.beforeCommit.params ?? {});
    }
    return { ...stats };
  });
}
