import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { projectRoot } from '../../src/config/paths.js';
import { exportGraph, restoreGraph, RestoreError } from '../../src/graph/backup.js';
import { graphContentHash } from '../../src/graph/content-hash.js';
import type { GraphDatabase } from '../../src/graph/database.js';
import { upsertDepartment, upsertRole } from '../../src/graph/mutations.js';
import { clearDatabase, openTestDatabase, testConnection } from '../support/neo4j.js';
import { loadSecuritySlice } from './fixtures.js';

let db: GraphDatabase;
let lines: string[];
let original: Awaited<ReturnType<typeof graphContentHash>>;
const work = mkdtempSync(join(tmpdir(), 'orgraph-backup-'));

async function* iterate(items: string[]): AsyncIterable<string> {
  yield* items;
}

before(async () => {
  db = await openTestDatabase();
  await loadSecuritySlice(db);
  // Audit events (with their datetime) and mutation-made nodes must survive the round trip too.
  const actor = { subject: 'backup-test' };
  await upsertDepartment(db, actor, {
    id: 'department:backup-test',
    slug: 'backup-test',
    name: 'Backup "test" {department}',
    parentId: 'department:security',
  });
  await upsertRole(db, actor, {
    id: 'role:placeholder/backup-tester',
    slug: 'backup-tester',
    title: 'Backup Tester',
    level: 'Senior',
    grade: 7,
    track: 'IC',
    summary: 'Line one\nline two \u0000 with a NUL and 🚀',
    familyId: null,
  });
  original = await graphContentHash(db);
  lines = [];
  await exportGraph(db, (line) => {
    lines.push(line.replace(/\n$/, ''));
  });
});

after(async () => {
  await db.close();
  rmSync(work, { recursive: true, force: true });
});

test('export then restore into an empty database reproduces the content hash, types included', async () => {
  const header = JSON.parse(lines[0]!) as { type: string; contentHash: string; nodes: number };
  assert.equal(header.type, 'header');
  assert.equal(header.contentHash, original.hash);
  assert.equal(JSON.parse(lines.at(-1)!).type, 'end');
  assert.ok(lines.some((l) => l.includes('"ChangeEvent"') && l.includes('"$temporal":"DateTime"')));

  const typesBefore = await db.query(
    `MATCH (e:ChangeEvent) RETURN valueType(e.at) AS at ORDER BY e.id LIMIT 1`,
  );
  await clearDatabase(db);
  assert.equal((await graphContentHash(db)).nodes, 0);
  const summary = await restoreGraph(db, iterate(lines), 'memory.jsonl');
  assert.equal(summary.contentHash, original.hash);
  assert.equal(summary.expectedHash, original.hash);
  assert.equal(summary.nodes, header.nodes);

  const [types] = await db.query<{ at: string; line: string; grade: string; runs: number }>(
    `MATCH (e:ChangeEvent) WITH e ORDER BY e.id LIMIT 1
     MATCH (r:Role {id: 'role:placeholder/backup-tester'})
     MATCH (s:Role) WHERE s.sourceLine IS NOT NULL WITH e, r, s LIMIT 1
     RETURN valueType(e.at) AS at, valueType(s.sourceLine) AS line, valueType(r.grade) AS grade,
            COUNT { (:ImportRun) } AS runs`,
  );
  assert.equal(types!.at, typesBefore[0]!.at);
  assert.equal(types!.line, 'INTEGER NOT NULL');
  assert.equal(types!.grade, 'INTEGER NOT NULL');
  assert.ok(types!.runs >= 1, 'import runs are restored');
  const [role] = await db.query<{ summary: string }>(
    `MATCH (r:Role {id: 'role:placeholder/backup-tester'}) RETURN r.summary AS summary`,
  );
  assert.equal(role!.summary, 'Line one\nline two \u0000 with a NUL and 🚀');
});

test('restore refuses a database that is not empty, and changes nothing', async () => {
  const before = await graphContentHash(db);
  await assert.rejects(restoreGraph(db, iterate(lines), 'memory.jsonl'), (error: Error) => {
    assert.ok(error instanceof RestoreError);
    assert.match(error.message, /not empty \(\d+ nodes besides migrations\)/);
    return true;
  });
  assert.equal((await graphContentHash(db)).hash, before.hash);
});

test('a truncated or corrupt file writes nothing and names the line', async () => {
  await clearDatabase(db);
  await assert.rejects(
    restoreGraph(db, iterate(lines.slice(0, -1)), 'cut.jsonl'),
    /cut\.jsonl:\d+: the file ends without its end line/,
  );
  assert.equal((await graphContentHash(db)).nodes, 0, 'nothing of the truncated file was kept');

  const corrupt = [...lines];
  corrupt[5] = corrupt[5]!.slice(0, 20);
  await assert.rejects(restoreGraph(db, iterate(corrupt), 'bad.jsonl'), /bad\.jsonl:6: not JSON/);
  const dangling = [...lines];
  const relIndex = dangling.findIndex((l) => l.startsWith('{"type":"relationship"'));
  dangling[relIndex] = dangling[relIndex]!.replace(/"from":\d+/, '"from":99999999');
  await assert.rejects(
    restoreGraph(db, iterate(dangling), 'dangling.jsonl'),
    new RegExp(`dangling\\.jsonl:${relIndex + 1}: "from" 99999999 is not the ref of a node above`),
  );
  const injected = [...lines];
  injected[1] = injected[1]!.replace(/"labels":\["[A-Za-z]+"\]/, '"labels":["Role`) DETACH DELETE n //"]');
  await assert.rejects(restoreGraph(db, iterate(injected), 'labels.jsonl'), /labels\.jsonl:2: "labels"/);
  assert.equal((await graphContentHash(db)).nodes, 0);
});

/** The test database's connection, as the CLI reads it from the environment. */
function cliEnv(): NodeJS.ProcessEnv {
  const c = testConnection();
  return {
    ...process.env,
    NEO4J_URI: c.uri,
    NEO4J_USERNAME: c.username,
    NEO4J_PASSWORD: c.password,
    NEO4J_DATABASE: c.database,
  };
}

function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin/orgraph.js'), ...args], {
      env: cliEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolveRun({ code: code ?? 1, stderr }));
  });
}

test('orgraph export --out FILE and orgraph restore FILE round-trip from the command line', async () => {
  await clearDatabase(db);
  await restoreGraph(db, iterate(lines), 'memory.jsonl');
  const file = join(work, 'graph.jsonl');
  const exported = await cli(['export', '--out', file]);
  assert.equal(exported.code, 0, exported.stderr);
  assert.match(exported.stderr, new RegExp(`content hash ${original.hash}`));
  assert.equal(readFileSync(file, 'utf8').trimEnd().split('\n').length, lines.length);

  const refused = await cli(['restore', file]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /orgraph restore: the database is not empty/);

  await clearDatabase(db);
  const restored = await cli(['restore', file]);
  assert.equal(restored.code, 0, restored.stderr);
  assert.match(restored.stderr, /content hash [0-9a-f]{64} matches the export/);
  assert.equal((await graphContentHash(db)).hash, original.hash);

  writeFileSync(join(work, 'empty.jsonl'), '');
  await clearDatabase(db);
  const empty = await cli(['restore', join(work, 'empty.jsonl')]);
  assert.equal(empty.code, 1);
  assert.match(empty.stderr, /empty\.jsonl: the file is empty/);
});
