import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from '../config/paths.js';
import type { GraphDatabase } from './database.js';

export interface Migration {
  id: string;
  name: string;
  checksum: string;
  statements: string[];
}

const MIGRATION_FILE = /^(\d{4})-([a-z0-9-]+)\.cypher$/;

/** Reads `cypher/migrations/NNNN-name.cypher` in order; statements are separated by `;` at line ends. */
export function loadMigrations(folder: string = paths.migrations): Migration[] {
  return readdirSync(folder)
    .filter((file) => MIGRATION_FILE.test(file))
    .sort()
    .map((file) => {
      const [, id, name] = MIGRATION_FILE.exec(file) as RegExpExecArray;
      const text = readFileSync(join(folder, file), 'utf8');
      const statements = text
        .split('\n')
        .filter((line) => !line.trim().startsWith('//'))
        .join('\n')
        .split(/;\s*(?:\n|$)/)
        .map((statement) => statement.trim())
        .filter((statement) => statement.length > 0);
      return { id, name, checksum: createHash('sha256').update(text).digest('hex'), statements };
    });
}

/**
 * Applies the migrations not yet recorded as `(:Migration {id})` nodes, in order, each recorded once.
 * Schema statements cannot share a transaction with data writes in Neo4j, so each statement runs on its
 * own and the record is written after them; the statements are all `IF NOT EXISTS`, so a crash in between
 * is repaired by the next run. Returns the ids applied by this call.
 */
export async function applyMigrations(
  db: GraphDatabase,
  migrations: Migration[] = loadMigrations(),
): Promise<string[]> {
  const applied = new Set(
    (await db.query<{ id: string }>('MATCH (m:Migration) RETURN m.id AS id')).map((row) => row.id),
  );
  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    const session = db.driver.session({ database: db.connection.database });
    try {
      for (const statement of migration.statements) await session.run(statement);
    } finally {
      await session.close();
    }
    await db.bulkWrite((tx) =>
      tx.run(
        `MERGE (m:Migration {id: $id})
         ON CREATE SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()`,
        { id: migration.id, name: migration.name, checksum: migration.checksum },
      ),
    );
    done.push(migration.id);
  }
  await db.query('CALL db.awaitIndexes(300)');
  return done;
}
