import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { GraphDatabase } from '../../src/graph/database.js';
import { applyMigrations, loadMigrations } from '../../src/graph/migrations.js';
import { openTestDatabase } from '../support/neo4j.js';

let db: GraphDatabase;

async function schemaSnapshot(): Promise<string[]> {
  const constraints = await db.query<{ name: string }>('SHOW CONSTRAINTS YIELD name RETURN name');
  const indexes = await db.query<{ name: string; type: string }>(
    'SHOW INDEXES YIELD name, type RETURN name, type',
  );
  return [
    ...constraints.map((c) => `constraint:${c.name}`),
    ...indexes.map((i) => `index:${i.type}:${i.name}`),
  ].sort();
}

async function dropEverything(): Promise<void> {
  for (const { name } of await db.query<{ name: string }>('SHOW CONSTRAINTS YIELD name RETURN name')) {
    await db.driver.executeQuery('DROP CONSTRAINT $name IF EXISTS', { name });
  }
  for (const { name } of await db.query<{ name: string }>(
    "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name",
  )) {
    await db.driver.executeQuery('DROP INDEX $name IF EXISTS', { name });
  }
  await db.write((tx) => tx.run('MATCH (m:Migration) DELETE m'));
}

before(async () => {
  db = await openTestDatabase();
});

after(async () => {
  // Leave the shared test database migrated for the files that run after this one.
  await applyMigrations(db);
  await db.close();
});

test('migrations apply in order on an empty schema and record themselves', async () => {
  await dropEverything();
  assert.deepEqual(
    await schemaSnapshot(),
    (await schemaSnapshot()).filter((n) => n.startsWith('index:LOOKUP')),
  );
  const applied = await applyMigrations(db);
  assert.deepEqual(
    applied,
    loadMigrations().map((m) => m.id),
  );
  const snapshot = await schemaSnapshot();
  assert.ok(snapshot.includes('constraint:role_id'), 'role id constraint exists');
  assert.ok(snapshot.includes('index:FULLTEXT:org_text'), 'full-text index exists');
  const recorded = await db.query<{ id: string; checksum: string }>(
    'MATCH (m:Migration) RETURN m.id AS id, m.checksum AS checksum ORDER BY id',
  );
  assert.deepEqual(
    recorded.map((r) => r.id),
    applied,
  );
});

test('a second run changes nothing', async () => {
  const before = await schemaSnapshot();
  const records = await db.query('MATCH (m:Migration) RETURN m.id AS id, m.appliedAt AS at ORDER BY id');
  assert.deepEqual(await applyMigrations(db), []);
  assert.deepEqual(await schemaSnapshot(), before);
  assert.deepEqual(
    await db.query('MATCH (m:Migration) RETURN m.id AS id, m.appliedAt AS at ORDER BY id'),
    records,
  );
});

test('statements are safe to re-run when a migration record was lost', async () => {
  const before = await schemaSnapshot();
  await db.write((tx) => tx.run("MATCH (m:Migration {id: '0001'}) DELETE m"));
  assert.deepEqual(await applyMigrations(db), ['0001']);
  assert.deepEqual(await schemaSnapshot(), before);
});
