/**
 * `npm run bench:peers [-- --size S|M|L] [--quick]` (issue 7) and `npm run bench [-- --size S|M] [--quick]`
 * (issue 4, `--suite api`: orgraph and the raw driver, four read operations, 1 and 16 connections, S then M).
 *
 * Each peer runs in its own process over the same Neo4j and data; autocannon runs in another process. Per
 * operation and concurrency: a warm-up of every peer, then rounds alternating the peers (A B C A B C ...) so
 * drift hits all alike; the figures are medians over the rounds. Round-trips per request are the peer's own
 * Cypher count (GraphDatabase.roundTripCount for orgraph) over sequential requests. Not a test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

import { projectRoot } from '../src/config/paths.js';
import { holdsSize, loadSize, openBenchNeo4j, pickWorkload, SIZES, type Size } from './data.js';
import { request, type OperationName, type Workload } from './operations.js';
import type { PeerStats } from './peers/common.js';

type Peer = 'driver' | 'neo4j-graphql' | 'orgraph';
const ALL_OPS: OperationName[] = [
  'roleBySlug',
  'orgNested',
  'careerPath',
  'reportingChain',
  'search',
  'upsertRole',
];
const API_OPS: OperationName[] = ['roleBySlug', 'orgNested', 'careerPath', 'search'];

interface Row {
  operation: OperationName;
  connections: number;
  peer: Peer;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  roundTrips: number;
}

const log = (line: string): void => {
  process.stderr.write(`bench: ${line}\n`);
};
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

interface RunningPeer {
  name: Peer;
  url: string;
  child: ChildProcess;
  stats(): Promise<PeerStats>;
}

async function startPeer(name: Peer, uri: string): Promise<RunningPeer> {
  const child = spawn(process.execPath, [join(projectRoot, 'dist/bench/peers', `${name}.js`)], {
    // Every peer runs as deployed: NODE_ENV=production (graphql-js, Express and Apollo skip dev checks).
    env: { ...process.env, NEO4J_URI: uri, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`peer ${name} exited with ${code} before it was ready`)));
    child.on('message', (m: { type: string; url?: string }) => {
      if (m.type === 'ready') resolve(m.url!);
    });
  });
  const stats = () =>
    new Promise<PeerStats>((resolve) => {
      const on = (m: { type: string; stats?: PeerStats }) => {
        if (m.type !== 'stats') return;
        child.off('message', on);
        resolve(m.stats!);
      };
      child.on('message', on);
      child.send({ type: 'stats' });
    });
  return { name, url, child, stats };
}

async function send(peer: RunningPeer, op: OperationName, w: Workload): Promise<unknown> {
  const r = request(peer.name, op, w);
  const response = await fetch(peer.url + r.path, { method: 'POST', headers: r.headers, body: r.body });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (response.status !== 200 || body.errors)
    throw new Error(
      `${peer.name} ${op}: HTTP ${response.status} ${JSON.stringify(body.errors ?? body).slice(0, 500)}`,
    );
  return body.data;
}

const autocannonBin = join(
  createRequire(import.meta.url).resolve('autocannon/package.json'),
  '..',
  'autocannon.js',
);

/** One autocannon run in its own process; returns requests/s and latency percentiles. */
function autocannon(url: string, r: ReturnType<typeof request>, connections: number, seconds: number) {
  const args = [
    autocannonBin,
    '-c',
    String(connections),
    '-d',
    String(seconds),
    '-m',
    'POST',
    '-b',
    r.body,
    '-j',
  ];
  for (const [k, v] of Object.entries(r.headers)) args.push('-H', `${k}=${v}`);
  args.push(url + r.path);
  return new Promise<{ rps: number; p50: number; p99: number; bad: number }>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}`));
      const j = JSON.parse(out) as {
        requests: { average: number };
        latency: { p50: number; p99: number };
        non2xx: number;
        errors: number;
        timeouts: number;
      };
      resolve({
        rps: j.requests.average,
        p50: j.latency.p50,
        p99: j.latency.p99,
        bad: j.non2xx + j.errors + j.timeouts,
      });
    });
  });
}

async function benchSize(
  size: Size,
  peersToRun: Peer[],
  ops: OperationName[],
  conns: number[],
  quick: boolean,
  reuse: boolean,
) {
  const seconds = quick ? 2 : 5;
  const rounds = 5;
  const warmup = quick ? 1 : 3;
  const neo = await openBenchNeo4j(log);
  const peers: RunningPeer[] = [];
  try {
    if (reuse && (await holdsSize(neo.db, size))) log(`${size}: reusing the data already loaded`);
    else await loadSize(neo.db, size, log);
    const w = await pickWorkload(neo.db);
    log(`workload ${JSON.stringify(w)}`);
    for (const p of peersToRun) peers.push(await startPeer(p, neo.uri));
    // Every peer answers every operation correctly before anything is timed.
    for (const p of peers)
      for (const op of ops) {
        const data = await send(p, op, w);
        if (JSON.stringify(data).length < 20)
          throw new Error(`${p.name} ${op}: empty answer ${JSON.stringify(data)}`);
      }
    const roundTrips = new Map<string, number>();
    for (const p of peers)
      for (const op of ops) {
        const before = (await p.stats()).roundTrips;
        const n = 10;
        for (let i = 0; i < n; i++) await send(p, op, w);
        roundTrips.set(`${p.name}|${op}`, ((await p.stats()).roundTrips - before) / n);
      }
    const rows: Row[] = [];
    for (const op of ops)
      for (const c of conns) {
        // A slow stage can leave queries running server-side: one answered request per peer first.
        for (const p of peers) await send(p, op, w);
        for (const p of peers) await autocannon(p.url, request(p.name, op, w), c, warmup);
        const samples = new Map<Peer, Array<{ rps: number; p50: number; p99: number }>>();
        for (let r = 0; r < rounds; r++)
          for (const p of peers) {
            const s = await autocannon(p.url, request(p.name, op, w), c, seconds);
            if (s.bad > 0) log(`warning: ${p.name} ${op} c=${c}: ${s.bad} failed requests`);
            samples.set(p.name, [...(samples.get(p.name) ?? []), s]);
          }
        for (const p of peers) {
          const s = samples.get(p.name)!;
          const row: Row = {
            operation: op,
            connections: c,
            peer: p.name,
            rps: round(median(s.map((x) => x.rps)), 1),
            p50Ms: round(median(s.map((x) => x.p50))),
            p99Ms: round(median(s.map((x) => x.p99))),
            roundTrips: round(roundTrips.get(`${p.name}|${op}`)!),
          };
          rows.push(row);
          log(`${size} ${op} c=${c} ${p.name}: ${row.rps} req/s, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms`);
        }
      }
    const memory: Record<string, number> = {};
    for (const p of peers) memory[p.name] = (await p.stats()).maxRssMb;
    return { rows, memory, workload: w };
  } finally {
    for (const p of peers) {
      p.child.disconnect();
      p.child.kill('SIGTERM');
    }
    await neo.stop();
  }
}

function ratios(rows: Row[]) {
  const get = (op: string, c: number, peer: Peer) =>
    rows.find((r) => r.operation === op && r.connections === c && r.peer === peer);
  const out: Array<{
    operation: string;
    connections: number;
    vsNeo4jGraphql: number | null;
    vsDriverP50: number | null;
  }> = [];
  for (const r of rows.filter((x) => x.peer === 'orgraph')) {
    const ng = get(r.operation, r.connections, 'neo4j-graphql');
    const dr = get(r.operation, r.connections, 'driver');
    out.push({
      operation: r.operation,
      connections: r.connections,
      vsNeo4jGraphql: ng ? round(r.rps / ng.rps) : null,
      vsDriverP50: dr && dr.p50Ms > 0 ? round(r.p50Ms / dr.p50Ms) : null,
    });
  }
  return out;
}

function markdown(rows: Row[], rs: ReturnType<typeof ratios>, memory: Record<string, number>): string {
  const lines = [
    '| operation | conn | peer | req/s | p50 ms | p99 ms | round-trips | orgraph/@neo4j/graphql rps | orgraph/driver p50 |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const ratio =
      r.peer === 'orgraph'
        ? rs.find((x) => x.operation === r.operation && x.connections === r.connections)
        : undefined;
    lines.push(
      `| ${r.operation} | ${r.connections} | ${r.peer} | ${r.rps} | ${r.p50Ms} | ${r.p99Ms} | ${r.roundTrips} | ${ratio?.vsNeo4jGraphql ?? ''} | ${ratio?.vsDriverP50 ?? ''} |`,
    );
  }
  lines.push(
    '',
    `Peak resident memory (MiB): ${Object.entries(memory)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' },
      quick: { type: 'boolean', default: false },
      suite: { type: 'string', default: 'peers' },
      // Narrow a run when time is short (the defaults are the issue's full matrix).
      connections: { type: 'string' },
      ops: { type: 'string' },
      peers: { type: 'string' },
      // With NEO4J_URI: keep the graph when it already holds this size (saves minutes when iterating).
      reuse: { type: 'boolean', default: false },
    },
  });
  const connectionList = values.connections?.split(',').map(Number);
  const opList = values.ops?.split(',') as OperationName[] | undefined;
  for (const op of opList ?? []) if (!ALL_OPS.includes(op)) throw new Error(`--ops: unknown operation ${op}`);
  const suite = values.suite === 'api' ? 'api' : 'peers';
  const sizes = (values.size ? [values.size] : suite === 'api' ? ['S', 'M'] : ['S']) as Size[];
  for (const s of sizes) if (!(s in SIZES)) throw new Error(`--size must be S, M or L, got ${s}`);
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, Neo4j 5.26 Community`;
  for (const size of sizes) {
    log(`size ${size}, suite ${suite}${values.quick ? ' (quick: 2 s rounds)' : ''}`);
    const { rows, memory, workload } = await benchSize(
      size,
      (values.peers?.split(',') as Peer[] | undefined) ??
        (suite === 'api' ? ['driver', 'orgraph'] : ['driver', 'neo4j-graphql', 'orgraph']),
      opList ?? (suite === 'api' ? API_OPS : ALL_OPS),
      connectionList ?? (suite === 'api' ? [1, 16] : [1, 16, 64]),
      values.quick,
      values.reuse && Boolean(process.env.NEO4J_URI),
    );
    const rs = ratios(rows);
    const table = markdown(rows, rs, memory);
    process.stdout.write(`\n## ${size} (${suite}${values.quick ? ', quick' : ''})\n\n${table}\n\n`);
    // A run narrowed to some peers or operations is a probe, not a result to keep.
    if (suite === 'peers' && !values.peers && !values.ops) {
      const dir = join(projectRoot, 'bench/results');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${new Date().toISOString().slice(0, 10)}-${size}.json`);
      const result = { size, machine, rows, ratios: rs };
      writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
      writeFileSync(
        file.replace(/\.json$/, '.md'),
        `# ${size}, ${machine}${values.quick ? ' (--quick)' : ''}\n\nWorkload: \`${JSON.stringify(workload)}\`\n\n${table}\n`,
      );
      log(`wrote ${file}`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
