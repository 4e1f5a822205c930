import { join } from 'node:path';
import { projectRoot } from '../../src/config/paths.js';
import type { GraphDatabase } from '../../src/graph/database.js';
import { importPaths } from '../../src/ingest/import.js';
import { clearDatabase } from './neo4j.js';

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
