import { PAGE_TAIL } from './pages.js';

/**
 * Named Cypher for roles. Every query is parameterised; batched ones take `$keys` (see ../batch.ts) so a
 * whole level of a nested GraphQL selection costs one round-trip.
 */

export const ROLES_BY_ID = `
UNWIND $keys AS key
MATCH (r:Role {id: key})
RETURN key, r AS item`;

/** The two kinds of text facts a role states; the relationship and label come from here, never from input. */
const FACT_KINDS = {
  responsibility: { rel: 'HAS_RESPONSIBILITY', label: 'Responsibility' },
  requirement: { rel: 'REQUIRES', label: 'Requirement' },
} as const;

/**
 * The facts the role bound to `r` states itself, in order, as the list the fact loaders return; when `wanted`
 * holds. Each fact is a tuple [id, text, order, inherited from, provenance] (lists unpack faster than maps,
 * and there can be thousands); the provenance (the statement's properties) only with $factSources.
 */
function ownFactsOf({ rel, label }: (typeof FACT_KINDS)[keyof typeof FACT_KINDS], wanted = 'true'): string {
  // Own variable names: this is nested inside queries that bind others (f is a family in org.ts).
  return `COLLECT {
  MATCH (r)-[stated:${rel}]->(fact:${label})
  WHERE ${wanted}
  WITH stated, fact ORDER BY stated.order, fact.id
  RETURN [fact.id, fact.text, coalesce(stated.order, 0), null, CASE WHEN $factSources THEN properties(stated) END]
}`;
}

/** Batched own facts of roles ($factSources: with their provenance). */
function ownFacts(kind: (typeof FACT_KINDS)[keyof typeof FACT_KINDS]): string {
  return `
UNWIND $keys AS key
MATCH (r:Role {id: key})
RETURN key, ${ownFactsOf(kind)} AS items`;
}

/**
 * A role bound to `r` (`role` is an expression over it) with its own responsibilities and requirements when
 * the request selects them ($withResponsibilities, $withRequirements; an unselected list comes back empty
 * at no cost: the parameter test is planned before the expansion).
 */
function roleItem(role: string): string {
  return `{
  role: ${role},
  responsibilities: ${ownFactsOf(FACT_KINDS.responsibility, '$withResponsibilities')},
  requirements: ${ownFactsOf(FACT_KINDS.requirement, '$withRequirements')}
}`;
}

/** A whole role and the facts selected, for single-role lookups. */
const ROLE_ITEM = roleItem('properties(r)');

/**
 * A role in a list: only the properties the request selects ($roleProps, values in that order), as
 * reading and sending every property of hundreds of roles costs more than the rest of the query.
 */
export const PROJECTED_ROLE_ITEM = roleItem('[prop IN $roleProps | r[prop]]');

export const ROLE_BY_ID = `
MATCH (r:Role {id: $id})
RETURN ${ROLE_ITEM} AS item`;

export const ROLE_BY_SLUG = `
MATCH (r:Role {slug: $slug})
WITH r ORDER BY r.id LIMIT 1
RETURN ${ROLE_ITEM} AS item`;

/**
 * Exact title (case-insensitive) first, then an alias, then the title without a parenthesised level
 * ("Infrastructure Security Engineer" finds "Infrastructure Security Engineer (Intermediate)").
 */
export const ROLES_BY_TITLE = `
MATCH (r:Role)
WITH r, toLower(trim($title)) AS wanted
WITH r, CASE
  WHEN toLower(r.title) = wanted THEN 0
  WHEN wanted IN [alias IN coalesce(r.aliases, []) | toLower(alias)] THEN 1
  WHEN toLower(trim(split(r.title, ' (')[0])) = wanted THEN 2
  ELSE null END AS match
WHERE match IS NOT NULL
WITH r ORDER BY match, r.described DESC, r.id LIMIT 1
RETURN ${ROLE_ITEM} AS item`;

/** Facts a role inherits through EXTENDS (nearest ancestor first); facts it also states itself are left out. */
function inheritedFacts({ rel, label }: (typeof FACT_KINDS)[keyof typeof FACT_KINDS]): string {
  return `
UNWIND $keys AS key
MATCH (r:Role {id: key})-[:EXTENDS]->{1,10}(ancestor:Role)-[h:${rel}]->(f:${label})
WHERE NOT (r)-[:${rel}]->(f)
WITH key, f, ancestor, h ORDER BY coalesce(ancestor.grade, 0) DESC, h.order
WITH key, f, head(collect({ancestor: ancestor.id, rel: properties(h), order: h.order})) AS first
WITH key, f, first ORDER BY first.ancestor, first.order
RETURN key, collect([f.id, f.text, coalesce(first.order, 0), first.ancestor, first.rel]) AS items`;
}

export const OWN_RESPONSIBILITIES = ownFacts(FACT_KINDS.responsibility);
export const OWN_REQUIREMENTS = ownFacts(FACT_KINDS.requirement);
export const INHERITED_RESPONSIBILITIES = inheritedFacts(FACT_KINDS.responsibility);
export const INHERITED_REQUIREMENTS = inheritedFacts(FACT_KINDS.requirement);

/** Skills of a role: tagged on the role, on its requirements, or inherited through EXTENDS. */
export const ROLE_SKILLS = `
UNWIND $keys AS key
MATCH (r:Role {id: key})
CALL (r) {
  MATCH (r)-[:EXTENDS]->{0,10}(:Role)-[:NEEDS_SKILL|REQUIRES]->{1,2}(s:Skill)
  RETURN DISTINCT s
}
WITH key, s ORDER BY s.name
RETURN key, collect(s) AS items`;

export const REPORTS_TO = `
UNWIND $keys AS key
MATCH (r:Role {id: key})-[rel:REPORTS_TO]->(m:Role)
WITH key, m, rel ORDER BY m.id
RETURN key, head(collect({role: m, rel: properties(rel)})) AS item`;

export const DIRECT_REPORTS = `
UNWIND $keys AS key
MATCH (r:Role {id: key})<-[:REPORTS_TO]-(d:Role)
WITH DISTINCT key, d ORDER BY d.grade DESC, d.title
RETURN key, collect(d) AS items`;

/**
 * Pages that share a ladder state the same promotion each (one edge per source page, so each keeps its
 * provenance); a role's promotions list each pair of roles once, sourced at the first page that states it.
 * Orders the relationship bound to `p` for the `head(collect(p))` that follows.
 */
export const FIRST_STATED = `ORDER BY p.sourcePath, p.sourceLine`;

export const PROMOTES_TO = `
UNWIND $keys AS key
MATCH (r:Role {id: key})-[p:PROMOTES_TO]->(to:Role)
WITH key, r, to, p ${FIRST_STATED}
WITH key, r, to, head(collect(p)) AS p ORDER BY to.grade, to.title
RETURN key, collect({from: r.id, to: to.id, rel: properties(p)}) AS items`;

export const PROMOTED_FROM = `
UNWIND $keys AS key
MATCH (r:Role {id: key})<-[p:PROMOTES_TO]-(from:Role)
WITH key, r, from, p ${FIRST_STATED}
WITH key, r, from, head(collect(p)) AS p ORDER BY from.grade, from.title
RETURN key, collect({from: from.id, to: r.id, rel: properties(p)}) AS items`;

export const EXTENDS = `
UNWIND $keys AS key
MATCH (r:Role {id: key})-[:EXTENDS]->(base:Role)
RETURN key, head(collect(base)) AS item`;

export const EXTENDED_BY = `
UNWIND $keys AS key
MATCH (r:Role {id: key})<-[:EXTENDS]-(d:Role)
WITH key, d ORDER BY d.grade, d.title
RETURN key, collect(d) AS items`;

export const ROLE_FAMILY = `
UNWIND $keys AS key
MATCH (r:Role {id: key})-[:IN_FAMILY]->(f:JobFamily)
RETURN key, head(collect(f)) AS item`;

export const ROLE_DEPARTMENT = `
UNWIND $keys AS key
MATCH (r:Role {id: key})
OPTIONAL MATCH (r)-[:IN_DEPARTMENT]->(d1:Department)
OPTIONAL MATCH (r)-[:IN_FAMILY]->(:JobFamily)-[:IN_DEPARTMENT]->(d2:Department)
WITH key, coalesce(d1, d2) AS d WHERE d IS NOT NULL
RETURN key, head(collect(d)) AS item`;

export const ROLE_TEAMS = `
UNWIND $keys AS key
MATCH (r:Role {id: key})-[:IN_TEAM]->(t:Team)
WITH key, t ORDER BY t.name
RETURN key, collect(t) AS items`;

export const ROLE_HOLDERS = `
UNWIND $keys AS key
MATCH (r:Role {id: key})<-[:HOLDS]-(p:Person)
WITH key, p ORDER BY p.name
RETURN key, collect(p) AS items`;

/**
 * Roles matching the connection filters, as `n` with its sort key `k`; PAGE_TAIL (./pages.ts) cuts the
 * page. The sort key expression is picked from a fixed list by the caller (ROLE_ORDER_KEYS), never from input.
 */
export function rolePageQuery(sortKey: string): string {
  return `
MATCH (r:Role)
WHERE ($described IS NULL OR r.described = $described)
  AND ($gradeMin IS NULL OR r.grade >= $gradeMin)
  AND ($gradeMax IS NULL OR r.grade <= $gradeMax)
  AND ($family IS NULL OR EXISTS { (r)-[:IN_FAMILY]->(f:JobFamily) WHERE f.id = $family OR f.slug = $family })
  AND ($department IS NULL OR EXISTS {
        MATCH (r)-[:IN_FAMILY|IN_DEPARTMENT]->{1,2}(:Department)-[:PART_OF]->{0,10}(d:Department)
        WHERE d.id = $department OR d.slug = $department })
  AND ($track IS NULL OR r.track = $track OR EXISTS { (r)-[p:PROMOTES_TO]-() WHERE p.track = $track })
  AND ($skill IS NULL OR EXISTS {
        MATCH (r)-[:NEEDS_SKILL|REQUIRES]->{1,2}(s:Skill)
        WHERE s.id = $skill OR s.slug = $skill OR toLower(s.name) = toLower($skill) })
WITH r AS n, ${sortKey} AS k
${PAGE_TAIL}`;
}

/** The sort keys roles can be ordered by; all non-null so cursor comparisons are total. */
export const ROLE_ORDER_KEYS = {
  TITLE: 'toLower(r.title)',
  GRADE: 'coalesce(r.grade, -1)',
  FAMILY: "coalesce(head([(r)-[:IN_FAMILY]->(f) | toLower(f.title)]), '')",
} as const;
