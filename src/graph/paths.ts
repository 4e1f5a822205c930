import type { GraphDatabase } from './database.js';
import { loadBatch } from './batch.js';
import {
  DEPARTMENT_MEMBERS,
  DEPARTMENT_SUBTREE,
  EFFECTIVE_FACTS,
  FAMILY_ROLES,
  LATERAL_FROM,
  PROMOTIONS_FROM,
  REACHABLE_BY_PROMOTION,
  REPORTING_CHAIN,
  SHORTEST_CAREER_PATH,
} from './queries/paths.js';
import {
  sourceOf,
  toDepartment,
  toJobFamily,
  fromValues,
  toRole,
  toTeam,
  type RoleRecord,
  type SkillRecord,
  type SourceRecord,
} from './records.js';

export type TrackFilter = 'IC' | 'MANAGEMENT' | 'ANY';

/** Lateral moves: same grade, another family, at least this many shared skills (documented in README). */
export const LATERAL_MIN_SHARED_SKILLS = 2;

export interface TextFact {
  id: string;
  text: string;
}

export interface RoleFacts {
  requirements: TextFact[];
  responsibilities: TextFact[];
  skills: SkillRecord[];
}

export interface GapRecord extends RoleFacts {
  fromId: string;
  toId: string;
}

export interface StepRecord {
  fromId: string;
  toId: string;
  kind: 'PROMOTION' | 'LATERAL';
  track: 'IC' | 'MANAGEMENT' | null;
  gradeDelta: number | null;
  source: SourceRecord;
  sharedSkills: number | null;
}

export interface RouteRecord {
  roleIds: string[];
  steps: StepRecord[];
  lateralMoves: number;
}

export interface RouteResult {
  found: boolean;
  message: string;
  routes: RouteRecord[];
  /** When no route exists: the roles reachable from `from`, closest first. */
  closest: { role: RoleRecord; steps: number }[];
  /** Roles on the routes that the query already read whole (callers may cache them for the request). */
  roles?: RoleRecord[];
}

interface Edge {
  to: string;
  kind: 'PROMOTION' | 'LATERAL';
  rel: Record<string, unknown> | null;
  shared: number | null;
}

const noFacts: RoleFacts = { requirements: [], responsibilities: [], skills: [] };

export async function effectiveFacts(
  db: GraphDatabase,
  roleIds: readonly string[],
): Promise<Map<string, RoleFacts>> {
  const unique = [...new Set(roleIds)];
  const facts = await loadBatch(db, EFFECTIVE_FACTS, unique, (row) => row.facts as RoleFacts, noFacts);
  return new Map(unique.map((id, i) => [id, facts[i]]));
}

/** What `to` has that `from` has not, inheritance included. */
export function gapBetween(fromId: string, toId: string, from: RoleFacts, to: RoleFacts): GapRecord {
  const minus = <T extends { id: string }>(a: T[], b: T[]) => {
    const have = new Set(b.map((x) => x.id));
    return a.filter((x) => !have.has(x.id));
  };
  return {
    fromId,
    toId,
    requirements: minus(to.requirements, from.requirements),
    responsibilities: minus(to.responsibilities, from.responsibilities),
    skills: minus(to.skills, from.skills),
  };
}

export async function roleGap(db: GraphDatabase, fromId: string, toId: string): Promise<GapRecord> {
  const facts = await effectiveFacts(db, [fromId, toId]);
  return gapBetween(fromId, toId, facts.get(fromId) ?? noFacts, facts.get(toId) ?? noFacts);
}

async function rolesById(db: GraphDatabase, ids: readonly string[]): Promise<Map<string, RoleRecord>> {
  const rows = await db.query<{ r: Record<string, unknown> }>(
    'UNWIND $ids AS id MATCH (r:Role {id: id}) RETURN properties(r) AS r',
    { ids: [...new Set(ids)] },
  );
  return new Map(rows.map((row) => [row.r.id as string, toRole(row.r)]));
}

/** Steps of routes; grades come with the route or from one batched read. What a step adds is resolved lazily. */
function describeRoutes(
  paths: { roleIds: string[]; edges: Edge[] }[],
  gradeOf: (id: string) => number | null,
): RouteRecord[] {
  return paths.map(({ roleIds, edges }) => {
    const steps = edges.map((edge, i): StepRecord => {
      const fromId = roleIds[i];
      const toId = roleIds[i + 1];
      const fromGrade = gradeOf(fromId);
      const toGrade = gradeOf(toId);
      const track = edge.rel?.track;
      return {
        fromId,
        toId,
        kind: edge.kind,
        track: track === 'IC' || track === 'MANAGEMENT' ? track : null,
        gradeDelta: fromGrade !== null && toGrade !== null ? toGrade - fromGrade : null,
        source: sourceOf(edge.rel),
        sharedSkills: edge.shared,
      };
    });
    return { roleIds, steps, lateralMoves: edges.filter((e) => e.kind === 'LATERAL').length };
  });
}

async function closestReachable(
  db: GraphDatabase,
  fromId: string,
): Promise<{ role: RoleRecord; steps: number }[]> {
  const rows = await db.query<{ x: { properties: Record<string, unknown> }; steps: number }>(
    REACHABLE_BY_PROMOTION,
    {
      from: fromId,
    },
  );
  return rows.slice(0, 10).map((row) => ({ role: toRole(row.x.properties), steps: row.steps }));
}

async function requireRoles(db: GraphDatabase, ids: string[]): Promise<string | null> {
  const found = await rolesById(db, ids);
  const missing = ids.filter((id) => !found.has(id));
  return missing.length > 0 ? `no role with id ${missing.map((m) => JSON.stringify(m)).join(', ')}` : null;
}

/** The shortest promotion route, as the handbook draws it, or a result that says there is none. */
export async function careerPath(
  db: GraphDatabase,
  fromId: string,
  toId: string,
  track: TrackFilter,
  maxSteps: number,
): Promise<RouteResult> {
  const [row] = await db.query<{
    fromExists: boolean;
    toExists: boolean;
    roles: Record<string, unknown>[] | null;
    edges: Record<string, unknown>[] | null;
  }>(SHORTEST_CAREER_PATH, { from: fromId, to: toId, track });
  const missing = [row.fromExists ? null : fromId, row.toExists ? null : toId].filter((id) => id !== null);
  if (missing.length > 0) {
    return {
      found: false,
      message: `no role with id ${missing.map((m) => JSON.stringify(m)).join(', ')}`,
      routes: [],
      closest: [],
    };
  }
  if (fromId === toId) {
    return {
      found: true,
      message: 'already there',
      routes: [{ roleIds: [fromId], steps: [], lateralMoves: 0 }],
      closest: [],
    };
  }
  const roles = row.roles?.map(toRole);
  const { edges } = row;
  if (!roles || !edges || edges.length > maxSteps) {
    return {
      found: false,
      message: edges
        ? `the shortest route takes ${edges.length} steps, more than maxSteps ${maxSteps}`
        : `no promotion route from ${fromId} to ${toId}${track === 'ANY' ? '' : ` on the ${track} track`}`,
      routes: [],
      closest: await closestReachable(db, fromId),
    };
  }
  const grade = new Map(roles.map((role) => [role.id, role.grade]));
  const route = edges.map((rel): Edge => ({ to: '', kind: 'PROMOTION', rel, shared: null }));
  return {
    found: true,
    message: `${route.length} step${route.length === 1 ? '' : 's'}`,
    routes: describeRoutes(
      [{ roleIds: roles.map((role) => role.id), edges: route }],
      (id) => grade.get(id) ?? null,
    ),
    closest: [],
    roles,
  };
}

/**
 * Up to k routes, ranked by steps, then fewer lateral moves, then more shared skills. The reachable
 * subgraph is loaded frontier by frontier (one round-trip per step) and searched with Yen's algorithm.
 */
export async function careerPaths(
  db: GraphDatabase,
  fromId: string,
  toId: string,
  options: { k: number; track: TrackFilter; maxSteps: number; allowLateral: boolean },
): Promise<RouteResult> {
  const missing = await requireRoles(db, [fromId, toId]);
  if (missing) return { found: false, message: missing, routes: [], closest: [] };
  const graph = new Map<string, Edge[]>();
  let frontier = [fromId];
  for (let depth = 0; depth < options.maxSteps && frontier.length > 0; depth++) {
    const [promotions, laterals] = await Promise.all([
      loadBatch(
        db,
        PROMOTIONS_FROM,
        frontier,
        (row) => row.items as { to: string; rel: Record<string, unknown> }[],
        [],
        {
          track: options.track,
        },
      ),
      options.allowLateral
        ? loadBatch(db, LATERAL_FROM, frontier, (row) => row.items as { to: string; shared: number }[], [], {
            minShared: LATERAL_MIN_SHARED_SKILLS,
          })
        : Promise.resolve(frontier.map(() => [] as { to: string; shared: number }[])),
    ]);
    const next: string[] = [];
    frontier.forEach((id, i) => {
      const edges: Edge[] = [
        ...promotions[i].map((p): Edge => ({ to: p.to, kind: 'PROMOTION', rel: p.rel, shared: null })),
        ...laterals[i]
          .filter((l) => !promotions[i].some((p) => p.to === l.to))
          .map((l): Edge => ({ to: l.to, kind: 'LATERAL', rel: null, shared: l.shared })),
      ];
      graph.set(id, edges);
      for (const edge of edges) if (!graph.has(edge.to) && !next.includes(edge.to)) next.push(edge.to);
    });
    frontier = next;
  }
  const found = kShortestPaths(graph, fromId, toId, options.k, options.maxSteps);
  if (found.length === 0) {
    return {
      found: false,
      message: `no route from ${fromId} to ${toId} within ${options.maxSteps} steps${options.allowLateral ? ' (lateral moves allowed)' : ''}`,
      routes: [],
      closest: await closestReachable(db, fromId),
    };
  }
  const roles = await rolesById(
    db,
    found.flatMap((p) => p.roleIds),
  );
  const routes = describeRoutes(found, (id) => roles.get(id)?.grade ?? null);
  return {
    found: true,
    message: `${routes.length} route${routes.length === 1 ? '' : 's'}`,
    routes,
    closest: [],
  };
}

function cost(edges: Edge[]): [number, number, number] {
  const lateral = edges.filter((e) => e.kind === 'LATERAL');
  return [edges.length, lateral.length, -lateral.reduce((sum, e) => sum + (e.shared ?? 0), 0)];
}

function compareCost(a: Edge[], b: Edge[]): number {
  const [x, y] = [cost(a), cost(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

/** Best path by (steps, lateral moves, shared skills) with breadth-first search, avoiding removed edges/nodes. */
function bestPath(
  graph: Map<string, Edge[]>,
  from: string,
  to: string,
  maxSteps: number,
  blockedNodes: Set<string>,
  blockedEdges: Set<string>,
): { roleIds: string[]; edges: Edge[] } | null {
  let layer: { roleIds: string[]; edges: Edge[] }[] = [{ roleIds: [from], edges: [] }];
  const settled = new Set([from]);
  for (let depth = 0; depth < maxSteps && layer.length > 0; depth++) {
    const candidates: { roleIds: string[]; edges: Edge[] }[] = [];
    for (const path of layer) {
      const at = path.roleIds[path.roleIds.length - 1];
      for (const edge of graph.get(at) ?? []) {
        if (
          blockedNodes.has(edge.to) ||
          blockedEdges.has(`${at}->${edge.to}`) ||
          path.roleIds.includes(edge.to)
        )
          continue;
        candidates.push({ roleIds: [...path.roleIds, edge.to], edges: [...path.edges, edge] });
      }
    }
    const arrived = candidates
      .filter((c) => c.roleIds[c.roleIds.length - 1] === to)
      .sort((a, b) => compareCost(a.edges, b.edges));
    if (arrived.length > 0) return arrived[0];
    candidates.sort((a, b) => compareCost(a.edges, b.edges));
    layer = [];
    for (const candidate of candidates) {
      const end = candidate.roleIds[candidate.roleIds.length - 1];
      if (settled.has(end)) continue;
      settled.add(end);
      layer.push(candidate);
    }
  }
  return null;
}

/** Yen's k shortest simple paths over the loaded subgraph. */
export function kShortestPaths(
  graph: Map<string, Edge[]>,
  from: string,
  to: string,
  k: number,
  maxSteps: number,
): { roleIds: string[]; edges: Edge[] }[] {
  const first = bestPath(graph, from, to, maxSteps, new Set(), new Set());
  if (!first) return [];
  const accepted = [first];
  const candidates: { roleIds: string[]; edges: Edge[] }[] = [];
  const key = (p: { roleIds: string[] }) => p.roleIds.join('>');
  while (accepted.length < k) {
    const previous = accepted[accepted.length - 1];
    for (let i = 0; i < previous.roleIds.length - 1; i++) {
      const spur = previous.roleIds[i];
      const rootIds = previous.roleIds.slice(0, i + 1);
      const rootEdges = previous.edges.slice(0, i);
      const blockedEdges = new Set<string>();
      for (const path of accepted) {
        if (path.roleIds.slice(0, i + 1).join('>') === rootIds.join('>') && path.roleIds[i + 1]) {
          blockedEdges.add(`${spur}->${path.roleIds[i + 1]}`);
        }
      }
      const spurPath = bestPath(graph, spur, to, maxSteps - i, new Set(rootIds.slice(0, -1)), blockedEdges);
      if (!spurPath) continue;
      const total = {
        roleIds: [...rootIds, ...spurPath.roleIds.slice(1)],
        edges: [...rootEdges, ...spurPath.edges],
      };
      if (![...accepted, ...candidates].some((p) => key(p) === key(total))) candidates.push(total);
    }
    if (candidates.length === 0) break;
    candidates.sort((a, b) => compareCost(a.edges, b.edges));
    accepted.push(candidates.shift() as { roleIds: string[]; edges: Edge[] });
  }
  return accepted;
}

export interface NextRoleRecord {
  role: RoleRecord;
  kind: 'PROMOTION' | 'LATERAL';
  track: 'IC' | 'MANAGEMENT' | null;
  sharedSkills: number | null;
  gap: GapRecord;
  source: SourceRecord;
}

/** Promotions and lateral options from a role, with what each requires beyond it. */
export async function nextRoles(db: GraphDatabase, roleId: string): Promise<NextRoleRecord[]> {
  const [[promotions], [laterals]] = await Promise.all([
    loadBatch(
      db,
      PROMOTIONS_FROM,
      [roleId],
      (row) => row.items as { to: string; rel: Record<string, unknown> }[],
      [],
      {
        track: 'ANY',
      },
    ),
    loadBatch(db, LATERAL_FROM, [roleId], (row) => row.items as { to: string; shared: number }[], [], {
      minShared: LATERAL_MIN_SHARED_SKILLS,
    }),
  ]);
  const options = [
    ...promotions.map((p) => ({ to: p.to, kind: 'PROMOTION' as const, rel: p.rel, shared: null })),
    ...laterals
      .filter((l) => !promotions.some((p) => p.to === l.to))
      .map((l) => ({ to: l.to, kind: 'LATERAL' as const, rel: null, shared: l.shared })),
  ];
  const ids = [roleId, ...options.map((o) => o.to)];
  const [facts, roles] = await Promise.all([effectiveFacts(db, ids), rolesById(db, ids)]);
  return options.flatMap((option) => {
    const role = roles.get(option.to);
    if (!role) return [];
    const track = option.rel?.track;
    return [
      {
        role,
        kind: option.kind,
        track: track === 'IC' || track === 'MANAGEMENT' ? track : null,
        sharedSkills: option.shared,
        gap: gapBetween(roleId, option.to, facts.get(roleId) ?? noFacts, facts.get(option.to) ?? noFacts),
        source: sourceOf(option.rel),
      },
    ];
  });
}

export interface ChainRecord {
  roles: RoleRecord[];
  sources: SourceRecord[];
  /** The chain ends in a reporting cycle rather than at a top role. */
  cycle: boolean;
}

/**
 * A role's reporting chain. `fetch` narrows what is read: only these role properties (default: all), and
 * the reporting lines' sources only when wanted (default: yes).
 */
export async function reportingChain(
  db: GraphDatabase,
  roleId: string,
  fetch: { roleProps?: readonly string[]; withSources?: boolean } = {},
): Promise<ChainRecord | null> {
  const roleProps = fetch.roleProps ?? null;
  const rows = await db.query<{ chain: unknown[]; edges: Record<string, unknown>[]; cycle: boolean }>(
    REPORTING_CHAIN,
    { role: roleId, roleProps, withSources: fetch.withSources ?? true },
  );
  if (rows.length === 0) return null;
  return {
    roles: rows[0].chain.map((n) =>
      toRole(roleProps ? fromValues(roleProps, n) : (n as Record<string, unknown>)),
    ),
    sources: rows[0].edges.map(sourceOf),
    cycle: rows[0].cycle,
  };
}

/** The lowest role both roles report to, directly or indirectly (either role itself when one manages the other). */
export async function commonManager(db: GraphDatabase, a: string, b: string): Promise<RoleRecord | null> {
  const [chainA, chainB] = await Promise.all([
    reportingChain(db, a, { withSources: false }),
    reportingChain(db, b, { roleProps: ['id'], withSources: false }),
  ]);
  if (!chainA || !chainB) return null;
  const inB = new Set(chainB.roles.map((r) => r.id));
  return chainA.roles.find((r) => inB.has(r.id)) ?? null;
}

export interface OrgChartNodeRecord {
  id: string;
  parentId: string | null;
  kind: 'DEPARTMENT' | 'JOB_FAMILY' | 'TEAM' | 'ROLE';
  name: string;
  depth: number;
  /** Roles at or below this node. */
  roleCount: number;
  /** People holding roles at or below this node. */
  peopleCount: number;
  /** Roles at or below this node that nobody holds (meaningful when people are imported). */
  vacancies: number;
  grade: number | null;
  entityId: string;
}

/**
 * The org chart under a department as a flat list of nodes with parent ids (ready for tree layouts):
 * departments, sub-departments, their job families and teams, and the families' roles; `depth` levels deep.
 */
export async function orgChart(
  db: GraphDatabase,
  department: string,
  depth: number,
): Promise<OrgChartNodeRecord[] | null> {
  const departments = await db.query<{
    d: { properties: Record<string, unknown> };
    depth: number;
    parentId: string | null;
  }>(DEPARTMENT_SUBTREE, { department });
  if (departments.length === 0) return null;
  // Every node of the subtree is built so counts are complete; only those within `depth` are returned.
  const nodes: OrgChartNodeRecord[] = [];
  const base = { roleCount: 0, peopleCount: 0, vacancies: 0, grade: null };
  const rootId = departments[0].d.properties.id as string;
  for (const row of departments) {
    const d = toDepartment(row.d.properties);
    nodes.push({
      ...base,
      id: d.id,
      entityId: d.id,
      parentId: d.id === rootId ? null : row.parentId,
      kind: 'DEPARTMENT',
      name: d.name,
      depth: row.depth,
    });
  }
  const departmentIds = departments.map((row) => row.d.properties.id as string);
  const members = await loadBatch(
    db,
    DEPARTMENT_MEMBERS,
    departmentIds,
    (row) =>
      row.members as {
        families: { properties: Record<string, unknown> }[];
        teams: { properties: Record<string, unknown> }[];
      },
    { families: [], teams: [] },
  );
  const familyIds: string[] = [];
  departmentIds.forEach((departmentId, i) => {
    const childDepth = departments[i].depth + 1;
    for (const family of members[i].families.map((n) => toJobFamily(n.properties))) {
      nodes.push({
        ...base,
        id: family.id,
        entityId: family.id,
        parentId: departmentId,
        kind: 'JOB_FAMILY',
        name: family.title,
        depth: childDepth,
      });
      familyIds.push(family.id);
    }
    for (const team of members[i].teams.map((n) => toTeam(n.properties))) {
      nodes.push({
        ...base,
        id: team.id,
        entityId: team.id,
        parentId: departmentId,
        kind: 'TEAM',
        name: team.name,
        depth: childDepth,
      });
    }
  });
  const roleLists = await loadBatch(
    db,
    FAMILY_ROLES,
    familyIds,
    (row) => row.items as { role: { properties: Record<string, unknown> }; holders: number }[],
    [],
  );
  const byId = new Map(nodes.map((n) => [n.id, n]));
  familyIds.forEach((familyId, i) => {
    const family = byId.get(familyId) as OrgChartNodeRecord;
    for (const { role: node, holders } of roleLists[i]) {
      const role = toRole(node.properties);
      const vacant = holders === 0 ? 1 : 0;
      nodes.push({
        id: `${familyId}/${role.id}`,
        entityId: role.id,
        parentId: familyId,
        kind: 'ROLE',
        name: role.title,
        depth: family.depth + 1,
        roleCount: 1,
        peopleCount: holders,
        vacancies: vacant,
        grade: role.grade,
      });
      for (
        let at: OrgChartNodeRecord | undefined = family;
        at;
        at = at.parentId ? byId.get(at.parentId) : undefined
      ) {
        at.roleCount += 1;
        at.peopleCount += holders;
        at.vacancies += vacant;
      }
    }
  });
  return nodes.filter((node) => node.depth <= depth);
}
