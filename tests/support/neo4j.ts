import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalNeo4j, type LocalNeo4j } from '../../src/embedded/local-neo4j.js';
import { GraphDatabase } from '../../src/graph/database.js';
import { applyMigrations } from '../../src/graph/migrations.js';

/** The Neo4j that `npm test` started for this run (scripts/run-tests.ts sets NEO4J_URI). */
export function testConnection() {
  const uri = process.env.NEO4J_URI;
  if (!uri)
    throw new Error('NEO4J_URI is not set: run the tests with `npm test`, which starts a throw-away Neo4j');
  return {
    uri,
    username: process.env.NEO4J_USERNAME ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? 'orgraph-local',
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
  };
}

/** Connects to the test Neo4j with the schema migrated. */
export async function openTestDatabase(
  options?: ConstructorParameters<typeof GraphDatabase>[1],
): Promise<GraphDatabase> {
  const db = new GraphDatabase(testConnection(), options);
  await db.verify(5);
  await applyMigrations(db);
  return db;
}

/** Deletes every node but the migration records, in batches so large generated graphs fit in memory. */
export async function clearDatabase(db: GraphDatabase): Promise<void> {
  const session = db.driver.session({ database: db.connection.database });
  try {
    await session.run(
      'MATCH (n) WHERE NOT n:Migration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS',
    );
  } finally {
    await session.close();
  }
}

/** A second, private Neo4j for tests that must stop and restart a database. Remember to call stop(). */
export async function startPrivateNeo4j(): Promise<LocalNeo4j & { dispose(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'orgraph-private-neo4j-'));
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, attached: true, heap: '512m', pageCache: '128m' });
  return {
    ...neo4j,
    dispose: async () => {
      await neo4j.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
