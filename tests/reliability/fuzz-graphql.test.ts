import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { graphContentHash } from '../../src/graph/content-hash.js';
import type { GraphDatabase } from '../../src/graph/database.js';
import { openTestDatabase } from '../support/neo4j.js';
import { startTestServer } from '../support/server.js';
import { loadSecuritySlice } from './fixtures.js';

const SEED = 20_240_808;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
let db: GraphDatabase;
let app: Awaited<ReturnType<typeof startTestServer>>;
let cases = 0;

before(async () => {
  process.on('unhandledRejection', onUnhandled);
  db = await openTestDatabase();
  await loadSecuritySlice(db);
  app = await startTestServer(db, { ORGRAPH_RATE_LIMIT: '0' });
});

after(async () => {
  process.off('unhandledRejection', onUnhandled);
  await app.stop();
  await db.close();
});

const ROLE = 'role:security/security-engineer#senior-security-engineer';

/** Hostile documents: deep, wide, alias and fragment bombs, huge and odd strings, token soup. */
const documents: fc.Arbitrary<{ query: string; variables?: Record<string, unknown> }> = fc.oneof(
  fc.integer({ min: 1, max: 300 }).map((depth) => ({
    query: `{ role(id: "${ROLE}") ${'{ reportsTo '.repeat(depth)}{ id }${' }'.repeat(depth)} }`,
  })),
  fc.integer({ min: 1, max: 2_000 }).map((width) => ({
    query: `{ ${Array.from({ length: width }, (_, i) => `a${i}: about { name }`).join(' ')} }`,
  })),
  fc.integer({ min: 1, max: 40 }).map((levels) => ({
    query: `{ ...F${levels} } fragment F0 on Query { about { name } } ${Array.from(
      { length: levels },
      (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`,
    ).join(' ')}`,
  })),
  fc.constant({ query: '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }' }),
  fc.integer({ min: 1, max: 30 }).map((n) => ({
    query: `{ roles(first: 100) { edges { node { ${'promotesTo { to { promotesTo { to { title } } } } '.repeat(n)} } } } }`,
  })),
  fc.integer({ min: 1_000, max: 3_000_000 }).map((size) => ({
    query: 'query ($t: String!) { search(text: $t) { title } }',
    variables: { t: 'x'.repeat(size) },
  })),
  fc
    .integer({ min: 100, max: 100_000 })
    .map((size) => ({ query: `{ search(text: "${'y'.repeat(size)}") { title } }` })),
  fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({
    query: 'query ($t: String!) { roleByTitle(title: $t) { id } search(text: $t) { title } }',
    variables: { t: text },
  })),
  fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({
    query: `{ roleByTitle(title: ${JSON.stringify(text)}) { id } }`,
  })),
  fc
    .array(
      fc.constantFrom(
        '{',
        '}',
        '(',
        ')',
        '...',
        'query',
        'mutation',
        'fragment',
        'on',
        '$a',
        ':',
        '@skip',
        '"',
        'role',
        'id',
        '[',
        ']',
        '!',
        '=',
        '#',
        '\u0000',
        '\ufeff',
        '1e999',
      ),
      { maxLength: 60 },
    )
    .map((tokens) => ({ query: tokens.join(' ') })),
  fc.record({ query: fc.anything() }).map((body) => body as { query: string }),
  fc.constant({ query: 'mutation { deleteRole(id: "x", cascade: true) { deleted } }' }),
);

test('hostile GraphQL documents get a coded answer, never a crash; the graph and the server survive', async (t) => {
  const before = await graphContentHash(db);
  await fc.assert(
    fc.asyncProperty(documents, async (body) => {
      cases++;
      const response = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.ok([200, 400, 401, 403, 413].includes(response.status), `HTTP ${response.status}`);
      const json = (await response.json()) as {
        data?: unknown;
        errors?: { message: string; extensions?: { code?: string } }[];
      };
      if (response.status !== 200) assert.ok(json.errors?.length, 'a refusal says why');
      for (const error of json.errors ?? []) {
        assert.ok(error.message.length > 0, 'every error has a message');
        assert.ok(error.extensions?.code, `every error has a code: ${JSON.stringify(error).slice(0, 300)}`);
        assert.notEqual(error.extensions.code, 'INTERNAL_SERVER_ERROR', JSON.stringify(error).slice(0, 300));
      }
    }),
    { seed: SEED, numRuns: 500 },
  );
  t.diagnostic(`${cases} hostile documents sent`);
  assert.equal((await fetch(`${app.url}/health`)).status, 200, 'the server is still up');
  assert.equal((await graphContentHash(db)).hash, before.hash, 'no hostile document changed the graph');
  assert.deepEqual(unhandled, [], 'no unhandled rejection');
});
