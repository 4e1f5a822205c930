/**
 * `npm run bench:import`: parse time and write time for the whole sample corpus, and nodes + relationships
 * per second. Not a test. Uses NEO4J_URI when set (its data is replaced!), else starts a throw-away local
 * Neo4j (JVM start is not counted). Runs: a cold write into an empty database, then a no-op re-import.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { projectRoot } from '../src/config/paths.js';
import { startLocalNeo4j, type LocalNeo4j } from '../src/embedded/local-neo4j.js';
import { GraphDatabase } from '../src/graph/database.js';
import { applyMigrations } from '../src/graph/migrations.js';
import { importRead } from '../src/ingest/import.js';
import { readPaths } from '../src/ingest/providers.js';

async function main(): Promise<void> {
  let local: LocalNeo4j | undefined;
  let dataDir: string | undefined;
  let uri = process.env.NEO4J_URI;
  if (!uri) {
    dataDir = mkdtempSync(join(tmpdir(), 'orgraph-bench-'));
    local = await startLocalNeo4j({ dataDir, port: 0, attached: true, heap: '1g', pageCache: '512m' });
    uri = local.uri;
  }
  const db = new GraphDatabase({
    uri,
    username: process.env.NEO4J_USERNAME ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? 'orgraph-local',
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
  });
  try {
    await db.verify(10);
    await applyMigrations(db);
    await db.write((tx) => tx.run('MATCH (n) WHERE NOT n:Migration DETACH DELETE n'));
    const tRead = performance.now();
    const read = await readPaths([join(projectRoot, 'data', 'gitlab-handbook')]);
    const readMs = performance.now() - tRead;
    for (const label of ['cold import (empty database)', 're-import (nothing changes)']) {
      const { report, timings, write } = await importRead(db, read);
      const [counts] = await db.query<{ nodes: number; rels: number }>(
        'MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels',
      );
      const totalMs = readMs + timings.parseMs + timings.writeMs;
      const perSecond = ((counts!.nodes + counts!.rels) / (totalMs / 1000)).toFixed(0);
      process.stdout.write(
        `${label}: ${report.imported}/${report.files} files, read ${readMs.toFixed(0)} ms, parse+resolve ${timings.parseMs.toFixed(0)} ms, ` +
          `write ${timings.writeMs.toFixed(0)} ms (${write?.queries ?? 0} queries), total ${totalMs.toFixed(0)} ms; ` +
          `${counts!.nodes} nodes + ${counts!.rels} relationships = ${perSecond}/s\n`,
      );
    }
  } finally {
    await db.close();
    await local?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:import failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
