/**
 * `npm run bench:import`: parse time and write time for the whole sample corpus, and nodes + relationships
 * per second. Not a test. Uses NEO4J_URI when set (its data is replaced!), else starts a throw-away local
 * Neo4j (JVM start is not counted). Runs: a cold write into an empty database, then a no-op re-import.
 */
import { join } from 'node:path';

import { projectRoot } from '../src/config/paths.js';
import { openEmptyBenchNeo4j } from './data.js';
import { importRead } from '../src/ingest/import.js';
import { readPaths } from '../src/ingest/providers.js';

async function main(): Promise<void> {
  const neo4j = await openEmptyBenchNeo4j();
  const { db } = neo4j;
  try {
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
    await neo4j.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:import failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
