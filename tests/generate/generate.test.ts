import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { graphContentHash } from '../../src/graph/content-hash.js';
import type { GraphDatabase } from '../../src/graph/database.js';
import { lintGraph } from '../../src/graph/lint.js';
import { generateOrganisation } from '../../src/ingest/generator.js';
import { clearGraph, writeGenerated } from '../../src/ingest/generated-writer.js';
import { clearDatabase, openTestDatabase } from '../support/neo4j.js';

const OPTIONS = { roles: 300, people: 1000, seed: 7 };

async function generateInto(db: GraphDatabase, options = OPTIONS): Promise<string> {
  await clearGraph(db);
  const at = new Date().toISOString();
  await writeGenerated(db, generateOrganisation(options), { runId: `run:test:${at}`, startedAt: at });
  return (await graphContentHash(db)).hash;
}

async function count(
  db: GraphDatabase,
  cypher: string,
  params: Record<string, unknown> = {},
): Promise<number> {
  const [row] = await db.query<{ n: number }>(cypher, params);
  return row?.n ?? -1;
}

describe('orgraph generate', () => {
  let db: GraphDatabase;
  let firstHash: string;
  before(async () => {
    db = await openTestDatabase();
    await clearDatabase(db);
    firstHash = await generateInto(db);
  });
  after(async () => {
    await db?.close();
  });

  it('is deterministic: the same seed gives the same model and the same stored graph', async () => {
    assert.deepEqual(generateOrganisation(OPTIONS), generateOrganisation(OPTIONS));
    assert.equal(await generateInto(db), firstHash);
    const other = await generateInto(db, { ...OPTIONS, seed: 8 });
    assert.notEqual(other, firstHash);
    assert.equal(await generateInto(db), firstHash);
  });

  it('writes exactly the requested roles and people, every person holding one role', async () => {
    assert.equal(await count(db, 'MATCH (r:Role) RETURN count(r) AS n'), OPTIONS.roles);
    assert.equal(await count(db, 'MATCH (p:Person) RETURN count(p) AS n'), OPTIONS.people);
    assert.equal(
      await count(db, 'MATCH (p:Person) WHERE COUNT { (p)-[:HOLDS]->(:Role) } <> 1 RETURN count(p) AS n'),
      0,
    );
  });

  it('nests departments and gives every family 4 to 8 levels on an IC and a management track', async () => {
    assert.ok(
      (await count(db, 'MATCH p = (:Department)-[:PART_OF]->{2,}(:Department) RETURN count(p) AS n')) > 0,
    );
    const sizes = await db.query<{ size: number }>(
      'MATCH (f:JobFamily) RETURN COUNT { (:Role)-[:IN_FAMILY]->(f) } AS size',
    );
    assert.ok(sizes.length >= 300 / 8);
    for (const { size } of sizes) assert.ok(size >= 4 && size <= 8, `family of ${size} levels`);
    const tracks = await db.query<{ track: string; n: number }>(
      'MATCH ()-[p:PROMOTES_TO]->() RETURN p.track AS track, count(p) AS n ORDER BY track',
    );
    assert.deepEqual(
      tracks.map((t) => t.track),
      ['IC', 'MANAGEMENT'],
    );
    // Every role is on a ladder, and some ladders cross into another family.
    assert.equal(await count(db, 'MATCH (r:Role) WHERE NOT (r)-[:PROMOTES_TO]-() RETURN count(r) AS n'), 0);
    assert.ok(
      (await count(
        db,
        `MATCH (a:Role)-[:PROMOTES_TO]->(b:Role), (a)-[:IN_FAMILY]->(fa), (b)-[:IN_FAMILY]->(fb)
         WHERE fa <> fb RETURN count(*) AS n`,
      )) > 0,
    );
  });

  it('makes reporting lines one tree, and people managed by holders of the role theirs reports to', async () => {
    assert.equal(await count(db, 'MATCH (r:Role) WHERE NOT (r)-[:REPORTS_TO]->() RETURN count(r) AS n'), 1);
    assert.equal(
      await count(db, 'MATCH (r:Role) WHERE COUNT { (r)-[:REPORTS_TO]->() } > 1 RETURN count(r) AS n'),
      0,
    );
    assert.equal(await count(db, 'MATCH p = (r:Role)-[:REPORTS_TO]->+(r) RETURN count(p) AS n'), 0);
    assert.equal(await count(db, 'MATCH p = (x:Person)-[:MANAGED_BY]->+(x) RETURN count(p) AS n'), 0);
    assert.equal(
      await count(
        db,
        `MATCH (p:Person)-[:MANAGED_BY]->(m:Person), (p)-[:HOLDS]->(pr:Role), (m)-[:HOLDS]->(mr:Role)
         WHERE NOT EXISTS { (pr)-[:REPORTS_TO]->+(mr) } RETURN count(*) AS n`,
      ),
      0,
    );
    assert.ok(
      (await count(db, 'MATCH (:Person)-[m:MANAGED_BY]->() RETURN count(m) AS n')) >= OPTIONS.people - 5,
    );
  });

  it('gives roles responsibilities, requirements and skills, some shared, and keeps provenance on everything', async () => {
    assert.equal(
      await count(
        db,
        'MATCH (r:Role) WHERE NOT (r)-[:HAS_RESPONSIBILITY]->() OR NOT (r)-[:REQUIRES]->() RETURN count(r) AS n',
      ),
      0,
    );
    assert.equal(
      await count(db, 'MATCH (r:Role) WHERE NOT (r)-[:NEEDS_SKILL]->(:Skill) RETURN count(r) AS n'),
      0,
    );
    assert.ok(
      (await count(
        db,
        'MATCH (x:Responsibility) WHERE COUNT { (:Role)-[:HAS_RESPONSIBILITY]->(x) } > 1 RETURN count(x) AS n',
      )) > 0,
    );
    assert.equal(
      await count(
        db,
        `MATCH (n) WHERE NOT n:SourceFile AND NOT n:ImportRun AND NOT n:Migration
           AND (n.sourcePath IS NULL OR n.sourceLine IS NULL OR NOT (n)-[:DEFINED_IN]->(:SourceFile {path: n.sourcePath}))
         RETURN count(n) AS n`,
      ),
      0,
    );
    assert.equal(
      await count(
        db,
        "MATCH ()-[r]->() WHERE type(r) <> 'DEFINED_IN' AND (r.sourcePath IS NULL OR r.sourceLine IS NULL) RETURN count(r) AS n",
      ),
      0,
    );
  });

  it('passes the graph lint without errors (no cycles, no grade inversions)', async () => {
    const errors = (await lintGraph(db)).filter((f) => f.severity === 'error');
    assert.deepEqual(errors, []);
  });
});
