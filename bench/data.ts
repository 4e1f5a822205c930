/** Neo4j and data for the benchmarks: the sizes S (handbook corpus), M and L (generated), and the workload. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { projectRoot } from '../src/config/paths.js';
import { startLocalNeo4j, type LocalNeo4j } from '../src/embedded/local-neo4j.js';
import { GraphDatabase } from '../src/graph/database.js';
import { applyMigrations } from '../src/graph/migrations.js';
import { clearGraph, writeGenerated } from '../src/ingest/generated-writer.js';
import { generateOrganisation } from '../src/ingest/generator.js';
import { importPaths } from '../src/ingest/import.js';
import type { Workload } from './operations.js';

export type Size = 'S' | 'M' | 'L';
export const SIZES: Record<Size, { roles: number; people: number } | null> = {
  S: null,
  M: { roles: 10_000, people: 100_000 },
  L: { roles: 50_000, people: 1_000_000 },
};

export interface BenchNeo4j {
  uri: string;
  db: GraphDatabase;
  stop(): Promise<void>;
}

/** NEO4J_URI when set (its data is replaced!), else a throw-away local Neo4j stopped by stop(). */
export async function openBenchNeo4j(
  log: (line: string) => void,
  memory: { heap: string; pageCache: string } = { heap: '2g', pageCache: '1g' },
): Promise<BenchNeo4j> {
  let local: LocalNeo4j | undefined;
  let dataDir: string | undefined;
  let uri = process.env.NEO4J_URI;
  if (!uri) {
    dataDir = mkdtempSync(join(tmpdir(), 'orgraph-bench-'));
    log(`starting a throw-away Neo4j in ${dataDir}`);
    local = await startLocalNeo4j({ dataDir, port: 0, attached: true, ...memory });
    uri = local.uri;
  }
  const db = new GraphDatabase({
    uri,
    username: process.env.NEO4J_USERNAME ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? 'orgraph-local',
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
  });
  await db.verify(10);
  await applyMigrations(db);
  return {
    uri,
    db,
    stop: async () => {
      await db.close();
      await local?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** For import and web benchmarks: a small throw-away Neo4j (or NEO4J_URI), emptied, logging to stderr. */
export async function openEmptyBenchNeo4j(): Promise<BenchNeo4j> {
  const neo = await openBenchNeo4j((line) => process.stderr.write(`${line}\n`), {
    heap: '1g',
    pageCache: '512m',
  });
  await neo.db.write((tx) => tx.run('MATCH (n) WHERE NOT n:Migration DETACH DELETE n'));
  return neo;
}

export async function loadSize(db: GraphDatabase, size: Size, log: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  await clearGraph(db);
  const spec = SIZES[size];
  if (!spec) {
    const { report } = await importPaths(db, [join(projectRoot, 'data/gitlab-handbook')]);
    log(`S: imported ${report.counts.roles} roles from ${report.imported} handbook pages`);
  } else {
    const model = generateOrganisation({ ...spec, seed: 1 });
    const at = new Date().toISOString();
    const stats = await writeGenerated(db, model, { runId: `run:bench:${at}`, startedAt: at });
    log(
      `${size}: generated ${spec.roles} roles, ${spec.people} people: ${stats.nodes} nodes, ${stats.relationships} relationships`,
    );
  }
  log(`loaded in ${Math.round((performance.now() - t0) / 1000)} s`);
}

/** Whether the graph already holds this size's data (role count as the fingerprint; S: any described role). */
export async function holdsSize(db: GraphDatabase, size: Size): Promise<boolean> {
  const [row] = await db.query<{ roles: number; people: number }>(
    'RETURN COUNT { (:Role {described: true}) } AS roles, COUNT { (:Person) } AS people',
  );
  const spec = SIZES[size];
  if (!row) return false;
  return spec ? row.roles >= spec.roles && row.people === spec.people : row.roles > 0 && row.people === 0;
}

const PICK_ROLE = `
MATCH (r:Role) WHERE r.described AND r.sourcePath IS NOT NULL
WITH r, COUNT { (r)-[:HAS_RESPONSIBILITY]->() } AS n ORDER BY n DESC, r.id LIMIT 1
MATCH (r)-[:IN_FAMILY]->(f:JobFamily)
RETURN r.slug AS slug, f.id AS familyId`;
/** Two roles whose shortest promotion route is exactly four steps. */
const PICK_CAREER = `
MATCH (a:Role)-[:PROMOTES_TO]->{4}(b:Role)
WHERE a <> b AND a.described AND b.described AND NOT EXISTS { (a)-[:PROMOTES_TO]->{1,3}(b) }
RETURN a.id AS from, b.id AS to ORDER BY a.id, b.id LIMIT 1`;
/** A role nobody reports to, with the longest reporting chain. */
const PICK_LEAF = `
MATCH p = (r:Role)-[:REPORTS_TO]->+(top:Role)
WHERE NOT ()-[:REPORTS_TO]->(r) AND NOT (top)-[:REPORTS_TO]->()
RETURN r.id AS id ORDER BY length(p) DESC, r.id LIMIT 1`;

export async function pickWorkload(db: GraphDatabase): Promise<Workload> {
  const [role] = await db.query<{ slug: string; familyId: string }>(PICK_ROLE);
  const [career] = await db.query<{ from: string; to: string }>(PICK_CAREER);
  const [leaf] = await db.query<{ id: string }>(PICK_LEAF);
  if (!role || !career || !leaf)
    throw new Error('bench: the loaded graph has no role, 4-step route or reporting chain');
  return {
    roleSlug: role.slug,
    familyId: role.familyId,
    careerFrom: career.from,
    careerTo: career.to,
    leafRole: leaf.id,
    searchText: 'security engineer',
  };
}
