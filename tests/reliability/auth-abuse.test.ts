import assert from 'node:assert/strict';
import { createSecretKey } from 'node:crypto';
import { after, before, test } from 'node:test';
import { SignJWT } from 'jose';
import { buildOrgraphSchema } from '../../src/api/schema.js';
import { graphContentHash } from '../../src/graph/content-hash.js';
import type { GraphDatabase } from '../../src/graph/database.js';
import { openTestDatabase } from '../support/neo4j.js';
import { graphql, startTestServer, TEST_JWT_SECRET, TEST_KEYS } from '../support/server.js';
import { rootOperations, type RootOperation } from './documents.js';
import { loadSecuritySlice } from './fixtures.js';

let db: GraphDatabase;
let app: Awaited<ReturnType<typeof startTestServer>>;
let mutations: RootOperation[];

const secret = createSecretKey(Buffer.from(TEST_JWT_SECRET));
const now = () => Math.floor(Date.now() / 1000);

function jwt(
  claims: Record<string, unknown>,
  options: { key?: Uint8Array | ReturnType<typeof createSecretKey>; audience?: string; exp?: number } = {},
) {
  return new SignJWT({ role: 'editor', ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('abuser')
    .setAudience(options.audience ?? 'orgraph')
    .setIssuedAt(now() - 7200)
    .setExpirationTime(options.exp ?? now() + 600)
    .sign(options.key ?? secret);
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

let credentials: { name: string; header: string | undefined; code: string }[];

before(async () => {
  db = await openTestDatabase();
  await loadSecuritySlice(db);
  app = await startTestServer(db, { ORGRAPH_RATE_LIMIT: '0' });
  mutations = rootOperations(await buildOrgraphSchema()).filter((o) => o.kind === 'mutation');
  const unsignedPayload = base64url({ sub: 'abuser', role: 'admin', aud: 'orgraph', exp: now() + 600 });
  credentials = [
    { name: 'no token', header: undefined, code: 'UNAUTHENTICATED' },
    { name: 'viewer API key', header: `Bearer ${TEST_KEYS.viewer}`, code: 'FORBIDDEN' },
    { name: 'viewer JWT', header: `Bearer ${await jwt({ role: 'viewer' })}`, code: 'FORBIDDEN' },
    { name: 'expired JWT', header: `Bearer ${await jwt({}, { exp: now() - 60 })}`, code: 'UNAUTHENTICATED' },
    {
      name: 'JWT with a wrong signature',
      header: `Bearer ${await jwt({}, { key: createSecretKey(Buffer.from('another-secret-0123456789abcdef0123456789')) })}`,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'JWT with alg none',
      header: `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${unsignedPayload}.`,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'JWT for another audience',
      header: `Bearer ${await jwt({}, { audience: 'another-service' })}`,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'JWT with an unknown role',
      header: `Bearer ${await jwt({ role: 'superuser' })}`,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'not a bearer header',
      header: `Basic ${Buffer.from('a:b').toString('base64')}`,
      code: 'UNAUTHENTICATED',
    },
    { name: 'a made-up API key', header: 'Bearer editor-key-0123456789abcdeX', code: 'UNAUTHENTICATED' },
  ];
});

after(async () => {
  await app.stop();
  await db.close();
});

test('every mutation refuses every bad credential with the right code, and the graph does not change', async () => {
  assert.ok(mutations.length >= 7, `mutations found: ${mutations.map((m) => m.field).join(', ')}`);
  const before = await graphContentHash(db);
  let cases = 0;
  for (const mutation of mutations) {
    for (const credential of credentials) {
      const response = await graphql(
        app.url,
        mutation.document,
        mutation.variables(),
        credential.header ? { authorization: credential.header } : {},
      );
      const codes = (response.errors ?? []).map((e) => e.extensions?.code);
      assert.deepEqual(
        codes,
        [credential.code],
        `${mutation.field} with ${credential.name}: ${JSON.stringify(response.errors)}`,
      );
      assert.ok(!response.data || Object.values(response.data).every((v) => v === null));
      cases++;
    }
  }
  assert.equal((await graphContentHash(db)).hash, before.hash, 'no refused mutation wrote anything');
  assert.equal(cases, mutations.length * credentials.length);
});

test('a valid editor JWT gets through the same door (the refusals above are about the credentials)', async () => {
  const response = await graphql(
    app.url,
    'mutation ($id: ID!) { deleteRole(id: $id) { deleted } }',
    { id: 'role:placeholder/does-not-exist' },
    { authorization: `Bearer ${await jwt({})}` },
  );
  assert.notEqual(response.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  assert.notEqual(response.errors?.[0]?.extensions?.code, 'FORBIDDEN');
});

test('tokens and keys never appear in the logs', async () => {
  // Failing requests with tokens in odd places too: a header that is not "Bearer", an unknown field.
  await graphql(app.url, '{ about { name } }', {}, { authorization: `Token ${TEST_KEYS.admin}` });
  await graphql(
    app.url,
    '{ nope }',
    {},
    { authorization: `Bearer ${TEST_KEYS.editor}`, 'x-request-id': 'token-test' },
  );
  const secrets = [
    ...Object.values(TEST_KEYS),
    TEST_JWT_SECRET,
    ...credentials.flatMap((c) => (c.header ? [c.header.replace(/^\S+\s+/, '')] : [])),
  ];
  const text = app.logs.lines.join('\n');
  assert.ok(app.logs.lines.length > 0);
  for (const value of secrets) {
    const fragment = value.includes('.') ? value.split('.')[2] || value.split('.')[1]! : value;
    assert.ok(!text.includes(fragment), `a token is in the logs: ${fragment.slice(0, 8)}...`);
  }
});
