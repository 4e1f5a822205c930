import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { projectRoot } from '../../src/config/paths.js';
import type { GraphDatabase } from '../../src/graph/database.js';
import { openTestDatabase, testConnection } from '../support/neo4j.js';
import { loadSecuritySlice } from './fixtures.js';

let db: GraphDatabase;

before(async () => {
  db = await openTestDatabase();
  await loadSecuritySlice(db);
});

after(async () => {
  await db.close();
});

/** One request on a connection of its own, so a closed keep-alive socket cannot be mistaken for a cut. */
function post(
  url: string,
  body: string,
  id: string,
): Promise<{ status: number; retryAfter?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'x-request-id': id } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body: text }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const QUERY = `{ roles(first: 50) { edges { node { title responsibilities { text } requirements { text } } } } }`;

test('SIGTERM under load: every request sent before it is answered, then the process closes the driver and exits 0', async (t) => {
  const c = testConnection();
  const child = spawn(process.execPath, [join(projectRoot, 'bin/orgraph.js'), 'serve'], {
    env: {
      ...process.env,
      NEO4J_URI: c.uri,
      NEO4J_USERNAME: c.username,
      NEO4J_PASSWORD: c.password,
      NEO4J_DATABASE: c.database,
      PORT: '0',
      ORGRAPH_LOAD_SAMPLE: 'false',
      ORGRAPH_RATE_LIMIT: '0',
      LOG_LEVEL: 'info',
      // Production mode: Apollo's own signal handlers (off under NODE_ENV=test) once killed the drain.
      NODE_ENV: 'production',
      // No grace period: requests keep arriving while the server drains, the hardest case.
      ORGRAPH_SHUTDOWN_GRACE_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A failed assertion must not leave the server running (the test run would wait for it forever).
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  // The server's request log says which requests it received and what it answered.
  const served = new Map<string, number>();
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue; // libraries' plain-text notices
      const entry = JSON.parse(line) as { msg?: string; reqId?: string; status?: number };
      if (entry.msg === 'request' && entry.reqId) served.set(entry.reqId, entry.status ?? 0);
      if (process.env.DEBUG_SHUTDOWN) process.stderr.write(`${Date.now()} ${line}\n`);
    }
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /serving (http:\/\/[^/\s]+)\/graphql/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`serve exited before listening: ${stderr}`)));
  });

  const outcomes: string[] = [];
  const sentAt: number[] = [];
  const send = async (i: number) => {
    sentAt[i] = Date.now();
    try {
      const { status, retryAfter, body } = await post(
        `${url}/graphql`,
        JSON.stringify({ query: QUERY }),
        `sd-${i}`,
      );
      const errors = (JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] }).errors;
      if (status === 200 && !errors) outcomes[i] = 'answered';
      // Accepted while draining: refused at once, retryably, before any work started.
      else if (status === 503 && errors?.[0]?.extensions?.code === 'SERVICE_UNAVAILABLE' && retryAfter)
        outcomes[i] = 'shutting down';
      else outcomes[i] = `status ${status}`;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      // Refused: the listener was already closed, so the request never started; anything else cut it.
      outcomes[i] = code === 'ECONNREFUSED' ? 'refused' : `reset: ${code}`;
    }
  };
  // A warm-up answer, then waves of requests that keep arriving before, while and after the signal lands.
  await send(0);
  let signalled = Infinity;
  const requests = Array.from({ length: 120 }, async (_, n) => {
    await new Promise((resolve) => setTimeout(resolve, n * 4));
    if (n === 30) {
      signalled = Date.now();
      if (process.env.DEBUG_SHUTDOWN) process.stderr.write(`${Date.now()} SIGTERM\n`);
      child.kill('SIGTERM');
    }
    await send(n + 1);
  });
  await Promise.all(requests);
  const code = await exited;
  const stopMs = Date.now() - signalled;
  const tally: Record<string, number> = {};
  for (const outcome of outcomes) tally[outcome] = (tally[outcome] ?? 0) + 1;
  const summary = `outcomes ${JSON.stringify(tally)}, stopped after ${stopMs} ms`;

  // Every request sent before the signal has its connection in the kernel's accept queue, at least; the
  // listener closes only once that queue is empty, so each one gets an answer: its data, or (accepted
  // during the drain, before any work started) a retryable 503. None is reset.
  const inFlight = outcomes.flatMap((outcome, i) => (sentAt[i]! < signalled ? [{ i, outcome }] : []));
  assert.deepEqual(
    inFlight.filter((r) => r.outcome !== 'answered' && r.outcome !== 'shutting down'),
    [],
    `requests sent before SIGTERM and not answered (${summary})`,
  );
  // Every request the server received was answered in full, as its log says.
  const received = outcomes.flatMap((outcome, i) => (served.has(`sd-${i}`) ? [{ i, outcome }] : []));
  const expected: Record<number, string> = { 200: 'answered', 503: 'shutting down' };
  const cut = received.filter((r) => r.outcome !== expected[served.get(`sd-${r.i}`) ?? 0]);
  assert.deepEqual(
    cut,
    [],
    `requests received but not answered: ${JSON.stringify(cut.map((r) => ({ ...r, server: served.get(`sd-${r.i}`) })))} (${summary})`,
  );
  const unseen = outcomes.filter((o, i) => o === 'answered' && !served.has(`sd-${i}`));
  assert.deepEqual(unseen, [], 'every answer is in the request log');
  assert.ok(inFlight.length > 1, `${inFlight.length} requests sent before SIGTERM (${summary})`);
  assert.ok(outcomes.filter((o) => o === 'answered').length > 1, summary);
  assert.deepEqual(
    outcomes.filter((o) => o.startsWith('status')),
    [],
    `no request failed in another way (${summary})`,
  );
  assert.equal(code, 0, stderr);
  assert.match(stderr, /SIGTERM received, shutting down/);
  assert.ok(stopMs < 20_000, `stopped in ${stopMs} ms`);
});
