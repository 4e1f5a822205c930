import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IDS, useCorpusServer } from '../support/corpus.js';
import { graphql } from '../support/server.js';

let director: { id: string; title: string; grade: number };
const server = useCorpusServer({
  ready: async ({ app }) => {
    const found = await graphql<{ roleByTitle: typeof director }>(
      app.url,
      '{ roleByTitle(title: "Director of Product Security") { id title grade } }',
    );
    assert.ok(found.data?.roleByTitle, 'the alias from the Infrastructure Security ladder resolves');
    director = found.data.roleByTitle;
  },
});

const CAREER_PATH = `
query ($from: ID!, $to: ID!, $track: TrackFilter = ANY, $maxSteps: Int = 10) {
  careerPath(from: $from, to: $to, track: $track, maxSteps: $maxSteps) {
    found message
    route {
      roles { id title grade }
      steps { from { title grade } to { title grade } gradeDelta track kind source { path line location }
              adds { requirements { text } responsibilities { text } skills { name } } }
    }
    closest { role { title } steps }
  }
}`;

interface Step {
  from: { title: string; grade: number };
  to: { title: string; grade: number };
  gradeDelta: number;
  track: string;
  kind: string;
  source: { path: string; line: number; location: string };
  adds: {
    requirements: { text: string }[];
    responsibilities: { text: string }[];
    skills: { name: string }[];
  };
}
interface PathResult {
  careerPath: {
    found: boolean;
    message: string;
    route: { roles: { id: string; title: string; grade: number }[]; steps: Step[] } | null;
    closest: { role: { title: string }; steps: number }[];
  };
}

test('Infrastructure Security Engineer to Director of Product Security, as the handbook ladder draws it', async () => {
  const response = await graphql<PathResult>(server.app.url, CAREER_PATH, {
    from: IDS.engineer,
    to: director.id,
  });
  assert.equal(response.errors, undefined);
  const result = response.data!.careerPath;
  assert.equal(result.found, true);
  // The mermaid ladder: se --> sse --> sem --> sesm --> ds (security/infrastructure-security.md).
  assert.deepEqual(
    result.route!.roles.map((r) => r.id),
    [IDS.engineer, IDS.senior, IDS.manager, IDS.seniorManager, director.id],
  );
  assert.deepEqual(
    result.route!.roles.map((r) => r.grade),
    [6, 7, 8, 9, director.grade],
  );
  const steps = result.route!.steps;
  assert.deepEqual(
    steps.map((s) => s.track),
    ['IC', 'MANAGEMENT', 'MANAGEMENT', 'MANAGEMENT'],
  );
  assert.deepEqual(
    steps.map((s) => s.gradeDelta),
    [1, 1, 1, director.grade - 9],
  );
  for (const step of steps) {
    assert.equal(step.kind, 'PROMOTION');
    assert.match(step.source.location, /^security\/.+\.md:\d+$/, 'every edge names its ladder line');
  }
  assert.equal(steps[0].source.location, 'security/infrastructure-security.md:190');
  assert.ok(
    steps.some((s) => s.adds.requirements.length > 0),
    'steps say what they add',
  );
});

test('the track filter keeps to one track; maxSteps bounds the route', async () => {
  const ic = await graphql<PathResult>(server.app.url, CAREER_PATH, {
    from: IDS.engineer,
    to: IDS.staff,
    track: 'IC',
  });
  assert.equal(ic.data!.careerPath.found, true);
  assert.ok(ic.data!.careerPath.route!.steps.every((s) => s.track === 'IC'));

  const managementOnly = await graphql<PathResult>(server.app.url, CAREER_PATH, {
    from: IDS.engineer,
    to: IDS.staff,
    track: 'MANAGEMENT',
  });
  assert.equal(managementOnly.data!.careerPath.found, false);

  const tooShort = await graphql<PathResult>(server.app.url, CAREER_PATH, {
    from: IDS.engineer,
    to: director.id,
    maxSteps: 2,
  });
  assert.equal(tooShort.data!.careerPath.found, false);
  assert.match(tooShort.data!.careerPath.message, /4 steps, more than maxSteps 2/);
});

test('no route: a result that says so and offers the closest reachable roles, not an error', async () => {
  // Downwards: the director does not promote to an engineer.
  const response = await graphql<PathResult>(server.app.url, CAREER_PATH, {
    from: IDS.engineer,
    to: IDS.engineer.replace('intermediate', 'x'),
  });
  assert.equal(response.data!.careerPath.found, false);
  assert.match(response.data!.careerPath.message, /no role with id/);

  const backwards = await graphql<PathResult>(server.app.url, CAREER_PATH, {
    from: IDS.staff,
    to: IDS.engineer,
  });
  assert.equal(backwards.errors, undefined);
  assert.equal(backwards.data!.careerPath.found, false);
  assert.equal(backwards.data!.careerPath.route, null);
  const closest = backwards.data!.careerPath.closest;
  assert.ok(closest.length > 0, 'offers where one can go instead');
  assert.ok(closest.every((c) => c.steps >= 1));
  assert.ok(closest.some((c) => c.role.title === 'Distinguished Infrastructure Security Engineer'));
});

test('careerPaths returns ranked alternatives', async () => {
  const response = await graphql<{
    careerPaths: {
      found: boolean;
      routes: { roles: { id: string }[]; lateralMoves: number; steps: { kind: string }[] }[];
    };
  }>(
    server.app.url,
    `
      query ($from: ID!, $to: ID!) {
        careerPaths(from: $from, to: $to, k: 3) {
          found
          routes {
            lateralMoves
            roles {
              id
            }
            steps {
              kind
            }
          }
        }
      }
    `,
    { from: IDS.senior, to: director.id },
  );
  assert.equal(response.errors, undefined);
  const routes = response.data!.careerPaths.routes;
  assert.ok(routes.length >= 1);
  assert.deepEqual(
    routes[0].roles.map((r) => r.id),
    [IDS.senior, IDS.manager, IDS.seniorManager, director.id],
  );
  for (let i = 1; i < routes.length; i++) {
    assert.ok(routes[i].roles.length >= routes[i - 1].roles.length, 'ranked by length');
  }
  const distinct = new Set(routes.map((r) => r.roles.map((x) => x.id).join('>')));
  assert.equal(distinct.size, routes.length, 'alternatives are distinct');

  const lateral = await graphql<{
    careerPaths: { routes: { lateralMoves: number; steps: { kind: string }[] }[] };
  }>(
    server.app.url,
    `
      query ($from: ID!, $to: ID!) {
        careerPaths(from: $from, to: $to, k: 5, allowLateral: true) {
          routes {
            lateralMoves
            steps {
              kind
            }
          }
        }
      }
    `,
    { from: IDS.senior, to: director.id },
  );
  assert.equal(lateral.errors, undefined);
  for (const route of lateral.data!.careerPaths.routes) {
    assert.equal(route.lateralMoves, route.steps.filter((s) => s.kind === 'LATERAL').length);
  }
});

test('nextRoles lists promotions with what each requires beyond the current role', async () => {
  const response = await graphql<{
    nextRoles: {
      role: { id: string };
      kind: string;
      track: string;
      gap: { requirements: { text: string }[] };
    }[];
  }>(
    server.app.url,
    `
      query ($role: ID!) {
        nextRoles(role: $role) {
          role {
            id
          }
          kind
          track
          gap {
            requirements {
              text
            }
          }
        }
      }
    `,
    {
      role: IDS.senior,
    },
  );
  assert.equal(response.errors, undefined);
  const promotions = response.data!.nextRoles.filter((n) => n.kind === 'PROMOTION');
  assert.deepEqual(new Set(promotions.map((p) => p.role.id)), new Set([IDS.staff, IDS.manager]));
  assert.equal(promotions.find((p) => p.role.id === IDS.manager)!.track, 'MANAGEMENT');
  assert.equal(promotions.find((p) => p.role.id === IDS.staff)!.track, 'IC');
});

test('roleGap takes inheritance into account', async () => {
  const response = await graphql<{
    roleGap: {
      requirements: { id: string; text: string }[];
      responsibilities: { id: string }[];
      skills: { name: string }[];
    };
    from: { requirements: { id: string }[]; inheritedRequirements: { id: string }[] };
    to: { requirements: { id: string }[]; inheritedRequirements: { id: string }[] };
  }>(
    server.app.url,
    `
      query ($from: ID!, $to: ID!) {
        roleGap(from: $from, to: $to) {
          requirements {
            id
            text
          }
          responsibilities {
            id
          }
          skills {
            name
          }
        }
        from: role(id: $from) {
          requirements {
            id
          }
          inheritedRequirements {
            id
          }
        }
        to: role(id: $to) {
          requirements {
            id
          }
          inheritedRequirements {
            id
          }
        }
      }
    `,
    { from: IDS.engineer, to: IDS.staff },
  );
  assert.equal(response.errors, undefined);
  const data = response.data!;
  const has = new Set([...data.from.requirements, ...data.from.inheritedRequirements].map((r) => r.id));
  const wants = [...data.to.requirements, ...data.to.inheritedRequirements].map((r) => r.id);
  assert.deepEqual(
    new Set(data.roleGap.requirements.map((r) => r.id)),
    new Set(wants.filter((id) => !has.has(id))),
  );
  assert.ok(data.roleGap.requirements.length > 0);
  // Nothing the starting role already has (own or inherited) is listed as a gap.
  assert.ok(data.roleGap.requirements.every((r) => !has.has(r.id)));
});

test('reportingChain goes up to the top; commonManager finds the lowest shared manager', async () => {
  const chain = await graphql<{
    reportingChain: {
      roles: { id: string; title: string }[];
      sources: { location: string }[];
      cycle: boolean;
    };
  }>(
    server.app.url,
    `
      query ($role: ID!) {
        reportingChain(role: $role) {
          roles {
            id
            title
          }
          sources {
            location
          }
          cycle
        }
      }
    `,
    { role: IDS.senior },
  );
  assert.equal(chain.errors, undefined);
  const roles = chain.data!.reportingChain.roles;
  assert.equal(roles[0].id, IDS.senior);
  assert.ok(roles.length >= 2, 'the senior engineer reports to someone');
  assert.equal(chain.data!.reportingChain.sources.length, roles.length - 1);
  // Each link is what the graph stores as REPORTS_TO.
  for (let i = 0; i + 1 < roles.length; i++) {
    const rows = await server.db.query(
      'MATCH (:Role {id: $a})-[:REPORTS_TO]->(:Role {id: $b}) RETURN 1 AS ok',
      {
        a: roles[i].id,
        b: roles[i + 1].id,
      },
    );
    assert.equal(rows.length, 1, `${roles[i].title} reports to ${roles[i + 1].title}`);
  }
  const manager = roles[1];
  const common = await graphql<{ commonManager: { id: string } | null }>(
    server.app.url,
    `
      query ($a: ID!, $b: ID!) {
        commonManager(a: $a, b: $b) {
          id
        }
      }
    `,
    { a: IDS.senior, b: IDS.senior },
  );
  assert.equal(common.data!.commonManager!.id, IDS.senior);
  const peers = await server.db.query<{ id: string }>(
    'MATCH (p:Role)-[:REPORTS_TO]->(:Role {id: $m}) WHERE p.id <> $r RETURN p.id AS id LIMIT 1',
    { m: manager.id, r: IDS.senior },
  );
  if (peers.length > 0) {
    const shared = await graphql<{ commonManager: { id: string } | null }>(
      server.app.url,
      `
        query ($a: ID!, $b: ID!) {
          commonManager(a: $a, b: $b) {
            id
          }
        }
      `,
      { a: IDS.senior, b: peers[0].id },
    );
    assert.equal(shared.data!.commonManager!.id, manager.id);
  }
});

test('orgChart under Security: sub-departments, families and roles, bounded by depth, with counts', async () => {
  const query = `query ($d: String!, $depth: Int!) { orgChart(department: $d, depth: $depth) {
    root { id name roleCount } nodes { id parentId kind name depth roleCount entityId } } }`;
  const deep = await graphql<{
    orgChart: {
      root: { id: string; roleCount: number };
      nodes: {
        id: string;
        parentId: string | null;
        kind: string;
        depth: number;
        roleCount: number;
        entityId: string;
      }[];
    };
  }>(server.app.url, query, { d: 'security', depth: 4 });
  assert.equal(deep.errors, undefined);
  const chart = deep.data!.orgChart;
  assert.equal(chart.root.id, IDS.securityDepartment);
  const ids = new Set(chart.nodes.map((n) => n.id));
  for (const node of chart.nodes) {
    if (node.parentId !== null) assert.ok(ids.has(node.parentId), `parent of ${node.id} is in the chart`);
    assert.ok(node.depth <= 4);
  }
  assert.ok(
    chart.nodes.some(
      (n) => n.kind === 'JOB_FAMILY' && n.entityId === 'family:security/infrastructure-security',
    ),
  );
  const roleNodes = chart.nodes.filter((n) => n.kind === 'ROLE');
  assert.ok(roleNodes.some((n) => n.entityId === IDS.senior));
  // The root's count is the roles of every family below it, which the graph can tell independently.
  const [{ roles }] = await server.db.query<{ roles: number }>(
    `MATCH (root:Department {id: $id})<-[:PART_OF]-{0,10}(:Department)<-[:IN_DEPARTMENT]-(:JobFamily)<-[:IN_FAMILY]-(r:Role)
     RETURN count(DISTINCT r) AS roles`,
    { id: IDS.securityDepartment },
  );
  assert.ok(chart.root.roleCount >= roles && roles > 0);

  const shallow = await graphql<typeof deep.data>(server.app.url, query, { d: 'security', depth: 1 });
  assert.ok(shallow.data!.orgChart.nodes.every((n) => n.depth <= 1));
  assert.ok(shallow.data!.orgChart.nodes.length < chart.nodes.length);
  assert.equal(shallow.data!.orgChart.root.roleCount, chart.root.roleCount, 'counts do not depend on depth');

  const missing = await graphql<{ orgChart: null }>(server.app.url, query, {
    d: 'no-such-department',
    depth: 2,
  });
  assert.equal(missing.data!.orgChart, null);
});
