import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { ApiContext } from '../api/context.js';
import type { GraphDatabase } from '../graph/database.js';
import type { Logger } from '../logging/logger.js';

export interface AppOptions {
  schema: GraphQLSchema;
  db: GraphDatabase;
  logger: Logger;
  production: boolean;
}

export interface RunningApp {
  server: Server;
  url: string;
  /** Stops accepting requests, lets in-flight ones finish, then stops Apollo. Does not close the database. */
  stop(): Promise<void>;
}

/** Wires Apollo Server and the operational endpoints onto one HTTP server. */
export async function startApp(options: AppOptions, host: string, port: number): Promise<RunningApp> {
  const app = express();
  app.disable('x-powered-by');
  const server = createServer(app);

  const apollo = new ApolloServer<ApiContext>({
    schema: options.schema,
    introspection: !options.production,
    includeStacktraceInErrorResponses: !options.production,
    csrfPrevention: true,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: server })],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/ready', async (_req, res) => {
    try {
      await options.db.ping();
      res.json({ status: 'ready' });
    } catch (error) {
      res
        .status(503)
        .json({ status: 'unavailable', reason: error instanceof Error ? error.message : String(error) });
    }
  });

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        db: options.db,
        logger: options.logger,
        requestId: (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
      }),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  return {
    server,
    url,
    stop: () => apollo.stop(),
  };
}
