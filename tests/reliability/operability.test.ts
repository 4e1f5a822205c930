import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { GraphDatabase } from '../../src/graph/database.js';
import { openTestDatabase } from '../support/neo4j.js';
import { graphql, startTestServer, TEST_KEYS } from '../support/server.js';
import { loadSecuritySlice } from './fixtures.js';

let db: GraphDatabase;
let app: Awaited<ReturnType<typeof startTestServer>>;

before(async () => {
  db = await openTestDatabase();
  await loadSecuritySlice(db);
  app = await startTestServer(db, { ORGRAPH_RATE_LIMIT: '0' });
});

after(async () => {
  await app.stop();
  await db.close();
});

/** Parses the Prometheus text format into "name{labels}" → value. */
async function scrape(url: string): Promise<Map<string, number>> {
  const response = await fetch(`${url}/metrics`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /text\/plain/);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

function sample(samples: Map<string, number>, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let total = 0;
  for (const [key, value] of samples) {
    if (!key.startsWith(`${name}{`) && key !== name) continue;
    if (wanted.every((w) => key.includes(w))) total += value;
  }
  return total;
}

function logLines(): Record<string, unknown>[] {
  return app.logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

test('every log line of a request carries its id; the id is echoed; per-operation timing is logged', async () => {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'trace-abc.123' },
    body: JSON.stringify({ query: 'query GradeList { grades { value } }', operationName: 'GradeList' }),
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('x-request-id'), 'trace-abc.123');
  const lines = logLines().filter((l) => l.reqId === 'trace-abc.123');
  const operation = lines.find((l) => l.msg === 'graphql operation');
  assert.ok(operation, 'one line per operation');
  assert.equal(operation.operation, 'GradeList');
  assert.equal(operation.outcome, 'ok');
  assert.equal(typeof operation.durationMs, 'number');
  const request = lines.find((l) => l.msg === 'request');
  assert.ok(request, 'one line per HTTP request');
  assert.equal(request.status, 200);

  // An id that could forge log content is replaced by a generated one.
  const forged = await fetch(`${app.url}/health`, { headers: { 'x-request-id': 'a"} {"admin":true' } });
  assert.match(forged.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);

  // Lines written inside resolvers (errors) carry the id too.
  const failing = await graphql(
    app.url,
    'mutation { upsertRole(input: { title: "x", family: "family:does-not-exist" }) { role { id } } }',
    {},
    { authorization: `Bearer ${TEST_KEYS.editor}`, 'x-request-id': 'trace-failing' },
  );
  assert.ok(failing.errors?.length);
  const failingLine = logLines().find((l) => l.reqId === 'trace-failing' && l.msg === 'graphql operation');
  assert.equal(failingLine?.outcome, failing.errors[0].extensions?.code);
  for (const line of logLines()) {
    if (['request', 'graphql operation', 'unexpected error'].includes(String(line.msg)))
      assert.equal(typeof line.reqId, 'string', `a request line without reqId: ${JSON.stringify(line)}`);
  }
});

test('the metrics move: requests, operations by outcome, latency histograms, pool and process gauges', async () => {
  const before = await scrape(app.url);
  const ok = await graphql(app.url, 'query RoleCount { roles(first: 1) { totalCount } }');
  assert.equal(ok.errors, undefined);
  const bad = await graphql(app.url, 'query RoleCount { roles(first: -5) { totalCount } }');
  assert.ok(bad.errors?.length);
  const badCode = String(bad.errors[0].extensions?.code);
  const invalid = await graphql(app.url, '{ noSuchField }');
  assert.equal(invalid.status, 400);
  const afterwards = await scrape(app.url);

  const delta = (name: string, labels: Record<string, string>) =>
    sample(afterwards, name, labels) - sample(before, name, labels);
  assert.equal(delta('orgraph_graphql_operations_total', { operation: 'RoleCount', outcome: 'ok' }), 1);
  assert.equal(delta('orgraph_graphql_operations_total', { operation: 'RoleCount', outcome: badCode }), 1);
  assert.equal(
    delta('orgraph_graphql_operations_total', { operation: 'invalid', outcome: 'GRAPHQL_VALIDATION_FAILED' }),
    1,
  );
  assert.equal(
    delta('orgraph_graphql_operation_duration_seconds_count', { operation: 'RoleCount', outcome: 'ok' }),
    1,
  );
  assert.ok(delta('orgraph_http_requests_total', { route: '/graphql', method: 'POST' }) >= 3);
  assert.ok(delta('orgraph_http_request_duration_seconds_count', { route: '/graphql' }) >= 3);
  assert.equal(sample(afterwards, 'orgraph_neo4j_available', {}), 1);
  assert.equal(sample(afterwards, 'orgraph_neo4j_pool_max_connections', {}), 100);
  assert.ok(sample(afterwards, 'orgraph_neo4j_sessions_active', {}) >= 0);
  assert.ok(sample(afterwards, 'orgraph_process_resident_memory_bytes', {}) > 0);
});

test('an import through the API counts as an import run by outcome', async () => {
  const before = await scrape(app.url);
  const response = await graphql(
    app.url,
    `
      mutation ($docs: [DocumentInput!]!) {
        dry: importDocuments(input: { documents: $docs, dryRun: true }) {
          dryRun
        }
      }
    `,
    { docs: [{ path: 'reliability/metrics.md', text: '# Metrics Engineer\n\n## Intermediate\n' }] },
    { authorization: `Bearer ${TEST_KEYS.admin}` },
  );
  assert.equal(response.errors, undefined, JSON.stringify(response.errors));
  const afterwards = await scrape(app.url);
  assert.equal(
    sample(afterwards, 'orgraph_import_runs_total', { outcome: 'dry_run' }) -
      sample(before, 'orgraph_import_runs_total', { outcome: 'dry_run' }),
    1,
  );
});

test('rate limiting per client answers 429 with Retry-After and a RATE_LIMITED error', async () => {
  const limited = await startTestServer(db, { ORGRAPH_RATE_LIMIT: '1', ORGRAPH_RATE_LIMIT_BURST: '3' });
  try {
    const query = '{ about { name } }';
    const statuses: number[] = [];
    let rejected: Response | undefined;
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${limited.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      statuses.push(response.status);
      if (response.status === 429) rejected ??= response;
      else await response.arrayBuffer();
    }
    assert.deepEqual(statuses.slice(0, 3), [200, 200, 200], 'the burst is allowed');
    assert.ok(rejected, `the sixth request in a second is refused: ${statuses.join(',')}`);
    const retryAfter = Number(rejected.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1, `Retry-After: ${retryAfter}`);
    const body = (await rejected.json()) as { errors: { message: string; extensions: { code: string } }[] };
    assert.equal(body.errors[0].extensions.code, 'RATE_LIMITED');
    assert.match(body.errors[0].message, /at most 1 per second/);

    // Another client (a valid key) has its own bucket; made-up tokens share the caller's address bucket.
    const keyed = await graphql(limited.url, query, {}, { authorization: `Bearer ${TEST_KEYS.viewer}` });
    assert.equal(keyed.status, 200);
    const madeUp = await graphql(limited.url, query, {}, { authorization: 'Bearer made-up-token-000000001' });
    assert.equal(madeUp.status, 429);

    const metrics = await scrape(limited.url);
    assert.ok(sample(metrics, 'orgraph_rate_limited_requests_total', { client: 'address' }) >= 2);
    assert.ok(sample(metrics, 'orgraph_http_requests_total', { route: '/graphql', status: '429' }) >= 2);
  } finally {
    await limited.stop();
  }
});
