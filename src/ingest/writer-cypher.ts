/**
 * The writer's Cypher, as named constants. Labels and relationship types cannot be query parameters, so one
 * query text exists per label (and per relationship type and end labels), generated once from the fixed lists
 * of the graph model below, never from input. Every value is a parameter.
 */
import { NODE_LABELS, type NodeLabel, type RelType } from './model.js';

/** Whether a stored entity differs from the row: any property of the row whose stored value is different. */
const CHANGED = (v: string): string =>
  `${v}.importRun IS NULL OR any(k IN keys(row.props) WHERE NOT coalesce(${v}[k] = row.props[k], ${v}[k] IS NULL AND row.props[k] IS NULL))`;

// Upserts the node and its DEFINED_IN edges (row.defs) in one pass.
function upsertNode(label: NodeLabel): string {
  return `
UNWIND $rows AS row
MERGE (n:${label} {id: row.id})
WITH n, row, ${CHANGED('n')} AS changed
SET n += row.props
WITH n, row, changed
CALL (n, row) {
  UNWIND row.defs AS def
  MATCH (f:SourceFile {path: def.path})
  MERGE (n)-[d:DEFINED_IN]->(f)
  WITH d, def, d.sourceLine IS NULL OR d.sourceLine <> def.line OR coalesce(d.sourceAnchor, '') <> coalesce(def.anchor, '') AS defChanged
  SET d.sourceLine = def.line, d.sourceAnchor = def.anchor
  RETURN count(CASE WHEN defChanged THEN 1 END) AS defsChanged
}
WITH n, changed OR defsChanged > 0 AS changed
SET n.importRun = CASE WHEN changed THEN $run ELSE n.importRun END
RETURN count(CASE WHEN changed THEN 1 END) AS changed`;
}

// A node's provenance is its DEFINED_IN with the smallest path (then line): the same whatever the order
// in which files were imported.
function provenance(label: NodeLabel): string {
  return `
UNWIND $ids AS id
MATCH (n:${label} {id: id})-[d:DEFINED_IN]->(f:SourceFile)
WITH n, d, f ORDER BY f.path, d.sourceLine
WITH n, collect({path: f.path, line: d.sourceLine, anchor: d.sourceAnchor})[0] AS first
WITH n, first, coalesce(n.sourcePath, '') <> first.path OR coalesce(n.sourceLine, -1) <> first.line
  OR coalesce(n.sourceAnchor, '') <> coalesce(first.anchor, '') AS changed
SET n.sourcePath = first.path, n.sourceLine = first.line, n.sourceAnchor = first.anchor
SET n.importRun = CASE WHEN changed THEN $run ELSE n.importRun END
RETURN count(CASE WHEN changed THEN 1 END) AS changed`;
}

export const NODE_QUERIES: Record<NodeLabel, { upsert: string; provenance: string }> = Object.fromEntries(
  NODE_LABELS.map((label) => [label, { upsert: upsertNode(label), provenance: provenance(label) }]),
) as Record<NodeLabel, { upsert: string; provenance: string }>;

const relQueries = new Map<string, string>();

/** The upsert query for one relationship type between two labels (all from the graph model's fixed lists). */
export function relationshipUpsert(type: RelType, from: NodeLabel, to: NodeLabel): string {
  const key = `${type}|${from}|${to}`;
  let q = relQueries.get(key);
  if (!q) {
    q = `
UNWIND $rows AS row
MATCH (a:${from} {id: row.from})
MATCH (b:${to} {id: row.to})
MERGE (a)-[r:${type} {sourcePath: row.sourcePath}]->(b)
WITH r, row, ${CHANGED('r')} AS changed
SET r += row.props
SET r.importRun = CASE WHEN changed THEN $run ELSE r.importRun END
RETURN count(CASE WHEN changed THEN 1 END) AS changed`;
    relQueries.set(key, q);
  }
  return q;
}

/** Whether any stored file is outside this import (then node provenance must be computed from all DEFINED_IN). */
export const OTHER_SOURCE_FILES = `
MATCH (f:SourceFile) WHERE NOT f.path IN $files RETURN count(f) AS n`;

export const UPSERT_SOURCE_FILES = `
UNWIND $files AS file
MERGE (f:SourceFile {path: file.path})
WITH f, file, f.hash IS NULL OR f.hash <> file.hash AS changed
SET f.hash = file.hash
SET f.importRun = CASE WHEN changed THEN $run ELSE f.importRun END
RETURN count(CASE WHEN changed THEN 1 END) AS changed`;

/** DEFINED_IN edges from the files being imported to nodes the files no longer define. */
export const DELETE_STALE_DEFINED_IN = `
UNWIND $files AS file
MATCH (n)-[d:DEFINED_IN]->(:SourceFile {path: file.path})
WHERE NOT n.id IN file.ids
WITH n, d, labels(n)[0] AS label
DELETE d
RETURN n.id AS id, label`;

export const EXISTING_RELATIONSHIPS = `
MATCH (a)-[r]->(b)
WHERE r.sourcePath IN $files
RETURN elementId(r) AS elementId, type(r) AS type, a.id AS from, b.id AS to, r.sourcePath AS sourcePath`;

export const DELETE_RELATIONSHIPS = `
UNWIND $elementIds AS elementId
MATCH ()-[r]->()
WHERE elementId(r) = elementId
DELETE r
RETURN count(*) AS deleted`;

/** Imported nodes no file defines any more (API-created nodes have no sourcePath and are never touched). */
export const DELETE_ORPHANS = `
MATCH (n)
WHERE n.sourcePath IS NOT NULL AND NOT n:SourceFile AND NOT n:ImportRun AND NOT (n)-[:DEFINED_IN]->()
DETACH DELETE n
RETURN count(*) AS deleted`;

export const CREATE_IMPORT_RUN = `
CREATE (r:ImportRun {id: $run, startedAt: $startedAt, files: $files, imported: $imported, failed: $failed})`;

/** Described roles stored from files outside this import, so a partial import resolves links to them. */
export const KNOWN_ROLES = `
MATCH (r:Role)
WHERE r.sourcePath IS NOT NULL AND NOT r.sourcePath IN $files
OPTIONAL MATCH (r)-[:IN_FAMILY]->(f:JobFamily)
OPTIONAL MATCH (r)-[:IN_DEPARTMENT]->(d:Department)
RETURN r.id AS id, r.title AS title, coalesce(r.aliases, []) AS aliases, r.sourcePath AS sourcePath,
       r.sourceAnchor AS sourceAnchor, f.id AS familyId, d.id AS departmentId, coalesce(r.described, true) AS described`;
