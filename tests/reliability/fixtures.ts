import { join } from 'node:path';
import { projectRoot } from '../../src/config/paths.js';
import type { GraphDatabase } from '../../src/graph/database.js';
import { importPaths } from '../../src/ingest/import.js';
import { clearDatabase } from '../support/neo4j.js';

/** The real Security job-family pages: a connected slice of the handbook that imports in seconds. */
export const SECURITY_PAGES = join(projectRoot, 'data/gitlab-handbook/job-families/security');

/** Empties the test database and imports the Security pages, as the reliability tests' common start. */
export async function loadSecuritySlice(db: GraphDatabase): Promise<void> {
  await clearDatabase(db);
  const { report } = await importPaths(db, [SECURITY_PAGES]);
  if (report.failed > 0 || report.imported === 0)
    throw new Error(`the Security pages did not import: ${JSON.stringify(report.errors)}`);
}
