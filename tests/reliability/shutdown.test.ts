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
function post(url: string, body: string, id: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'x-request-id': id } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const QUERY = `{ roles(first: 50) { edges { node { title responsibilities { text } requirements { text } } } } }`;

test('SIGTERM under load: every accepted request is answered, then the process closes the driver and exits 0', async () => {
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

  const outcomes: string[] = new Array<string>(80).fill('pending');
  let firstAnswer: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
  // Waves of requests keep arriving while the signal lands, so some are in flight when it does.
  const requests = Array.from({ length: 80 }, async (_, i) => {
    await new Promise((resolve) => setTimeout(resolve, i * 5));
    try {
      const { status, body } = await post(`${url}/graphql`, JSON.stringify({ query: QUERY }), `sd-${i}`);
      const errors = (JSON.parse(body) as { errors?: unknown[] }).errors;
      outcomes[i] = status === 200 && !errors ? 'answered' : `status ${status}`;
      firstAnswer();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      // Refused: the listener was already closed, so the request never started; anything else cut it.
      outcomes[i] = code === 'ECONNREFUSED' ? 'refused' : `reset: ${code}`;
    }
  });
  await answered;
  const signalled = Date.now();
  if (process.env.DEBUG_SHUTDOWN) process.stderr.write(`${Date.now()} SIGTERM\n`);
  child.kill('SIGTERM');
  await Promise.all(requests);
  const code = await exited;
  const stopMs = Date.now() - signalled;

  // A connection still in the kernel's accept queue when the listener closes is reset by the OS: the
  // server never saw that request. Every request the server did receive must have been answered in full.
  const received = outcomes.flatMap((outcome, i) => (served.has(`sd-${i}`) ? [{ i, outcome }] : []));
  const cut = received.filter((r) => r.outcome !== 'answered' || served.get(`sd-${r.i}`) !== 200);
  assert.deepEqual(
    cut,
    [],
    `requests received but not answered: ${JSON.stringify(cut.map((r) => ({ ...r, server: served.get(`sd-${r.i}`) })))}`,
  );
  const unseen = outcomes.filter((o, i) => o === 'answered' && !served.has(`sd-${i}`));
  assert.deepEqual(unseen, [], 'every answer is in the request log');
  assert.ok(received.length > 1, `${received.length} requests received`);
  assert.ok(outcomes.filter((o) => o === 'answered').length > 1);
  assert.equal(code, 0, stderr);
  assert.match(stderr, /SIGTERM received, shutting down/);
  assert.ok(stopMs < 20_000, `stopped in ${stopMs} ms`);
});
