import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EMBEDDED_NEO4J_MEMORY } from '../config/config.js';
import { paths } from '../config/paths.js';
import { assertPrerequisites } from './prerequisites.js';

/** How a local Neo4j is run: in the foreground of this process, or detached to outlive it. */
export interface LocalNeo4jOptions {
  dataDir: string;
  /** Bolt port on 127.0.0.1; 0 picks a free one. */
  port: number;
  heap?: string;
  pageCache?: string;
  /** Attached instances stop when this process exits, even on SIGKILL (the JVM watches its stdin pipe). */
  attached: boolean;
  log?: (line: string) => void;
  /** How long to wait for Bolt to answer. */
  timeoutMs?: number;
}

export interface LocalNeo4jState {
  pid: number;
  port: number;
  uri: string;
  dataDir: string;
  startedAt: string;
}

export interface LocalNeo4j extends LocalNeo4jState {
  stop(): Promise<void>;
}

export class AlreadyRunningError extends Error {
  constructor(readonly state: LocalNeo4jState) {
    super(
      `a local Neo4j is already running for ${state.dataDir} at ${state.uri} (pid ${state.pid}); ` +
        'use it, or stop it first with `orgraph neo4j stop`',
    );
    this.name = 'AlreadyRunningError';
  }
}

const READY_MARK = 'ORGRAPH_NEO4J_READY ';
const ERROR_MARK = 'ORGRAPH_NEO4J_ERROR ';
const LAUNCHER_CLASS = 'dev.orgraph.neo4j.Launcher';

const launcherFiles = {
  classpath: join(paths.launcherProject, 'target', 'classpath.txt'),
  classes: join(paths.launcherProject, 'target', 'classes'),
  compiledLauncher: join(
    paths.launcherProject,
    'target',
    'classes',
    'dev',
    'orgraph',
    'neo4j',
    'Launcher.class',
  ),
  sources: [
    join(paths.launcherProject, 'pom.xml'),
    join(paths.launcherProject, 'src', 'main', 'java', 'dev', 'orgraph', 'neo4j', 'Launcher.java'),
  ],
};

function stateFile(dataDir: string): string {
  return join(dataDir, 'orgraph-neo4j.json');
}

/** True once the launcher is compiled and its classpath resolved, and newer than its sources. */
export function isLauncherPrepared(): boolean {
  if (!existsSync(launcherFiles.classpath) || !existsSync(launcherFiles.compiledLauncher)) return false;
  const built = Math.min(
    statSync(launcherFiles.classpath).mtimeMs,
    statSync(launcherFiles.compiledLauncher).mtimeMs,
  );
  return launcherFiles.sources.every((source) => statSync(source).mtimeMs <= built);
}

/**
 * Resolves Neo4j from Maven Central and compiles the launcher, once. The first run downloads about
 * 200 jars (minutes); later runs find them in ~/.m2 and skip this step entirely.
 */
export function prepareLauncher(log: (line: string) => void = console.error): void {
  if (isLauncherPrepared()) return;
  assertPrerequisites();
  const m2 = join(process.env.HOME ?? '', '.m2', 'repository', 'org', 'neo4j', 'neo4j');
  log(
    existsSync(m2)
      ? 'orgraph: building the Neo4j launcher (Neo4j jars are in the local Maven cache)...'
      : 'orgraph: first run: downloading Neo4j 5.26 LTS Community from Maven Central and building its launcher. ' +
          'This takes a few minutes once; later runs use the local Maven cache (~/.m2).',
  );
  const result = spawnSync(
    'mvn',
    ['-B', '-q', '-f', join(paths.launcherProject, 'pom.xml'), 'package', '-DskipTests'],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (result.status !== 0) {
    throw new Error(
      `Maven could not build the Neo4j launcher in ${paths.launcherProject} (exit ${result.status})`,
    );
  }
}

export function readLocalState(dataDir: string): LocalNeo4jState | undefined {
  try {
    return JSON.parse(readFileSync(stateFile(dataDir), 'utf8')) as LocalNeo4jState;
  } catch {
    return undefined;
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The state of a running local Neo4j for this data folder, or undefined (stale state files are removed). */
export function runningLocalNeo4j(dataDir: string): LocalNeo4jState | undefined {
  const state = readLocalState(dataDir);
  if (!state) return undefined;
  if (isProcessAlive(state.pid)) return state;
  rmSync(stateFile(dataDir), { force: true });
  return undefined;
}

export function boltAnswers(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts Neo4j 5.26 embedded on 127.0.0.1 and resolves once Bolt answers. Refuses (AlreadyRunningError)
 * when an instance already runs for the same data folder, so there is never a second JVM on one store.
 */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = options.log ?? (() => undefined);
  mkdirSync(options.dataDir, { recursive: true });
  const running = runningLocalNeo4j(options.dataDir);
  if (running) throw new AlreadyRunningError(running);
  prepareLauncher(log);

  const port = options.port === 0 ? await freePort() : options.port;
  if (await boltAnswers(port, 300)) {
    throw new Error(
      `port ${port} on 127.0.0.1 is already in use; choose another with --port (or ORGRAPH_NEO4J_PORT), ` +
        'or point orgraph at that server with NEO4J_URI',
    );
  }
  const classpath = `${launcherFiles.classes}:${readFileSync(launcherFiles.classpath, 'utf8').trim()}`;
  const args = [
    `-Xms${options.heap ?? EMBEDDED_NEO4J_MEMORY.heap}`,
    `-Xmx${options.heap ?? EMBEDDED_NEO4J_MEMORY.heap}`,
    '-XX:+UseG1GC',
    '-XX:+ExitOnOutOfMemoryError',
    '-cp',
    classpath,
    LAUNCHER_CLASS,
    '--port',
    String(port),
    '--data',
    options.dataDir,
    '--pagecache',
    options.pageCache ?? EMBEDDED_NEO4J_MEMORY.pageCache,
    '--tx-memory',
    EMBEDDED_NEO4J_MEMORY.transactionMemory,
  ];
  const logPath = join(options.dataDir, 'launcher.log');
  let child: ChildProcess;
  if (options.attached) {
    child = spawn('java', [...args, '--exit-on-stdin-eof'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const logFd = openSync(logPath, 'w');
    child.stdout?.on('data', (chunk: Buffer) => writeFileSync(logFd, chunk));
    child.stderr?.on('data', (chunk: Buffer) => writeFileSync(logFd, chunk));
    child.once('exit', () => closeSync(logFd));
  } else {
    const out = openSync(logPath, 'w');
    child = spawn('java', args, { stdio: ['ignore', out, out], detached: true });
    closeSync(out);
    child.unref();
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start java for the local Neo4j');
  const uri = `bolt://127.0.0.1:${port}`;
  log(`orgraph: starting Neo4j 5.26 (pid ${pid}) on ${uri} with data in ${options.dataDir}...`);

  let exitCode: number | null | undefined;
  child.once('exit', (code) => {
    exitCode = code;
  });
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    const output = existsSync(logPath) ? readFileSync(logPath, 'utf8') : '';
    if (output.includes(READY_MARK)) break;
    if (exitCode !== undefined || output.includes(ERROR_MARK)) {
      const reason = output.split('\n').find((line) => line.startsWith(ERROR_MARK));
      throw new Error(
        `the local Neo4j exited before it was ready: ${reason ? reason.slice(ERROR_MARK.length) : output.slice(-2000)}`,
      );
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the local Neo4j did not answer on ${uri} in time; see ${logPath}`);
    }
    await sleep(200);
  }

  const state: LocalNeo4jState = {
    pid,
    port,
    uri,
    dataDir: options.dataDir,
    startedAt: new Date().toISOString(),
  };
  writeFileSync(stateFile(options.dataDir), JSON.stringify(state, null, 2));
  log(`orgraph: Neo4j is ready at ${uri}`);
  return {
    ...state,
    stop: () => stopProcess(pid, options.dataDir),
  };
}

/** Stops the local Neo4j of this data folder: SIGTERM (clean shutdown), SIGKILL after 60 s. */
export async function stopLocalNeo4j(dataDir: string): Promise<LocalNeo4jState | undefined> {
  const state = runningLocalNeo4j(dataDir);
  if (!state) return undefined;
  await stopProcess(state.pid, dataDir);
  return state;
}

async function stopProcess(pid: number, dataDir: string): Promise<void> {
  if (isProcessAlive(pid)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 60_000;
    while (isProcessAlive(pid) && Date.now() < deadline) await sleep(100);
    if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    while (isProcessAlive(pid)) await sleep(50);
  }
  const state = readLocalState(dataDir);
  if (state?.pid === pid) rmSync(stateFile(dataDir), { force: true });
}
