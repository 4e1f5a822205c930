import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../src/embedded/local-neo4j.js';
import { GraphDatabase } from '../../src/graph/database.js';
import { startTestServer } from '../support/server.js';

// This test stops its database, so it runs a private Neo4j rather than the shared test one.
const dataDir = mkdtempSync(join(tmpdir(), 'orgraph-ready-'));
let neo4j: LocalNeo4j | undefined;

after(async () => {
  await neo4j?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function ready(url: string): Promise<{ status: number; body: { status: string; reason?: string } }> {
  const response = await fetch(`${url}/ready`);
  return { status: response.status, body: (await response.json()) as { status: string; reason?: string } };
}

/** Polls /ready until it answers 200 or the time is up; returns the last status (a slow machine warms up slowly). */
async function readyWithin(url: string, ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  let status = 0;
  while (status !== 200 && Date.now() < deadline) {
    status = (await ready(url)).status;
    if (status !== 200) await sleep(100);
  }
  return status;
}

test('/ready follows the database: 200 up, 503 down, 200 again without restarting the API', async () => {
  const port = await freePort();
  const start = () => startLocalNeo4j({ dataDir, port, attached: true, heap: '512m', pageCache: '64m' });
  neo4j = await start();
  const db = new GraphDatabase({ uri: neo4j.uri, username: 'neo4j', password: 'x', database: 'neo4j' });
  const app = await startTestServer(db);
  try {
    assert.equal(await readyWithin(app.url, 30_000), 200);
    const health = await fetch(`${app.url}/health`);
    assert.equal(health.status, 200);

    await neo4j.stop();
    neo4j = undefined;
    const down = await ready(app.url);
    assert.equal(down.status, 503);
    assert.equal(down.body.status, 'unavailable');
    assert.match(down.body.reason ?? '', /cannot reach Neo4j at bolt:\/\/127\.0\.0\.1/);
    assert.equal((await fetch(`${app.url}/health`)).status, 200, 'the process itself stays healthy');

    neo4j = await start();
    const status = await readyWithin(app.url, 30_000);
    assert.equal(status, 200, 'the same API process reports ready once Neo4j is back');
  } finally {
    await app.stop();
    await db.close();
  }
});
