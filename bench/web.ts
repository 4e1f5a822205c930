/**
 * `npm run bench:web`: first meaningful render of the dashboard in headless Chromium (Debian's, at
 * /usr/bin/chromium): the whole corpus's org chart, the Security ladder (every Security family on one
 * drawing) and the Infrastructure Security ladder; and the gzip size of the bundles. Not a test.
 *
 * "First meaningful render" is the `orgraph:<view>-rendered` performance mark the dashboard sets once the
 * chart is drawn with its data, measured from navigation start (so it includes loading the page, the
 * bundles, the GraphQL requests and the layout). Each figure is the median of RUNS loads in a fresh
 * browser profile (cold cache), plus the median of reloads in the same profile (warm cache).
 *
 * Uses NEO4J_URI when set (its data is replaced!), else starts a throw-away local Neo4j (not timed).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';

import { buildOrgraphSchema } from '../src/api/schema.js';
import { loadConfig } from '../src/config/config.js';
import { projectRoot } from '../src/config/paths.js';
import { openEmptyBenchNeo4j } from './data.js';
import { importPaths } from '../src/ingest/import.js';
import { createLogger } from '../src/logging/logger.js';
import { startApp } from '../src/server/app.js';
import { serverSettings } from '../src/server/settings.js';
import { WEB_ROOT } from '../src/server/web.js';

const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 5);
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

/** Gzip sizes (level 9 is not what servers use: default level 6) of an entry's chunks, eager and lazy. */
export function bundleSizes(entry: string): { eager: number; all: number; css: number; files: number } {
  const manifest = JSON.parse(readFileSync(join(WEB_ROOT, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const gz = (file: string) => gzipSync(readFileSync(join(WEB_ROOT, file))).length;
  const eager = new Set<string>();
  const all = new Set<string>();
  const css = new Set<string>();
  const walk = (key: string, lazy: boolean) => {
    const chunk = manifest[key];
    if (!chunk || (all.has(chunk.file) && (lazy || eager.has(chunk.file)))) return;
    all.add(chunk.file);
    if (!lazy) eager.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const next of chunk.imports ?? []) walk(next, lazy);
    for (const next of chunk.dynamicImports ?? []) walk(next, true);
  };
  walk(entry, false);
  const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + gz(file), 0);
  return { eager: sum(eager), all: sum(all), css: sum(css), files: all.size };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function renderTime(page: Page, url: string, view: string): Promise<number> {
  await page.goto(url);
  await page.waitForSelector(`body[data-rendered="${view}"]`, { timeout: 120_000 });
  return page.evaluate(
    (mark) => performance.getEntriesByName(mark, 'mark')[0]?.startTime ?? Number.NaN,
    `orgraph:${view}-rendered`,
  );
}

async function main(): Promise<void> {
  const neo4j = await openEmptyBenchNeo4j();
  const { db } = neo4j;
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  try {
    await importPaths(db, [join(projectRoot, 'data', 'gitlab-handbook')]);
    const settings = await serverSettings(loadConfig({ ORGRAPH_PLAYGROUND: 'true' }));
    app = await startApp(
      { schema: await buildOrgraphSchema(), db, logger: createLogger('silent'), settings },
      '127.0.0.1',
      0,
    );

    const dashboard = bundleSizes('dashboard/index.html');
    const playground = bundleSizes('playground/index.html');
    process.stdout.write(
      `dashboard bundle (gzip): ${kB(dashboard.all)} JavaScript in ${dashboard.files} files ` +
        `(${kB(dashboard.eager)} loaded up front, the rest per view) + ${kB(dashboard.css)} CSS; budget 300 kB\n` +
        `playground bundle (gzip, for information): ${kB(playground.all)} JavaScript (GraphiQL, Monaco, ` +
        `prettier; workers not counted) + ${kB(playground.css)} CSS\n`,
    );

    const views = [
      { label: 'org chart, whole corpus', path: '/dashboard/', view: 'org-chart' },
      {
        label: 'Security ladder (all Security families)',
        path: '/dashboard/ladder?department=department%3Asecurity',
        view: 'ladder',
      },
      {
        label: 'Infrastructure Security ladder',
        path: '/dashboard/ladder?family=family%3Asecurity%2Finfrastructure-security',
        view: 'ladder',
      },
    ];
    for (const { label, path, view } of views) {
      const cold: number[] = [];
      const warm: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const profile = mkdtempSync(join(tmpdir(), 'orgraph-bench-chromium-'));
        const context = await chromium.launchPersistentContext(profile, {
          executablePath: '/usr/bin/chromium',
          headless: true,
          args: CHROMIUM_ARGS,
          viewport: { width: 1280, height: 800 },
        });
        try {
          const page = context.pages()[0] ?? (await context.newPage());
          cold.push(await renderTime(page, `${app.url}${path}`, view));
          warm.push(await renderTime(page, `${app.url}${path}`, view));
          if (run === 0 && view === 'org-chart') {
            const drawn = await page.locator('.org-node').count();
            const expandMs = await page.evaluate(async () => {
              const start = performance.now();
              document.querySelector<HTMLButtonElement>('button[data-act="expand"]')!.click();
              await new Promise((resolve) => requestAnimationFrame(resolve));
              return performance.now() - start;
            });
            const all = await page.locator('.org-node').count();
            process.stdout.write(
              `  org chart: ${drawn} nodes drawn at first render; "Expand all" draws all ${all} nodes in ${expandMs.toFixed(0)} ms\n`,
            );
          }
        } finally {
          await context.close();
          rmSync(profile, { recursive: true, force: true });
        }
      }
      process.stdout.write(
        `first meaningful render, ${label}: median ${median(cold).toFixed(0)} ms cold ` +
          `(runs: ${cold.map((t) => t.toFixed(0)).join(', ')}), ${median(warm).toFixed(0)} ms warm cache` +
          `${view === 'org-chart' ? '; goal 1500 ms' : ''}\n`,
      );
    }
  } finally {
    await app?.stop();
    app?.server.close();
    await neo4j.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:web failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
