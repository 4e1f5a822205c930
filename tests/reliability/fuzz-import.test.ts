import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { graphContentHash } from '../../src/graph/content-hash.js';
import type { GraphDatabase } from '../../src/graph/database.js';
import { importDocuments, importRead } from '../../src/ingest/import.js';
import type { ImportReport } from '../../src/ingest/model.js';
import { decodeText, type ReadResult } from '../../src/ingest/providers.js';
import { openTestDatabase } from '../support/neo4j.js';
import { loadSecuritySlice, SECURITY_PAGES } from './fixtures.js';

/** Fixed seed: a failure reproduces; fast-check prints the counterexample and its path. */
const SEED = 20_240_808;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

const pages = readdirSync(SECURITY_PAGES)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => ({ path: `security/${f}`, text: readFileSync(join(SECURITY_PAGES, f), 'utf8') }));

let db: GraphDatabase;

before(async () => {
  process.on('unhandledRejection', onUnhandled);
  db = await openTestDatabase();
  await loadSecuritySlice(db);
});

after(async () => {
  process.off('unhandledRejection', onUnhandled);
  await db.close();
});

/** Ways a real page gets damaged: each takes the page text and returns the damaged text. */
const damage: fc.Arbitrary<(text: string) => string> = fc.oneof(
  fc.nat().map((n) => (text: string) => text.slice(0, n % (text.length + 1))),
  fc.integer().map((seed) => (text: string) => {
    const sections = text.split(/\n(?=#{1,6} )/);
    // A deterministic shuffle from the seed keeps counterexamples replayable.
    let s = seed;
    for (let i = sections.length - 1; i > 0; i--) {
      s = (s * 1_103_515_245 + 12_345) & 0x7fffffff;
      const j = s % (i + 1);
      [sections[i], sections[j]] = [sections[j]!, sections[i]!];
    }
    return sections.join('\n');
  }),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(
    ([at, bytes]) =>
      (text: string) =>
        text.slice(0, at % (text.length + 1)) +
        Buffer.from(bytes).toString('latin1') +
        text.slice(at % (text.length + 1)),
  ),
  fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 40 })).map(
    ([at, noise]) =>
      (text: string) =>
        text.slice(0, at % (text.length + 1)) + noise + text.slice(at % (text.length + 1)),
  ),
  fc.integer({ min: 10_000, max: 400_000 }).map((n) => (text: string) => `${text}\n${'x'.repeat(n)}\n`),
  // Deep nesting: remark's list parsing grows super-linearly with depth (500 levels took 44 s), so pages
  // nested deeper than MAX_NESTING_DEPTH are refused (NESTING_TOO_DEEP) by a linear scan before remark runs.
  fc
    .integer({ min: 10, max: 500 })
    .map(
      (depth) => (text: string) =>
        `${text}\n${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n${'> '.repeat(depth * 20)}quote\n`,
    ),
  fc
    .constantFrom('#', '##', '###')
    .map(
      (h) => (text: string) =>
        `${text}\n${h} Loop Engineer\n\nReports to [Loop Manager](#loop-manager).\n\n${h} Loop Manager\n\nReports to [Loop Engineer](#loop-engineer). See [self](security-engineer.md#loop-manager).\n`,
    ),
  fc.constant((text: string) => text.replace(/\n/g, '\r')),
);

function assertWellFormedReport(report: ImportReport, paths: string[]): void {
  assert.ok(report.files >= 0 && report.failed >= 0 && report.imported >= 0);
  for (const issue of [...report.errors, ...report.warnings]) {
    assert.ok(paths.includes(issue.file), `an issue names a file that was given: ${JSON.stringify(issue)}`);
    assert.ok(
      Number.isInteger(issue.line) && issue.line >= 0,
      `an issue has a line: ${JSON.stringify(issue)}`,
    );
    assert.ok(
      issue.code.length > 0 && issue.message.length > 0,
      `an issue names its cause: ${JSON.stringify(issue)}`,
    );
  }
  if (report.failed > 0) assert.ok(report.errors.length > 0, 'a failed file comes with an error');
}

test('mutated real pages never crash the pipeline, and every issue names file, line and cause', async (t) => {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...pages),
      fc.array(damage, { minLength: 1, maxLength: 3 }),
      async (page, hits) => {
        runs++;
        const text = hits.reduce((acc, hit) => hit(acc), page.text);
        const read: ReadResult = { documents: [], rejected: [], errors: [] };
        const decoded = decodeText(new TextEncoder().encode(text));
        if ('problem' in decoded) {
          read.errors.push({ file: page.path, line: 1, code: decoded.code, message: decoded.problem });
          read.rejected.push(page.path);
        } else read.documents.push({ path: page.path, text: decoded.text });
        const { report } = await importRead(null, read, { dryRun: true });
        assertWellFormedReport(report, [page.path]);
      },
    ),
    { seed: SEED, numRuns: 100 },
  );
  t.diagnostic(`${runs} mutated pages parsed`);
  assert.deepEqual(unhandled, []);
});

test('mutated pages imported strictly: a rejected import leaves the stored graph exactly as it was', async (t) => {
  let runs = 0;
  let rejected = 0;
  let expected = (await graphContentHash(db)).hash;
  await fc.assert(
    fc.asyncProperty(
      fc.subarray(pages, { minLength: 1, maxLength: 3 }),
      fc.array(damage, { minLength: 1, maxLength: 2 }),
      fc.boolean(),
      async (chosen, hits, addNul) => {
        runs++;
        const documents = chosen.map((page, i) => ({
          path: page.path,
          // A NUL byte makes the first page unreadable, so a good share of the runs are rejections.
          text: (i === 0 && addNul ? '\u0000' : '') + hits.reduce((acc, hit) => hit(acc), page.text),
        }));
        const report = await importDocuments(db, documents, { strict: true });
        assertWellFormedReport(
          report,
          documents.map((d) => d.path),
        );
        const now = (await graphContentHash(db)).hash;
        if (report.failed > 0) {
          rejected++;
          assert.equal(now, expected, 'a rejected import changed the graph');
        } else expected = now; // an accepted import may change the graph; that is the new baseline
      },
    ),
    { seed: SEED, numRuns: 20 },
  );
  t.diagnostic(`${runs} strict imports of mutated pages, ${rejected} rejected with the graph unchanged`);
  assert.ok(rejected > 0, 'some imports were rejected');
  assert.deepEqual(unhandled, []);
});
