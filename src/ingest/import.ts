/**
 * The import use case, shared by `orgraph import` and the API's `importDocuments` mutation:
 * documents → model (pipeline) → Neo4j (writer, one transaction) → ImportReport.
 */
import { randomUUID } from 'node:crypto';

import type { GraphDatabase } from '../graph/database.js';
import { graphContentHash } from '../graph/content-hash.js';
import type { ImportReport } from './model.js';
import { parsePages } from './parse-workers.js';
import { ingestDocuments, type IngestResult } from './pipeline.js';
import { decodeText, readPaths, type ReadResult, type SourceDocument } from './providers.js';
import type { KnownRole } from './resolver.js';
import { KNOWN_ROLES } from './writer-cypher.js';
import { writeModel, type WriteOptions, type WriteStats } from './writer.js';

export interface ImportOptions {
  /** Parse, validate and resolve only; Neo4j is not written. */
  dryRun?: boolean;
  /** Any file that fails fails the whole import: nothing is written. */
  strict?: boolean;
  /** Also compute the graph's content hash after the write (one extra full read). */
  hash?: boolean;
  /** Test hook passed to the writer (a Cypher statement run just before commit). */
  beforeCommit?: WriteOptions['beforeCommit'];
}

export interface ImportOutcome {
  report: ImportReport;
  ingest: IngestResult;
  write: WriteStats | null;
  timings: { parseMs: number; writeMs: number };
}

async function knownRoles(db: GraphDatabase, files: string[]): Promise<KnownRole[]> {
  return db.query<KnownRole & Record<string, unknown>>(KNOWN_ROLES, { files });
}

/** Imports already-read documents (the CLI reads files; the API receives `{path, text}`). */
export async function importRead(
  db: GraphDatabase | null,
  read: ReadResult,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  // Parsing (on worker threads for big batches) and reading the stored roles overlap.
  const [known, parsed] = await Promise.all([
    db
      ? knownRoles(
          db,
          read.documents.map((d) => d.path),
        )
      : Promise.resolve([]),
    parsePages(read.documents),
  ]);
  const ingest = ingestDocuments(read.documents, {
    known,
    parsed,
    readErrors: read.errors,
    rejected: read.rejected,
  });
  const t1 = performance.now();
  const report = ingest.report;
  let write: WriteStats | null = null;
  const blocked = options.strict && report.failed > 0;
  if (blocked) {
    // --strict: one bad file and nothing is written; the previous graph stays exactly as it was.
    report.errors.push({
      file: ingest.failed[0]!,
      line: 1,
      code: 'STRICT_ABORTED',
      message: `--strict: ${report.failed} file(s) failed, nothing was written`,
    });
    report.imported = 0;
  }
  if (db && !options.dryRun && !blocked) {
    report.dryRun = false;
    write = await writeModel(db, ingest.model, {
      runId: `run:${startedAt}:${randomUUID().slice(0, 8)}`,
      startedAt,
      files: ingest.imported,
      totals: { files: report.files, imported: report.imported, failed: report.failed },
      ...(options.beforeCommit ? { beforeCommit: options.beforeCommit } : {}),
    });
    report.changed = write.changed > 0;
    report.importRun = report.changed ? write.runId : null;
    if (options.hash) report.contentHash = (await graphContentHash(db)).hash;
  }
  const t2 = performance.now();
  return { report, ingest, write, timings: { parseMs: t1 - t0, writeMs: t2 - t1 } };
}

/** `orgraph import PATH...`: files and folders (recursive). `db` is null for a dry run. */
export async function importPaths(
  db: GraphDatabase | null,
  paths: string[],
  options: ImportOptions = {},
  cwd = process.cwd(),
): Promise<ImportOutcome> {
  return importRead(db, await readPaths(paths, cwd), options);
}

/**
 * For the API's `importDocuments` mutation: `[{path, text}]` → the same report as `orgraph import --json`.
 * Texts are checked like files (size, NUL bytes); paths are taken as given (relative to the handbook root,
 * e.g. `security/infrastructure-security.md`).
 */
export async function importDocuments(
  db: GraphDatabase,
  documents: Array<{ path: string; text: string }>,
  options: { dryRun?: boolean; strict?: boolean } = {},
): Promise<ImportReport> {
  const read: ReadResult = { documents: [], rejected: [], errors: [] };
  for (const doc of documents) {
    const decoded = decodeText(new TextEncoder().encode(doc.text));
    if ('problem' in decoded) {
      read.errors.push({ file: doc.path, line: 1, code: decoded.code, message: decoded.problem });
      read.rejected.push(doc.path);
    } else read.documents.push({ path: doc.path, text: decoded.text } satisfies SourceDocument);
  }
  return (await importRead(db, read, options)).report;
}
