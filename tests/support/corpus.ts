import { join } from 'node:path';
import { after, before } from 'node:test';
import { projectRoot } from '../../src/config/paths.js';
import type { GraphDatabase } from '../../src/graph/database.js';
import { importPaths } from '../../src/ingest/import.js';
import { clearDatabase, openTestDatabase } from './neo4j.js';
import { startTestServer } from './server.js';

export const HANDBOOK = join(projectRoot, 'data', 'gitlab-handbook');

/** An empty database with the whole sample handbook imported, as `npm start` would load it. */
export async function loadCorpus(db: GraphDatabase): Promise<void> {
  await clearDatabase(db);
  const { report } = await importPaths(db, [HANDBOOK]);
  if (report.failed > 0)
    throw new Error(`the corpus did not import cleanly: ${JSON.stringify(report.errors.slice(0, 3))}`);
}

/** Ids of the roles the golden-path tests use, as the importer derives them from the handbook. */
export const IDS = {
  engineer: 'role:security/infrastructure-security#infrastructure-security-engineer-intermediate',
  senior: 'role:security/infrastructure-security#senior-infrastructure-security-engineer',
  staff: 'role:security/infrastructure-security#staff-infrastructure-security-engineer',
  manager: 'role:security/infrastructure-security#manager-infrastructure-security',
  seniorManager: 'role:security/infrastructure-security#senior-manager-infrastructure-security',
  securityDepartment: 'department:security',
};

export interface CorpusServer {
  db: GraphDatabase;
  app: Awaited<ReturnType<typeof startTestServer>>;
}

/**
 * Registers before/after hooks that import the corpus into the test database and start the real HTTP
 * server on it; the returned object is filled in once the hook has run. `ready` runs after, in the same hook.
 */
export function useCorpusServer(
  options: { env?: Record<string, string>; ready?: (server: CorpusServer) => Promise<void> } = {},
): CorpusServer {
  const server = {} as CorpusServer;
  // One hook for everything: Node 20 starts top-level before() hooks without waiting for earlier ones.
  before(async () => {
    server.db = await openTestDatabase();
    await loadCorpus(server.db);
    server.app = await startTestServer(server.db, options.env ?? {});
    await options.ready?.(server);
  });
  after(async () => {
    await server.app?.stop();
    await server.db?.close();
  });
  return server;
}
