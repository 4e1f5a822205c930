import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import type { GraphDatabase } from '../../src/graph/database.js';
import { WEB_CSP } from '../../src/server/web.js';
import { openTestDatabase } from '../support/neo4j.js';
import { startTestServer } from '../support/server.js';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

async function stop(server: TestServer | undefined) {
  if (!server) return;
  await server.stop();
  server.server.close();
}

describe('serving the playground and the dashboard over HTTP', () => {
  let db: GraphDatabase;
  let on: TestServer;
  let off: TestServer;
  before(async () => {
    db = await openTestDatabase();
    on = await startTestServer(db, { ORGRAPH_PLAYGROUND: 'true' });
    off = await startTestServer(db, { ORGRAPH_PLAYGROUND: 'false' });
  });
  after(async () => {
    await stop(on);
    await stop(off);
    await db?.close();
  });

  it('serves GraphiQL at / and /playground with a same-origin CSP and only local bundles', async () => {
    for (const path of ['/', '/playground']) {
      const response = await fetch(`${on.url}${path}`);
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type') ?? '', /text\/html/);
      assert.equal(response.headers.get('content-security-policy'), WEB_CSP);
      const html = await response.text();
      assert.match(html, /<script type="module" crossorigin src="\/web\/assets\/playground-[\w-]+\.js">/);
      // No absolute URL to any other origin in what the page loads.
      assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//);
    }
  });

  it('answers every dashboard path with the dashboard page, so deep links work', async () => {
    for (const path of [
      '/dashboard',
      '/dashboard/',
      '/dashboard/path?from=a&to=b',
      '/dashboard/role?id=role%3Ax%23y',
    ]) {
      const response = await fetch(`${on.url}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-security-policy'), WEB_CSP);
      assert.match(await response.text(), /<title>orgraph dashboard<\/title>/, path);
    }
  });

  it('serves the hashed bundles with long caching, and 404 for an unknown one', async () => {
    const html = await (await fetch(`${on.url}/dashboard/`)).text();
    const script = /src="(\/web\/assets\/dashboard-[\w-]+\.js)"/.exec(html)?.[1];
    assert.ok(script, 'dashboard script tag');
    const asset = await fetch(`${on.url}${script}`);
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('content-type') ?? '', /javascript/);
    assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
    const missing = await fetch(`${on.url}/web/assets/no-such-file.js`);
    assert.equal(missing.status, 404);
  });

  it('with the playground off, / leads to the dashboard and /playground is not there', async () => {
    const root = await fetch(`${off.url}/`, { redirect: 'manual' });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/dashboard/');
    const playground = await fetch(`${off.url}/playground`);
    assert.equal(playground.status, 404);
    assert.equal((await fetch(`${off.url}/dashboard/`)).status, 200);
  });
});
