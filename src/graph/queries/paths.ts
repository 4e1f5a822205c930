/** Named Cypher for the path queries (career routes, reporting chains, org charts). All parameterised. */
import { FIRST_STATED } from './roles.js';

/**
 * The shortest promotion route, using Cypher's quantified path patterns (Neo4j 5.21+), in one round-trip
 * that also says whether both roles exist. The upper bound is a literal; callers compare the length with
 * maxSteps. The roles on the route come whole, so serving it needs no second query. The inline WHERE
 * keeps the track filter inside the search. SHORTEST_ROUTE_MATCH is the search
 * itself (the benchmark peers run it too).
 */
export const SHORTEST_ROUTE_MATCH =
  "MATCH p = SHORTEST 1 (a)((x:Role)-[s:PROMOTES_TO]->(y:Role) WHERE $track = 'ANY' OR s.track = $track){1,30}(b)";

export const SHORTEST_CAREER_PATH = `
OPTIONAL MATCH (a:Role {id: $from})
OPTIONAL MATCH (b:Role {id: $to})
OPTIONAL CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
  ${SHORTEST_ROUTE_MATCH}
  RETURN [n IN nodes(p) | properties(n)] AS roles, [rel IN relationships(p) | properties(rel)] AS edges
}
RETURN a IS NOT NULL AS fromExists, b IS NOT NULL AS toExists, roles, edges`;

/** Outgoing promotions of a frontier of roles (each pair once), for the in-memory k-shortest search. */
export const PROMOTIONS_FROM = `
UNWIND $keys AS key
MATCH (r:Role {id: key})-[p:PROMOTES_TO]->(to:Role)
WHERE $track = 'ANY' OR p.track = $track
WITH key, to, p ${FIRST_STATED}
WITH key, to, head(collect(p)) AS p
RETURN key, collect({to: to.id, rel: properties(p)}) AS items`;

/**
 * Lateral moves from a frontier: a described role in another family at the same grade that shares at least
 * $minShared skills. The rule is documented in README (Career paths).
 */
export const LATERAL_FROM = `
UNWIND $keys AS key
MATCH (r:Role {id: key})-[:IN_FAMILY]->(family:JobFamily)
WHERE r.grade IS NOT NULL
CALL (r) {
  MATCH (r)-[:EXTENDS]->{0,10}(:Role)-[:NEEDS_SKILL|REQUIRES]->{1,2}(s:Skill)
  RETURN collect(DISTINCT s) AS skills
}
MATCH (other:Role {grade: r.grade})
WHERE other.described AND other <> r AND NOT (other)-[:IN_FAMILY]->(family) AND size(skills) >= $minShared
CALL (other, skills) {
  MATCH (other)-[:EXTENDS]->{0,10}(:Role)-[:NEEDS_SKILL|REQUIRES]->{1,2}(s:Skill)
  WHERE s IN skills
  RETURN count(DISTINCT s) AS shared
}
WITH key, other, shared
WHERE shared >= $minShared
WITH key, other, shared ORDER BY shared DESC, other.title LIMIT 50
RETURN key, collect({to: other.id, shared: shared}) AS items`;

/** Requirements, responsibilities and skills a role has, own and inherited through EXTENDS. */
export const EFFECTIVE_FACTS = `
UNWIND $keys AS key
MATCH (r:Role {id: key})
CALL (r) {
  OPTIONAL MATCH (r)-[:EXTENDS]->{0,10}(:Role)-[:REQUIRES]->(q:Requirement)
  RETURN collect(DISTINCT q {.id, .text}) AS requirements
}
CALL (r) {
  OPTIONAL MATCH (r)-[:EXTENDS]->{0,10}(:Role)-[:HAS_RESPONSIBILITY]->(q:Responsibility)
  RETURN collect(DISTINCT q {.id, .text}) AS responsibilities
}
CALL (r) {
  OPTIONAL MATCH (r)-[:EXTENDS]->{0,10}(:Role)-[:NEEDS_SKILL|REQUIRES]->{1,2}(s:Skill)
  RETURN collect(DISTINCT s {.id, .slug, .name, .kind}) AS skills
}
RETURN key, {requirements: requirements, responsibilities: responsibilities, skills: skills} AS facts`;

/** Roles reachable by promotion from a role (for "closest reachable roles" when no route exists). */
export const REACHABLE_BY_PROMOTION = `
MATCH (a:Role {id: $from})
MATCH p = (a)-[:PROMOTES_TO]->{1,10}(x:Role)
WITH x, min(length(p)) AS steps
RETURN x, steps ORDER BY steps, x.grade DESC, x.title LIMIT 200`;

/** The longest simple chain of REPORTS_TO from a role (relationship uniqueness stops at a cycle). */
export const REPORTING_CHAIN_PATH = `
MATCH p = (r:Role {id: $role})-[:REPORTS_TO]->{0,30}(:Role)
WITH p ORDER BY length(p) DESC LIMIT 1`;

/**
 * The chain's roles (whole, or the values of $roleProps when given), its reporting lines' provenance
 * (with $withSources) and whether it ends in a cycle (its top still reports to someone; the check starts
 * from the top role, not from a scan of all roles).
 */
export const REPORTING_CHAIN = `${REPORTING_CHAIN_PATH}
WITH p, last(nodes(p)) AS top
RETURN [n IN nodes(p) | CASE WHEN $roleProps IS NULL THEN properties(n) ELSE [prop IN $roleProps | n[prop]] END] AS chain,
       [rel IN relationships(p) | CASE WHEN $withSources THEN properties(rel) ELSE {} END] AS edges,
       EXISTS { (top)-[:REPORTS_TO]->(:Role) } AS cycle`;

/** A whole department subtree (all depths: counts need it), with each department's parent and depth. */
export const DEPARTMENT_SUBTREE = `
MATCH (root:Department) WHERE root.id = $department OR root.slug = $department
MATCH p = (root)<-[:PART_OF]-{0,10}(d:Department)
WITH d, min(length(p)) AS depth
OPTIONAL MATCH (d)-[:PART_OF]->(parent:Department)
// Each page that names the parent adds its own PART_OF (provenance), so one department has many such edges.
WITH d, depth, min(parent.id) AS parentId
RETURN d, depth, parentId ORDER BY depth, d.name`;

/** Families and teams directly in a set of departments. */
export const DEPARTMENT_MEMBERS = `
UNWIND $keys AS key
MATCH (d:Department {id: key})
CALL (d) {
  MATCH (f:JobFamily)-[:IN_DEPARTMENT]->(d) RETURN collect(DISTINCT f) AS families
}
CALL (d) {
  MATCH (t:Team)-[:PART_OF]->(d) RETURN collect(DISTINCT t) AS teams
}
RETURN key, {families: families, teams: teams} AS members`;

/** Roles of a set of families, with the number of people holding each. */
export const FAMILY_ROLES = `
UNWIND $keys AS key
MATCH (r:Role)-[:IN_FAMILY]->(:JobFamily {id: key})
WITH DISTINCT key, r
WITH key, r, COUNT { (r)<-[:HOLDS]-(:Person) } AS holders
ORDER BY coalesce(r.grade, 0), r.title
RETURN key, collect({role: r, holders: holders}) AS items`;
