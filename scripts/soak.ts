/**
 * `npm run soak -- --minutes 10 --connections 64`: starts a private Neo4j and `orgraph serve` (which loads
 * the sample handbook), then runs an 80/20 read/write mix over HTTP with that many connections and reports
 * requests, errors by kind, p50/p99 and the server's resident memory per minute, and the issue's goals:
 * no unexpected errors, last-minute p99 within 1.2x the first minute's, memory growth after warm-up < 10%.
 * Options: --minutes N, --connections N, --seed N, --json FILE (also write the report as JSON).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../src/embedded/local-neo4j.js';
import {
  Client,
  EDITOR_KEY,
  log,
  nextOperation,
  prepareWriters,
  percentile,
  random,
  rssOf,
  sampleGraph,
  startNeo4j,
  startServer,
} from './reliability/harness.js';

interface Minute {
  minute: number;
  requests: number;
  reads: number;
  writes: number;
  errors: Record<string, number>;
  p50: number;
  p99: number;
  rssMiB: number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      connections: { type: 'string', default: '64' },
      seed: { type: 'string', default: '8' },
      json: { type: 'string' },
    },
  });
  const minutes = Number(values.minutes);
  const connections = Number(values.connections);
  if (!(minutes > 0) || !(connections > 0)) throw new Error('--minutes and --connections must be positive');

  const dataDir = mkdtempSync(join(tmpdir(), 'orgraph-soak-'));
  const neo4j = await startNeo4j(dataDir, await freePort());
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    log('starting orgraph serve (loads the sample handbook into the empty database)...');
    server = await startServer(neo4j.uri, { ORGRAPH_LOAD_SAMPLE: 'true' });
    const pid = server.child.pid!;
    const client = new Client(server.url, connections);
    const sample = await sampleGraph(client);
    await prepareWriters(client, sample, connections);
    log(
      `serving ${server.url}; ${sample.roles.length} roles sampled; ${connections} connections for ${minutes} min`,
    );

    const started = Date.now();
    const end = started + minutes * 60_000;
    const buckets: { latencies: number[]; reads: number; writes: number; errors: Record<string, number> }[] =
      [];
    const rss: number[] = [];
    const bucket = (at: number) => {
      const index = Math.min(minutes - 1, Math.floor((at - started) / 60_000));
      buckets[index] ??= { latencies: [], reads: 0, writes: 0, errors: {} };
      return buckets[index];
    };
    const sampler = setInterval(() => {
      const index = Math.floor((Date.now() - started) / 60_000);
      if (index < minutes) rss[index] = rssOf(pid); // the last reading within each minute
    }, 1_000);

    await Promise.all(
      Array.from({ length: connections }, async (_, worker) => {
        const rand = random(Number(values.seed) * 1_000 + worker);
        while (Date.now() < end) {
          const op = nextOperation(rand, sample, worker);
          const outcome = await client.graphql(op.query, op.variables, op.write ? EDITOR_KEY : undefined);
          const b = bucket(Date.now());
          b.latencies.push(outcome.ms);
          if (op.write) b.writes++;
          else b.reads++;
          if (outcome.kind !== 'ok') {
            const key = `${op.name}: ${outcome.kind}`;
            b.errors[key] = (b.errors[key] ?? 0) + 1;
          }
        }
      }),
    );
    clearInterval(sampler);
    client.close();

    const report: Minute[] = buckets.map((b, minute) => {
      const sorted = [...b.latencies].sort((x, y) => x - y);
      return {
        minute: minute + 1,
        requests: sorted.length,
        reads: b.reads,
        writes: b.writes,
        errors: b.errors,
        p50: Math.round(percentile(sorted, 50) * 10) / 10,
        p99: Math.round(percentile(sorted, 99) * 10) / 10,
        rssMiB: Math.round((rss[minute] ?? 0) / 1048576),
      };
    });
    const total = report.reduce((n, m) => n + m.requests, 0);
    const errors: Record<string, number> = {};
    for (const m of report) for (const [k, v] of Object.entries(m.errors)) errors[k] = (errors[k] ?? 0) + v;
    const errorCount = Object.values(errors).reduce((n, v) => n + v, 0);
    const first = report[0]!;
    const last = report.at(-1)!;
    // Warm-up: the first minute (JIT, caches, pools); growth is measured from the end of minute 1.
    const warm = report.length > 1 ? first.rssMiB : 0;
    const growth = warm > 0 ? (last.rssMiB - warm) / warm : 0;
    const p99Ratio = first.p99 > 0 ? last.p99 / first.p99 : 0;

    const lines = [
      '',
      `soak: ${minutes} min, ${connections} connections, seed ${values.seed}`,
      'minute  requests  reads  writes  errors   p50 ms   p99 ms  RSS MiB',
      ...report.map(
        (m) =>
          `${String(m.minute).padStart(6)}  ${String(m.requests).padStart(8)}  ${String(m.reads).padStart(5)}  ${String(m.writes).padStart(6)}  ${String(Object.values(m.errors).reduce((n, v) => n + v, 0)).padStart(6)}  ${m.p50.toFixed(1).padStart(7)}  ${m.p99.toFixed(1).padStart(7)}  ${String(m.rssMiB).padStart(7)}`,
      ),
      `requests served: ${total} (${Math.round(total / (minutes * 60))}/s)`,
      `errors: ${errorCount}${errorCount ? ` ${JSON.stringify(errors)}` : ''}`,
      `p99 last/first minute: ${p99Ratio.toFixed(2)} (goal <= 1.2)`,
      `RSS growth after warm-up (minute 1 -> ${report.length}): ${(growth * 100).toFixed(1)}% (goal < 10%)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (values.json)
      writeFileSync(
        values.json,
        JSON.stringify({ minutes, connections, report, total, errors, p99Ratio, growth }, null, 2),
      );
    return errorCount === 0 ? 0 : 1;
  } finally {
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
