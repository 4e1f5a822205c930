import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { corpus } from './corpus.js';

// Independent of the parser: a line that states a job grade the way the handbook writes it.
const GRADE_SENTENCE = /\b(?:is|are) an? \[?\s*grade\s*\[?(\d{1,2})\b/i;

describe('corpus-wide coverage (no database)', () => {
  it('imports at least 98% of the files with zero errors', async () => {
    const { result } = await corpus();
    const r = result.report;
    assert.ok(r.files >= 245);
    assert.equal(r.errors.length, 0, JSON.stringify(r.errors.slice(0, 3)));
    assert.ok(r.imported / r.files >= 0.98, `${r.imported}/${r.files}`);
  });

  it('turns every "Job Grade" sentence into a grade on the role of its section', async () => {
    const { docs, result } = await corpus();
    const mapped = new Set(result.resolved.gradeStatements.map((g) => `${g.file}:${g.line}:${g.grade}`));
    let found = 0;
    const missing: string[] = [];
    for (const doc of docs) {
      doc.text.split('\n').forEach((line, i) => {
        const m = GRADE_SENTENCE.exec(line);
        if (!m || /\bfor an? \[?grade/i.test(line)) return;
        found++;
        if (!mapped.has(`${doc.path}:${i + 1}:${Number(m[1])}`)) missing.push(`${doc.path}:${i + 1}`);
      });
    }
    assert.ok(found > 650, `found ${found}`);
    assert.deepEqual(missing, []);
    // Each mapped statement is on a role that has that grade, or a GRADE_CONFLICT warning says why not.
    const roles = new Map(result.model.nodes.filter((n) => n.label === 'Role').map((n) => [n.id, n]));
    for (const g of result.resolved.gradeStatements) {
      const grade = roles.get(g.roleId)?.props['grade'];
      if (grade !== g.grade) {
        assert.ok(
          result.report.warnings.some(
            (w) => w.code === 'GRADE_CONFLICT' && w.file === g.file && w.line === g.line,
          ),
          `${g.file}:${g.line} grade ${g.grade} on ${g.roleId} (${String(grade)})`,
        );
      }
    }
  });

  it('turns every mermaid ladder edge into a PROMOTES_TO between roles', async () => {
    const { docs, result } = await corpus();
    let arrows = 0;
    for (const doc of docs) {
      for (const block of doc.text.matchAll(/```mermaid\n([\s\S]*?)```/g)) {
        for (const line of block[1]!.split('\n')) {
          if (/^\s*%%/.test(line)) continue;
          for (const statement of line.split(';')) arrows += (statement.match(/-->/g) ?? []).length;
        }
      }
    }
    assert.equal(result.resolved.ladderEdgesFound, arrows);
    assert.equal(result.resolved.ladderEdgesMapped, arrows);
    const roleIds = new Set(result.model.nodes.filter((n) => n.label === 'Role').map((n) => n.id));
    const promotions = result.model.relationships.filter((r) => r.type === 'PROMOTES_TO');
    assert.equal(promotions.length, arrows);
    for (const p of promotions) assert.ok(roleIds.has(p.from) && roleIds.has(p.to), `${p.from} → ${p.to}`);
  });

  it('lists every unresolved reference as a warning with file and line, and a placeholder role', async () => {
    const { result } = await corpus();
    const placeholders = new Set(
      result.model.nodes.filter((n) => n.label === 'Role' && n.props['described'] === false).map((n) => n.id),
    );
    assert.ok(result.report.unresolved.length > 0);
    for (const u of result.report.unresolved) {
      assert.ok(placeholders.has(u.placeholder));
      assert.ok(u.line >= 1 && u.file.endsWith('.md'));
    }
    assert.equal(
      result.report.warnings.filter((w) => w.code === 'UNRESOLVED_REFERENCE').length,
      result.report.unresolved.length,
    );
  });
});
