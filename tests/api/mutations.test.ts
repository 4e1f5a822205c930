import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IDS, useCorpusServer } from '../support/corpus.js';
import { graphql, TEST_KEYS } from '../support/server.js';

const server = useCorpusServer();

const as = (role: keyof typeof TEST_KEYS) => ({ authorization: `Bearer ${TEST_KEYS[role]}` });

const UPSERT_ROLE = `mutation ($input: RoleInput!) {
  upsertRole(input: $input) { role { id slug title grade family { id } source { path } } change { id operation actor entityId before after } } }`;

/** One representative call of every mutation, valid for an editor. */
const EVERY_MUTATION: [string, string, Record<string, unknown>][] = [
  ['upsertRole', UPSERT_ROLE, { input: { title: 'Auth Probe Role' } }],
  [
    'upsertDepartment',
    'mutation { upsertDepartment(input: {name: "Auth Probe"}) { department { id } } }',
    {},
  ],
  [
    'linkPromotion',
    'mutation ($i: PromotionInput!) { linkPromotion(input: $i) { linked } }',
    { i: { from: IDS.engineer, to: IDS.staff, track: 'IC' } },
  ],
  [
    'unlinkPromotion',
    'mutation ($f: ID!, $t: ID!) { unlinkPromotion(from: $f, to: $t) { linked } }',
    { f: IDS.engineer, t: IDS.staff },
  ],
  [
    'setReportsTo',
    'mutation ($r: ID!) { setReportsTo(role: $r, manager: null) { role { id } } }',
    { r: IDS.staff },
  ],
  ['deleteRole', 'mutation { deleteRole(id: "role:custom/none") { deleted } }', {}],
  [
    'importDocuments',
    'mutation ($i: ImportDocumentsInput!) { importDocuments(input: $i) { files } }',
    { i: { documents: [{ path: 'x.md', text: '# X' }], dryRun: true } },
  ],
];

test('every mutation is refused without a token (UNAUTHENTICATED) and with a viewer token (FORBIDDEN)', async () => {
  const [{ before }] = await server.db.query<{ before: number }>('MATCH (n) RETURN count(n) AS before');
  for (const [name, mutation, variables] of EVERY_MUTATION) {
    const anonymous = await graphql(server.app.url, mutation, variables);
    assert.equal(anonymous.errors?.[0].extensions?.code, 'UNAUTHENTICATED', `${name} without a token`);
    const viewer = await graphql(server.app.url, mutation, variables, as('viewer'));
    assert.equal(viewer.errors?.[0].extensions?.code, 'FORBIDDEN', `${name} with a viewer token`);
  }
  const [{ after }] = await server.db.query<{ after: number }>('MATCH (n) RETURN count(n) AS after');
  assert.equal(after, before, 'refused mutations wrote nothing');
});

test('upsertRole creates, then updates, each time with a ChangeEvent in the same transaction', async () => {
  const created = await graphql<{
    upsertRole: {
      role: { id: string; slug: string; grade: number; family: { id: string } };
      change: { operation: string; actor: string; before: string | null; after: string };
    };
  }>(
    server.app.url,
    UPSERT_ROLE,
    {
      input: {
        title: 'Principal Infrastructure Security Engineer',
        grade: 9,
        family: 'family:security/infrastructure-security',
      },
    },
    as('editor'),
  );
  assert.equal(created.errors, undefined);
  const role = created.data!.upsertRole.role;
  assert.equal(role.id, 'role:custom/principal-infrastructure-security-engineer');
  assert.equal(role.grade, 9);
  assert.equal(role.family.id, 'family:security/infrastructure-security');
  assert.equal(created.data!.upsertRole.change.operation, 'createRole');
  assert.equal(created.data!.upsertRole.change.actor, 'api-key:editor-client');
  assert.equal(created.data!.upsertRole.change.before, null);

  const updated = await graphql<{
    upsertRole: { role: { grade: number }; change: { operation: string; before: string; after: string } };
  }>(
    server.app.url,
    UPSERT_ROLE,
    { input: { id: role.id, title: 'Principal Infrastructure Security Engineer', grade: 10 } },
    as('editor'),
  );
  assert.equal(updated.data!.upsertRole.role.grade, 10);
  assert.equal(updated.data!.upsertRole.change.operation, 'updateRole');
  assert.equal((JSON.parse(updated.data!.upsertRole.change.before) as { grade: number }).grade, 9);
  assert.equal((JSON.parse(updated.data!.upsertRole.change.after) as { grade: number }).grade, 10);
  const stored = await server.db.query<{ grade: number }>(
    'MATCH (r:Role {id: $id})-[:HAS_GRADE]->(g:Grade) RETURN g.value AS grade',
    { id: role.id },
  );
  assert.deepEqual(stored, [{ grade: 10 }]);

  const audit = await graphql<{ changes: { operation: string; entityId: string }[] }>(
    server.app.url,
    `
      query ($e: ID!) {
        changes(entity: $e) {
          operation
          entityId
        }
      }
    `,
    { e: role.id },
    as('viewer'),
  );
  assert.deepEqual(
    audit.data!.changes.map((c) => c.operation),
    ['updateRole', 'createRole'],
  );
});

test("upsertRole's ChangeEvent says exactly what the role became, through creates, updates and cleared fields", async () => {
  const id = 'role:custom/audit-probe';
  const steps: Record<string, unknown>[] = [
    { id, title: 'Audit Probe', level: 'Senior', grade: 7, track: 'IC', summary: 'First words.' },
    { id, title: 'Audit Probe', grade: 8, family: 'family:security/infrastructure-security' },
    { id, title: 'Audit Probe Renamed', slug: 'audit-probe-renamed', track: 'MANAGEMENT' },
  ];
  let previousAfter: string | null = null;
  for (const input of steps) {
    const answer = await graphql<{ upsertRole: { change: { before: string | null; after: string } } }>(
      server.app.url,
      UPSERT_ROLE,
      { input },
      as('editor'),
    );
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    const [{ stored }] = await server.db.query<{ stored: Record<string, unknown> }>(
      'MATCH (r:Role {id: $id}) RETURN properties(r) AS stored',
      { id },
    );
    const change = answer.data!.upsertRole.change;
    assert.deepEqual(JSON.parse(change.after), stored, 'after is the stored role');
    assert.deepEqual(
      change.before === null ? null : JSON.parse(change.before),
      previousAfter === null ? null : JSON.parse(previousAfter),
      "before is the previous write's after",
    );
    previousAfter = change.after;
  }
});

test('concurrent upsertRole calls on one role all land, each event chaining from the one before', async () => {
  const id = 'role:custom/contended-probe';
  const answers = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      graphql<{ upsertRole: { change: { id: string } } }>(
        server.app.url,
        UPSERT_ROLE,
        { input: { id, title: `Contended Probe ${i}`, grade: 5 + (i % 4) } },
        as('editor'),
      ),
    ),
  );
  for (const answer of answers) assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
  const events = await server.db.query<{ before: string | null; after: string }>(
    'MATCH (e:ChangeEvent {entityId: $id}) RETURN e.before AS before, e.after AS after ORDER BY e.at',
    { id },
  );
  assert.equal(events.length, 12);
  // Every state replaced is a state some write produced (or none, once): no write lost, none invented.
  const afters = new Set(events.map((e) => e.after));
  assert.equal(events.filter((e) => e.before === null).length, 1);
  for (const e of events) if (e.before !== null) assert.ok(afters.has(e.before), `before ${e.before}`);
  const [{ stored }] = await server.db.query<{ stored: Record<string, unknown> }>(
    'MATCH (r:Role {id: $id}) RETURN properties(r) AS stored',
    { id },
  );
  const replaced = new Set(events.map((e) => e.before));
  const last = events.filter((e) => !replaced.has(e.after));
  assert.equal(last.length, 1, 'exactly one state was never replaced: the stored one');
  assert.deepEqual(JSON.parse(last[0]!.after), stored);
});

test('validation errors are BAD_USER_INPUT and name the field; nothing is written', async () => {
  const [{ before }] = await server.db.query<{ before: number }>('MATCH (n) RETURN count(n) AS before');
  const bad = await graphql<unknown>(
    server.app.url,
    UPSERT_ROLE,
    { input: { title: '', grade: 99, slug: 'Not A Slug' } },
    as('editor'),
  );
  assert.equal(bad.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
  const fields = (bad.errors![0].extensions!.fields as { field: string }[]).map((f) => f.field);
  assert.deepEqual(new Set(fields), new Set(['title', 'grade', 'slug']));
  assert.match(bad.errors![0].message, /grade: grade must not be greater than 30/);
  const unknownFamily = await graphql<unknown>(
    server.app.url,
    UPSERT_ROLE,
    { input: { title: 'X Role', family: 'family:nope' } },
    as('editor'),
  );
  assert.equal(unknownFamily.errors?.[0].extensions?.code, 'NOT_FOUND');
  assert.equal(unknownFamily.errors?.[0].extensions?.field, 'family');
  const [{ after }] = await server.db.query<{ after: number }>('MATCH (n) RETURN count(n) AS after');
  assert.equal(after, before);
});

test('linkPromotion and unlinkPromotion change the ladder the path queries use', async () => {
  const path = `query ($f: ID!, $t: ID!) { careerPath(from: $f, to: $t, maxSteps: 1) { found route { steps { track source { path } } } } }`;
  assert.equal(
    (
      await graphql<{ careerPath: { found: boolean } }>(server.app.url, path, {
        f: IDS.engineer,
        t: IDS.staff,
      })
    ).data!.careerPath.found,
    false,
  );
  const link = await graphql<{ linkPromotion: { linked: boolean; change: { operation: string } } }>(
    server.app.url,
    'mutation ($i: PromotionInput!) { linkPromotion(input: $i) { linked change { operation } } }',
    { i: { from: IDS.engineer, to: IDS.staff, track: 'IC', reason: 'fast track' } },
    as('editor'),
  );
  assert.equal(link.data!.linkPromotion.linked, true);
  const found = await graphql<{
    careerPath: { found: boolean; route: { steps: { track: string; source: { path: null } }[] } };
  }>(server.app.url, path, {
    f: IDS.engineer,
    t: IDS.staff,
  });
  assert.equal(found.data!.careerPath.found, true);
  assert.equal(found.data!.careerPath.route.steps[0].source.path, null, 'an API edge has no handbook source');
  const unlink = await graphql<{ unlinkPromotion: { linked: boolean } }>(
    server.app.url,
    'mutation ($f: ID!, $t: ID!) { unlinkPromotion(from: $f, to: $t) { linked } }',
    { f: IDS.engineer, t: IDS.staff },
    as('editor'),
  );
  assert.equal(unlink.data!.unlinkPromotion.linked, false);
  assert.equal(
    (
      await graphql<{ careerPath: { found: boolean } }>(server.app.url, path, {
        f: IDS.engineer,
        t: IDS.staff,
      })
    ).data!.careerPath.found,
    false,
  );
  const again = await graphql(
    server.app.url,
    'mutation ($f: ID!, $t: ID!) { unlinkPromotion(from: $f, to: $t) { linked } }',
    { f: IDS.engineer, t: IDS.staff },
    as('editor'),
  );
  assert.equal(again.errors?.[0].extensions?.code, 'NOT_FOUND');
});

test('setReportsTo refuses cycles and records the previous manager', async () => {
  const chain = await server.db.query<{ manager: string }>(
    'MATCH (:Role {id: $id})-[:REPORTS_TO]->(m:Role) RETURN m.id AS manager',
    { id: IDS.senior },
  );
  assert.equal(chain.length, 1);
  const manager = chain[0].manager;
  const cycle = await graphql(
    server.app.url,
    'mutation ($r: ID!, $m: ID) { setReportsTo(role: $r, manager: $m) { role { id } } }',
    { r: manager, m: IDS.senior },
    as('editor'),
  );
  assert.equal(cycle.errors?.[0].extensions?.code, 'BAD_USER_INPUT');
  assert.match(cycle.errors![0].message, /cycle/);
  const moved = await graphql<{ setReportsTo: { change: { before: string; after: string } } }>(
    server.app.url,
    'mutation ($r: ID!, $m: ID) { setReportsTo(role: $r, manager: $m) { change { before after } } }',
    { r: IDS.senior, m: IDS.seniorManager },
    as('editor'),
  );
  assert.deepEqual(JSON.parse(moved.data!.setReportsTo.change.before), { reportsTo: manager });
  assert.deepEqual(JSON.parse(moved.data!.setReportsTo.change.after), { reportsTo: IDS.seniorManager });
  const now = await server.db.query<{ m: string }>(
    'MATCH (:Role {id: $id})-[:REPORTS_TO]->(m:Role) RETURN m.id AS m',
    { id: IDS.senior },
  );
  assert.deepEqual(now, [{ m: IDS.seniorManager }]);
});

test('deleteRole refuses while other facts depend on it, unless cascade; the audit keeps the old state', async () => {
  const refused = await graphql(
    server.app.url,
    'mutation ($id: ID!) { deleteRole(id: $id) { deleted } }',
    { id: IDS.manager },
    as('editor'),
  );
  assert.equal(refused.errors?.[0].extensions?.code, 'CONFLICT');
  assert.match(refused.errors![0].message, /promotions/);
  assert.equal((await server.db.query('MATCH (r:Role {id: $id}) RETURN r', { id: IDS.manager })).length, 1);

  const cascaded = await graphql<{
    deleteRole: { deleted: boolean; removedRelationships: number; change: { before: string; after: null } };
  }>(
    server.app.url,
    'mutation ($id: ID!) { deleteRole(id: $id, cascade: true) { deleted removedRelationships change { before after } } }',
    { id: IDS.manager },
    as('admin'),
  );
  assert.equal(cascaded.data!.deleteRole.deleted, true);
  assert.ok(cascaded.data!.deleteRole.removedRelationships > 0);
  assert.equal(
    (JSON.parse(cascaded.data!.deleteRole.change.before) as { role: { id: string } }).role.id,
    IDS.manager,
  );
  assert.equal((await server.db.query('MATCH (r:Role {id: $id}) RETURN r', { id: IDS.manager })).length, 0);
});

test('importDocuments returns the CLI report shape and writes through the same importer', async () => {
  const text = [
    '---',
    'title: Widget Engineer',
    '---',
    '',
    '## Levels',
    '',
    '### Widget Engineer',
    '',
    'The Widget Engineer is a grade 6.',
    '',
  ].join('\n');
  const response = await graphql<{
    importDocuments: {
      files: number;
      imported: number;
      failed: number;
      dryRun: boolean;
      roles: { title: string; source: string }[];
    };
  }>(
    server.app.url,
    'mutation ($i: ImportDocumentsInput!) { importDocuments(input: $i) { files imported failed dryRun roles { title source } } }',
    { i: { documents: [{ path: 'engineering/widget-engineer.md', text }] } },
    as('editor'),
  );
  assert.equal(response.errors, undefined);
  const report = response.data!.importDocuments;
  assert.equal(report.files, 1);
  assert.equal(report.failed, 0);
  assert.equal(report.dryRun, false);
  assert.ok(
    report.roles.some(
      (r) => r.title === 'Widget Engineer' && r.source.startsWith('engineering/widget-engineer.md:'),
    ),
  );
  const stored = await server.db.query('MATCH (r:Role {title: "Widget Engineer"}) RETURN r.id AS id');
  assert.equal(stored.length, 1);
});
