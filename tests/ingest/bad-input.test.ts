import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { parseMarkdownPage } from '../../src/ingest/markdown.js';
import { parseMermaid } from '../../src/ingest/mermaid.js';
import { ingestDocuments } from '../../src/ingest/pipeline.js';
import { readPaths } from '../../src/ingest/providers.js';
import { parseOrgFile } from '../../src/ingest/structured.js';
import { titleKey } from '../../src/ingest/text.js';
import { page } from './corpus.js';

const GOOD = `---
title: "Widget Engineer"
---

## Levels

### Widget Engineer

This position reports to the [Manager, Widgets](#manager-widgets).

The Widget Engineer is a [grade 6](/handbook/total-rewards/).

### Manager, Widgets

The Manager, Widgets is a [grade 8](/handbook/total-rewards/).
`;

describe('bad input: each kind is reported with file and line, the rest still imports', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'orgraph-bad-input-'));
    const root = join(dir, 'job-families', 'widgets');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'good.md'), GOOD);
    writeFileSync(join(root, 'broken-front-matter.md'), '---\ntitle: "unclosed\n  - : [\n---\n\n## Levels\n');
    writeFileSync(join(root, 'unclosed-front-matter.md'), '---\ntitle: x\n\nno end marker\n');
    writeFileSync(
      join(root, 'broken-mermaid.md'),
      GOOD.replace('Widget Engineer"', 'Widget Ladder"') +
        '\n## Career Ladder\n\n```mermaid\ngraph LR;\n  a(Widget Engineer) --> b(Manager, Widgets);\n  c(Broken --> ;\n```\n',
    );
    writeFileSync(join(root, 'empty.md'), '');
    writeFileSync(join(root, 'binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    writeFileSync(join(root, 'latin1.md'), Buffer.from('---\ntitle: Caf\xe9\n---\n', 'latin1'));
    writeFileSync(join(root, 'huge.md'), Buffer.alloc(10 * 1024 * 1024, 'a'));
    // A reports-to cycle across two pages.
    writeFileSync(
      join(root, 'cycle-a.md'),
      '---\ntitle: A\n---\n\n## Levels\n\n### Alpha Lead\n\nThe Alpha Lead is a grade 7.\n\nThis position reports to the [Beta Lead](/job-families/widgets/cycle-b/#beta-lead).\n',
    );
    writeFileSync(
      join(root, 'cycle-b.md'),
      '---\ntitle: B\n---\n\n## Levels\n\n### Beta Lead\n\nThe Beta Lead is a grade 7.\n\nThis position reports to the [Alpha Lead](/job-families/widgets/cycle-a/#alpha-lead).\n',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('fails only the bad files, naming file, line and cause', async () => {
    const read = await readPaths([join(dir, 'job-families')]);
    const r = ingestDocuments(read.documents, { readErrors: read.errors, rejected: read.rejected }).report;
    const errorAt = (file: string, code: string): number | undefined =>
      r.errors.find((e) => e.file === `widgets/${file}` && e.code === code)?.line;
    assert.equal(errorAt('broken-front-matter.md', 'BAD_FRONT_MATTER')! >= 2, true);
    assert.equal(errorAt('unclosed-front-matter.md', 'BAD_FRONT_MATTER'), 1);
    assert.equal(errorAt('empty.md', 'EMPTY_FILE'), 1);
    assert.equal(errorAt('binary.md', 'BINARY_FILE'), 1);
    assert.equal(errorAt('latin1.md', 'NOT_UTF8'), 1);
    assert.equal(errorAt('huge.md', 'FILE_TOO_LARGE'), 1);
    assert.equal(r.failed, 6);
    assert.equal(r.imported, 4);
    assert.equal(r.files, 10);
    // The good pages' facts are all there.
    const widget = r.roles.find(
      (x) => x.title === 'Widget Engineer' && x.source.startsWith('widgets/good.md'),
    );
    assert.deepEqual(widget, {
      title: 'Widget Engineer',
      family: 'Widget Engineer',
      level: 'Intermediate',
      grade: 6,
      reportsTo: 'Manager, Widgets',
      reportsToAll: ['Manager, Widgets'],
      source: 'widgets/good.md:7',
    });
    // Broken mermaid: a warning at the bad statement's line; the good edge still counts.
    const mermaid = r.warnings.find(
      (w) => w.file === 'widgets/broken-mermaid.md' && w.code === 'BAD_MERMAID',
    );
    assert.equal(mermaid?.line, 22);
    assert.ok(
      r.promotions.some((p) => p.source === 'widgets/broken-mermaid.md:21' && p.track === 'MANAGEMENT'),
    );
    // The cycle is a warning at the reports-to line that closes it.
    const cycle = r.warnings.find((w) => w.code === 'REPORTS_TO_CYCLE');
    assert.ok(cycle && /cycle-[ab]\.md$/.test(cycle.file) && cycle.line === 11, JSON.stringify(cycle));
  });
});

/** A family page whose "## Levels" each state a grade, then the given Markdown. */
function levelsPage(family: string, levels: [title: string, body: string][]): string {
  const sections = levels.map(
    ([title, body]) => `### ${title}\n\nThe ${title} is a [grade 6](/grades).\n\n${body}\n`,
  );
  return [`---\ntitle: "${family}"\n---\n\n## Levels\n`, ...sections].join('\n');
}

describe('mermaid and titles', () => {
  it('reads chains, click links and both node shapes, and reports what it cannot read', () => {
    const g = parseMermaid(
      'graph TD;\n  A[One] --> B[Two]; B --> C(Three) --> D\n  click D "/job-families/x/"\n  E((bad --> F\n',
      10,
    );
    assert.deepEqual(
      g.edges.map((e) => [e.from, e.to, e.line]),
      [
        ['A', 'B', 11],
        ['B', 'C', 11],
        ['C', 'D', 11],
      ],
    );
    assert.equal(g.nodes.get('D')!.href, '/job-families/x/');
    assert.deepEqual(
      g.problems.map((p) => p.line),
      [13],
    );
  });

  it("gives the handbook's forms of one title the same key", () => {
    assert.equal(titleKey('Manager, Infrastructure Security'), titleKey('Infrastructure Security Manager'));
    assert.equal(titleKey('Director of Product Security'), titleKey('Director, Product Security'));
    assert.equal(
      titleKey('Infrastructure Security Engineer (Intermediate)'),
      titleKey('Infrastructure Security Engineer'),
    );
    assert.equal(titleKey('Sr. Manager, Data'), titleKey('Senior Manager, Data'));
    assert.notEqual(titleKey('Senior Manager, Data'), titleKey('Manager, Data'));
  });

  it('reads a grade-table link Markdown refused (a space in its target) as the level it names, and says so', () => {
    const text = `---
title: "Ecosystem Programs"
---

## Levels

| Role | Grade |
| -- | - |
| [Associate Ecosystem Program Manager](#associate Ecosystem-program-manager) | [Grade 5](/grades) |
|  Ecosystem Program Manager]( Ecosystem-program-manager) | [Grade 6](/grades) |
| [Senior Manager, Ecosystem Program](#senior-manager Ecosystem-programs) | [Grade 9](/grades) |

## Associate Ecosystem Program Manager

Supports the programs.

## Ecosystem Program Manager

Runs the programs.

## Senior Manager, Ecosystem Programs

Leads the program managers.
`;
    const { model, report } = ingestDocuments([{ path: 'sales/ecosystem.md', text }]);
    const roles = model.nodes.filter((n) => n.label === 'Role');
    assert.deepEqual(
      roles.map((r) => [r.props.title, r.props.grade, r.props.described]),
      [
        ['Associate Ecosystem Program Manager', 5, true],
        ['Ecosystem Program Manager', 6, true],
        ['Senior Manager, Ecosystem Programs', 9, true],
      ],
      'no placeholder titled with Markdown; every row grades its level',
    );
    const malformed = report.warnings.filter((i) => i.code === 'MALFORMED_LINK');
    assert.deepEqual(
      malformed.map((i) => [i.file, i.line]),
      [
        ['sales/ecosystem.md', 9],
        ['sales/ecosystem.md', 10],
        ['sales/ecosystem.md', 11],
      ],
    );
    assert.match(
      malformed[0]!.message,
      /not a valid Markdown link.*read as "Associate Ecosystem Program Manager"/,
    );
  });

  it('reads the forms of "extends" the handbook uses, and makes no role of words that name none', () => {
    const responsibilities = (first: string) => `#### Responsibilities\n\n- ${first}\n- Closes deals.`;
    const text = levelsPage('Account Executives', [
      ['Major Account Executive', responsibilities('Closes more deals.')],
      [
        'Senior Account Executive',
        responsibilities('Extends to the responsibilities of a Major Account Executive'),
      ],
      [
        'Staff Account Executive',
        responsibilities('Extends the responsibilities of [Senior Account Executive] by:'),
      ],
      [
        'Principal Account Executive',
        responsibilities('Extends that of the Staff Account Executive requirements'),
      ],
      ['Lead Account Executive', responsibilities('Extends the requirements of a Sr Account Executive')],
      [
        'Regional Account Executive',
        responsibilities('Extends the general responsibilities with the following:'),
      ],
      ['Area Account Executive', responsibilities('Extends all the previous roles responsibilities plus')],
    ]);
    const parsed = parseMarkdownPage('sales/account-executives.md', text);
    assert.deepEqual(
      parsed.roles.map((r) => [r.title, r.extends.map((e) => e.text)]),
      [
        ['Major Account Executive', []],
        ['Senior Account Executive', ['Major Account Executive']],
        ['Staff Account Executive', ['Senior Account Executive']],
        ['Principal Account Executive', ['Staff Account Executive']],
        ['Lead Account Executive', ['Sr Account Executive']],
        ['Regional Account Executive', []],
        ['Area Account Executive', []],
      ],
    );
    // A lead-in that names no level is neither an extends nor a responsibility.
    assert.deepEqual(
      parsed.roles.slice(-2).map((r) => r.responsibilities.map((f) => f.text)),
      [['Closes deals.'], ['Closes deals.']],
    );
  });

  it('reads "reports to" up to the end of the title, and makes no role of a kind of manager', () => {
    const text = levelsPage('Research', [
      [
        'Senior Manager, UX Research',
        'The Senior Manager, UX Research reports to the Director of UX, and Manager, UX Research report to the Senior Manager, UX Research.',
      ],
      [
        'Strategy Intern',
        'The intern reports to the Chief of Staff to the CEO and works to support the Office of the CEO.',
      ],
      ['Principal Engineer', 'This role reports to Senior Manager and above.'],
      ['Distinguished Engineer', 'This role reports to Director-level managers.'],
    ]);
    const parsed = parseMarkdownPage('product/research.md', text);
    assert.deepEqual(
      parsed.roles.map((r) => [r.title, r.reportsTo.map((ref) => ref.text)]),
      [
        ['Senior Manager, UX Research', ['Director of UX']],
        ['Strategy Intern', ['Chief of Staff to the CEO']],
        ['Principal Engineer', ['Senior Manager']],
        ['Distinguished Engineer', []],
      ],
    );
  });

  it('a level described on both a folder index and its own page resolves to the one in the referring file', () => {
    const index = `---
title: "Widget Engineer"
---

## Levels

### Widget Engineer

The Widget Engineer is a [grade 6](/grades).

#### Intermediate Requirements

- Builds widgets.

### Senior Widget Engineer

The Senior Widget Engineer is a [grade 7](/grades).

The Senior Widget Engineer role extends the [Widget Engineer](#intermediate-requirements) role.
`;
    const intermediate = `---
title: "Intermediate Widget Engineer"
---

The Intermediate Widget Engineer is a [grade 6](/grades).

## Responsibilities

- Builds widgets.
`;
    const { model, report } = ingestDocuments([
      { path: 'engineering/widgets/_index.md', text: index },
      { path: 'engineering/widgets/intermediate.md', text: intermediate },
    ]);
    const extendsRel = model.relationships.filter((r) => r.type === 'EXTENDS');
    assert.deepEqual(
      extendsRel.map((r) => [r.from, r.to]),
      [['role:engineering/widgets#senior-widget-engineer', 'role:engineering/widgets#widget-engineer']],
    );
    assert.equal(report.unresolved.length, 0, JSON.stringify(report.unresolved));
  });

  it('keeps the real page unchanged when parsed twice (deterministic)', () => {
    const a = ingestDocuments([
      { path: 'security/infrastructure-security.md', text: page('security/infrastructure-security.md') },
    ]);
    const b = ingestDocuments([
      { path: 'security/infrastructure-security.md', text: page('security/infrastructure-security.md') },
    ]);
    assert.deepEqual(a.model, b.model);
  });
});

describe('structured org files', () => {
  it('imports the documented example', async () => {
    const read = await readPaths(['data/examples/org.yaml']);
    const r = ingestDocuments(read.documents).report;
    assert.equal(r.errors.length, 0, JSON.stringify(r.errors));
    assert.equal(r.counts.roles, 3);
    assert.equal(r.counts.people, 2);
    assert.equal(r.counts.relationships['PROMOTES_TO'], 2);
    assert.equal(r.counts.relationships['MANAGED_BY'], 1);
  });

  it('names the path and line of every bad field', () => {
    const text =
      'roles:\n  - id: a\n    title: A\n  - id: b\n    title: B\n    grade: "seven"\n    reportsTo: nobody\npeople:\n  - id: p\n    name: P\n    role: a\n    email: not-an-email\n';
    const r = parseOrgFile('org.yaml', text);
    assert.ok(r.fatal);
    const grade = r.issues.find((i) => i.message.startsWith('roles[1].grade:'));
    assert.equal(grade?.line, 6);
    const email = r.issues.find((i) => i.message.startsWith('people[0].email:'));
    assert.equal(email?.line, 12);
    const fixed = parseOrgFile(
      'org.yaml',
      text.replace('"seven"', '7').replace('    email: not-an-email\n', ''),
    );
    const ref = fixed.issues.find((i) => i.code === 'UNKNOWN_REFERENCE');
    assert.equal(ref?.message, 'roles[1].reportsTo: no role with id "nobody" in this file');
    assert.equal(ref?.line, 7);
  });
});
