import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logging/logger.js';
import { runWithRequestContext } from '../logging/request-context.js';
import type { ServerMetrics } from './metrics.js';

/** A client-supplied request id is kept when it is short and plain, so it cannot forge log content. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Routes get their own metric label; anything else (dashboard assets, typos, scans) is "other". */
const KNOWN_ROUTES = new Set(['/graphql', '/health', '/ready', '/metrics']);

export function requestIdOf(res: Response): string {
  return (res.locals as { reqId?: string }).reqId ?? 'unknown';
}

/**
 * The first middleware: gives every request an id (the caller's `x-request-id` or a new UUID), echoes it
 * in the response, and writes one log line and one metric observation when the response is finished or
 * the client went away. Headers, bodies and query strings are never logged: they carry tokens and data.
 */
export function requestLogging(logger: Logger, metrics: ServerMetrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    const reqId =
      typeof incoming === 'string' && ACCEPTED_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    (res.locals as { reqId?: string }).reqId = reqId;
    res.setHeader('x-request-id', reqId);
    const started = performance.now();
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const seconds = (performance.now() - started) / 1000;
      // req.path is relative to the mount point inside app.use('/graphql', ...); originalUrl is not.
      const path = req.originalUrl.split('?')[0] ?? '';
      const route = KNOWN_ROUTES.has(path) ? path : 'other';
      const status = res.writableFinished ? res.statusCode : 499; // 499: the client closed first
      metrics.httpRequests.inc({ route, method: req.method, status: String(status) });
      metrics.httpDuration.observe({ route, method: req.method, status: String(status) }, seconds);
      const level = status >= 500 ? 'warn' : 'info';
      logger[level](
        {
          reqId,
          method: req.method,
          path: path.slice(0, 200),
          status,
          durationMs: Math.round(seconds * 10_000) / 10,
        },
        'request',
      );
    };
    res.once('finish', done);
    res.once('close', done);
    runWithRequestContext({ reqId }, next);
  };
}

/**
 * Re-enters the request's log context after body parsing: stream callbacks run in the socket's async
 * context, so everything downstream (Apollo, resolvers, Neo4j calls) is put back under this request.
 */
export function restoreRequestContext(req: Request, res: Response, next: NextFunction): void {
  void req;
  runWithRequestContext({ reqId: requestIdOf(res) }, next);
}
