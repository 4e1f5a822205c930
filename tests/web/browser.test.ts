import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { projectRoot } from '../../src/config/paths.js';
import type { GraphDatabase } from '../../src/graph/database.js';
import { importPaths } from '../../src/ingest/import.js';
import { clearDatabase, openTestDatabase } from '../support/neo4j.js';
import { graphql, startTestServer } from '../support/server.js';

/** Debian's Chromium (.ci/run installs it); playwright's own browser download is not available here. */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
const ARTIFACTS = join(projectRoot, 'test-artifacts', 'web');
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const IS_FAMILY = 'family:security/infrastructure-security';
const IS_ENGINEER = 'role:security/infrastructure-security#infrastructure-security-engineer-intermediate';
const SENIOR_IS_ENGINEER = 'role:security/infrastructure-security#senior-infrastructure-security-engineer';

describe('the playground and the dashboard in Chromium', () => {
  let db: GraphDatabase;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let context: BrowserContext;
  let profile: string;
  let page: Page;
  let director: string;
  const outside: string[] = [];
  const problems: string[] = [];

  const open = async (path: string) => {
    await page.goto(`${server.url}${path}`);
  };
  const rendered = async (view: string) => {
    await page.waitForSelector(`body[data-rendered="${view}"]`, { timeout: 30_000 });
  };
  const shot = async (name: string) => {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  };

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    db = await openTestDatabase();
    await clearDatabase(db);
    const { report } = await importPaths(db, [join(projectRoot, 'data', 'gitlab-handbook')]);
    assert.equal(report.errors.length, 0);
    server = await startTestServer(db, { ORGRAPH_PLAYGROUND: 'true' });
    const lookup = await graphql<{ roleByTitle: { id: string } }>(
      server.url,
      '{ roleByTitle(title: "Director of Product Security") { id } }',
    );
    director = lookup.data!.roleByTitle.id;

    profile = mkdtempSync(join(tmpdir(), 'orgraph-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      ...CHROMIUM,
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    // Every request is checked: anything not on this machine fails the run (and is not sent).
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (LOCAL_HOSTS.has(url.hostname)) return route.continue();
      outside.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
  });

  after(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await server?.stop();
    server?.server.close();
    await db?.close();
  });

  it('the playground runs the preloaded career-path operation and shows the route', async () => {
    await open('/playground');
    const variables = page.locator('.graphiql-editor-tool .view-lines').first();
    await page.waitForFunction(
      (id) => document.querySelector('.graphiql-editor-tool')?.textContent?.includes(id.split('#')[1]),
      director,
      { timeout: 30_000 },
    );
    assert.match(
      (await variables.innerText()).replace(/\u00a0/g, ' '),
      /infrastructure-security-engineer-intermediate/,
    );
    const answer = page.waitForResponse(
      (response) =>
        response.url().endsWith('/graphql') && /CareerPath/.test(response.request().postData() ?? ''),
    );
    await page.click('.graphiql-execute-button');
    const body = (await (await answer).json()) as {
      data: { careerPath: { found: boolean; route: { roles: { title: string; grade: number }[] } } };
    };
    assert.equal(body.data.careerPath.found, true);
    const roles = body.data.careerPath.route.roles;
    assert.equal(roles[0].title, 'Infrastructure Security Engineer (Intermediate)');
    assert.equal(roles.at(-1)!.title, 'Director, Security');
    // The response editor shows it.
    await page.waitForFunction(
      () =>
        document
          .querySelector('.graphiql-response')
          ?.textContent?.replace(/\u00a0/g, ' ')
          .includes('Director, Security'),
      null,
      { timeout: 15_000 },
    );
    const shown = (await page.locator('.graphiql-response').innerText()).replace(/\u00a0/g, ' ');
    assert.match(shown, /"found": true/);
    await shot('playground-career-path');
  });

  it('the playground offers the other documented examples as tabs', async () => {
    const tabs = (await page.locator('.graphiql-tab').allInnerTexts()).map((t) => t.trim());
    for (const name of [
      'CareerPath',
      'NextRoles',
      'RoleGap',
      'ReportingChain',
      'OrgChart',
      'Search',
      'UpsertRole',
    ])
      assert.ok(
        tabs.some((tab) => tab.includes(name)),
        `tab ${name} in ${tabs.join(', ')}`,
      );
  });

  it('the org chart shows the Security department and its sub-departments', async () => {
    await open('/dashboard/');
    await rendered('org-chart');
    for (const id of [
      'department:security',
      'department:security/product-security',
      'department:security/security-operations',
    ])
      await page.locator(`.org-node[data-node-id="${id}"]`).waitFor({ state: 'attached' });
    const security = page.locator('.org-node[data-node-id="department:security"]');
    assert.match(await security.innerText(), /Security[\s\S]*\d+ roles/);
    await shot('org-chart');
  });

  it('searching "Infrastructure Security" centres that family, and its URL restores the view', async () => {
    const input = page.locator('#org-search-input');
    await input.fill('Infrastructure Security');
    const option = page.locator('#org-search-input-list li', { hasText: 'job family' }).first();
    await option.waitFor();
    assert.match(await option.innerText(), /^Infrastructure Security\b/);
    await input.press('Enter');
    await page.waitForSelector(`#org-canvas[data-centred="${IS_FAMILY}"]`);
    await assertCentred(page, IS_FAMILY);
    assert.match(page.url(), /focus=family%3Asecurity%2Finfrastructure-security/);
    assert.match((await page.locator('#status').textContent()) ?? '', /Centred on Infrastructure Security/);
    await shot('org-chart-search');

    // A deep link restores the same view in a fresh page load.
    const link = page.url();
    await page.goto('about:blank');
    await page.goto(link);
    await rendered('org-chart');
    await page.waitForSelector(`#org-canvas[data-centred="${IS_FAMILY}"]`);
    await assertCentred(page, IS_FAMILY);
  });

  it('exports the chart as SVG and the selected subtree as JSON', async () => {
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('button[data-act="svg"]')]);
    assert.match(svg.suggestedFilename(), /\.svg$/);
    const svgText = readFileSync((await svg.path())!, 'utf8');
    assert.match(svgText, /<svg/);
    assert.match(svgText, /Infrastructure Security/);
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('button[data-act="json"]')]);
    const tree = JSON.parse(readFileSync((await json.path())!, 'utf8')) as {
      id: string;
      children: { kind: string; entityId: string }[];
    };
    assert.equal(tree.id, IS_FAMILY);
    assert.ok(tree.children.some((child) => child.kind === 'ROLE' && child.entityId === IS_ENGINEER));
  });

  it('org chart nodes work by keyboard: Enter on a focused node expands it', async () => {
    await open('/dashboard/org?department=department%3Asecurity');
    await rendered('org-chart');
    const node = page.locator('g.node[data-node-id="department:security/product-security"]');
    await node.waitFor({ state: 'attached' });
    assert.equal(await node.getAttribute('tabindex'), '0');
    assert.match((await node.getAttribute('aria-label')) ?? '', /Product Security, department/);
    const before = await node.getAttribute('aria-expanded');
    await node.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      ([id, was]) =>
        document.querySelector(`g.node[data-node-id="${id}"]`)?.getAttribute('aria-expanded') !== was,
      ['department:security/product-security', before] as const,
    );
    assert.notEqual(await node.getAttribute('aria-expanded'), before);
  });

  it('the path finder shows the route from Infrastructure Security Engineer to Director of Product Security with the grades', async () => {
    await open('/dashboard/path');
    await rendered('path');
    const from = page.locator('#path-from-input');
    await from.fill('Infrastructure Security Engineer');
    await page
      .locator('#path-from-input-list li', {
        has: page.locator('small', { hasText: /^Infrastructure Security · grade 6$/ }),
      })
      .click();
    const to = page.locator('#path-to-input');
    await to.fill('Director of Product Security');
    await page.locator('#path-to-input-list li').first().waitFor();
    await to.press('Enter');
    assert.equal(await to.inputValue(), 'Director, Security');
    await page.click('#path-form button[type="submit"]');
    await page.waitForSelector('.route-block');
    await rendered('path');
    const summary = await page.locator('.route-block[data-route-index="0"] .route-summary').innerText();
    const grades = [...summary.matchAll(/\(grade (\d+)\)/g)].map((m) => Number(m[1]));
    assert.ok(summary.startsWith('Infrastructure Security Engineer (Intermediate) (grade 6)'), summary);
    assert.ok(summary.endsWith('Director, Security (grade 10)'), summary);
    assert.deepEqual(grades, [6, 7, 8, 9, 10]);
    const steps = page.locator('.route-block[data-route-index="0"] li.step');
    assert.equal(await steps.count(), 4);
    for (const text of await steps.allInnerTexts()) assert.match(text, /grade \+1/);
    assert.match(
      page.url(),
      /from=role%3Asecurity%2Finfrastructure-security%23infrastructure-security-engineer-intermediate/,
    );
    await shot('path-finder');

    // The URL restores the view on its own.
    const link = page.url();
    await page.goto('about:blank');
    await page.goto(link);
    await rendered('path');
    assert.equal(
      await page.locator('#path-from-input').inputValue(),
      'Infrastructure Security Engineer (Intermediate)',
    );
    assert.equal(
      await page.locator('.route-block[data-route-index="0"] .route-summary').innerText(),
      summary,
    );
  });

  it('a role page shows its source file and line, linked, with inherited facts marked', async () => {
    const expected = await graphql<{ role: { source: { location: string }; reportsTo: { title: string } } }>(
      server.url,
      'query ($id: ID!) { role(id: $id) { source { location } reportsTo { title } } }',
      { id: SENIOR_IS_ENGINEER },
    );
    await open(`/dashboard/role?id=${encodeURIComponent(SENIOR_IS_ENGINEER)}`);
    await rendered('role');
    const source = page.locator('a.source-link');
    assert.equal(await source.innerText(), expected.data!.role.source.location);
    assert.match(
      (await source.getAttribute('href')) ?? '',
      /\/security\/infrastructure-security\/#senior-infrastructure-security-engineer$/,
    );
    assert.match(
      await page.locator('main').innerText(),
      new RegExp(`Reports to\\s+${expected.data!.role.reportsTo.title}`),
    );
    assert.ok(
      (await page.locator('li.inherited').count()) > 0,
      'inherited responsibilities or requirements marked',
    );
    await shot('role-page');
  });

  it('the ladder of a family draws its roles and lists promotions into other families', async () => {
    await open(`/dashboard/ladder?family=${encodeURIComponent(IS_FAMILY)}`);
    await rendered('ladder');
    assert.ok((await page.locator('#ladder-canvas canvas').count()) > 0);
    const table = await page.locator('#ladder-table').innerText();
    assert.match(table, /Director, Security\s+Security Leadership/);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('button[data-act="png"]')]);
    const bytes = readFileSync((await png.path())!);
    assert.deepEqual([...bytes.subarray(1, 4)], [...Buffer.from('PNG')]);
    await shot('ladder');

    // A department's ladders on one drawing (within the API's query depth limit).
    await open('/dashboard/ladder?department=department%3Asecurity');
    await rendered('ladder');
    const headings = await page.locator('#ladder-table h2').allInnerTexts();
    for (const family of [
      'Infrastructure Security',
      'Security Leadership',
      'Security Incident Response Team',
    ])
      assert.ok(headings.includes(family), `${family} in ${headings.join(', ')}`);
    await shot('ladder-security-department');
  });

  it('the lint view lists findings, each linked to its role', async () => {
    await open('/dashboard/lint');
    await rendered('lint');
    const rows = page.locator('table.findings tbody tr');
    assert.ok((await rows.count()) > 0);
    const link = rows.locator('a[href^="/dashboard/role?id="]').first();
    const title = await link.innerText();
    await link.click();
    await rendered('role');
    assert.equal(await page.locator('h1').innerText(), title);
    await shot('lint');
  });

  it('is readable on a phone-sized viewport', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open(`/dashboard/path?from=${encodeURIComponent(IS_ENGINEER)}&to=${encodeURIComponent(director)}`);
    await rendered('path');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page is ${overflow}px wider than the viewport`);
    await shot('path-finder-phone');
    await open('/dashboard/');
    await rendered('org-chart');
    await shot('org-chart-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('sent no request beyond localhost and raised no page errors', () => {
    assert.deepEqual(outside, []);
    assert.deepEqual(problems, []);
  });
});

/** The node's centre lies in the middle half of the chart, once the centring animation has settled. */
async function assertCentred(page: Page, id: string) {
  const node = page.locator(`.org-node[data-node-id="${id}"]`);
  let last = '';
  for (let i = 0; i < 20; i++) {
    const canvas = (await page.locator('#org-canvas').boundingBox())!;
    const box = await node.boundingBox();
    if (box) {
      const dx = Math.abs(box.x + box.width / 2 - (canvas.x + canvas.width / 2));
      const dy = Math.abs(box.y + box.height / 2 - (canvas.y + canvas.height / 2));
      last = `dx=${dx} dy=${dy} canvas=${canvas.width}x${canvas.height}`;
      if (dx < canvas.width / 4 && dy < canvas.height / 4) return;
    }
    await page.waitForTimeout(100);
  }
  assert.fail(`${id} is not centred: ${last}`);
}
