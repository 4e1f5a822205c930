/**
 * `npm test`: starts a throw-away Neo4j 5.26 on a free loopback port with a temporary store, runs every
 * compiled test file (serially: they share that one database) with Node's test runner, and always stops
 * Neo4j and removes its store afterwards, also when tests fail or the run is interrupted. The JVM also
 * watches its stdin pipe, so even a SIGKILL of this process leaves no orphaned JVM.
 *
 * ORGRAPH_TEST_NEO4J_URI runs the tests against an existing Neo4j instead (its data is wiped!).
 * Arguments narrow the run to test files or folders under dist/tests, e.g. `npm test -- tests/ingest`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { projectRoot } from '../src/config/paths.js';
import { startLocalNeo4j, type LocalNeo4j } from '../src/embedded/local-neo4j.js';

const TEST_MEMORY = { heap: '1g', pageCache: '512m' };

function testFiles(roots: string[]): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) walk(join(path, entry));
    } else if (path.endsWith('.test.js')) {
      found.push(path);
    }
  };
  for (const root of roots) walk(root);
  return found;
}

async function main(): Promise<number> {
  const selection = process.argv
    .slice(2)
    .map((arg) => join(projectRoot, 'dist', arg.replace(/\.ts$/, '.js')));
  const files = testFiles(selection.length > 0 ? selection : [join(projectRoot, 'dist', 'tests')]);
  if (files.length === 0) {
    process.stderr.write('run-tests: no test files found\n');
    return 1;
  }

  let neo4j: LocalNeo4j | undefined;
  let dataDir: string | undefined;
  let uri = process.env.ORGRAPH_TEST_NEO4J_URI;
  const cleanup = async () => {
    await neo4j?.stop();
    neo4j = undefined;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const interrupted = (signal: NodeJS.Signals) => {
    process.stderr.write(`run-tests: ${signal}, stopping the test Neo4j\n`);
    child?.kill(signal);
    void cleanup().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  let child: ReturnType<typeof spawn> | undefined;
  try {
    if (!uri) {
      dataDir = mkdtempSync(join(tmpdir(), 'orgraph-test-neo4j-'));
      neo4j = await startLocalNeo4j({
        dataDir,
        port: 0,
        attached: true,
        ...TEST_MEMORY,
        log: (line) => process.stderr.write(`${line}\n`),
      });
      uri = neo4j.uri;
    }
    process.stderr.write(`run-tests: ${files.length} test files against ${uri}\n`);
    const env = {
      ...process.env,
      NEO4J_URI: uri,
      NEO4J_USERNAME: process.env.NEO4J_USERNAME ?? 'neo4j',
      NEO4J_PASSWORD: process.env.NEO4J_PASSWORD ?? 'orgraph-local',
      NODE_ENV: 'test',
    };
    child = spawn(
      process.execPath,
      [
        '--test',
        '--test-concurrency=1',
        '--test-reporter=spec',
        ...files.map((f) => relative(projectRoot, f)),
      ],
      { cwd: projectRoot, env, stdio: 'inherit' },
    );
    const code = await new Promise<number>((resolve) =>
      child?.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))),
    );
    return code;
  } finally {
    await cleanup();
  }
}

process.exitCode = await main();
