import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildOrgraphSchema } from '../../src/api/schema.js';
import { graphContentHash } from '../../src/graph/content-hash.js';
import type { GraphDatabase } from '../../src/graph/database.js';
import { openTestDatabase } from '../support/neo4j.js';
import { graphql, startTestServer, TEST_KEYS } from '../support/server.js';
import { rootOperations, type RootOperation } from './documents.js';
import { loadSecuritySlice } from './fixtures.js';

/** Cypher-injection payloads: quotes, braces, comments, DETACH DELETE, backticks, parameters, NUL. */
export const PAYLOADS = [
  "'",
  '"',
  '\\',
  "x' OR 1=1 //",
  "' }) MATCH (n) DETACH DELETE n //",
  '" }) MATCH (n) DETACH DELETE n //',
  '`) DETACH DELETE n //',
  "role:security/infrastructure-security' OR '1'='1",
  "x'}) WITH 1 AS x MATCH (n) DETACH DELETE n RETURN 1 //",
  '*/ MATCH (n) DETACH DELETE n /*',
  '$id',
  '${id}',
  "{id: 'x'}",
  '\u0000',
  'a\u0000b',
  'CALL db.labels() YIELD label RETURN label //',
  '\\u0027 OR 1=1',
  '‮gnirts⁦ 😀 \ud800', // bidi overrides, an emoji and a lone surrogate
];

const SERVER_FAULTS = new Set(['INTERNAL_SERVER_ERROR', undefined]);

let db: GraphDatabase;
let app: Awaited<ReturnType<typeof startTestServer>>;
let operations: RootOperation[];
const admin = { authorization: `Bearer ${TEST_KEYS.admin}` };

before(async () => {
  db = await openTestDatabase();
  await loadSecuritySlice(db);
  app = await startTestServer(db, { ORGRAPH_RATE_LIMIT: '0' });
  operations = rootOperations(await buildOrgraphSchema());
});

after(async () => {
  await app.stop();
  await db.close();
});

function assertNoServerFault(response: Awaited<ReturnType<typeof graphql>>, what: string): void {
  assert.ok(response.status < 500, `${what}: HTTP ${response.status}`);
  for (const error of response.errors ?? []) {
    assert.ok(
      !SERVER_FAULTS.has(error.extensions?.code as string | undefined),
      `${what}: ${JSON.stringify(error)}`,
    );
    assert.ok(error.message.length > 0, `${what}: an error without a message`);
  }
}

test('every string argument of every query takes every payload: no fault, the graph unchanged', async (t) => {
  const queries = operations.filter((o) => o.kind === 'query');
  const before = await graphContentHash(db);
  let cases = 0;
  for (const query of queries) {
    for (const path of query.stringSlots) {
      for (const payload of PAYLOADS) {
        const response = await graphql(
          app.url,
          query.document,
          query.variables({ path, value: payload }),
          admin,
        );
        assertNoServerFault(response, `${query.field}(${path.join('.')}: ${JSON.stringify(payload)})`);
        cases++;
      }
    }
  }
  t.diagnostic(`${cases} query cases over ${queries.length} queries`);
  assert.ok(cases > 100, `${cases} query cases`);
  assert.equal((await graphContentHash(db)).hash, before.hash, 'reads with payloads changed the graph');
});

test('every string argument of every mutation takes every payload: no fault, imported facts untouched', async (t) => {
  const mutations = operations.filter((o) => o.kind === 'mutation');
  const imported = `MATCH (n) WHERE n.sourcePath IS NOT NULL WITH count(n) AS nodes
                     MATCH ()-[r]->() WHERE r.sourcePath IS NOT NULL RETURN nodes, count(r) AS relationships`;
  const [before] = await db.query(imported);
  let cases = 0;
  for (const mutation of mutations) {
    for (const path of mutation.stringSlots) {
      for (const payload of PAYLOADS) {
        const response = await graphql(
          app.url,
          mutation.document,
          mutation.variables({ path, value: payload }),
          admin,
        );
        assertNoServerFault(response, `${mutation.field}(${path.join('.')}: ${JSON.stringify(payload)})`);
        cases++;
      }
    }
  }
  t.diagnostic(`${cases} mutation cases over ${mutations.length} mutations`);
  assert.ok(cases > 50, `${cases} mutation cases`);
  const [afterwards] = await db.query(imported);
  assert.deepEqual(afterwards, before, 'a payload removed or rewrote imported facts');
});

test('payloads are stored and matched literally', async () => {
  for (const [i, payload] of PAYLOADS.entries()) {
    const id = `role:placeholder/injection-${i}`;
    const written = await graphql<{
      upsertRole: { role: { title: string; summary: string; level: string } };
    }>(
      app.url,
      `
        mutation ($input: RoleInput!) {
          upsertRole(input: $input) {
            role {
              title
              summary
              level
            }
          }
        }
      `,
      { input: { id, slug: `injection-${i}`, title: `T ${payload}`, summary: payload, level: payload } },
      admin,
    );
    assertNoServerFault(written, `upsertRole with ${JSON.stringify(payload)}`);
    // The API answers what was stored: the exact string, byte for byte (JSON turns a lone surrogate into U+FFFD).
    const expected = JSON.parse(JSON.stringify(payload)) as string;
    const stored = await db.query<{ title: string; summary: string; level: string }>(
      'MATCH (r:Role {id: $id}) RETURN r.title AS title, r.summary AS summary, r.level AS level',
      { id },
    );
    assert.equal(stored.length, 1, `role ${id} stored once`);
    const normalised = Buffer.from(expected, 'utf8').toString('utf8');
    assert.equal(stored[0]!.summary, normalised, `summary of ${id}`);
    assert.equal(stored[0]!.level, normalised);
    assert.equal(stored[0]!.title, `T ${normalised}`);

    const found = await graphql<{ roleByTitle: { id: string } | null }>(
      app.url,
      'query ($t: String!) { roleByTitle(title: $t) { id } }',
      { t: `T ${payload}` },
    );
    assertNoServerFault(found, `roleByTitle(${JSON.stringify(payload)})`);
    assert.equal(found.data?.roleByTitle?.id, id, `roleByTitle finds the payload title literally`);
  }
  const [{ roles }] = (await db.query<{ roles: number }>(
    "MATCH (r:Role) WHERE r.id STARTS WITH 'role:placeholder/injection-' RETURN count(r) AS roles",
  )) as [{ roles: number }];
  assert.equal(roles, PAYLOADS.length);
});
