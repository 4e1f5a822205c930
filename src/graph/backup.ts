/**
 * Backup and restore of the whole graph as JSON Lines: every node and relationship with all its properties
 * (provenance, import runs, audit ChangeEvents), exact Neo4j types kept, so a restore into an empty database
 * has the same content hash as the graph that was exported. Migration records are not exported: the target
 * database gets its own by migrating before the restore.
 *
 * File layout, one JSON object per line:
 *   {"type":"header","format":"orgraph-export","version":1,"exportedAt":..,"contentHash":..,"nodes":N,"relationships":M}
 *   {"type":"node","ref":0,"labels":["Role"],"properties":{..},"integers":["grade","sourceLine"]}
 *   {"type":"relationship","rel":"IN_FAMILY","from":0,"to":7,"properties":{..},"integers":["sourceLine"]}
 *   {"type":"end","nodes":N,"relationships":M}
 * `integers` names the properties holding integers (JSON numbers do not say whether 3 is 3 or 3.0);
 * temporal values are {"$temporal":"DateTime","fields":{..}}. The end line makes a truncated file fail.
 */
import neo4j, { isDate, isDateTime, isDuration, isLocalDateTime, isLocalTime, isTime } from 'neo4j-driver';
import { graphContentHash } from './content-hash.js';
import type { GraphDatabase } from './database.js';

export const EXPORT_FORMAT = 'orgraph-export';
export const EXPORT_VERSION = 1;
const BATCH = 1_000;

const EXPORT_NODES = `
MATCH (n) WHERE NOT n:Migration
RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props,
       [k IN keys(n) WHERE valueType(n[k]) STARTS WITH 'INTEGER' OR valueType(n[k]) STARTS WITH 'LIST<INTEGER' | k]
         AS integers
ORDER BY labels[0], coalesce(n.id, n.path)`;

const EXPORT_RELATIONSHIPS = `
MATCH (a)-[r]->(b) WHERE NOT a:Migration AND NOT b:Migration
RETURN elementId(a) AS from, elementId(b) AS to, type(r) AS type, properties(r) AS props,
       [k IN keys(r) WHERE valueType(r[k]) STARTS WITH 'INTEGER' OR valueType(r[k]) STARTS WITH 'LIST<INTEGER' | k]
         AS integers
ORDER BY type, coalesce(a.id, a.path), coalesce(b.id, b.path)`;

const COUNT_CONTENT = `MATCH (n) WHERE NOT n:Migration RETURN count(n) AS nodes`;

const RESTORE_NODES = `
UNWIND $rows AS row
CREATE (n:$(row.labels))
SET n = row.props
RETURN row.ref AS ref, elementId(n) AS eid`;

const RESTORE_RELATIONSHIPS = `
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.from
MATCH (b) WHERE elementId(b) = row.to
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS created`;

export interface ExportHeader {
  type: 'header';
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  contentHash: string;
  nodes: number;
  relationships: number;
}

export interface ExportSummary {
  nodes: number;
  relationships: number;
  contentHash: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const TEMPORAL_FIELDS: Record<string, string[]> = {
  Date: ['year', 'month', 'day'],
  DateTime: [
    'year',
    'month',
    'day',
    'hour',
    'minute',
    'second',
    'nanosecond',
    'timeZoneOffsetSeconds',
    'timeZoneId',
  ],
  LocalDateTime: ['year', 'month', 'day', 'hour', 'minute', 'second', 'nanosecond'],
  Time: ['hour', 'minute', 'second', 'nanosecond', 'timeZoneOffsetSeconds'],
  LocalTime: ['hour', 'minute', 'second', 'nanosecond'],
  Duration: ['months', 'days', 'seconds', 'nanoseconds'],
};

function temporalKind(value: unknown): string | undefined {
  if (isDateTime(value)) return 'DateTime';
  if (isLocalDateTime(value)) return 'LocalDateTime';
  if (isDate(value)) return 'Date';
  if (isTime(value)) return 'Time';
  if (isLocalTime(value)) return 'LocalTime';
  if (isDuration(value)) return 'Duration';
  return undefined;
}

function encodeValue(value: unknown, where: string): Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${where}: cannot export the number ${value}`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => encodeValue(v, `${where}[${i}]`));
  const kind = temporalKind(value);
  if (kind) {
    const source = value as unknown as Record<string, unknown>;
    const fields: Record<string, Json> = {};
    for (const field of TEMPORAL_FIELDS[kind]!) fields[field] = (source[field] ?? null) as Json;
    return { $temporal: kind, fields };
  }
  throw new Error(`${where}: a value of an unsupported type (${Object.prototype.toString.call(value)})`);
}

function encodeProperties(props: Record<string, unknown>, where: string): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(props)) out[key] = encodeValue(value, `${where}.${key}`);
  return out;
}

/** Where a line of a backup file is, for error messages: "backup.jsonl:12". */
export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

function decodeValue(value: unknown, integer: boolean, where: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!integer) return value;
    if (!Number.isSafeInteger(value)) throw new RestoreError(`${where}: ${value} is not an integer`);
    return neo4j.int(value);
  }
  if (Array.isArray(value)) return value.map((v, i) => decodeValue(v, integer, `${where}[${i}]`));
  if (typeof value === 'object') {
    const { $temporal: kind, fields } = value as { $temporal?: unknown; fields?: Record<string, unknown> };
    const names = typeof kind === 'string' ? TEMPORAL_FIELDS[kind] : undefined;
    if (!names || !fields || typeof fields !== 'object')
      throw new RestoreError(`${where}: an object value must be {"$temporal": <type>, "fields": {...}}`);
    const args = names.map((name) => fields[name] ?? null);
    const Type = (neo4j.types as unknown as Record<string, new (...a: unknown[]) => unknown>)[
      kind as string
    ]!;
    return new Type(...args);
  }
  throw new RestoreError(`${where}: unsupported value ${JSON.stringify(value)}`);
}

function decodeProperties(props: unknown, integers: unknown, where: string): Record<string, unknown> {
  if (!props || typeof props !== 'object' || Array.isArray(props))
    throw new RestoreError(`${where}: "properties" must be an object`);
  if (integers !== undefined && !(Array.isArray(integers) && integers.every((i) => typeof i === 'string')))
    throw new RestoreError(`${where}: "integers" must be a list of property names`);
  const ints = new Set((integers as string[] | undefined) ?? []);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props as Record<string, unknown>))
    out[key] = decodeValue(value, ints.has(key), `${where} property ${JSON.stringify(key)}`);
  return out;
}

/**
 * Writes the whole graph as JSON Lines through `write` (one call per line, newline included), from one
 * read transaction so nodes and relationships are a consistent snapshot. Returns the counts and the
 * content hash recorded in the header.
 */
export async function exportGraph(
  db: GraphDatabase,
  write: (line: string) => Promise<void> | void,
): Promise<ExportSummary> {
  // The hash is computed first and recorded in the header; a graph that changes during the export is
  // caught by restore's hash check, so the header's hash is what a faithful restore must reproduce.
  const digest = await graphContentHash(db);
  const session = db.driver.session({ database: db.connection.database, defaultAccessMode: 'READ' });
  const tx = await session.beginTransaction();
  try {
    const counts = await tx.run(
      `MATCH (n) WHERE NOT n:Migration WITH count(n) AS nodes
       CALL () { MATCH (a)-[r]->(b) WHERE NOT a:Migration AND NOT b:Migration RETURN count(r) AS relationships }
       RETURN nodes, relationships`,
    );
    const nodes = counts.records[0]!.get('nodes') as number;
    const relationships = counts.records[0]!.get('relationships') as number;
    const header: ExportHeader = {
      type: 'header',
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: new Date().toISOString(),
      contentHash: digest.hash,
      nodes,
      relationships,
    };
    await write(`${JSON.stringify(header)}\n`);
    const refs = new Map<string, number>();
    for await (const record of tx.run(EXPORT_NODES)) {
      const ref = refs.size;
      refs.set(record.get('eid') as string, ref);
      const labels = record.get('labels') as string[];
      const line = {
        type: 'node',
        ref,
        labels,
        properties: encodeProperties(
          record.get('props') as Record<string, unknown>,
          `node ${labels.join(':')}`,
        ),
        integers: record.get('integers') as string[],
      };
      await write(`${JSON.stringify(line)}\n`);
    }
    let written = 0;
    for await (const record of tx.run(EXPORT_RELATIONSHIPS)) {
      const type = record.get('type') as string;
      const line = {
        type: 'relationship',
        rel: type,
        from: refs.get(record.get('from') as string),
        to: refs.get(record.get('to') as string),
        properties: encodeProperties(record.get('props') as Record<string, unknown>, `relationship ${type}`),
        integers: record.get('integers') as string[],
      };
      await write(`${JSON.stringify(line)}\n`);
      written++;
    }
    await write(`${JSON.stringify({ type: 'end', nodes: refs.size, relationships: written })}\n`);
    return { nodes: refs.size, relationships: written, contentHash: digest.hash };
  } finally {
    await tx.close();
    await session.close();
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface PendingNode {
  ref: number;
  labels: string[];
  props: Record<string, unknown>;
}
interface PendingRelationship {
  type: string;
  from: number;
  to: number;
  props: Record<string, unknown>;
}

export interface RestoreSummary extends ExportSummary {
  /** The hash the export recorded; equal to contentHash for a faithful restore. */
  expectedHash: string;
}

/**
 * Restores a backup into an empty database (Migration records aside) in one write transaction: a file
 * that is truncated, malformed or inconsistent writes nothing, and the error names the file and line.
 * Refuses a database that already holds data.
 */
export async function restoreGraph(
  db: GraphDatabase,
  lines: AsyncIterable<string>,
  fileName = 'backup',
): Promise<RestoreSummary> {
  const session = db.driver.session({ database: db.connection.database, defaultAccessMode: 'WRITE' });
  const tx = await session.beginTransaction();
  let committed = false;
  try {
    const existing = (await tx.run(COUNT_CONTENT)).records[0]!.get('nodes') as number;
    if (existing > 0)
      throw new RestoreError(
        `the database is not empty (${existing} nodes besides migrations); restore only into an empty ` +
          'database, e.g. a new one or one emptied with MATCH (n) DETACH DELETE n',
      );
    let header: ExportHeader | undefined;
    let end: { nodes: number; relationships: number } | undefined;
    const eids = new Map<number, string>();
    let nodeBatch: PendingNode[] = [];
    let relBatch: PendingRelationship[] = [];
    let relationships = 0;
    const flushNodes = async () => {
      if (nodeBatch.length === 0) return;
      const result = await tx.run(RESTORE_NODES, { rows: nodeBatch });
      for (const r of result.records) eids.set(r.get('ref') as number, r.get('eid') as string);
      nodeBatch = [];
    };
    const flushRelationships = async () => {
      if (relBatch.length === 0) return;
      const rows = relBatch.map((r) => ({
        type: r.type,
        from: eids.get(r.from),
        to: eids.get(r.to),
        props: r.props,
      }));
      const created = (await tx.run(RESTORE_RELATIONSHIPS, { rows })).records[0]!.get('created') as number;
      if (created !== rows.length) throw new RestoreError(`${fileName}: a relationship lost an end node`);
      relationships += created;
      relBatch = [];
    };

    let lineNo = 0;
    for await (const raw of lines) {
      lineNo++;
      const where = `${fileName}:${lineNo}`;
      if (raw.trim() === '') continue;
      if (end) throw new RestoreError(`${where}: content after the end line`);
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(raw) as Record<string, unknown>;
      } catch (error) {
        throw new RestoreError(`${where}: not JSON (${(error as Error).message})`);
      }
      if (!entry || typeof entry !== 'object' || Array.isArray(entry))
        throw new RestoreError(`${where}: a line must be a JSON object`);
      if (!header) {
        if (entry.type !== 'header' || entry.format !== EXPORT_FORMAT)
          throw new RestoreError(`${where}: not an orgraph export (the first line must be its header)`);
        if (entry.version !== EXPORT_VERSION)
          throw new RestoreError(`${where}: export version ${String(entry.version)} is not supported`);
        header = entry as unknown as ExportHeader;
        continue;
      }
      if (entry.type === 'node') {
        if (relBatch.length > 0 || relationships > 0)
          throw new RestoreError(`${where}: nodes must come before relationships`);
        const { ref, labels } = entry;
        if (!Number.isInteger(ref) || eids.has(ref as number) || nodeBatch.some((n) => n.ref === ref))
          throw new RestoreError(`${where}: "ref" must be a new integer`);
        if (!Array.isArray(labels) || labels.length === 0 || !labels.every((l) => NAME.test(String(l))))
          throw new RestoreError(`${where}: "labels" must be a non-empty list of label names`);
        if (labels.includes('Migration'))
          throw new RestoreError(`${where}: Migration records are not restored (the target migrates itself)`);
        nodeBatch.push({
          ref: ref as number,
          labels: labels as string[],
          props: decodeProperties(entry.properties, entry.integers, where),
        });
        if (nodeBatch.length >= BATCH) await flushNodes();
      } else if (entry.type === 'relationship') {
        await flushNodes();
        const { rel, from, to } = entry;
        if (typeof rel !== 'string' || !NAME.test(rel))
          throw new RestoreError(`${where}: "rel" must be a relationship type name`);
        for (const [field, ref] of [
          ['from', from],
          ['to', to],
        ] as const)
          if (!Number.isInteger(ref) || !eids.has(ref as number))
            throw new RestoreError(
              `${where}: "${field}" ${JSON.stringify(ref)} is not the ref of a node above`,
            );
        relBatch.push({
          type: rel,
          from: from as number,
          to: to as number,
          props: decodeProperties(entry.properties, entry.integers, where),
        });
        if (relBatch.length >= BATCH) await flushRelationships();
      } else if (entry.type === 'end') {
        await flushNodes();
        await flushRelationships();
        end = { nodes: Number(entry.nodes), relationships: Number(entry.relationships) };
        if (end.nodes !== eids.size || end.relationships !== relationships)
          throw new RestoreError(
            `${where}: the end line counts ${end.nodes} nodes and ${end.relationships} relationships, ` +
              `the file holds ${eids.size} and ${relationships}`,
          );
      } else {
        throw new RestoreError(`${where}: unknown line type ${JSON.stringify(entry.type)}`);
      }
    }
    if (!header) throw new RestoreError(`${fileName}: the file is empty`);
    if (!end)
      throw new RestoreError(`${fileName}:${lineNo}: the file ends without its end line (truncated?)`);
    await tx.commit();
    committed = true;
    const digest = await graphContentHash(db);
    return {
      nodes: eids.size,
      relationships,
      contentHash: digest.hash,
      expectedHash: header.contentHash,
    };
  } finally {
    if (!committed && tx.isOpen()) await tx.rollback();
    await session.close();
  }
}
