import type { EnvironmentConfig } from '../config/config.js';
import { resolveNeo4j } from '../embedded/connect.js';
import { GraphDatabase } from '../graph/database.js';
import { applyMigrations } from '../graph/migrations.js';

export const UNREACHABLE_HINT = 'start it with `orgraph neo4j start` or set NEO4J_URI to a running Neo4j';

/** Connects to the configured Neo4j with bounded retries and brings its schema up to date. */
export async function openDatabase(
  config: EnvironmentConfig,
  log: (line: string) => void,
): Promise<{ db: GraphDatabase; close(): Promise<void> }> {
  const neo4j = await resolveNeo4j(config, log);
  // A request's database work is cancelled after the request timeout; imports use bulkWrite (unbounded).
  const db = new GraphDatabase(neo4j.connection, {
    readTimeoutMs: config.ORGRAPH_REQUEST_TIMEOUT_MS,
    writeTimeoutMs: config.ORGRAPH_REQUEST_TIMEOUT_MS,
  });
  const close = async () => {
    await db.close();
    await neo4j.started?.stop();
  };
  try {
    await db.verify(config.ORGRAPH_CONNECT_RETRIES, (attempt) =>
      log(`orgraph: Neo4j at ${neo4j.connection.uri} is not answering yet (attempt ${attempt}), retrying...`),
    );
    const applied = await applyMigrations(db);
    if (applied.length > 0) log(`orgraph: applied migrations ${applied.join(', ')}`);
  } catch (error) {
    await close();
    throw error;
  }
  return { db, close };
}
