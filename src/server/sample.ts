import { existsSync } from 'node:fs';
import { paths } from '../config/paths.js';
import type { GraphDatabase } from '../graph/database.js';
import { importPaths } from '../ingest/import.js';

/**
 * Loads the sample handbook (data/gitlab-handbook) when the database holds no roles yet, so a first
 * `npm start` shows a real organisation. A database that already has roles is left alone.
 */
export async function loadSampleIfEmpty(db: GraphDatabase, log: (line: string) => void): Promise<void> {
  const [{ roles }] = await db.query<{ roles: number }>('MATCH (r:Role) RETURN count(r) AS roles');
  if (roles > 0 || !existsSync(paths.sampleHandbook)) return;
  log(`orgraph: the database is empty; loading the sample handbook from ${paths.sampleHandbook}...`);
  const { report, timings } = await importPaths(db, [paths.sampleHandbook]);
  log(
    `orgraph: imported ${report.imported} of ${report.files} files (${report.counts.roles} roles, ` +
      `${report.warnings.length} warnings, ${report.failed} failed) in ${Math.round(timings.parseMs + timings.writeMs)} ms`,
  );
}
