/**
 * Parses Markdown pages on worker threads (remark is CPU-bound; the corpus parses about twice as fast on two
 * cores). Results are plain `ParsedPage` objects, identical to parsing in the main thread, so the model does
 * not depend on how the work was split. Small batches are parsed inline: a worker costs ~100 ms to start.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

import { parseMarkdownPage, type ParsedPage } from './markdown.js';
import type { SourceDocument } from './providers.js';

const MIN_PAGES_FOR_WORKERS = 60;

function parseAll(docs: SourceDocument[]): ParsedPage[] {
  return docs.map((d) => parseMarkdownPage(d.path, d.text));
}

export async function parsePages(docs: SourceDocument[]): Promise<Map<string, ParsedPage>> {
  const markdown = docs.filter((d) => /\.(md|markdown)$/i.test(d.path));
  const threads = Math.min(availableParallelism(), 4);
  if (markdown.length < MIN_PAGES_FOR_WORKERS || threads < 2) {
    return new Map(parseAll(markdown).map((p) => [p.path, p]));
  }
  // Interleave so each worker gets a similar mix of long and short pages.
  const chunks: SourceDocument[][] = Array.from({ length: threads }, () => []);
  markdown.forEach((d, i) => chunks[i % threads]!.push(d));
  const results = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<ParsedPage[]>((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: chunk });
          worker.once('message', (pages: ParsedPage[]) => resolve(pages));
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (code !== 0) reject(new Error(`parse worker exited with code ${code}`));
          });
        }),
    ),
  );
  return new Map(results.flat().map((p) => [p.path, p]));
}

if (!isMainThread && parentPort) {
  parentPort.postMessage(parseAll(workerData as SourceDocument[]));
}
