/**
 * What `npm run soak` and `npm run faults` share: a private Neo4j, `orgraph serve` as a real child process,
 * an HTTP client over a bounded keep-alive pool, and the 80/20 read/write operation mix.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { projectRoot } from '../../src/config/paths.js';
import { startLocalNeo4j, type LocalNeo4j } from '../../src/embedded/local-neo4j.js';

export const EDITOR_KEY = 'reliability-editor-key-0123456789';

export function log(line: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

export function startNeo4j(dataDir: string, port: number): Promise<LocalNeo4j> {
  return startLocalNeo4j({ dataDir, port, attached: true, heap: '1g', pageCache: '512m', log });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `orgraph serve` against the given Neo4j, on a free port; resolves once it listens. */
export async function startServer(
  neo4jUri: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [join(projectRoot, 'bin/orgraph.js'), 'serve'], {
    env: {
      ...process.env,
      NEO4J_URI: neo4jUri,
      NEO4J_PASSWORD: 'unused',
      PORT: '0',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ORGRAPH_RATE_LIMIT: '0',
      ORGRAPH_SHUTDOWN_GRACE_MS: '0',
      ORGRAPH_API_KEYS: `reliability:${EDITOR_KEY}:editor`,
      ...env,
    },
    // ORGRAPH_SERVER_LOG=FILE keeps the server's JSON log (errors with their causes) for a post-mortem.
    stdio: [
      'ignore',
      process.env.ORGRAPH_SERVER_LOG ? openSync(process.env.ORGRAPH_SERVER_LOG, 'w') : 'ignore',
      'pipe',
    ],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /serving (http:\/\/[^/\s]+)\/graphql/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) =>
      reject(new Error(`orgraph serve exited (${code}) before listening:\n${stderr}`)),
    );
  });
  return { child, url, stderr: () => stderr, exited };
}

/** Resident memory of a process in bytes, from /proc (Linux). */
export function rssOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface Outcome {
  /** "ok", a GraphQL error code, "HTTP <status>" or a network error code. */
  kind: string;
  /** Whether an HTTP response arrived (a GraphQL error is an answer; a reset connection is not). */
  answered: boolean;
  ms: number;
  data?: Record<string, unknown>;
}

/** POSTs GraphQL over a keep-alive pool of at most `connections` sockets. */
export class Client {
  readonly agent: Agent;
  constructor(
    readonly url: string,
    connections: number,
    keepAlive = true,
  ) {
    this.agent = new Agent({ keepAlive, maxSockets: connections });
  }

  graphql(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Outcome> {
    const started = performance.now();
    const body = JSON.stringify({ query, variables });
    return new Promise((resolve) => {
      const done = (kind: string, data?: Record<string, unknown>, answered = true) =>
        resolve({ kind, answered, ms: performance.now() - started, ...(data ? { data } : {}) });
      const req = request(
        `${this.url}/graphql`,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          timeout: 30_000,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('error', (error: NodeJS.ErrnoException) =>
            done(error.code ?? 'RESPONSE_ERROR', undefined, false),
          );
          res.on('end', () => {
            try {
              const json = JSON.parse(text) as {
                data?: Record<string, unknown>;
                errors?: { extensions?: { code?: string } }[];
              };
              if (json.errors?.length) done(json.errors[0]!.extensions?.code ?? 'UNCODED_ERROR', json.data);
              else if (res.statusCode !== 200) done(`HTTP ${res.statusCode}`);
              else done('ok', json.data);
            } catch {
              done(`HTTP ${res.statusCode} (not JSON)`);
            }
          });
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'CLIENT_TIMEOUT' })));
      req.on('error', (error: NodeJS.ErrnoException) =>
        done(error.code ?? 'REQUEST_ERROR', undefined, false),
      );
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Ids picked from the served graph so every operation hits real data. */
export interface Sample {
  roles: string[];
  slugs: string[];
  departments: string[];
  families: string[];
  words: string[];
}

export async function sampleGraph(client: Client): Promise<Sample> {
  const result = await client.graphql(`{
    roles(first: 100, filter: { described: true }) { edges { node { id slug title } } }
    departments(first: 50) { edges { node { slug } } }
    jobFamilies(first: 50) { edges { node { id } } }
  }`);
  if (result.kind !== 'ok' || !result.data) throw new Error(`cannot sample the graph: ${result.kind}`);
  type Edges<T> = { edges: { node: T }[] };
  const data = result.data as {
    roles: Edges<{ id: string; slug: string; title: string }>;
    departments: Edges<{ slug: string }>;
    jobFamilies: Edges<{ id: string }>;
  };
  const roles = data.roles.edges.map((e) => e.node);
  return {
    roles: roles.map((r) => r.id),
    slugs: roles.map((r) => r.slug),
    departments: data.departments.edges.map((e) => e.node.slug),
    families: data.jobFamilies.edges.map((e) => e.node.id),
    words: [...new Set(roles.flatMap((r) => r.title.split(/\s+/)).filter((w) => w.length > 3))],
  };
}

/** A tiny deterministic PRNG (mulberry32), so a run's operation sequence is reproducible from its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Operation {
  name: string;
  write: boolean;
  query: string;
  variables: Record<string, unknown>;
}

const pick = <T>(rand: () => number, items: T[]): T => items[Math.floor(rand() * items.length)]!;

const ROLES_PER_WRITER = 10;

/** Creates each writer's roles, so its setReportsTo calls find them. */
export async function prepareWriters(client: Client, sample: Sample, writers: number): Promise<void> {
  for (let writer = 0; writer < writers; writer++) {
    for (let n = 0; n < ROLES_PER_WRITER; n++) {
      const outcome = await client.graphql(
        `mutation ($input: RoleInput!) { upsertRole(input: $input) { role { id } } }`,
        {
          input: {
            id: `role:custom/soak-${writer}-${n}`,
            slug: `soak-${writer}-${n}`,
            title: `Soak Role ${writer} ${n}`,
            family: sample.families[n % sample.families.length],
          },
        },
        EDITOR_KEY,
      );
      if (outcome.kind !== 'ok') throw new Error(`cannot create the soak roles: ${outcome.kind}`);
    }
  }
}

/** One operation of the 80/20 mix: reads across the API's query kinds, writes through the mutations. */
export function nextOperation(rand: () => number, sample: Sample, writer: number): Operation {
  if (rand() < 0.2) {
    const n = Math.floor(rand() * ROLES_PER_WRITER);
    const id = `role:custom/soak-${writer}-${n}`;
    const kind = rand();
    if (kind < 0.6)
      return {
        name: 'upsertRole',
        write: true,
        query: `mutation ($input: RoleInput!) { upsertRole(input: $input) { role { id } change { id } } }`,
        variables: {
          input: {
            id,
            slug: `soak-${writer}-${n}`,
            title: `Soak Role ${writer} ${n}`,
            grade: 1 + Math.floor(rand() * 12),
            family: pick(rand, sample.families),
            summary: `written at ${Date.now()}`,
          },
        },
      };
    if (kind < 0.85)
      return {
        name: 'setReportsTo',
        write: true,
        query: `mutation ($role: ID!, $manager: ID) { setReportsTo(role: $role, manager: $manager) { change { id } } }`,
        // The soak roles only ever report to handbook roles, so no reporting cycle can form.
        variables: { role: id, manager: pick(rand, sample.roles) },
      };
    return {
      name: 'upsertDepartment',
      write: true,
      query: `mutation ($input: DepartmentInput!) { upsertDepartment(input: $input) { department { id } change { id } } }`,
      variables: {
        input: { id: `department:soak-${writer % 8}`, slug: `soak-${writer % 8}`, name: `Soak ${n}` },
      },
    };
  }
  const r = rand();
  if (r < 0.2)
    return {
      name: 'role',
      write: false,
      query: `query ($id: ID!) { role(id: $id) { title grade family { title } responsibilities { text } requirements { text } skills { name } reportsTo { title } promotesTo { to { title } } } }`,
      variables: { id: pick(rand, sample.roles) },
    };
  if (r < 0.35)
    return {
      name: 'roles',
      write: false,
      query: `query ($after: String) { roles(first: 20, after: $after, orderBy: GRADE) { totalCount edges { cursor node { title grade } } } }`,
      variables: {},
    };
  if (r < 0.5)
    return {
      name: 'search',
      write: false,
      query: `query ($t: String!) { search(text: $t, first: 10) { title kind score } }`,
      variables: { t: pick(rand, sample.words) },
    };
  if (r < 0.62)
    return {
      name: 'careerPath',
      write: false,
      query: `query ($from: ID!, $to: ID!) { careerPath(from: $from, to: $to) { found route { steps { to { title } gradeDelta } } } }`,
      variables: { from: pick(rand, sample.roles), to: pick(rand, sample.roles) },
    };
  if (r < 0.72)
    return {
      name: 'nextRoles',
      write: false,
      query: `query ($id: ID!) { nextRoles(role: $id) { kind role { title } gap { skills { name } } } }`,
      variables: { id: pick(rand, sample.roles) },
    };
  if (r < 0.8)
    return {
      name: 'reportingChain',
      write: false,
      query: `query ($id: ID!) { reportingChain(role: $id) { cycle roles { title } } }`,
      variables: { id: pick(rand, sample.roles) },
    };
  if (r < 0.9)
    return {
      name: 'roleGap',
      write: false,
      query: `query ($a: ID!, $b: ID!) { roleGap(from: $a, to: $b) { skills { name } requirements { text } } }`,
      variables: { a: pick(rand, sample.roles), b: pick(rand, sample.roles) },
    };
  return {
    name: 'orgChart',
    write: false,
    query: `query ($d: String!) { orgChart(department: $d, depth: 2) { nodes { id kind roleCount } } }`,
    variables: { d: pick(rand, sample.departments) },
  };
}

/** Percentile of a sorted list of numbers. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
