/**
 * orgraph behind a real Apollo Gateway: the supergraph is composed with @apollo/composition from orgraph's
 * subgraph SDL (as `_service { sdl }` serves it) and the example "people" subgraph of federation/people.graphql,
 * served here over HTTP with its own small resolvers. Queries cross the boundary both ways and the Cypher
 * round-trips of `_entities` are counted on the real Neo4j.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { paths, projectRoot } from '../../src/config/paths.js';
import type { GraphDatabase } from '../../src/graph/database.js';
import { importPaths } from '../../src/ingest/import.js';
import { clearDatabase, openTestDatabase } from '../support/neo4j.js';
import { graphql, startTestServer, TEST_KEYS, type GraphQLResponse } from '../support/server.js';

const LADDER = 'role:security/infrastructure-security#';
const SENIOR = `${LADDER}senior-infrastructure-security-engineer`;
const STAFF = `${LADDER}staff-infrastructure-security-engineer`;
const MANAGER = `${LADDER}manager-infrastructure-security`;
const ENGINEER = `${LADDER}infrastructure-security-engineer-intermediate`;

/** 100 described roles outside the ladder above, for the batching measurement. */
const SAMPLE_ROLES = `
MATCH (r:Role) WHERE r.described AND NOT r.id STARTS WITH $ladder
RETURN r.id AS id, r.title AS title ORDER BY r.id LIMIT 100`;

/** A few ids of each other entity type, for a mixed `_entities` request. */
const SAMPLE_IDS = `
MATCH (n) WHERE $label IN labels(n) RETURN n.id AS id ORDER BY n.id LIMIT 3`;

interface Employee {
  id: string;
  name: string;
  roleId: string;
}

const VIEWER = { authorization: `Bearer ${TEST_KEYS.viewer}` };

let db: GraphDatabase;
let orgraph: Awaited<ReturnType<typeof startTestServer>>;
let people: ApolloServer;
let gatewayServer: ApolloServer;
let gatewayUrl: string;
let sampleRoles: { id: string; title: string }[];
let employees: Employee[];

before(async () => {
  db = await openTestDatabase();
  await clearDatabase(db);
  const { report } = await importPaths(db, [join(projectRoot, 'data/gitlab-handbook')]);
  assert.equal(report.failed, 0, 'the handbook imports cleanly');
  sampleRoles = await db.query<{ id: string; title: string }>(SAMPLE_ROLES, { ladder: LADDER });
  assert.equal(sampleRoles.length, 100, 'the handbook has at least 100 described roles off the ladder');

  // The HR service's data: 100 employees on 100 distinct roles, then three on the Infrastructure Security ladder.
  employees = [
    ...sampleRoles.map((role, i) => ({ id: `e${i}`, name: `Employee ${i}`, roleId: role.id })),
    { id: 'ada', name: 'Ada', roleId: SENIOR },
    { id: 'grace', name: 'Grace', roleId: STAFF },
    { id: 'linus', name: 'Linus', roleId: MANAGER },
  ];

  // Reads need a viewer token, so the gateway must forward the caller's credentials to orgraph.
  orgraph = await startTestServer(db, { ORGRAPH_READS_REQUIRE_AUTH: 'true' });

  const peopleSdl = parse(readFileSync(join(paths.federationExamples, 'people.graphql'), 'utf8'));
  const employee = (e: Employee) => ({ id: e.id, name: e.name, roleId: e.roleId });
  people = new ApolloServer({
    schema: buildSubgraphSchema([
      {
        typeDefs: peopleSdl,
        resolvers: {
          Query: {
            employee: (_: unknown, { id }: { id: string }) => employees.find((e) => e.id === id) ?? null,
            employees: (_: unknown, { first }: { first?: number | null }) =>
              employees.slice(0, first ?? employees.length).map(employee),
          },
          Employee: {
            __resolveReference: (ref: { id: string }) => employees.find((e) => e.id === ref.id) ?? null,
            role: (e: Employee) => ({ __typename: 'Role', id: e.roleId }),
          },
          Role: {
            staff: (role: { id: string }) => employees.filter((e) => e.roleId === role.id),
          },
        },
      },
    ]),
  });
  const peopleUrl = (await startStandaloneServer(people, { listen: { host: '127.0.0.1', port: 0 } })).url;

  const composed = composeServices([
    {
      name: 'orgraph',
      url: `${orgraph.url}/graphql`,
      typeDefs: parse(
        (await graphql<{ _service: { sdl: string } }>(orgraph.url, '{ _service { sdl } }', {}, VIEWER)).data!
          ._service.sdl,
      ),
    },
    { name: 'people', url: peopleUrl, typeDefs: peopleSdl },
  ]);
  assert.deepEqual(composed.errors ?? [], [], 'the supergraph composes');

  const gateway = new ApolloGateway({
    supergraphSdl: composed.supergraphSdl!,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<{ authorization?: string }>({
        url,
        willSendRequest({ request, context }) {
          if (context.authorization) request.http?.headers.set('authorization', context.authorization);
        },
      }),
  });
  gatewayServer = new ApolloServer({ gateway });
  gatewayUrl = (
    await startStandaloneServer(gatewayServer, {
      listen: { host: '127.0.0.1', port: 0 },
      context: async ({ req }) => ({ authorization: req.headers.authorization }),
    })
  ).url;
});

after(async () => {
  await gatewayServer?.stop();
  await people?.stop();
  await orgraph?.stop();
  await db?.close();
});

/** One operation through the gateway, as a client of the supergraph sends it. */
async function viaGateway<T>(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = VIEWER,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>) };
}

test('orgraph serves its subgraph SDL at _service, the same as schema/subgraph.graphql', async () => {
  const response = await graphql<{ _service: { sdl: string } }>(
    orgraph.url,
    '{ _service { sdl } }',
    {},
    VIEWER,
  );
  const checkedIn = readFileSync(paths.subgraphFile, 'utf8');
  assert.equal(checkedIn.replace(/^#.*\n\n/, ''), `${response.data?._service.sdl}\n`);
});

const ROLE_FIELDS = `id title grade family { title } reportsTo { id title } promotesTo { to { id title } }`;

test('person → role → reporting line and promotions: people data joined with orgraph roles', async () => {
  const response = await viaGateway<{
    employee: {
      name: string;
      role: Record<string, unknown> & { promotesTo: { to: { id: string; staff: { name: string }[] } }[] };
    };
  }>(
    `query ($id: ID!) { employee(id: $id) { name role { ${ROLE_FIELDS} promotesTo { to { id staff { name } } } } } }`,
    { id: 'ada' },
  );
  assert.equal(response.errors, undefined, JSON.stringify(response.errors));
  const { employee } = response.data!;
  assert.equal(employee.name, 'Ada');
  process.stderr.write(`gateway: composed answer ${JSON.stringify(response.data)}\n`);

  // orgraph's own answer for the same role, asked directly: the gateway must return exactly that.
  const direct = await graphql<{ role: Record<string, unknown> }>(
    orgraph.url,
    `query ($id: ID!) { role(id: $id) { ${ROLE_FIELDS} } }`,
    { id: SENIOR },
    VIEWER,
  );
  const { promotesTo, ...rest } = employee.role;
  const { promotesTo: directPromotions, ...directRest } = direct.data!.role as typeof employee.role;
  assert.deepEqual(rest, directRest);
  assert.equal(rest.title, 'Senior Infrastructure Security Engineer');
  assert.deepEqual(
    promotesTo.map((p) => p.to.id),
    directPromotions.map((p) => p.to.id),
  );

  // And back into the people subgraph: who holds the roles Ada can be promoted to.
  const staffByRole = Object.fromEntries(promotesTo.map((p) => [p.to.id, p.to.staff.map((s) => s.name)]));
  assert.ok(STAFF in staffByRole, 'Senior promotes to Staff on the handbook ladder');
  for (const [roleId, names] of Object.entries(staffByRole))
    assert.deepEqual(
      names,
      employees.filter((e) => e.roleId === roleId).map((e) => e.name),
    );
  assert.deepEqual(staffByRole[STAFF], ['Grace']);
});

test('career path and reporting chain from orgraph, with the holders of each role from the people subgraph', async () => {
  const response = await viaGateway<{
    careerPath: {
      found: boolean;
      route: { roles: { id: string; title: string; staff: { name: string }[] }[] };
    };
    reportingChain: { roles: { id: string; staff: { name: string }[] }[] };
  }>(
    `query ($from: ID!, $to: ID!, $role: ID!) {
      careerPath(from: $from, to: $to) { found route { roles { id title staff { name } } } }
      reportingChain(role: $role) { roles { id staff { name } } }
    }`,
    { from: ENGINEER, to: STAFF, role: SENIOR },
  );
  assert.equal(response.errors, undefined, JSON.stringify(response.errors));
  const { careerPath, reportingChain } = response.data!;
  assert.equal(careerPath.found, true);
  const route = careerPath.route.roles;
  assert.deepEqual([route[0]!.id, route.at(-1)!.id], [ENGINEER, STAFF]);
  assert.ok(
    route.some((r) => r.id === SENIOR),
    'the route passes through Senior',
  );
  for (const role of [...route, ...reportingChain.roles])
    assert.deepEqual(
      role.staff.map((s) => s.name),
      employees.filter((e) => e.roleId === role.id).map((e) => e.name),
    );
  assert.deepEqual(route.find((r) => r.id === SENIOR)!.staff, [{ name: 'Ada' }]);
  assert.ok(reportingChain.roles.length > 1, 'Senior reports to someone');
});

test('role → holders: an orgraph role extended with its staff by the people subgraph', async () => {
  const response = await viaGateway<{
    role: { title: string; staff: { id: string; name: string; role: { id: string; title: string } }[] };
  }>(`query ($id: ID!) { role(id: $id) { title staff { id name role { id title } } } }`, { id: MANAGER });
  assert.equal(response.errors, undefined, JSON.stringify(response.errors));
  assert.deepEqual(response.data!.role.staff, [
    { id: 'linus', name: 'Linus', role: { id: MANAGER, title: response.data!.role.title } },
  ]);
});

test('resolving 100 role references through the gateway costs one Cypher round-trip', async () => {
  const before = db.roundTripCount;
  const response = await viaGateway<{ employees: { id: string; role: { id: string; title: string } }[] }>(
    '{ employees(first: 100) { id role { id title } } }',
  );
  const roundTrips = db.roundTripCount - before;
  assert.equal(response.errors, undefined, JSON.stringify(response.errors));
  assert.deepEqual(
    response.data!.employees.map((e) => e.role),
    sampleRoles.map((r) => ({ id: r.id, title: r.title })),
  );
  assert.equal(roundTrips, 1);
  process.stderr.write(`gateway: 100 role references resolved with ${roundTrips} Cypher round-trip(s)\n`);

  // One level deeper, each nested field of the 100 roles is one more batched query, not 100.
  const nestedBefore = db.roundTripCount;
  const nested = await viaGateway<{ employees: { role: { family: unknown; reportsTo: unknown } }[] }>(
    '{ employees(first: 100) { role { title family { title } reportsTo { title } } } }',
  );
  assert.equal(nested.errors, undefined, JSON.stringify(nested.errors));
  assert.equal(nested.data!.employees.length, 100);
  assert.equal(db.roundTripCount - nestedBefore, 3);
});

test('_entities resolves every entity type, one round-trip per type, null for an unknown id', async () => {
  const representations: { __typename: string; id: string }[] = sampleRoles.map((r) => ({
    __typename: 'Role',
    id: r.id,
  }));
  for (const label of ['Department', 'JobFamily', 'Team', 'Grade', 'Skill']) {
    const ids = await db.query<{ id: string }>(SAMPLE_IDS, { label });
    assert.ok(ids.length > 0, `the handbook has ${label} nodes`);
    representations.push(...ids.map(({ id }) => ({ __typename: label, id })));
  }
  representations.push({ __typename: 'Person', id: 'person:nobody' });

  const before = db.roundTripCount;
  const response = await graphql<{ _entities: ({ __typename: string; id: string } | null)[] }>(
    orgraph.url,
    `
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          __typename
          ... on Role {
            id
          }
          ... on Department {
            id
          }
          ... on JobFamily {
            id
          }
          ... on Team {
            id
          }
          ... on Grade {
            id
          }
          ... on Skill {
            id
          }
          ... on Person {
            id
          }
        }
      }
    `,
    { representations },
    VIEWER,
  );
  assert.equal(response.errors, undefined, JSON.stringify(response.errors));
  assert.equal(db.roundTripCount - before, 7);
  assert.deepEqual(response.data!._entities, [...representations.slice(0, -1), null]);
});

test('federated requests get the same auth and limits as plain ones', async () => {
  // No token: orgraph refuses the read, through the gateway and directly.
  const anonymous = await viaGateway('{ employee(id: "ada") { name role { title } } }', {}, {});
  assert.equal(anonymous.data && (anonymous.data as { employee: { role: unknown } }).employee.role, null);
  assert.ok(
    anonymous.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED'),
    JSON.stringify(anonymous.errors),
  );
  const direct = await graphql(
    orgraph.url,
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Role { id } } }',
    { r: [{ __typename: 'Role', id: SENIOR }] },
  );
  assert.equal(direct.status, 401);
  assert.equal(direct.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');

  // The cost limit counts one item per representation: 3,000 roles with two fields each cost over 5,000.
  const many = Array.from({ length: 3000 }, (_, i) => ({ __typename: 'Role', id: `role:none#${i}` }));
  const tooCostly = await graphql(
    orgraph.url,
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Role { id title } } }',
    { r: many },
    VIEWER,
  );
  assert.equal(
    tooCostly.errors?.[0]?.extensions?.code,
    'QUERY_LIMIT_EXCEEDED',
    JSON.stringify(tooCostly.errors),
  );
});
