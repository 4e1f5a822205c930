import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IDS, useCorpusServer } from '../support/corpus.js';
import { graphql } from '../support/server.js';

const server = useCorpusServer();

const ROLE_FIELDS = `id slug title grade described source { path line location }`;

test('lookups by id, slug and exact title agree, and every role exposes its source', async () => {
  const byId = await graphql<{
    role: { id: string; slug: string; title: string; source: { path: string; line: number } };
  }>(server.app.url, `query ($id: ID!) { role(id: $id) { ${ROLE_FIELDS} } }`, { id: IDS.senior });
  const role = byId.data!.role;
  assert.equal(role.title, 'Senior Infrastructure Security Engineer');
  assert.equal(role.source.path, 'security/infrastructure-security.md');
  assert.ok(role.source.line > 0);
  const bySlug = await graphql<{ roleBySlug: { id: string } }>(
    server.app.url,
    `
      query ($s: String!) {
        roleBySlug(slug: $s) {
          id
        }
      }
    `,
    {
      s: role.slug,
    },
  );
  assert.equal(bySlug.data!.roleBySlug.id, role.id);
  const byTitle = await graphql<{ roleByTitle: { id: string } }>(
    server.app.url,
    `
      {
        roleByTitle(title: "senior infrastructure security engineer") {
          id
        }
      }
    `,
  );
  assert.equal(byTitle.data!.roleByTitle.id, role.id);
  const none = await graphql<{ role: null }>(
    server.app.url,
    `
      {
        role(id: "role:none#none") {
          id
        }
      }
    `,
  );
  assert.equal(none.data!.role, null);
});

test('relationships are fields both ways, and own and inherited facts are kept apart', async () => {
  const response = await graphql<{
    role: {
      reportsTo: { id: string; directReports: { id: string }[] } | null;
      promotesTo: { to: { id: string; promotedFrom: { from: { id: string } }[] } }[];
      extends: { id: string } | null;
      responsibilities: { id: string; inheritedFrom: null }[];
      inheritedResponsibilities: { id: string; inheritedFrom: { id: string } }[];
      family: { id: string; department: { id: string } | null };
    };
  }>(
    server.app.url,
    `
      query ($id: ID!) {
        role(id: $id) {
          reportsTo {
            id
            directReports {
              id
            }
          }
          promotesTo {
            to {
              id
              promotedFrom {
                from {
                  id
                }
              }
            }
          }
          extends {
            id
          }
          responsibilities {
            id
            inheritedFrom {
              id
            }
          }
          inheritedResponsibilities {
            id
            inheritedFrom {
              id
            }
          }
          family {
            id
            department {
              id
            }
          }
        }
      }
    `,
    { id: IDS.senior },
  );
  assert.equal(response.errors, undefined);
  const role = response.data!.role;
  if (role.reportsTo) assert.ok(role.reportsTo.directReports.some((r) => r.id === IDS.senior));
  for (const promotion of role.promotesTo) {
    assert.ok(promotion.to.promotedFrom.some((p) => p.from.id === IDS.senior));
  }
  assert.equal(role.family.id, 'family:security/infrastructure-security');
  const own = new Set(role.responsibilities.map((r) => r.id));
  assert.ok(role.responsibilities.every((r) => r.inheritedFrom === null));
  assert.ok(
    role.inheritedResponsibilities.every((r) => !own.has(r.id)),
    'inherited facts are not repeated as own',
  );
  if (role.extends) {
    assert.ok(role.inheritedResponsibilities.length > 0);
    assert.ok(role.inheritedResponsibilities.every((r) => r.inheritedFrom.id.startsWith('role:')));
  }
});

interface RoleConnection {
  roles: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; title: string; grade: number | null } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
  };
}
const ROLES = `query ($first: Int, $after: String, $last: Int, $before: String, $filter: RoleFilter, $orderBy: RoleOrder) {
  roles(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount edges { cursor node { id title grade } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

test('a promotion stated on two pages is stored once per page but listed once, sourced at the first page', async () => {
  // The Field Communications IC and leadership pages share a ladder, so the store keeps both statements.
  const stored = await server.db.query<{ from: string; to: string; sources: string[] }>(
    `MATCH (a:Role)-[p:PROMOTES_TO]->(b:Role)
     WITH a, b, p ORDER BY p.sourcePath, p.sourceLine
     WITH a, b, collect(p.sourcePath + ':' + p.sourceLine) AS sources WHERE size(sources) > 1
     RETURN a.id AS from, b.id AS to, sources ORDER BY from, to`,
  );
  assert.ok(stored.length > 0, 'the corpus states some promotion on more than one page');
  const repeated = await server.db.query<{ from: string; to: string; sources: string[] }>(
    `MATCH (a:Role)-[p:REPORTS_TO]->(b:Role)
     WITH a, b, count(p) AS n WHERE n > 1
     RETURN a.id AS from, b.id AS to`,
  );
  assert.ok(repeated.length > 0, 'and some reporting line');
  const ROLE = `query ($id: ID!) {
    role(id: $id) {
      promotesTo { to { id } source { path line } }
      promotedFrom { from { id } }
      directReports { id }
    }
  }`;
  type Shape = {
    role: {
      promotesTo: { to: { id: string }; source: { path: string; line: number } }[];
      promotedFrom: { from: { id: string } }[];
      directReports: { id: string }[];
    };
  };
  for (const { from, to, sources } of stored) {
    const up = await graphql<Shape>(server.app.url, ROLE, { id: from });
    const targets = up.data!.role.promotesTo.map((p) => p.to.id);
    assert.deepEqual(targets, [...new Set(targets)], `promotions of ${from} are listed once each`);
    const promotion = up.data!.role.promotesTo.find((p) => p.to.id === to)!;
    assert.equal(`${promotion.source.path}:${promotion.source.line}`.endsWith(sources[0]!), true, sources[0]);
    const down = await graphql<Shape>(server.app.url, ROLE, { id: to });
    const origins = down.data!.role.promotedFrom.map((p) => p.from.id);
    assert.deepEqual(origins, [...new Set(origins)], `promotions into ${to} are listed once each`);
  }
  // The next-step suggestions and alternative routes draw on the same edges: each move once.
  for (const { from } of stored) {
    const next = await graphql<{ nextRoles: { role: { id: string }; kind: string }[] }>(
      server.app.url,
      `
        query ($id: ID!) {
          nextRoles(role: $id) {
            role {
              id
            }
            kind
          }
        }
      `,
      { id: from },
    );
    const moves = next.data!.nextRoles.map((n) => `${n.kind} ${n.role.id}`);
    assert.ok(moves.length > 0);
    assert.deepEqual(moves, [...new Set(moves)], `next roles of ${from} are listed once each`);
  }
  const [first] = stored;
  const paths = await graphql<{ careerPaths: { routes: { roles: { id: string }[] }[] } }>(
    server.app.url,
    `
      query ($from: ID!, $to: ID!) {
        careerPaths(from: $from, to: $to, k: 3) {
          routes {
            roles {
              id
            }
          }
        }
      }
    `,
    { from: first!.from, to: first!.to },
  );
  const routes = paths.data!.careerPaths.routes.map((route) => route.roles.map((r) => r.id).join(' > '));
  assert.ok(routes.length >= 1, JSON.stringify(paths));
  assert.deepEqual(routes, [...new Set(routes)], 'no route is listed twice');
  for (const { to } of repeated) {
    const manager = await graphql<Shape>(server.app.url, ROLE, { id: to });
    const reports = manager.data!.role.directReports.map((r) => r.id);
    assert.deepEqual(reports, [...new Set(reports)], `direct reports of ${to} are listed once each`);
  }
});

test('roles connection: forward and backward pages are stable and cover the filtered set exactly once', async () => {
  const filter = { department: 'security' };
  const seen: string[] = [];
  let after: string | null = null;
  let total = -1;
  for (let page = 0; page < 100; page++) {
    const response: { data?: RoleConnection } = await graphql<RoleConnection>(server.app.url, ROLES, {
      first: 7,
      after,
      filter,
    });
    const roles = response.data!.roles;
    total = roles.totalCount;
    seen.push(...roles.edges.map((e) => e.node.id));
    if (!roles.pageInfo.hasNextPage) break;
    after = roles.pageInfo.endCursor;
  }
  const [{ count }] = await server.db.query<{ count: number }>(
    `MATCH (r:Role) WHERE EXISTS { MATCH (r)-[:IN_FAMILY|IN_DEPARTMENT]->{1,2}(:Department)-[:PART_OF]->{0,10}(:Department {id: $d}) }
     RETURN count(r) AS count`,
    { d: IDS.securityDepartment },
  );
  assert.equal(total, count);
  assert.equal(seen.length, count);
  assert.equal(new Set(seen).size, count, 'no role twice');

  // The same cursor gives the same page again.
  const first = await graphql<RoleConnection>(server.app.url, ROLES, { first: 5, filter });
  const second = await graphql<RoleConnection>(server.app.url, ROLES, {
    first: 5,
    after: first.data!.roles.pageInfo.endCursor,
    filter,
  });
  const again = await graphql<RoleConnection>(server.app.url, ROLES, {
    first: 5,
    after: first.data!.roles.pageInfo.endCursor,
    filter,
  });
  assert.deepEqual(again.data!.roles.edges, second.data!.roles.edges);
  assert.deepEqual(
    second.data!.roles.edges.map((e) => e.node.id),
    seen.slice(5, 10),
  );

  // Backwards from the start of the second page gives the first page, in the same order.
  const back = await graphql<RoleConnection>(server.app.url, ROLES, {
    last: 5,
    before: second.data!.roles.pageInfo.startCursor,
    filter,
  });
  assert.deepEqual(
    back.data!.roles.edges.map((e) => e.node.id),
    seen.slice(0, 5),
  );
  assert.equal(back.data!.roles.pageInfo.hasPreviousPage, false);
  assert.equal(back.data!.roles.pageInfo.hasNextPage, true);
});

test('roles connection filters by grade range and orders by grade', async () => {
  const response = await graphql<RoleConnection>(server.app.url, ROLES, {
    first: 50,
    filter: { gradeMin: 8, gradeMax: 9, described: true },
    orderBy: 'GRADE',
  });
  const grades = response.data!.roles.edges.map((e) => e.node.grade as number);
  assert.ok(grades.length > 0);
  assert.ok(grades.every((g) => g >= 8 && g <= 9));
  assert.deepEqual(
    grades,
    [...grades].sort((a, b) => a - b),
  );
  const [{ count }] = await server.db.query<{ count: number }>(
    'MATCH (r:Role) WHERE r.grade >= 8 AND r.grade <= 9 AND r.described RETURN count(r) AS count',
  );
  assert.equal(response.data!.roles.totalCount, count);
});

test('a page size over the limit or a forged cursor is a BAD_USER_INPUT naming the argument', async () => {
  const big = await graphql(server.app.url, ROLES, { first: 101 });
  assert.equal(big.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
  assert.match(big.errors![0].message, /first: first must not be greater than 100/);
  // Far over the limit, the cost estimate refuses the query before it runs.
  const huge = await graphql(server.app.url, ROLES, { first: 100_000 });
  assert.equal(huge.errors?.[0].extensions?.code, 'QUERY_LIMIT_EXCEEDED');
  const forged = await graphql(server.app.url, ROLES, { first: 5, after: 'not-a-cursor' });
  assert.equal(forged.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
  assert.equal(forged.errors?.[0].extensions?.field, 'after');
});

test('departments and job families are connections too', async () => {
  const response = await graphql<{
    departments: { totalCount: number; edges: { node: { id: string; subDepartments: { id: string }[] } }[] };
    jobFamilies: { totalCount: number; edges: { node: { id: string; roles: { id: string }[] } }[] };
  }>(
    server.app.url,
    `
      {
        departments(first: 50, topLevel: true) {
          totalCount
          edges {
            node {
              id
              subDepartments {
                id
              }
            }
          }
        }
        jobFamilies(first: 3, department: "security") {
          totalCount
          edges {
            node {
              id
              roles(first: 2) {
                id
              }
            }
          }
        }
      }
    `,
  );
  assert.equal(response.errors, undefined);
  const departments = response.data!.departments.edges.map((e) => e.node.id);
  assert.ok(departments.includes(IDS.securityDepartment));
  const [{ count }] = await server.db.query<{ count: number }>(
    'MATCH (d:Department) WHERE NOT (d)-[:PART_OF]->(:Department) RETURN count(d) AS count',
  );
  assert.equal(response.data!.departments.totalCount, count);
  assert.equal(response.data!.jobFamilies.edges.length, 3);
  assert.ok(response.data!.jobFamilies.edges.every((e) => e.node.roles.length <= 2));
});

test('search ranks the Infrastructure Security family and roles first, with a snippet', async () => {
  const response = await graphql<{
    search: { kind: string; title: string; snippet: string; score: number; role: { id: string } | null }[];
  }>(
    server.app.url,
    `
      {
        search(text: "Infrastructure Security", first: 10) {
          kind
          title
          snippet
          score
          role {
            id
          }
        }
      }
    `,
  );
  assert.equal(response.errors, undefined);
  const hits = response.data!.search;
  assert.ok(hits.length > 0);
  assert.match(hits[0].title, /Infrastructure Security/);
  assert.ok(['ROLE', 'JOB_FAMILY'].includes(hits[0].kind));
  const scores = hits.map((h) => h.score);
  assert.deepEqual(
    scores,
    [...scores].sort((a, b) => b - a),
    'ranked by score',
  );
  assert.ok(hits.every((h) => h.snippet.length > 0));

  const sentence = await graphql<{
    search: { kind: string; snippet: string; role: { id: string } | null }[];
  }>(
    server.app.url,
    `
      {
        search(text: "vulnerability scanning", first: 5) {
          kind
          snippet
          role {
            id
          }
        }
      }
    `,
  );
  const textHit = sentence.data!.search.find((h) => h.kind === 'REQUIREMENT' || h.kind === 'RESPONSIBILITY');
  assert.ok(textHit, 'finds requirement text');
  assert.match(textHit.snippet.toLowerCase(), /vulnerability/);
  assert.ok(textHit.role, 'attributed to a role that states it');

  const syntax = await graphql<{ search: unknown[] }>(
    server.app.url,
    `
      {
        search(text: "AND OR ~*:(", first: 5) {
          id
        }
      }
    `,
  );
  assert.equal(syntax.errors, undefined, 'Lucene syntax in the text is not interpreted');
});

test('orgLint reports findings linked to roles', async () => {
  const response = await graphql<{
    orgLint: { code: string; severity: string; message: string; role: { id: string } | null }[];
  }>(
    server.app.url,
    `
      {
        orgLint(code: "PLACEHOLDER_ROLE") {
          code
          severity
          message
          role {
            id
            described
          }
        }
      }
    `,
  );
  assert.equal(response.errors, undefined);
  const [{ placeholders }] = await server.db.query<{ placeholders: number }>(
    'MATCH (r:Role {described: false}) RETURN count(r) AS placeholders',
  );
  assert.equal(response.data!.orgLint.length, placeholders);
  assert.ok(response.data!.orgLint.every((f) => f.code === 'PLACEHOLDER_ROLE' && f.role !== null));
});
