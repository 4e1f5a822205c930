import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Several middlewares run as one: each calls the next directly instead of going back through Express's
 * router, which costs a path match and bookkeeping per layer on every request. Errors (thrown, passed to
 * next, or a rejected promise) go to Express's error handlers as usual.
 */
export function compose(...handlers: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let index = 0;
    const step = (error?: unknown): void => {
      if (error !== undefined && error !== null) return next(error);
      const handler = handlers[index++];
      if (!handler) return next();
      try {
        const result: unknown = handler(req, res, step);
        if (result instanceof Promise) result.catch(next);
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}
