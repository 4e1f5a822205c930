import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freePort } from '../../src/embedded/local-neo4j.js';
import { GraphDatabase } from '../../src/graph/database.js';
import { IDS, useCorpusServer } from '../support/corpus.js';
import { graphql, startTestServer } from '../support/server.js';

const server = useCorpusServer();

const code = (response: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  response.errors?.[0]?.extensions?.code;

/** The nested org query of the benchmarks: departments → families → roles → responsibilities. */
const NESTED = `{ departments(first: 20) { edges { node { name families(first: 20) { title roles(first: 20) {
  title responsibilities { text } } } } } } }`;

test('ordinary queries are limited to depth 6; the nested org query fits', async () => {
  const nested = await graphql(server.app.url, NESTED);
  assert.equal(nested.errors, undefined);
  const tooDeep = await graphql(
    server.app.url,
    `
      query ($id: ID!) {
        role(id: $id) {
          reportsTo {
            reportsTo {
              reportsTo {
                reportsTo {
                  reportsTo {
                    reportsTo {
                      title
                    }
                  }
                }
              }
            }
          }
        }
      }
    `,
    { id: IDS.senior },
  );
  // Limits checked during validation carry Apollo's validation code, with the limit named in the message.
  assert.equal(code(tooDeep), 'GRAPHQL_VALIDATION_FAILED');
  assert.match(tooDeep.errors![0].message, /depth 8 under role exceeds the limit of 6/);
  // Fragments do not hide depth.
  const viaFragments = await graphql(
    server.app.url,
    `
      query ($id: ID!) {
        role(id: $id) {
          ...A
        }
      }
      fragment A on Role {
        reportsTo {
          ...B
        }
      }
      fragment B on Role {
        reportsTo {
          reportsTo {
            reportsTo {
              reportsTo {
                reportsTo {
                  title
                }
              }
            }
          }
        }
      }
    `,
    { id: IDS.senior },
  );
  assert.match(viaFragments.errors![0].message, /exceeds the limit of 6/);
});

test('path queries get their explicit depth allowance', async () => {
  const response = await graphql(
    server.app.url,
    `
      query ($f: ID!, $t: ID!) {
        careerPath(from: $f, to: $t) {
          route {
            steps {
              to {
                family {
                  department {
                    name
                  }
                }
              }
            }
          }
        }
      }
    `,
    { f: IDS.engineer, t: IDS.staff },
  );
  assert.equal(response.errors, undefined, 'depth 7 is allowed under careerPath');
});

test('aliases, tokens, cost and document size each reject an abusive query before it runs', async () => {
  const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: about { name }`).join(' ');
  const aliasBomb = await graphql(server.app.url, `{ ${aliases} }`);
  assert.equal(code(aliasBomb), 'GRAPHQL_VALIDATION_FAILED');
  assert.match(aliasBomb.errors![0].message, /Aliases limit of 15 exceeded, found 16/);

  const tokens = await graphql(
    server.app.url,
    `{ ${Array.from({ length: 600 }, () => 'about { name }').join(' ')} }`,
  );
  assert.equal(code(tokens), 'GRAPHQL_PARSE_FAILED');
  assert.match(tokens.errors![0].message, /more th\w+ 1000 tokens/);

  const page = `roles(first: 100) { edges { node { directReports { title family { title } } promotesTo { track to { title } }
    responsibilities { text } requirements { text } } } }`;
  const cost = await graphql(server.app.url, `{ a: ${page} b: ${page} c: ${page} }`);
  assert.equal(code(cost), 'QUERY_LIMIT_EXCEEDED');
  assert.match(cost.errors![0].message, /query cost \d+ exceeds the limit of 5000/);

  const huge = await graphql(server.app.url, `{ about { name } } # ${'x'.repeat(25_000)}`);
  assert.equal(huge.status, 413);
  assert.equal(code(huge), 'QUERY_LIMIT_EXCEEDED');
});

test('CSRF prevention refuses simple cross-site requests', async () => {
  const response = await fetch(`${server.app.url}/graphql?query=${encodeURIComponent('{ about { name } }')}`);
  assert.equal(response.status, 400);
  assert.match(await response.text(), /CSRF/i);
  const preflighted = await fetch(
    `${server.app.url}/graphql?query=${encodeURIComponent('{ about { name } }')}`,
    {
      headers: { 'apollo-require-preflight': 'true' },
    },
  );
  assert.equal(preflighted.status, 200);
});

test('production: no introspection, no field suggestions, no stack traces', async () => {
  const production = await startTestServer(server.db, { NODE_ENV: 'production' });
  try {
    const introspection = await graphql(production.url, '{ __schema { types { name } } }');
    assert.ok(introspection.errors?.some((e) => /introspection/i.test(e.message)));
    const typo = await graphql(production.url, '{ rol(id: "x") { id } }');
    assert.ok(typo.errors && !/Did you mean/.test(typo.errors[0].message), 'no suggestions');
    const development = await graphql(server.app.url, '{ rol(id: "x") { id } }');
    assert.match(development.errors![0].message, /Did you mean "role"/);
    const bad = await graphql(production.url, '{ roles(first: 5, after: "bogus") { totalCount } }');
    assert.equal(JSON.stringify(bad).includes('stacktrace'), false);
  } finally {
    await production.stop();
  }
});

test('Neo4j unreachable: SERVICE_UNAVAILABLE, not a crash', async () => {
  const closed = await freePort();
  const offline = new GraphDatabase({
    uri: `bolt://127.0.0.1:${closed}`,
    username: 'neo4j',
    password: 'x',
    database: 'neo4j',
  });
  const offlineServer = await startTestServer(offline);
  try {
    const started = Date.now();
    const response = await graphql(
      offlineServer.url,
      `
        query ($id: ID!) {
          role(id: $id) {
            title
          }
        }
      `,
      { id: IDS.senior },
    );
    assert.equal(code(response), 'SERVICE_UNAVAILABLE');
    assert.ok(Date.now() - started < 10_000);
    assert.equal((await fetch(`${offlineServer.url}/health`)).status, 200);
    assert.equal((await fetch(`${offlineServer.url}/ready`)).status, 503);
  } finally {
    await offlineServer.stop();
    await offline.close();
  }
});

test('no N+1: the nested org query costs the same round-trips for 2 or 20 rows per level', async () => {
  const roundTrips = async (size: number) => {
    const before = server.db.roundTripCount;
    const response = await graphql<{
      departments: { edges: { node: { families: { roles: unknown[] }[] } }[] };
    }>(server.app.url, NESTED.replaceAll('first: 20', `first: ${size}`));
    assert.equal(response.errors, undefined);
    const rows = response.data!.departments.edges.reduce(
      (n, e) => n + 1 + e.node.families.reduce((m, f) => m + 1 + f.roles.length, 0),
      0,
    );
    return { trips: server.db.roundTripCount - before, rows };
  };
  const small = await roundTrips(2);
  const large = await roundTrips(20);
  assert.ok(
    large.rows > small.rows * 3,
    `the larger query returns many more rows (${small.rows} vs ${large.rows})`,
  );
  assert.equal(large.trips, small.trips, 'round-trips do not grow with the data');
  assert.ok(large.trips <= 5, `one round-trip per level (${large.trips})`);
});
