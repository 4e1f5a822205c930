import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { corpus } from './corpus.js';

const FAMILY = 'role:security/infrastructure-security#';
const IS = {
  engineer: `${FAMILY}infrastructure-security-engineer-intermediate`,
  senior: `${FAMILY}senior-infrastructure-security-engineer`,
  staff: `${FAMILY}staff-infrastructure-security-engineer`,
  manager: `${FAMILY}manager-infrastructure-security`,
  seniorManager: `${FAMILY}senior-manager-infrastructure-security`,
};
const DIRECTOR = 'role:security/security-leadership#director-security';

describe('Infrastructure Security golden facts (parser + resolver, no database)', () => {
  it('has its five levels with grades 6, 7, 8, 8, 9', async () => {
    const { result } = await corpus();
    const roles = result.model.nodes.filter((n) => n.label === 'Role' && n.id.startsWith(FAMILY));
    assert.deepEqual(
      roles.map((r) => [r.props['title'], r.props['grade']]),
      [
        ['Infrastructure Security Engineer (Intermediate)', 6],
        ['Senior Infrastructure Security Engineer', 7],
        ['Staff Infrastructure Security Engineer', 8],
        ['Manager, Infrastructure Security', 8],
        ['Senior Manager, Infrastructure Security', 9],
      ],
    );
    const senior = roles.find((r) => r.id === IS.senior)!;
    assert.deepEqual(senior.definedIn[0], {
      sourcePath: 'security/infrastructure-security.md',
      sourceLine: 59,
      sourceAnchor: 'senior-infrastructure-security-engineer',
    });
  });

  it('knows who each level reports to, including the Director of Product Security on another page', async () => {
    const { result } = await corpus();
    const reports = result.model.relationships
      .filter((r) => r.type === 'REPORTS_TO' && r.from.startsWith(FAMILY))
      .map((r) => [r.from, r.to, r.prov.sourceLine]);
    assert.deepEqual(reports, [
      [IS.engineer, IS.manager, 31],
      [IS.senior, IS.manager, 61],
      [IS.staff, IS.manager, 90],
      [IS.manager, IS.seniorManager, 112],
      [IS.seniorManager, DIRECTOR, 150],
    ]);
    // The link's anchor (#director-security-engineering) does not exist: resolved by title, with a warning.
    assert.ok(
      result.report.warnings.some(
        (w) =>
          w.file === 'security/infrastructure-security.md' && w.line === 150 && w.code === 'BROKEN_ANCHOR',
      ),
    );
  });

  it('maps every career-ladder edge, including the one into the security leadership page', async () => {
    const { result } = await corpus();
    const edges = result.model.relationships
      .filter((r) => r.type === 'PROMOTES_TO' && r.prov.sourcePath === 'security/infrastructure-security.md')
      .map((r) => [r.from, r.to, r.props['track']]);
    const distinguished = 'role:placeholder/distinguished-infrastructure-security-engineer';
    assert.deepEqual(edges, [
      [IS.engineer, IS.senior, 'IC'],
      [IS.senior, IS.staff, 'IC'],
      [IS.staff, distinguished, 'IC'],
      [IS.senior, IS.manager, 'MANAGEMENT'],
      [IS.manager, IS.seniorManager, 'MANAGEMENT'],
      [IS.seniorManager, DIRECTOR, 'MANAGEMENT'],
    ]);
    const placeholder = result.model.nodes.find((n) => n.id === distinguished)!;
    assert.equal(placeholder.props['described'], false);
    assert.ok(
      result.report.warnings.some(
        (w) =>
          w.code === 'UNRESOLVED_REFERENCE' &&
          w.file === 'security/infrastructure-security.md' &&
          w.line === 192,
      ),
    );
    const toDirector = result.model.relationships.find((r) => r.type === 'PROMOTES_TO' && r.to === DIRECTOR)!;
    assert.match(String(toDirector.props['trackReason']), /director/i);
  });

  it('makes "Director of Product Security" the same node as the leadership page\'s Director, Security', async () => {
    const { result } = await corpus();
    const director = result.model.nodes.find((n) => n.id === DIRECTOR)!;
    assert.equal(director.props['described'], true);
    assert.equal(director.props['grade'], 10);
    assert.ok((director.props['aliases'] as string[]).includes('Director of Product Security'));
    // The application security ladder names it the same way and lands on the same node.
    assert.ok(
      result.model.relationships.some(
        (r) =>
          r.type === 'PROMOTES_TO' &&
          r.to === DIRECTOR &&
          r.prov.sourcePath === 'security/application-security.md',
      ),
    );
    assert.ok(!result.model.nodes.some((n) => n.id === 'role:placeholder/director-of-product-security'));
  });
});
