import type { GraphDatabase } from '../graph/database.js';
import type { Logger } from '../logging/logger.js';

/** What every resolver gets for one request. */
export interface ApiContext {
  db: GraphDatabase;
  logger: Logger;
  requestId: string;
}
