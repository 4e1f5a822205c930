/**
 * Lint findings over the stored graph, shared by `orgraph lint` and the API. Each check is one named,
 * parameterised read query; findings are sorted by code, then source.
 */
import type { GraphDatabase } from './database.js';

export type LintSeverity = 'error' | 'warning' | 'info';

export interface LintFinding {
  code: string;
  severity: LintSeverity;
  message: string;
  roleId: string | null;
  sourcePath: string | null;
  sourceLine: number | null;
}

/** Levels whose roles count as leadership for the "route to leadership" check. */
export const LEADERSHIP_LEVELS = [
  'Director',
  'Senior Director',
  'Vice President',
  'Senior Vice President',
  'Chief',
];

interface Check {
  code: string;
  severity: LintSeverity;
  cypher: string;
}

export const LINT_CHECKS: Check[] = [
  {
    // A reference that resolved to nothing: the edge points at a placeholder.
    code: 'BROKEN_LINK',
    severity: 'warning',
    cypher: `
MATCH (a:Role)-[r:REPORTS_TO|PROMOTES_TO|EXTENDS]->(b:Role {described: false})
RETURN a.id AS roleId, r.sourcePath AS sourcePath, r.sourceLine AS sourceLine,
       '"' + a.title + '" ' + toLower(replace(type(r), '_', ' ')) + ' "' + b.title + '", which no imported page describes' AS message`,
  },
  {
    code: 'REPORTS_TO_CYCLE',
    severity: 'error',
    cypher: `
MATCH p = (r:Role)-[:REPORTS_TO*1..25]->(r)
WITH r, [n IN nodes(p) | n.id] AS ids, [n IN nodes(p) | n.title] AS titles
WHERE r.id = reduce(m = head(ids), i IN ids | CASE WHEN i < m THEN i ELSE m END)
RETURN r.id AS roleId, r.sourcePath AS sourcePath, r.sourceLine AS sourceLine,
       'reports-to cycle: ' + reduce(s = head(titles), t IN tail(titles) | s + ' → ' + t) AS message`,
  },
  {
    code: 'PROMOTION_TO_LOWER_GRADE',
    severity: 'error',
    cypher: `
MATCH (a:Role)-[p:PROMOTES_TO]->(b:Role)
WHERE a.grade IS NOT NULL AND b.grade IS NOT NULL AND b.grade < a.grade
RETURN a.id AS roleId, p.sourcePath AS sourcePath, p.sourceLine AS sourceLine,
       '"' + a.title + '" (grade ' + toString(a.grade) + ') promotes to "' + b.title + '" (grade ' + toString(b.grade) + ')' AS message`,
  },
  {
    code: 'NO_ROUTE_TO_LEADERSHIP',
    severity: 'info',
    cypher: `
MATCH (r:Role {described: true})
WHERE NOT r.level IN $leadership
  AND NOT EXISTS { MATCH (r)-[:REPORTS_TO|PROMOTES_TO*1..12]->(l:Role) WHERE l.level IN $leadership }
RETURN r.id AS roleId, r.sourcePath AS sourcePath, r.sourceLine AS sourceLine,
       '"' + r.title + '" has no reports-to or promotion route to a leadership role' AS message`,
  },
  {
    code: 'DUPLICATE_TITLE',
    severity: 'warning',
    cypher: `
MATCH (r:Role {described: true})
WITH r.title AS title, collect(r) AS roles
WHERE size(roles) > 1
UNWIND roles AS r
RETURN r.id AS roleId, r.sourcePath AS sourcePath, r.sourceLine AS sourceLine,
       '"' + title + '" is the title of ' + toString(size(roles)) + ' roles: ' +
       reduce(s = '', x IN roles | s + CASE WHEN s = '' THEN '' ELSE ', ' END + x.id) AS message`,
  },
  {
    code: 'LEVEL_WITHOUT_GRADE',
    severity: 'warning',
    cypher: `
MATCH (r:Role {described: true})
WHERE r.grade IS NULL
RETURN r.id AS roleId, r.sourcePath AS sourcePath, r.sourceLine AS sourceLine,
       '"' + r.title + '" has no job grade' AS message`,
  },
  {
    code: 'PLACEHOLDER_ROLE',
    severity: 'warning',
    cypher: `
MATCH (r:Role {described: false})
RETURN r.id AS roleId, r.sourcePath AS sourcePath, r.sourceLine AS sourceLine,
       '"' + r.title + '" is referenced but described by no imported page' AS message`,
  },
];

export async function lintGraph(db: GraphDatabase, codes?: string[]): Promise<LintFinding[]> {
  const checks = codes ? LINT_CHECKS.filter((c) => codes.includes(c.code)) : LINT_CHECKS;
  const findings = await db.read(async (tx) => {
    const out: LintFinding[] = [];
    for (const check of checks) {
      const result = await tx.run(check.cypher, { leadership: LEADERSHIP_LEVELS });
      for (const rec of result.records) {
        out.push({
          code: check.code,
          severity: check.severity,
          message: rec.get('message') as string,
          roleId: (rec.get('roleId') as string | null) ?? null,
          sourcePath: (rec.get('sourcePath') as string | null) ?? null,
          sourceLine: (rec.get('sourceLine') as number | null) ?? null,
        });
      }
    }
    return out;
  });
  return findings.sort(
    (a, b) =>
      a.code.localeCompare(b.code) ||
      (a.sourcePath ?? '').localeCompare(b.sourcePath ?? '') ||
      (a.sourceLine ?? 0) - (b.sourceLine ?? 0) ||
      (a.roleId ?? '').localeCompare(b.roleId ?? ''),
  );
}
