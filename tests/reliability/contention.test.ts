import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { Neo4jError, type Session, type Transaction } from 'neo4j-driver';
import type { GraphDatabase } from '../../src/graph/database.js';
import { createErrorFormatter } from '../../src/server/errors.js';
import { clearDatabase, openTestDatabase } from '../support/neo4j.js';
import { graphql, startTestServer, TEST_KEYS } from '../support/server.js';

let db: GraphDatabase;
let app: Awaited<ReturnType<typeof startTestServer>>;

before(async () => {
  db = await openTestDatabase();
  await clearDatabase(db);
  app = await startTestServer(db, { ORGRAPH_RATE_LIMIT: '0' });
});

after(async () => {
  await app.stop();
  await db.close();
});

const editor = { authorization: `Bearer ${TEST_KEYS.editor}` };
const UPSERT_ROLE = `mutation ($input: RoleInput!) { upsertRole(input: $input) { role { id grade } } }`;

/** Open transactions of the test Neo4j, by what they run and whether they wait for a lock. */
async function transactions(session: Session): Promise<{ query: string; blocked: boolean }[]> {
  const result = await session.run(
    'SHOW TRANSACTIONS YIELD currentQuery, status RETURN currentQuery AS query, status',
  );
  return result.records.map((r) => ({
    query: String(r.get('query') ?? ''),
    blocked: String(r.get('status')).startsWith('Blocked'),
  }));
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

/** The number of ChangeEvents: a refused write leaves none. */
async function changeCount(): Promise<number> {
  const [row] = await db.query<{ n: number }>('MATCH (e:ChangeEvent) RETURN count(e) AS n');
  return row!.n;
}

/**
 * After a write the API refused with `outcome`: the role still has `grade`, no ChangeEvent was added, and
 * the server logged the outcome as such, not as an unexpected error.
 */
async function assertNothingWritten(
  id: string,
  grade: number,
  changesBefore: number,
  logs: { lines: string[] },
  outcome: string,
): Promise<void> {
  const [role] = await db.query<{ grade: number }>('MATCH (r:Role {id: $id}) RETURN r.grade AS grade', {
    id,
  });
  assert.equal(role!.grade, grade, 'the refused write was not applied');
  assert.equal(await changeCount(), changesBefore, 'and left no ChangeEvent');
  const lines = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.ok(lines.some((l) => l.msg === 'graphql operation' && l.outcome === outcome));
  assert.ok(!lines.some((l) => l.msg === 'unexpected error'), 'not logged as an unexpected error');
}

/**
 * Locks 50 filler nodes, then the grade node. Neo4j's deadlock resolution aborts the transaction that holds
 * fewer locks, so the test's writer (51 locks) always outlives upsertRole (a handful).
 */
const LOCK_GRADE = `MATCH (f:ContentionFiller {set: $set}) SET f.heldByTest = true
WITH count(f) AS fillers
MATCH (g:Grade {id: 'grade:8'}) SET g.heldByTest = true`;
const LOCK_ROLE = 'MATCH (r:Role {id: $id}) SET r.heldByTest = true';

test('a write that keeps deadlocking with a concurrent writer answers TRANSIENT_CONFLICT, retryable, and writes nothing', async (t) => {
  for (const [title, grade] of [
    ['Grade Eight Role', 8],
    ['Contended Role', 7],
  ] as const) {
    const created = await graphql(app.url, UPSERT_ROLE, { input: { title, grade } }, editor);
    assert.equal(created.errors, undefined);
  }
  const id = 'role:custom/contended-role';
  await db.write((tx) => tx.run('UNWIND range(0, 99) AS i CREATE (:ContentionFiller {set: i % 2})'));
  const changesBefore = await changeCount();

  // A real deadlock, again and again: another writer holds the grade node that upsertRole links the role
  // to; upsertRole locks the role, waits for the grade; the other writer then asks for the role. Neo4j
  // aborts upsertRole (it holds fewer locks) with DeadlockDetected, a transient error GraphDatabase
  // retries; by then the next writer is queued for the grade, and the retry deadlocks the same way, until
  // the retry budget (5 s) runs out and the error reaches the error mapping.
  const open: { session: Session; tx: Transaction; locked: Promise<unknown> }[] = [];
  const hold = () => {
    const session = db.driver.session({ database: db.connection.database });
    const tx = session.beginTransaction();
    const holder = { session, tx, locked: Promise.resolve(tx.run(LOCK_GRADE, { set: open.length % 2 })) };
    holder.locked.catch(() => undefined);
    open.push(holder);
    return holder;
  };
  const watcher = db.driver.session({ database: db.connection.database });
  let deadlocks = 0;
  let victims = 0;
  try {
    let current = hold();
    await current.locked;
    let settled = false;
    const answer = graphql(
      app.url,
      UPSERT_ROLE,
      { input: { id, title: 'Contended Role', grade: 8 } },
      editor,
    );
    void answer.finally(() => (settled = true));
    for (;;) {
      const upsertBlocked = async () =>
        settled ||
        (await transactions(watcher)).some((x) => x.blocked && x.query.includes('(r:Role {id: $id})'));
      await until(upsertBlocked, 'upsertRole waits for the grade');
      if (settled) break;
      const next = hold();
      await until(
        async () => (await transactions(watcher)).some((x) => x.blocked && x.query.includes('heldByTest')),
        'the next writer waits for the grade',
      );
      try {
        await current.tx.run(LOCK_ROLE, { id });
      } catch {
        victims++; // Neo4j chose this side; upsertRole then gets the grade and the test fails below
      }
      deadlocks++;
      await current.tx.rollback();
      await next.locked;
      current = next;
    }
    const response = await answer;
    t.diagnostic(`upsertRole deadlocked ${deadlocks} times before it gave up`);
    assert.equal(victims, 0, 'Neo4j aborted upsertRole, not the test writer');
    assert.ok(deadlocks >= 2, 'the transient error was retried before it surfaced');
    assert.equal(response.status, 200, 'Apollo answers 200 with errors, as for the other codes');
    assert.equal(response.data?.upsertRole ?? null, null);
    assert.equal(response.errors?.length, 1);
    assert.deepEqual(response.errors![0]!.extensions, { code: 'TRANSIENT_CONFLICT', retryable: true });
    assert.match(response.errors![0]!.message, /conflicted with concurrent writes.*can be retried/);
    assert.deepEqual(response.errors![0]!.path, ['upsertRole']);
  } finally {
    for (const { session, tx } of open) {
      if (tx.isOpen()) await tx.rollback().catch(() => undefined);
      await session.close();
    }
    await watcher.close();
  }

  await assertNothingWritten(id, 7, changesBefore, app.logs, 'TRANSIENT_CONFLICT');
  await db.write((tx) => tx.run('MATCH (f:ContentionFiller) DELETE f'));

  // Retrying, as the answer says, succeeds once the other writer is done.
  const retried = await graphql<{ upsertRole: { role: { grade: number } } }>(
    app.url,
    UPSERT_ROLE,
    { input: { id, title: 'Contended Role', grade: 8 } },
    editor,
  );
  assert.equal(retried.errors, undefined);
  assert.equal(retried.data!.upsertRole.role.grade, 8);
});

test(
  "a write stuck behind another transaction's lock is cancelled at the write timeout: TIMEOUT, nothing written",
  { timeout: 60_000 },
  async () => {
    // A server whose database bounds writes at 1 s; the test holds the role's lock until the answer arrives.
    const bounded = await openTestDatabase({ writeTimeoutMs: 1_000 });
    const boundedApp = await startTestServer(bounded, { ORGRAPH_RATE_LIMIT: '0' });
    const id = 'role:custom/locked-role';
    const session = db.driver.session({ database: db.connection.database });
    try {
      for (const [roleId, title] of [
        [id, 'Locked Role'],
        ['role:custom/locked-manager', 'Locked Manager'],
      ]) {
        const created = await graphql(
          boundedApp.url,
          UPSERT_ROLE,
          { input: { id: roleId, title, grade: 5 } },
          editor,
        );
        assert.equal(created.errors, undefined);
      }
      const changesBefore = await changeCount();
      const holder = session.beginTransaction();
      await holder.run(LOCK_ROLE, { id });
      try {
        // Both kinds of write: the one-statement upsert and a transaction function (setReportsTo).
        const upsert = await graphql(
          boundedApp.url,
          UPSERT_ROLE,
          { input: { id, title: 'Locked Role', grade: 9 } },
          editor,
        );
        const relink = await graphql(
          boundedApp.url,
          `
            mutation ($role: ID!, $manager: ID) {
              setReportsTo(role: $role, manager: $manager) {
                change {
                  id
                }
              }
            }
          `,
          { role: id, manager: 'role:custom/locked-manager' },
          editor,
        );
        for (const response of [upsert, relink]) {
          assert.equal(response.errors?.length, 1, JSON.stringify(response));
          assert.deepEqual(response.errors![0]!.extensions, { code: 'TIMEOUT' });
          assert.match(
            response.errors![0]!.message,
            /did not finish within the time limit.*nothing was written/,
          );
        }
        assert.ok(holder.isOpen(), 'answered while the lock was still held');
      } finally {
        await holder.rollback();
      }
      await assertNothingWritten(id, 5, changesBefore, boundedApp.logs, 'TIMEOUT');
    } finally {
      await session.close();
      await boundedApp.stop();
      await bounded.close();
    }
  },
);

test('the mapping: Neo4j transient errors become TRANSIENT_CONFLICT, timeouts TIMEOUT, outages and other errors keep theirs', () => {
  const logged: unknown[] = [];
  for (const production of [false, true]) {
    const format = createErrorFormatter(production, (error) => logged.push(error));
    const formatted = {
      message: 'driver text',
      path: ['upsertRole'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
    const neo4jError = (code: string) => new Neo4jError('driver text', code, '50N42', 'error');
    for (const code of [
      'Neo.TransientError.Transaction.DeadlockDetected',
      'Neo.TransientError.Transaction.LockAcquisitionTimeout',
      'Neo.TransientError.Transaction.Terminated',
    ]) {
      const wrapped = new Error('upsertRole failed', { cause: neo4jError(code) });
      for (const error of [neo4jError(code), wrapped]) {
        const out = format(formatted, error);
        assert.deepEqual(out.extensions, { code: 'TRANSIENT_CONFLICT', retryable: true }, code);
        assert.deepEqual(out.path, ['upsertRole']);
        assert.doesNotMatch(out.message, /driver text/);
      }
    }
    assert.equal(
      format(formatted, neo4jError('Neo.TransientError.General.DatabaseUnavailable')).extensions?.code,
      'SERVICE_UNAVAILABLE',
    );
    for (const code of [
      'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
      'Neo.ClientError.Transaction.LockClientStopped',
    ])
      assert.deepEqual(format(formatted, neo4jError(code)).extensions, { code: 'TIMEOUT' }, code);
    assert.equal(
      format(formatted, neo4jError('Neo.ClientError.Statement.SyntaxError')).extensions?.code,
      'INTERNAL_SERVER_ERROR',
    );
  }
  assert.equal(logged.length, 2, 'only the syntax errors were logged as unexpected');
});
