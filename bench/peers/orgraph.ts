/** orgraph itself: the real schema and HTTP app (src/server/app.ts), production settings. */
import { buildOrgraphSchema } from '../../src/api/schema.js';
import { loadConfig } from '../../src/config/config.js';
import { GraphDatabase } from '../../src/graph/database.js';
import { createLogger } from '../../src/logging/logger.js';
import { startApp } from '../../src/server/app.js';
import { serverSettings } from '../../src/server/settings.js';
import { EDITOR_KEY } from '../operations.js';
import { announce, neo4jConnection } from './common.js';

const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  ORGRAPH_API_KEYS: `bench:${EDITOR_KEY}:editor`,
  // The bench drives thousands of requests per second from one client: the per-client limit would measure itself.
  ORGRAPH_RATE_LIMIT: '0',
  // Headroom for the nested org query (departments → families → roles → responsibilities through edges/node).
  ORGRAPH_MAX_DEPTH: '8',
});
const db = new GraphDatabase(neo4jConnection());
await db.verify(5);
const app = await startApp(
  {
    schema: await buildOrgraphSchema(),
    db,
    logger: createLogger('warn'),
    settings: await serverSettings(config),
  },
  '127.0.0.1',
  0,
);
announce(app.url, () => db.roundTripCount);
