/**
 * The benchmark operations, each written once per peer: the GraphQL document orgraph serves, the equivalent
 * document for @neo4j/graphql (path operations are @cypher fields, see peers/neo4j-graphql.ts), and the
 * hand-written Cypher the raw-driver peer runs (one query per operation: the floor).
 */
import { SHORTEST_ROUTE_MATCH, REPORTING_CHAIN_PATH } from '../src/graph/queries/paths.js';
import { SEARCH, toLuceneQuery } from '../src/graph/search.js';

export type OperationName =
  'roleBySlug' | 'orgNested' | 'careerPath' | 'reportingChain' | 'search' | 'upsertRole';

/** Values picked from the loaded graph (see data.ts), so every size runs the same operations. */
export interface Workload {
  roleSlug: string;
  careerFrom: string;
  careerTo: string;
  leafRole: string;
  searchText: string;
  familyId: string;
}

export const EDITOR_KEY = 'bench-editor-key-0123456789abcdef';

/** The role the write operation upserts (an update after the first request: idempotent data). */
const UPSERT = {
  id: 'role:bench/upsert-probe',
  slug: 'bench-upsert-probe',
  title: 'Bench Upsert Probe',
  grade: 7,
};

/** The two roles and orgraph's shortest-route search, for the peers' careerPath. */
export const CAREER_ROUTE = `MATCH (a:Role {id: $from}), (b:Role {id: $to})\n${SHORTEST_ROUTE_MATCH}`;

export const DRIVER_CYPHER: Record<OperationName, { cypher: string; write?: boolean }> = {
  roleBySlug: {
    cypher: `
MATCH (r:Role {slug: $slug})
WITH r ORDER BY r.id LIMIT 1
RETURN r {.id, .title, .grade, responsibilities: COLLECT {
  MATCH (r)-[h:HAS_RESPONSIBILITY]->(x:Responsibility) WITH x, h ORDER BY h.order, x.id RETURN x {.id, .text}
}} AS result`,
  },
  orgNested: {
    cypher: `
MATCH (d:Department) WITH d ORDER BY d.name, d.id LIMIT 20
RETURN d {.id, .name, families: COLLECT {
  MATCH (d)<-[:IN_DEPARTMENT]-(f:JobFamily) WITH f ORDER BY f.title LIMIT 20
  RETURN f {.id, .title, roles: COLLECT {
    MATCH (r:Role)-[:IN_FAMILY]->(f) WITH r ORDER BY coalesce(r.grade, 0), r.title LIMIT 20
    RETURN r {.id, .title, responsibilities: COLLECT {
      MATCH (r)-[h:HAS_RESPONSIBILITY]->(x:Responsibility) WITH x, h ORDER BY h.order, x.id LIMIT 20
      RETURN x {.id, .text}
    }}
  }}
}} AS result`,
  },
  // orgraph's own route search, returning the roles' titles.
  careerPath: { cypher: `${CAREER_ROUTE}\nRETURN [n IN nodes(p) | n {.id, .title, .grade}] AS result` },
  reportingChain: { cypher: `${REPORTING_CHAIN_PATH}\nRETURN [n IN nodes(p) | n {.id, .title}] AS result` },
  search: { cypher: SEARCH },
  upsertRole: {
    write: true,
    cypher: `
MERGE (r:Role {id: $id})
ON CREATE SET r.aliases = [], r.sourcePath = null
WITH r, properties(r) AS before
SET r.slug = $slug, r.title = $title, r.grade = $grade, r.described = true
WITH r, before
MATCH (f:JobFamily {id: $familyId})
MERGE (r)-[:IN_FAMILY]->(f)
CREATE (e:ChangeEvent {id: randomUUID(), at: datetime(), actor: 'bench', operation: 'updateRole', entityId: r.id,
                       before: toString(before.title), after: r.title})
RETURN r {.id, .title, .grade} AS result`,
  },
};

export interface PeerRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
}

const gql = (
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
): PeerRequest => ({
  path: '/graphql',
  body: JSON.stringify({ query, variables }),
  headers: { 'content-type': 'application/json', ...headers },
});

export function driverVariables(op: OperationName, w: Workload): Record<string, unknown> {
  switch (op) {
    case 'roleBySlug':
      return { slug: w.roleSlug };
    case 'orgNested':
      return {};
    case 'careerPath':
      return { from: w.careerFrom, to: w.careerTo, track: 'ANY' };
    case 'reportingChain':
      return { role: w.leafRole };
    case 'search':
      // Hits need their role's title only (a sentence hit is titled with it), as in orgraph.
      return { query: toLuceneQuery(w.searchText), candidates: 50, limit: 10, roleProps: ['id', 'title'] };
    case 'upsertRole':
      return { ...UPSERT, familyId: w.familyId };
  }
}

export function request(peer: string, op: OperationName, w: Workload): PeerRequest {
  if (peer === 'driver')
    return {
      path: `/op/${op}`,
      body: JSON.stringify(driverVariables(op, w)),
      headers: { 'content-type': 'application/json' },
    };
  if (peer === 'orgraph') {
    switch (op) {
      case 'roleBySlug':
        return gql(
          'query($slug: String!) { roleBySlug(slug: $slug) { id title grade responsibilities { id text } } }',
          { slug: w.roleSlug },
        );
      case 'orgNested':
        return gql(
          '{ departments(first: 20) { edges { node { id name families(first: 20) { id title roles(first: 20) { id title responsibilities { id text } } } } } } }',
          {},
        );
      case 'careerPath':
        return gql(
          'query($from: ID!, $to: ID!) { careerPath(from: $from, to: $to) { found route { roles { id title grade } } } }',
          { from: w.careerFrom, to: w.careerTo },
        );
      case 'reportingChain':
        return gql('query($role: ID!) { reportingChain(role: $role) { roles { id title } } }', {
          role: w.leafRole,
        });
      case 'search':
        return gql('query($text: String!) { search(text: $text, first: 10) { id kind score title } }', {
          text: w.searchText,
        });
      case 'upsertRole':
        return gql(
          'mutation($input: RoleInput!) { upsertRole(input: $input) { role { id title grade } } }',
          {
            input: {
              id: UPSERT.id,
              slug: UPSERT.slug,
              title: UPSERT.title,
              grade: UPSERT.grade,
              family: w.familyId,
            },
          },
          { authorization: `Bearer ${EDITOR_KEY}` },
        );
    }
  }
  switch (op) {
    case 'roleBySlug':
      return gql(
        'query($slug: String!) { roles(where: {slug: {eq: $slug}}, limit: 1) { id title grade responsibilities { id text } } }',
        { slug: w.roleSlug },
      );
    case 'orgNested':
      return gql(
        '{ departments(limit: 20, sort: [{name: ASC}]) { id name families(limit: 20, sort: [{title: ASC}]) { id title roles(limit: 20, sort: [{grade: ASC}, {title: ASC}]) { id title responsibilities(limit: 20) { id text } } } } }',
        {},
      );
    case 'careerPath':
      return gql('query($from: ID!, $to: ID!) { careerPath(from: $from, to: $to) { id title grade } }', {
        from: w.careerFrom,
        to: w.careerTo,
      });
    case 'reportingChain':
      return gql('query($role: ID!) { reportingChain(role: $role) { id title } }', { role: w.leafRole });
    case 'search':
      return gql('query($query: String!) { search(query: $query) { id kind score title } }', {
        query: toLuceneQuery(w.searchText),
      });
    case 'upsertRole':
      return gql(
        'mutation($id: ID!, $slug: String!, $title: String!, $grade: Int!, $familyId: ID!) { upsertRole(id: $id, slug: $slug, title: $title, grade: $grade, familyId: $familyId) { id title grade } }',
        { ...UPSERT, familyId: w.familyId },
      );
  }
}
