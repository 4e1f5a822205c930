import { Writable } from 'node:stream';
import type { GraphQLSchema } from 'graphql';
import type { GraphDatabase } from '../../src/graph/database.js';
import { createLogger } from '../../src/logging/logger.js';
import { startApp, type RunningApp } from '../../src/server/app.js';
import { buildServedSchema } from '../../src/api/federation.js';
import { loadConfig } from '../../src/config/config.js';
import { serverSettings } from '../../src/server/settings.js';

let schema: GraphQLSchema | undefined;

/** Credentials the test servers accept: one API key per role, and an HS256 secret for JWTs. */
export const TEST_KEYS = {
  viewer: 'viewer-key-0123456789abcdef',
  editor: 'editor-key-0123456789abcdef',
  admin: 'admin-key-0123456789abcdef0',
};
export const TEST_JWT_SECRET = 'test-jwt-secret-0123456789abcdef0123456789';
const TEST_AUTH_ENV = {
  ORGRAPH_API_KEYS: Object.entries(TEST_KEYS)
    .map(([role, key]) => `${role}-client:${key}:${role}`)
    .join(','),
  ORGRAPH_JWT_SECRET: TEST_JWT_SECRET,
};

/** Collected log lines of a test server, to assert on what is (and is not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
}

/** The real HTTP server on a free loopback port, over the given database. */
export async function startTestServer(
  db: GraphDatabase,
  env: Record<string, string> = {},
): Promise<RunningApp & { logs: LogCapture }> {
  schema ??= await buildServedSchema();
  const logs = new LogCapture();
  const settings = await serverSettings(loadConfig({ ...TEST_AUTH_ENV, ...env }));
  const app = await startApp({ schema, db, logger: createLogger('info', logs), settings }, '127.0.0.1', 0);
  return Object.assign(app, { logs });
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: string[] }[];
}

/** Sends one GraphQL operation over HTTP, as any client would. */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}
