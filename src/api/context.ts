import type { GraphDatabase } from '../graph/database.js';
import type { Logger } from '../logging/logger.js';
import type { Loaders } from './loaders.js';

/** The access roles, each including the ones before it. */
export const ACCESS_ROLES = ['viewer', 'editor', 'admin'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** Who is calling, from an API key or a verified JWT; anonymous callers have no principal. */
export interface Principal {
  subject: string;
  role: AccessRole;
  via: 'api-key' | 'jwt';
}

/** What every resolver gets for one request. */
export interface ApiContext {
  db: GraphDatabase;
  logger: Logger;
  requestId: string;
  loaders: Loaders;
  principal: Principal | null;
  /** Set when the request carried credentials that failed verification (reported on first protected access). */
  authError: string | null;
}
