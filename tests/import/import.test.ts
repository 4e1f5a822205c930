import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { GraphDatabase } from '../../src/graph/database.js';
import { graphContentHash } from '../../src/graph/content-hash.js';
import { lintGraph } from '../../src/graph/lint.js';
import { importDocuments, importPaths, importRead } from '../../src/ingest/import.js';
import { clearDatabase, openTestDatabase } from '../support/neo4j.js';
import { CORPUS, corpus, page } from '../ingest/corpus.js';

const IS = 'security/infrastructure-security.md';
const DIRECTOR = 'role:security/security-leadership#director-security';

describe('import into Neo4j', () => {
  let db: GraphDatabase;
  before(async () => {
    db = await openTestDatabase();
    await clearDatabase(db);
  });
  after(async () => {
    await db?.close();
  });

  it('imports the whole corpus in one transaction and stores the golden Infrastructure Security facts', async () => {
    const { report } = await importPaths(db, [CORPUS]);
    assert.equal(report.errors.length, 0);
    assert.ok(report.changed && report.importRun);
    const levels = await db.query<{ title: string; grade: number; boss: string; line: number }>(
      `MATCH (r:Role)-[:IN_FAMILY]->(:JobFamily {id: $family})
       MATCH (r)-[:HAS_GRADE]->(g:Grade)
       MATCH (r)-[rep:REPORTS_TO]->(boss:Role)
       RETURN r.title AS title, g.value AS grade, boss.title AS boss, r.sourceLine AS line ORDER BY r.sourceLine`,
      { family: 'family:security/infrastructure-security' },
    );
    assert.deepEqual(levels, [
      {
        title: 'Infrastructure Security Engineer (Intermediate)',
        grade: 6,
        boss: 'Manager, Infrastructure Security',
        line: 29,
      },
      {
        title: 'Senior Infrastructure Security Engineer',
        grade: 7,
        boss: 'Manager, Infrastructure Security',
        line: 59,
      },
      {
        title: 'Staff Infrastructure Security Engineer',
        grade: 8,
        boss: 'Manager, Infrastructure Security',
        line: 88,
      },
      {
        title: 'Manager, Infrastructure Security',
        grade: 8,
        boss: 'Senior Manager, Infrastructure Security',
        line: 110,
      },
      { title: 'Senior Manager, Infrastructure Security', grade: 9, boss: 'Director, Security', line: 148 },
    ]);
    const ladder = await db.query<{
      from: string;
      to: string;
      track: string;
      line: number;
      importRun: string;
    }>(
      `MATCH (a:Role)-[p:PROMOTES_TO {sourcePath: $path}]->(b:Role)
       RETURN a.title AS from, b.id AS to, p.track AS track, p.sourceLine AS line, p.importRun AS importRun ORDER BY line`,
      { path: IS },
    );
    assert.deepEqual(
      ladder.map((l) => [l.line, l.to, l.track]),
      [
        [190, 'role:security/infrastructure-security#senior-infrastructure-security-engineer', 'IC'],
        [191, 'role:security/infrastructure-security#staff-infrastructure-security-engineer', 'IC'],
        [192, 'role:placeholder/distinguished-infrastructure-security-engineer', 'IC'],
        [193, 'role:security/infrastructure-security#manager-infrastructure-security', 'MANAGEMENT'],
        [194, 'role:security/infrastructure-security#senior-manager-infrastructure-security', 'MANAGEMENT'],
        [195, DIRECTOR, 'MANAGEMENT'],
      ],
    );
    assert.ok(ladder.every((l) => l.importRun === report.importRun));
    // The director the ladder points to is the node the leadership page defines (same id, described, grade 10).
    const [director] = await db.query<{ described: boolean; grade: number; path: string; files: string[] }>(
      `MATCH (r:Role {id: $id})-[:DEFINED_IN]->(f:SourceFile)
       RETURN r.described AS described, r.grade AS grade, r.sourcePath AS path, collect(f.path) AS files`,
      { id: DIRECTOR },
    );
    assert.deepEqual(director, {
      described: true,
      grade: 10,
      path: 'security/security-leadership.md',
      files: ['security/security-leadership.md'],
    });
  });

  it('stores every grade statement and every ladder edge of the corpus', async () => {
    const { result } = await corpus();
    const [counts] = await db.query<{ graded: number; promotions: number; ints: number }>(
      `MATCH (r:Role) WHERE r.grade IS NOT NULL
       WITH count(r) AS graded
       MATCH ()-[p:PROMOTES_TO]->() WITH graded, count(p) AS promotions
       MATCH (g:Grade) WHERE valueType(g.value) STARTS WITH 'INTEGER'
       RETURN graded, promotions, count(g) AS ints`,
    );
    const gradedInModel = result.model.nodes.filter(
      (n) => n.label === 'Role' && n.props['grade'] !== null,
    ).length;
    assert.equal(counts!.graded, gradedInModel);
    assert.equal(counts!.promotions, result.resolved.ladderEdgesFound);
    assert.equal(counts!.ints, result.report.counts.grades);
  });

  it('is idempotent: the same files again change nothing', async () => {
    const before = await graphContentHash(db);
    const [runs] = await db.query<{ n: number }>('MATCH (r:ImportRun) RETURN count(r) AS n');
    const { report } = await importPaths(db, [CORPUS]);
    assert.equal(report.changed, false);
    assert.equal(report.importRun, null);
    const afterHash = await graphContentHash(db);
    assert.deepEqual(afterHash, before);
    const [runsAfter] = await db.query<{ n: number }>('MATCH (r:ImportRun) RETURN count(r) AS n');
    assert.equal(runsAfter!.n, runs!.n);
  });

  it("replaces a changed page's facts and leaves other pages' facts alone", async () => {
    const otherBefore = await db.query<{ n: number }>(
      'MATCH ()-[r]->() WHERE r.sourcePath <> $path RETURN count(r) AS n',
      { path: IS },
    );
    const text = page(IS)
      .replace('- Contribute to creation of runbooks\n', '')
      .replace('is a [grade 7]', 'is a [grade 8]');
    const report = await importDocuments(db, [{ path: IS, text }]);
    assert.equal(report.errors.length, 0);
    assert.ok(report.changed);
    const [senior] = await db.query<{ grade: number; run: string }>(
      'MATCH (r:Role {id: $id}) RETURN r.grade AS grade, r.importRun AS run',
      { id: 'role:security/infrastructure-security#senior-infrastructure-security-engineer' },
    );
    assert.equal(senior!.grade, 8);
    assert.equal(senior!.run, report.importRun);
    const runbooks = await db.query(
      `MATCH (:Role {id: $id})-[h:HAS_RESPONSIBILITY]->(x:Responsibility) WHERE x.text STARTS WITH 'Contribute to creation of runbooks' RETURN h`,
      { id: 'role:security/infrastructure-security#infrastructure-security-engineer-intermediate' },
    );
    assert.equal(runbooks.length, 0);
    // The page still resolves its link into the leadership page, which was not re-imported.
    const [toDirector] = await db.query<{ n: number }>(
      'MATCH (:Role)-[r:REPORTS_TO {sourcePath: $path}]->(:Role {id: $id}) RETURN count(r) AS n',
      { path: IS, id: DIRECTOR },
    );
    assert.equal(toDirector!.n, 1);
    const otherAfter = await db.query<{ n: number }>(
      'MATCH ()-[r]->() WHERE r.sourcePath <> $path RETURN count(r) AS n',
      { path: IS },
    );
    assert.deepEqual(otherAfter, otherBefore);
    // Putting the page back restores the original graph exactly.
    await importDocuments(db, [{ path: IS, text: page(IS) }]);
    const restored = await importPaths(db, [CORPUS]);
    assert.equal(restored.report.changed, false);
  });

  it('leaves the previous graph exactly as it was when --strict meets a bad file', async () => {
    const before = await graphContentHash(db);
    const report = await importDocuments(
      db,
      [
        { path: IS, text: page(IS).replace('is a [grade 6]', 'is a [grade 5]') },
        { path: 'security/broken.md', text: '---\ntitle: "oops\n---\n' },
      ],
      { strict: true },
    );
    assert.equal(report.failed, 1);
    assert.equal(report.imported, 0);
    assert.ok(report.errors.some((e) => e.file === 'security/broken.md' && e.code === 'BAD_FRONT_MATTER'));
    assert.ok(report.errors.some((e) => e.code === 'STRICT_ABORTED'));
    assert.deepEqual(await graphContentHash(db), before);
  });

  it('rolls back everything when the transaction fails part-way (a real Cypher error)', async () => {
    const before = await graphContentHash(db);
    const changedPage = { path: IS, text: page(IS).replace('is a [grade 9]', 'is a [grade 10]') };
    await assert.rejects(
      importRead(
        db,
        { documents: [changedPage], rejected: [], errors: [] },
        {
          // Runs inside the import's transaction after every write: the division by zero aborts the commit.
          beforeCommit: { cypher: 'UNWIND [1, 0] AS x RETURN 1 / x AS y' },
        },
      ),
      /by zero/i,
    );
    assert.deepEqual(await graphContentHash(db), before);
  });

  it('bad input still imports the rest, and lint reports cycles, placeholders and missing grades', async () => {
    const cycleA =
      '---\ntitle: A\n---\n\n## Levels\n\n### Alpha Lead\n\nThe Alpha Lead is a grade 9.\n\nThis position reports to the [Beta Lead](/job-families/zz/cycle-b/#beta-lead).\n';
    const cycleB =
      '---\ntitle: B\n---\n\n## Levels\n\n### Beta Lead\n\nThe Beta Lead is a grade 8.\n\nThis position reports to the [Alpha Lead](/job-families/zz/cycle-a/#alpha-lead).\n';
    const report = await importDocuments(db, [
      { path: 'zz/cycle-a.md', text: cycleA },
      { path: 'zz/cycle-b.md', text: cycleB },
      { path: 'zz/empty.md', text: '' },
      { path: 'zz/binary.md', text: 'PNG\u0000\u0001' },
    ]);
    assert.equal(report.imported, 2);
    assert.equal(report.failed, 2);
    assert.ok(
      report.warnings.some(
        (w) => w.code === 'REPORTS_TO_CYCLE' && w.file.startsWith('zz/cycle-') && w.line === 11,
      ),
    );
    const findings = await lintGraph(db);
    const cycle = findings.find((f) => f.code === 'REPORTS_TO_CYCLE');
    assert.ok(
      cycle && cycle.severity === 'error' && cycle.roleId === 'role:zz/cycle-a#alpha-lead',
      JSON.stringify(cycle),
    );
    assert.ok(
      findings.some(
        (f) =>
          f.code === 'PLACEHOLDER_ROLE' &&
          f.roleId === 'role:placeholder/distinguished-infrastructure-security-engineer',
      ),
    );
    assert.ok(findings.some((f) => f.code === 'BROKEN_LINK' && f.sourcePath === IS && f.sourceLine === 192));
    for (const f of findings) assert.ok(typeof f.message === 'string' && f.message.length > 0);
  });
});
