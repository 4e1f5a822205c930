import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving a request carries, wherever in the code it is written. */
export interface RequestContext {
  reqId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `work` (and everything it awaits or schedules) inside the request's context. */
export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

/** The current request's fields for a log line, or nothing outside a request. */
export function requestLogFields(): Partial<RequestContext> {
  return storage.getStore() ?? {};
}
