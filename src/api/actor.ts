import type { Actor } from '../graph/mutations.js';
import type { ApiContext } from './context.js';

/** The audit actor of a request: the API key name or JWT subject (mutations always have a principal). */
export function actorOf(context: ApiContext): Actor {
  return {
    subject: context.principal ? `${context.principal.via}:${context.principal.subject}` : 'anonymous',
  };
}
