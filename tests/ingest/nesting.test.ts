import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { importRead } from '../../src/ingest/import.js';
import { parseMarkdownPage } from '../../src/ingest/markdown.js';
import { findExcessiveNesting, MAX_NESTING_DEPTH } from '../../src/ingest/nesting.js';
import { readPaths } from '../../src/ingest/providers.js';
import { CORPUS } from './corpus.js';

const HEADER =
  '---\ntitle: "Nested Widgets"\n---\n\n## Levels\n\n### Widget Engineer\n\nThe Widget Engineer is a grade 6.\n\n';
/** Line of the first nested item: the header has 10 lines. */
const FIRST = 11;

const nestedList = (depth: number): string =>
  Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
const nestedQuotes = (depth: number): string =>
  Array.from({ length: depth }, (_, i) => `${'> '.repeat(i + 1)}level ${i}`).join('\n');

const GOOD = `---\ntitle: "Good Widgets"\n---\n\n## Levels\n\n### Good Widget Engineer\n\nThe Good Widget Engineer is a grade 6.\n`;

describe('nesting limit: pages nested deeper than remark can parse in reasonable time are refused', () => {
  it('refuses a 500-level list at once, naming the file and the line where the limit is exceeded', async () => {
    const text = `${HEADER}${nestedList(500)}\n`;
    const started = performance.now();
    const { report } = await importRead(
      null,
      {
        documents: [
          { path: 'widgets/deep.md', text },
          { path: 'widgets/good.md', text: GOOD },
        ],
        rejected: [],
        errors: [],
      },
      { dryRun: true },
    );
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 2_000, `refused in ${elapsed.toFixed(0)} ms (remark alone takes tens of seconds)`);
    const error = report.errors.find((e) => e.code === 'NESTING_TOO_DEEP');
    assert.ok(error, JSON.stringify(report.errors));
    assert.equal(error.file, 'widgets/deep.md');
    const line = FIRST + MAX_NESTING_DEPTH; // the 33rd level
    assert.equal(error.line, line);
    assert.match(error.message, new RegExp(`deeper than ${MAX_NESTING_DEPTH} levels at line ${line}\\b`));
    // Like any other bad page: it fails, the rest still imports.
    assert.equal(report.failed, 1);
    assert.equal(report.imported, 1);
    assert.ok(report.roles.some((r) => r.title === 'Good Widget Engineer'));
  });

  it('--strict: the deep page blocks the whole import, as other bad pages do', async () => {
    const { report } = await importRead(
      null,
      {
        documents: [
          { path: 'widgets/deep.md', text: `${HEADER}${nestedQuotes(500)}\n` },
          { path: 'widgets/good.md', text: GOOD },
        ],
        rejected: [],
        errors: [],
      },
      { dryRun: true, strict: true },
    );
    assert.deepEqual(
      report.errors.map((e) => [e.file, e.line, e.code]),
      [
        ['widgets/deep.md', FIRST + MAX_NESTING_DEPTH, 'NESTING_TOO_DEEP'],
        ['widgets/deep.md', 1, 'STRICT_ABORTED'],
      ],
    );
    assert.equal(report.imported, 0);
  });

  it('still parses a 20-level page, and a page exactly at the limit', () => {
    for (const depth of [20, MAX_NESTING_DEPTH]) {
      const page = parseMarkdownPage('widgets/twenty.md', `${HEADER}${nestedList(depth)}\n`);
      assert.equal(page.fatal, false, `${depth} levels: ${JSON.stringify(page.issues)}`);
      assert.deepEqual(
        page.issues.filter((i) => i.code === 'NESTING_TOO_DEEP'),
        [],
      );
      assert.ok(page.roles.some((r) => r.title === 'Widget Engineer'));
    }
    const over = parseMarkdownPage('widgets/over.md', `${HEADER}${nestedList(MAX_NESTING_DEPTH + 1)}\n`);
    assert.equal(over.fatal, true);
  });

  it('counts every container kind, also several on one line, and ignores look-alikes in code', () => {
    assert.deepEqual(findExcessiveNesting(`intro\n\n${'> - 1. '.repeat(12)}x\n`), { line: 3, depth: 33 });
    assert.deepEqual(findExcessiveNesting(`${'> '.repeat(5000)}quote\n`), { line: 1, depth: 33 });
    assert.deepEqual(findExcessiveNesting(nestedList(33).replace(/ {2}/g, '\t')), { line: 33, depth: 33 });
    const fenced = `\`\`\`yaml\n${nestedList(100)}\n\`\`\`\n\n${'- '.repeat(8)}x\n`;
    assert.equal(findExcessiveNesting(fenced), null);
    assert.equal(findExcessiveNesting(`---\n${nestedList(100)}\n---\n# T\n`), null, 'front matter');
    assert.equal(findExcessiveNesting(`${'* '.repeat(40)}\n`), null, 'a thematic break, not 40 lists');
  });

  it('no page of the sample handbook comes near the limit', async (t) => {
    const read = await readPaths([CORPUS]);
    let deepest = 0;
    for (const doc of read.documents) {
      assert.equal(findExcessiveNesting(doc.text), null, doc.path);
      while (findExcessiveNesting(doc.text, deepest)) deepest++;
    }
    t.diagnostic(`${read.documents.length} pages, deepest nesting ${deepest}`);
    assert.ok(deepest <= MAX_NESTING_DEPTH / 4, `deepest nesting ${deepest}`);
  });
});
