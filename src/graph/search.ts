import neo4j from 'neo4j-driver';
import type { GraphDatabase } from './database.js';
import { fromValues, ROLE_PROPERTIES, toRole, type RoleRecord } from './records.js';

/**
 * Full-text search over titles and the text of responsibilities and requirements (index `org_text`).
 * Hits on responsibilities and requirements are attributed to the roles that state them. Title hits are
 * weighted above text hits, so "Infrastructure Security" finds the family and its roles before sentences.
 */
export const SEARCH = `
CALL db.index.fulltext.queryNodes('org_text', $query, {limit: $candidates}) YIELD node, score
WITH node, score,
     CASE WHEN node:Role THEN 'ROLE' WHEN node:JobFamily THEN 'JOB_FAMILY' WHEN node:Department THEN 'DEPARTMENT'
          WHEN node:Responsibility THEN 'RESPONSIBILITY' ELSE 'REQUIREMENT' END AS kind
WITH node, kind, score * CASE kind WHEN 'ROLE' THEN 2.0 WHEN 'JOB_FAMILY' THEN 2.0 WHEN 'DEPARTMENT' THEN 1.5 ELSE 1.0 END AS rank
ORDER BY rank DESC, node.id
LIMIT $limit
WITH node, kind, rank,
     CASE WHEN node:Role THEN node ELSE head([(r:Role)-[:HAS_RESPONSIBILITY|REQUIRES]->(node) | r]) END AS owner
RETURN node.id AS id, kind, rank AS score, coalesce(node.title, node.name, node.text) AS text,
       CASE WHEN owner IS NULL THEN null ELSE [prop IN $roleProps | owner[prop]] END AS role`;

export interface SearchHitRecord {
  id: string;
  kind: 'ROLE' | 'JOB_FAMILY' | 'DEPARTMENT' | 'RESPONSIBILITY' | 'REQUIREMENT';
  score: number;
  title: string;
  snippet: string;
  role: RoleRecord | null;
}

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Turns user text into a Lucene query that matches the words (all preferred, any accepted), never syntax. */
export function toLuceneQuery(text: string): string | null {
  const words = text
    .replace(LUCENE_SPECIAL, ' ')
    .split(/\s+/)
    .map((w) => w.trim())
    .filter((w) => w.length > 0 && !['AND', 'OR', 'NOT', 'TO'].includes(w));
  if (words.length === 0) return null;
  const phrase = `"${words.join(' ')}"^4`;
  const all = words.map((w) => `+${w}`).join(' ');
  return `${phrase} OR (${all})^2 OR ${words.join(' ')}`;
}

/** A window of the text around the first matching word. */
export function snippetOf(text: string, query: string, width = 160): string {
  const words = query.toLowerCase().replace(LUCENE_SPECIAL, ' ').split(/\s+/).filter(Boolean);
  const lower = text.toLowerCase();
  const at = Math.min(...words.map((w) => lower.indexOf(w)).filter((i) => i >= 0), text.length);
  if (text.length <= width) return text;
  const start = Math.max(0, Math.min(at - Math.floor(width / 3), text.length - width));
  return `${start > 0 ? '…' : ''}${text.slice(start, start + width).trim()}${start + width < text.length ? '…' : ''}`;
}

/** What a hit's role needs at least: a fact hit is titled with its role's title. */
const HIT_ROLE_PROPS = ['id', 'title'];

/**
 * Ranked hits. `roleProps` are the properties read of each hit's role (default: all known to the API's
 * Role; the id and title are always read).
 */
export async function search(
  db: GraphDatabase,
  text: string,
  limit: number,
  roleProps: readonly string[] = ROLE_PROPERTIES,
): Promise<SearchHitRecord[]> {
  const query = toLuceneQuery(text);
  if (!query) return [];
  const props = [...new Set([...HIT_ROLE_PROPS, ...roleProps])];
  // JavaScript numbers reach Cypher as floats, which LIMIT and the index's limit option reject.
  const rows = await db.query<{
    id: string;
    kind: SearchHitRecord['kind'];
    score: number;
    text: string;
    role: unknown[] | null;
  }>(SEARCH, { query, limit: neo4j.int(limit), candidates: neo4j.int(limit * 5), roleProps: props });
  return rows.map((row) => {
    const role = row.role ? toRole(fromValues(props, row.role)) : null;
    return {
      id: row.id,
      kind: row.kind,
      score: row.score,
      title:
        row.kind === 'ROLE' || row.kind === 'JOB_FAMILY' || row.kind === 'DEPARTMENT'
          ? row.text
          : (role?.title ?? row.text),
      snippet: snippetOf(row.text, text),
      role,
    };
  });
}
