/**
 * The common end of every connection query: given rows `n` (node) and `k` (sort key), it counts them, applies
 * the decoded cursors (`$after`, `$before`: [sortKey, id]), orders by (k, id) forwards or backwards, and
 * returns one page plus a flag for more. Keyset cursors stay stable when rows are added elsewhere.
 */
export const PAGE_TAIL = `
WITH collect({n: n, k: k}) AS matched
WITH matched, size(matched) AS total
UNWIND (CASE WHEN total = 0 THEN [null] ELSE matched END) AS row
WITH total, row.n AS n, row.k AS k
WITH total, n, k ORDER BY
  CASE WHEN $backward THEN null ELSE k END ASC, CASE WHEN $backward THEN null ELSE n.id END ASC,
  CASE WHEN $backward THEN k ELSE null END DESC, CASE WHEN $backward THEN n.id ELSE null END DESC
// The cursor filter sits inside collect (which skips nulls) rather than in a WHERE, so a page with no rows
// still returns its one record with the total.
WITH total, collect(CASE WHEN n IS NOT NULL
  AND ($after IS NULL OR k > $after[0] OR (k = $after[0] AND n.id > $after[1]))
  AND ($before IS NULL OR k < $before[0] OR (k = $before[0] AND n.id < $before[1]))
  THEN {n: n, k: k} END) AS rows
// Properties are read for the page only, not for every match.
RETURN total, [row IN rows[0..$limit] | {n: properties(row.n), k: row.k}] AS page, size(rows) > $limit AS more`;

export const DEPARTMENT_PAGE = `
MATCH (d:Department)
WHERE ($parent IS NULL OR EXISTS { (d)-[:PART_OF]->(p:Department) WHERE p.id = $parent OR p.slug = $parent })
  AND ($topLevel IS NULL OR $topLevel = (NOT EXISTS { (d)-[:PART_OF]->(:Department) }))
WITH d AS n, toLower(d.name) AS k
${PAGE_TAIL}`;

export const JOB_FAMILY_PAGE = `
MATCH (f:JobFamily)
WHERE ($department IS NULL OR EXISTS {
        MATCH (f)-[:IN_DEPARTMENT]->(:Department)-[:PART_OF]->{0,10}(d:Department)
        WHERE d.id = $department OR d.slug = $department })
WITH f AS n, toLower(f.title) AS k
${PAGE_TAIL}`;
