import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { projectRoot } from '../../src/config/paths.js';
import { ingestDocuments, type IngestResult } from '../../src/ingest/pipeline.js';
import { readPaths, type SourceDocument } from '../../src/ingest/providers.js';

export const CORPUS = join(projectRoot, 'data', 'gitlab-handbook');
export const JOB_FAMILIES = join(CORPUS, 'job-families');

let cached: { docs: SourceDocument[]; result: IngestResult } | null = null;

/** The whole sample corpus, read and ingested once per test process. */
export async function corpus(): Promise<{ docs: SourceDocument[]; result: IngestResult }> {
  if (!cached) {
    const read = await readPaths([CORPUS]);
    cached = {
      docs: read.documents,
      result: ingestDocuments(read.documents, { readErrors: read.errors, rejected: read.rejected }),
    };
  }
  return cached;
}

export function page(path: string): string {
  return readFileSync(join(JOB_FAMILIES, path), 'utf8');
}
