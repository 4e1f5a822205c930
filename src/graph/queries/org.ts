/** Named, batched Cypher for departments, families, teams, skills and people (see ../batch.ts). */
import { PROJECTED_ROLE_ITEM } from './roles.js';

export const DEPARTMENTS_BY_ID = `
UNWIND $keys AS key MATCH (d:Department {id: key}) RETURN key, d AS item`;

export const DEPARTMENT_BY_SLUG = `MATCH (d:Department) WHERE d.slug = $slug OR d.id = $slug RETURN d ORDER BY d.id LIMIT 1`;

// Every page that states a membership adds its own edge (provenance), hence DISTINCT in the lists below.
export const DEPARTMENT_PARENT = `
UNWIND $keys AS key MATCH (:Department {id: key})-[:PART_OF]->(p:Department) RETURN key, head(collect(p)) AS item`;

export const SUB_DEPARTMENTS = `
UNWIND $keys AS key MATCH (:Department {id: key})<-[:PART_OF]-(d:Department)
WITH DISTINCT key, d ORDER BY d.name RETURN key, collect(d) AS items`;

/**
 * The first $rolesFirst roles of the family bound to `f`, by grade then title, as PROJECTED_ROLE_ITEMs
 * (with their facts when selected), when $withRoles.
 */
const ROLES_OF_FAMILY = `COLLECT {
  MATCH (r:Role)-[:IN_FAMILY]->(f)
  WHERE $withRoles
  WITH DISTINCT r ORDER BY coalesce(r.grade, 0), r.title LIMIT toInteger($rolesFirst)
  RETURN ${PROJECTED_ROLE_ITEM}
}`;

/**
 * The first $first families of each department, by title (the limit applies per department), each with
 * its first $rolesFirst roles when the request selects them ($withRoles): the org tree in one round-trip.
 * Families and roles come as the values of $familyProps and $roleProps, in that order.
 */
export const DEPARTMENT_FAMILIES = `
UNWIND $keys AS key
MATCH (d:Department {id: key})
RETURN key, COLLECT {
  MATCH (d)<-[:IN_DEPARTMENT]-(f:JobFamily)
  WITH DISTINCT f ORDER BY f.title LIMIT toInteger($first)
  RETURN {family: [prop IN $familyProps | f[prop]], roles: ${ROLES_OF_FAMILY}}
} AS items`;

export const DEPARTMENT_TEAMS = `
UNWIND $keys AS key MATCH (:Department {id: key})<-[:PART_OF]-(t:Team)
WITH DISTINCT key, t ORDER BY t.name RETURN key, collect(t) AS items`;

export const FAMILIES_BY_ID = `
UNWIND $keys AS key MATCH (f:JobFamily {id: key}) RETURN key, f AS item`;

export const FAMILY_BY_SLUG = `MATCH (f:JobFamily) WHERE f.slug = $slug OR f.id = $slug RETURN f ORDER BY f.id LIMIT 1`;

export const FAMILY_DEPARTMENT = `
UNWIND $keys AS key MATCH (:JobFamily {id: key})-[:IN_DEPARTMENT]->(d:Department) RETURN key, head(collect(d)) AS item`;

/** The first $rolesFirst roles of each family (the limit applies per family), as PROJECTED_ROLE_ITEMs. */
export const FAMILY_ROLES = `
UNWIND $keys AS key
MATCH (f:JobFamily {id: key})
RETURN key, ${ROLES_OF_FAMILY} AS items`;

export const FAMILY_TEAMS = `
UNWIND $keys AS key MATCH (t:Team)-[:PART_OF]->(:JobFamily {id: key})
WITH DISTINCT key, t ORDER BY t.name RETURN key, collect(t) AS items`;

export const FAMILY_STAGES = `
UNWIND $keys AS key MATCH (:JobFamily {id: key})-[:HAS_STAGE]->(s:HiringStage)
WITH key, s ORDER BY s.order RETURN key, collect(s) AS items`;

export const FAMILY_INDICATORS = `
UNWIND $keys AS key MATCH (:JobFamily {id: key})-[:MEASURED_BY]->(k:PerformanceIndicator)
WITH key, k ORDER BY k.name RETURN key, collect(k) AS items`;

export const STAGE_INTERVIEWERS = `
UNWIND $keys AS key MATCH (:HiringStage {id: key})-[:INTERVIEWED_BY]->(r:Role)
WITH key, r ORDER BY r.title RETURN key, collect(r) AS items`;

/** Teams, skills and grades by id: the batched lookups behind federation `_entities` (see src/api/federation.ts). */
export const TEAMS_BY_ID = `
UNWIND $keys AS key MATCH (t:Team {id: key}) RETURN key, t AS item`;

export const SKILLS_BY_ID = `
UNWIND $keys AS key MATCH (s:Skill {id: key}) RETURN key, s AS item`;

export const GRADES_BY_ID = `
UNWIND $keys AS key MATCH (g:Grade {id: key}) RETURN key, {id: g.id, value: g.value} AS item`;

export const TEAM_BY_SLUG = `MATCH (t:Team) WHERE t.slug = $slug OR t.id = $slug RETURN t ORDER BY t.id LIMIT 1`;

export const TEAM_ROLES = `
UNWIND $keys AS key MATCH (r:Role)-[:IN_TEAM]->(:Team {id: key})
WITH DISTINCT key, r ORDER BY coalesce(r.grade, 0), r.title RETURN key, collect(r) AS items`;

export const TEAM_PARENT = `
UNWIND $keys AS key MATCH (:Team {id: key})-[:PART_OF]->(p)
RETURN key, head(collect({kind: head(labels(p)), id: p.id})) AS item`;

export const SKILL_ROLES = `
UNWIND $keys AS key MATCH (s:Skill {id: key})
MATCH (r:Role)-[:NEEDS_SKILL|REQUIRES]->{1,2}(s)
WITH DISTINCT key, r ORDER BY r.title RETURN key, collect(r) AS items`;

export const SKILLS = `MATCH (s:Skill) RETURN s ORDER BY s.name`;

export const GRADES = `
MATCH (g:Grade) RETURN g.id AS id, g.value AS value ORDER BY g.value`;

export const GRADE_ROLES = `
UNWIND $keys AS key MATCH (r:Role)-[:HAS_GRADE]->(:Grade {id: key})
WITH key, r ORDER BY r.title RETURN key, collect(r) AS items`;

export const PERSON_ROLES = `
UNWIND $keys AS key MATCH (:Person {id: key})-[:HOLDS]->(r:Role)
WITH key, r ORDER BY r.title RETURN key, collect(r) AS items`;

export const PERSON_MANAGER = `
UNWIND $keys AS key MATCH (:Person {id: key})-[:MANAGED_BY]->(m:Person) RETURN key, head(collect(m)) AS item`;

export const PERSON_REPORTS = `
UNWIND $keys AS key MATCH (:Person {id: key})<-[:MANAGED_BY]-(p:Person)
WITH key, p ORDER BY p.name RETURN key, collect(p) AS items`;

export const PEOPLE_BY_ID = `
UNWIND $keys AS key MATCH (p:Person {id: key}) RETURN key, p AS item`;
