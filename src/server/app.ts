import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { NoSchemaIntrospectionCustomRule, type GraphQLSchema } from 'graphql';
import type { ApiContext } from '../api/context.js';
import { createLoaders } from '../api/loaders.js';
import type { GraphDatabase } from '../graph/database.js';
import type { Logger } from '../logging/logger.js';
import { authenticate, readAccessPlugin } from './auth.js';
import { createErrorFormatter } from './errors.js';
import { costLimitPlugin, validationRules } from './limits.js';
import { operationTimingPlugin, ServerMetrics } from './metrics.js';
import { rateLimitMiddleware, RateLimiter, type RequestAuthentication } from './rate-limit.js';
import { compose } from './compose.js';
import { requestIdOf, requestLogging, restoreRequestContext } from './request-log.js';
import type { ServerSettings } from './settings.js';
import { mountWeb } from './web.js';
import { HttpDrain } from './drain.js';

export interface AppOptions {
  schema: GraphQLSchema;
  db: GraphDatabase;
  logger: Logger;
  settings: ServerSettings;
}

export interface RunningApp {
  server: Server;
  url: string;
  metrics: ServerMetrics;
  /**
   * Stops accepting requests, lets in-flight ones finish, then stops Apollo. Does not close the database.
   * With graceMs, first keeps serving that long while /ready answers 503.
   */
  stop(graceMs?: number): Promise<void>;
}

function graphqlError(
  res: Response,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  res
    .status(status)
    .set(headers)
    .json({ errors: [{ message, extensions: { code } }] });
}

/** Wires Apollo Server and the operational endpoints onto one HTTP server. */
export async function startApp(options: AppOptions, host: string, port: number): Promise<RunningApp> {
  const { settings, logger } = options;
  const app = express();
  // API answers are not conditional-GET material; hashing every response body for an ETag is wasted work.
  app.set('etag', false);
  app.disable('x-powered-by');
  const server = createServer(app);
  server.requestTimeout = settings.requestTimeoutMs + 5_000;
  const metrics = new ServerMetrics(options.db);
  const limiter = new RateLimiter(settings.rateLimit);
  let stopping = false;
  const drain = new HttpDrain(server);
  app.use(
    compose(requestLogging(logger, metrics), (req, res, next) => {
      // While stopping, tell keep-alive clients not to reuse the connection for their next request.
      if (stopping) res.setHeader('connection', 'close');
      // A connection accepted during the drain has started no work: refuse it, retryably, at once.
      if (drain.refuses(req))
        return graphqlError(res, 503, 'SERVICE_UNAVAILABLE', 'the server is shutting down; retry', {
          'retry-after': '1',
        });
      next();
    }),
  );

  const apollo = new ApolloServer<ApiContext>({
    schema: options.schema,
    introspection: settings.introspection,
    includeStacktraceInErrorResponses: !settings.production,
    hideSchemaDetailsFromClientErrors: !settings.introspection,
    csrfPrevention: true,
    // serve.ts handles SIGTERM/SIGINT and drains; Apollo's own handlers (on outside NODE_ENV=test) would
    // stop it in parallel and re-raise the signal, killing the process with requests still in flight.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: settings.limits.maxTokens },
    validationRules: [
      ...validationRules(settings.limits),
      ...(settings.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
    ],
    formatError: createErrorFormatter(settings.production, (error) =>
      logger.error({ err: error }, 'unexpected error'),
    ),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      readAccessPlugin(settings.readsRequireAuth),
      costLimitPlugin<ApiContext>(options.schema, settings.limits.maxCost),
      operationTimingPlugin<ApiContext>(metrics, logger),
      ApolloServerPluginLandingPageDisabled(),
      // We send no cache hints; the default plugin would wrap every resolver to collect them.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/metrics', async (_req, res) => {
    res.set('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.get('/ready', async (_req, res) => {
    if (stopping) {
      res.status(503).json({ status: 'unavailable', reason: 'shutting down' });
      return;
    }
    // While Neo4j is known to be down, answer at once; the database's own probe notices it coming back.
    const down = options.db.unavailableError;
    if (down) {
      res.status(503).json({ status: 'unavailable', reason: down.message });
      return;
    }
    try {
      await options.db.ping();
      res.json({ status: 'ready' });
    } catch (error) {
      res
        .status(503)
        .json({ status: 'unavailable', reason: error instanceof Error ? error.message : String(error) });
    }
  });

  const documentSize = (req: Request, res: Response, next: NextFunction) => {
    const query = (req.body as { query?: unknown } | undefined)?.query ?? req.query.query;
    const size = typeof query === 'string' ? Buffer.byteLength(query) : 0;
    if (size > settings.limits.maxDocumentBytes) {
      graphqlError(
        res,
        413,
        'QUERY_LIMIT_EXCEEDED',
        `the query document has ${size} bytes, more than the limit of ${settings.limits.maxDocumentBytes}`,
      );
      return;
    }
    next();
  };

  app.use(
    '/graphql',
    compose(
      rateLimitMiddleware(limiter, settings.auth, (client) => metrics.rateLimited.inc({ client })),
      express.json({ limit: settings.maxBodyBytes }),
      restoreRequestContext,
      documentSize,
      expressMiddleware(apollo, {
        context: async ({ req, res }): Promise<ApiContext> => {
          const { principal, error } =
            (res.locals as Partial<RequestAuthentication>).authentication ??
            (await authenticate(req.headers.authorization, settings.auth));
          return {
            db: options.db,
            logger,
            requestId: requestIdOf(res),
            loaders: createLoaders(options.db),
            principal,
            authError: error,
          };
        },
      }),
    ),
  );

  mountWeb(app, settings);

  // A body larger than the limit, or malformed JSON, gets a GraphQL-shaped error instead of an HTML page.
  app.use(
    (error: Error & { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent) return next(error);
      if (error.type === 'entity.too.large')
        return graphqlError(res, 413, 'PAYLOAD_TOO_LARGE', 'the request body is too large');
      if (error.type === 'entity.parse.failed')
        return graphqlError(res, 400, 'BAD_REQUEST', 'the request body is not valid JSON');
      logger.error({ err: error }, 'unhandled HTTP error');
      return graphqlError(res, error.status ?? 500, 'INTERNAL_SERVER_ERROR', 'internal error');
    },
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
    metrics,
    stop: async (graceMs = 0) => {
      stopping = true;
      // Keep serving (readiness 503, `Connection: close`) so balancers stop routing here first.
      if (graceMs > 0) await sleep(graceMs);
      // Requests already received are answered; the listener closes only after that (see HttpDrain).
      await drain.drain(2_000, settings.requestTimeoutMs);
      return apollo.stop();
    },
  };
}
