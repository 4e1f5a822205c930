import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { projectRoot } from '../../src/config/paths.js';
import { freePort, isProcessAlive, readLocalState } from '../../src/embedded/local-neo4j.js';

const cli = join(projectRoot, 'bin', 'orgraph.js');
const dataDir = mkdtempSync(join(tmpdir(), 'orgraph-double-'));

function orgraph(...args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    timeout: 240_000,
    env: process.env,
  });
}

/** JVMs whose command line names this data folder. */
function jvmsFor(folder: string): number {
  const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .filter((line) => line.includes('dev.orgraph.neo4j.Launcher') && line.includes(folder)).length;
}

after(() => {
  orgraph('neo4j', 'stop', '--data', dataDir);
  rmSync(dataDir, { recursive: true, force: true });
});

test('orgraph neo4j start / status / stop, and a second start is refused clearly', async () => {
  const port = await freePort();
  const first = orgraph('neo4j', 'start', '--port', String(port), '--data', dataDir);
  assert.equal(first.status, 0, first.stderr);
  assert.equal(first.stdout.trim(), `bolt://127.0.0.1:${port}`);

  const status = orgraph('neo4j', 'status', '--data', dataDir);
  assert.equal(status.status, 0);
  assert.match(status.stdout, new RegExp(`running at bolt://127.0.0.1:${port}`));

  const second = orgraph('neo4j', 'start', '--port', String(await freePort()), '--data', dataDir);
  assert.equal(second.status, 1);
  assert.match(second.stderr, /already running for .* at bolt:\/\/127\.0\.0\.1:\d+ \(pid \d+\)/);
  assert.equal(jvmsFor(dataDir), 1, 'still exactly one JVM on this store');

  // Even bypassing the state file, Neo4j's store lock refuses a second JVM with a clear error.
  const state = readLocalState(dataDir);
  assert.ok(state);
  const classpath = `${join(projectRoot, 'neo4j/target/classes')}:${readFileSync(join(projectRoot, 'neo4j/target/classpath.txt'), 'utf8').trim()}`;
  const rogue = spawnSync(
    'java',
    [
      '-Xmx256m',
      '-cp',
      classpath,
      'dev.orgraph.neo4j.Launcher',
      '--port',
      String(await freePort()),
      '--data',
      dataDir,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  assert.equal(rogue.status, 3, rogue.stderr.slice(-2000));
  assert.match(rogue.stderr, /ORGRAPH_NEO4J_ERROR store at .* is locked/);
  assert.ok(isProcessAlive(state.pid), 'the first Neo4j is unharmed');

  const stop = orgraph('neo4j', 'stop', '--data', dataDir);
  assert.equal(stop.status, 0);
  assert.match(stop.stdout, /stopped Neo4j/);
  assert.equal(jvmsFor(dataDir), 0);
  assert.equal(orgraph('neo4j', 'status', '--data', dataDir).status, 3);
});

test('an attached Neo4j dies with the process that started it, even on SIGKILL', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'orgraph-orphan-'));
  try {
    const script = `
      const { startLocalNeo4j } = await import(${JSON.stringify(join(projectRoot, 'dist/src/embedded/local-neo4j.js'))});
      const n = await startLocalNeo4j({ dataDir: ${JSON.stringify(folder)}, port: 0, attached: true, heap: '256m', pageCache: '32m' });
      console.log('READY ' + n.pid);
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      parent.stdout.on('data', (chunk: Buffer) => {
        const match = /READY (\d+)/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
      });
      parent.once('exit', () => reject(new Error('parent exited early')));
    });
    assert.ok(isProcessAlive(pid));
    parent.kill('SIGKILL');
    const deadline = Date.now() + 30_000;
    while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(isProcessAlive(pid), false, 'no orphaned JVM');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
