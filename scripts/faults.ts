/**
 * `npm run faults`: real faults against a real Neo4j and a real `orgraph serve`, from a fresh clone.
 *  1. SIGKILL the Neo4j JVM under an 80/20 load: the API stays up, fails fast with SERVICE_UNAVAILABLE,
 *     /ready says 503, recovers by itself within 5 s of Neo4j being back, and every write the client was
 *     told succeeded is in the database afterwards (its ChangeEvent is there).
 *  2. Kill an import at random points (the CLI process, or every fourth trial the Neo4j JVM), 20 trials
 *     with a fixed seed: the content hash afterwards equals the state before or after that import.
 *  3. SIGTERM `orgraph serve` under load: every request it received is answered; it exits 0.
 * Prints the figures; exits 1 if any check fails. Options: --trials N (20), --seed N (8),
 * --only kill|imports|sigterm (one part).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/config/paths.js';
import { freePort, isProcessAlive, type LocalNeo4j } from '../src/embedded/local-neo4j.js';
import { graphContentHash } from '../src/graph/content-hash.js';
import { GraphDatabase } from '../src/graph/database.js';
import { applyMigrations } from '../src/graph/migrations.js';
import { importPaths } from '../src/ingest/import.js';
import {
  Client,
  EDITOR_KEY,
  log,
  nextOperation,
  percentile,
  prepareWriters,
  random,
  sampleGraph,
  startNeo4j,
  startServer,
  type Outcome,
} from './reliability/harness.js';

const SECURITY = join(projectRoot, 'data/gitlab-handbook/job-families/security');
const failures: string[] = [];
function check(ok: boolean, what: string): void {
  process.stdout.write(`${ok ? 'PASS' : 'FAIL'} ${what}\n`);
  if (!ok) failures.push(what);
}

interface Timed extends Outcome {
  start: number;
  end: number;
  write: boolean;
  changeId?: string;
}

/** Runs the mix with `workers` loops until stop() and records every request with wall-clock times. */
function runLoad(
  client: Client,
  sample: Awaited<ReturnType<typeof sampleGraph>>,
  workers: number,
  seed: number,
) {
  const records: Timed[] = [];
  let running = true;
  const done = Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      const rand = random(seed * 1_000 + worker);
      while (running) {
        const op = nextOperation(rand, sample, worker);
        const start = Date.now();
        const outcome = await client.graphql(op.query, op.variables, op.write ? EDITOR_KEY : undefined);
        const record: Timed = { ...outcome, start, end: Date.now(), write: op.write };
        if (op.write && outcome.kind === 'ok') {
          const payload = Object.values(outcome.data ?? {})[0] as { change?: { id?: string } } | undefined;
          record.changeId = payload?.change?.id;
        }
        delete record.data;
        records.push(record);
        if (outcome.kind !== 'ok') await sleep(20); // a failing client backs off a little, as real ones do
      }
    }),
  );
  return {
    records,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

/** SIGKILL and wait until the JVM is really gone (the OS reaps it asynchronously). */
async function killJvm(pid: number): Promise<void> {
  process.kill(pid, 'SIGKILL');
  while (isProcessAlive(pid)) await sleep(50);
}

function tally(records: Timed[]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const r of records) if (r.kind !== 'ok') kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
  return kinds;
}

async function ready(url: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(5_000) });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}

async function neo4jKill(state: { neo4j: LocalNeo4j }, dataDir: string, port: number, db: GraphDatabase) {
  log('--- 1. SIGKILL of the Neo4j JVM under load');
  const server = await startServer(state.neo4j.uri, { ORGRAPH_LOAD_SAMPLE: 'false' });
  const client = new Client(server.url, 16);
  const sample = await sampleGraph(client);
  await prepareWriters(client, sample, 16);
  const load = runLoad(client, sample, 16, 1);
  await sleep(10_000);

  const killAt = Date.now();
  await killJvm(state.neo4j.pid);
  log(`killed Neo4j (pid ${state.neo4j.pid})`);
  const readyPolls: { status: number; ms: number }[] = [];
  while (Date.now() - killAt < 5_000) {
    readyPolls.push(await ready(server.url));
    await sleep(250);
  }
  const readyMs = readyPolls.map((r) => Math.round(r.ms)).sort((a, b) => a - b);
  const restartAt = Date.now();
  state.neo4j = await startNeo4j(dataDir, port);
  const neo4jReadyAt = Date.now();
  log(`Neo4j back after ${neo4jReadyAt - restartAt} ms`);
  await sleep(10_000);
  await load.stop();
  const readyAfter = await ready(server.url);
  const alive = server.child.exitCode === null;

  const during = load.records.filter((r) => r.start >= killAt + 100 && r.end <= restartAt);
  const failed = during.filter((r) => r.kind !== 'ok');
  const kinds: Record<string, number> = {};
  for (const r of failed) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
  const failMs = failed.map((r) => r.end - r.start).sort((a, b) => a - b);
  // Recovered: the API takes requests again and answers them (the first answers are slow: after a crash
  // Neo4j starts with an empty query-plan cache and a cold page cache).
  const firstOk = load.records
    .filter((r) => r.start >= neo4jReadyAt && r.kind === 'ok')
    .sort((a, b) => a.start - b.start)[0];
  const recoveryMs = firstOk ? firstOk.start - neo4jReadyAt : Infinity;
  const firstAnswerMs = firstOk ? firstOk.end - firstOk.start : Infinity;
  const lateFailures = load.records.filter((r) => r.start >= neo4jReadyAt + 5_000 && r.kind !== 'ok');

  const acknowledged = load.records.flatMap((r) => (r.changeId ? [r.changeId] : []));
  const found = await db.query<{ n: number }>(
    'MATCH (e:ChangeEvent) WHERE e.id IN $ids RETURN count(e) AS n',
    {
      ids: acknowledged,
    },
  );
  const missing = acknowledged.length - (found[0]?.n ?? 0);
  const ackedDuringOutage = load.records.filter(
    (r) => r.changeId && r.start >= killAt && r.end <= neo4jReadyAt,
  );

  const afterBack = load.records.filter((r) => r.start >= neo4jReadyAt);
  const perSecond: Record<number, Record<string, number>> = {};
  for (const r of afterBack) {
    const second = Math.floor((r.start - neo4jReadyAt) / 1_000);
    perSecond[second] ??= {};
    perSecond[second][r.kind] = (perSecond[second][r.kind] ?? 0) + 1;
  }
  process.stdout.write(
    `errors before the kill: ${JSON.stringify(tally(load.records.filter((r) => r.end < killAt)))}\n` +
      `after Neo4j was back, per second: ${JSON.stringify(perSecond)}\n`,
  );
  process.stdout.write(
    `requests: ${load.records.length}; during the outage: ${during.length}, failed ${failed.length} ${JSON.stringify(kinds)}\n` +
      `failure latency during the outage: p50 ${percentile(failMs, 50)} ms, p99 ${percentile(failMs, 99)} ms, max ${failMs.at(-1) ?? 0} ms\n` +
      `/ready while down: ${readyPolls.map((r) => r.status).join(',')}, answered in p50 ${percentile(readyMs, 50)} ms, max ${readyMs.at(-1)} ms; after: ${readyAfter.status}\n` +
      `recovery: the first request that succeeded started ${recoveryMs} ms after Neo4j was back (answered in ${firstAnswerMs} ms, cold Neo4j); failures later than 5 s: ${lateFailures.length}\n` +
      `acknowledged writes: ${acknowledged.length}, missing afterwards: ${missing}; acknowledged while Neo4j was down: ${ackedDuringOutage.length}\n`,
  );
  check(alive, 'the API process stayed up');
  check(
    failed.length > 0 && Object.keys(kinds).every((k) => k === 'SERVICE_UNAVAILABLE'),
    'outage errors are SERVICE_UNAVAILABLE',
  );
  check((failMs.at(-1) ?? 0) < 1_000, 'requests fail fast (< 1 s) while Neo4j is down');
  check(
    readyPolls.length > 0 && readyPolls.every((r) => r.status === 503),
    '/ready answers 503 while Neo4j is down',
  );
  check(
    recoveryMs <= 5_000 && lateFailures.length === 0 && readyAfter.status === 200,
    'recovered by itself within 5 s',
  );
  check(missing === 0 && acknowledged.length > 0, 'every acknowledged write is in the database');
  client.close();
  server.child.kill('SIGTERM');
  await server.exited;
}

function cliImport(uri: string, path: string) {
  const child = spawn(process.execPath, [join(projectRoot, 'bin/orgraph.js'), 'import', path], {
    env: { ...process.env, NEO4J_URI: uri, NEO4J_PASSWORD: 'unused' },
    stdio: 'ignore',
  });
  return {
    child,
    exited: new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))),
  };
}

async function importKills(
  state: { neo4j: LocalNeo4j },
  dataDir: string,
  port: number,
  db: GraphDatabase,
  trials: number,
  seed: number,
) {
  log(`--- 2. killing imports at random points: ${trials} trials, seed ${seed}`);
  const rand = random(seed);
  const work = mkdtempSync(join(tmpdir(), 'orgraph-faults-import-'));
  const pages = readdirSync(SECURITY).filter((f) => f.endsWith('.md'));
  // A full run's duration (warm, a changing import; the fastest of three), to spread the kill points.
  let fullMs = Infinity;
  for (let round = 0; round < 3; round++) {
    const calibration = join(work, `calibration-${round}`, 'job-families', 'security');
    cpSync(SECURITY, calibration, { recursive: true });
    for (const page of pages) {
      const file = join(calibration, page);
      writeFileSync(file, `${readFileSync(file, 'utf8')}\nCalibration ${round}.\n`);
    }
    const timing = Date.now();
    await cliImport(state.neo4j.uri, calibration).exited;
    fullMs = Math.min(fullMs, Date.now() - timing);
  }
  log(`a full CLI import of the Security pages takes ${fullMs} ms`);
  const outcomes: Record<string, number> = { before: 0, after: 0, partial: 0 };
  for (let trial = 0; trial < trials; trial++) {
    // Each trial imports a variant: every page gets a trial-specific paragraph, so before != after.
    const root = join(work, `trial-${trial}`, 'job-families', 'security');
    cpSync(SECURITY, root, { recursive: true });
    for (const page of pages) {
      const file = join(root, page);
      writeFileSync(
        file,
        `${readFileSync(file, 'utf8')}\n\nFault trial ${trial}: ${Math.floor(rand() * 1e9)}.\n`,
      );
    }
    const before = (await graphContentHash(db)).hash;
    const target = trial % 4 === 3 ? 'neo4j' : 'cli';
    const delay = Math.floor(rand() * fullMs * 1.2);
    const run = cliImport(state.neo4j.uri, root);
    await Promise.race([sleep(delay), run.exited]);
    if (target === 'cli') run.child.kill('SIGKILL');
    else await killJvm(state.neo4j.pid);
    await run.exited;
    if (target === 'neo4j') {
      state.neo4j = await startNeo4j(dataDir, port);
      await db.verify(20);
    }
    let killed = '';
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        killed = (await graphContentHash(db)).hash;
        break;
      } catch {
        await sleep(200); // the driver's probe notices Neo4j is back within a few hundred ms
      }
    }
    const complete = cliImport(state.neo4j.uri, root);
    const code = await complete.exited;
    const after = (await graphContentHash(db)).hash;
    const outcome = killed === before ? 'before' : killed === after ? 'after' : 'partial';
    outcomes[outcome]!++;
    process.stdout.write(
      `trial ${String(trial + 1).padStart(2)}: killed the ${target.padEnd(5)} at ${String(delay).padStart(5)} ms -> ${outcome}${code === 0 ? '' : ` (re-import exit ${code})`}\n`,
    );
  }
  rmSync(work, { recursive: true, force: true });
  process.stdout.write(`import kills: ${JSON.stringify(outcomes)}\n`);
  check(outcomes.partial === 0, `${trials} killed imports left the graph before or after, never in between`);
}

async function gracefulStop(uri: string) {
  log('--- 3. SIGTERM of orgraph serve under load');
  const server = await startServer(uri, { ORGRAPH_LOAD_SAMPLE: 'false' });
  const client = new Client(server.url, 32, false);
  const sample = await sampleGraph(client);
  const load = runLoad(client, sample, 32, 3);
  await sleep(3_000);
  const signalled = Date.now();
  server.child.kill('SIGTERM');
  const code = await server.exited;
  const stopMs = Date.now() - signalled;
  await load.stop();
  const inFlight = load.records.filter((r) => r.start < signalled && r.end >= signalled);
  // A GraphQL error (e.g. NOT_FOUND for a relation to a role not written yet) is an answer; a reset is not.
  const cut = inFlight.filter((r) => !r.answered);
  const kinds: Record<string, number> = {};
  for (const r of load.records.filter((r) => r.start >= signalled)) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
  process.stdout.write(
    `in flight at SIGTERM: ${inFlight.length}, not answered: ${cut.length} ${JSON.stringify(tally(cut))}; after SIGTERM: ${JSON.stringify(kinds)}; exit ${code} after ${stopMs} ms\n`,
  );
  check(cut.length === 0 && inFlight.length > 0, 'every request in flight at SIGTERM was answered');
  const drained = code === 0 && /shutting down/.test(server.stderr());
  if (!drained) process.stdout.write(`server stderr:\n${server.stderr()}\n`);
  check(drained, 'the server exited 0 after draining and closing the driver');
  client.close();
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      trials: { type: 'string', default: '20' },
      seed: { type: 'string', default: '8' },
      only: { type: 'string' },
    },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'orgraph-faults-'));
  const port = await freePort();
  const state = { neo4j: await startNeo4j(dataDir, port) };
  const db = new GraphDatabase({
    uri: state.neo4j.uri,
    username: 'neo4j',
    password: 'unused',
    database: 'neo4j',
  });
  try {
    await applyMigrations(db);
    await importPaths(db, [SECURITY]);
    const run = (part: string) => !values.only || values.only === part;
    if (run('kill')) await neo4jKill(state, dataDir, port, db);
    if (run('imports'))
      await importKills(state, dataDir, port, db, Number(values.trials), Number(values.seed));
    if (run('sigterm')) await gracefulStop(state.neo4j.uri);
  } finally {
    await db.close();
    await state.neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.stdout.write(
    failures.length === 0 ? 'faults: all checks passed\n' : `faults: ${failures.length} checks failed\n`,
  );
  return failures.length === 0 ? 0 : 1;
}

process.exitCode = await main();
