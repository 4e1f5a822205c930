import { usesExternalNeo4j, type EnvironmentConfig } from '../config/config.js';
import { paths } from '../config/paths.js';
import type { GraphConnection } from '../graph/database.js';
import {
  boltAnswers,
  isProcessAlive,
  runningLocalNeo4j,
  startLocalNeo4j,
  type LocalNeo4j,
} from './local-neo4j.js';

export interface ResolvedNeo4j {
  connection: GraphConnection;
  /** Set when this process started the local Neo4j and so must stop it when it ends. */
  started?: LocalNeo4j;
  origin: 'external' | 'local-running' | 'local-started';
}

/**
 * Decides which Neo4j to use: NEO4J_URI when set (nothing is started); otherwise the local embedded one
 * for ORGRAPH_HOME, reused when it already runs, else started attached to this process.
 */
export async function resolveNeo4j(
  config: EnvironmentConfig,
  log: (line: string) => void,
): Promise<ResolvedNeo4j> {
  const credentials = {
    username: config.NEO4J_USERNAME,
    password: config.NEO4J_PASSWORD,
    database: config.NEO4J_DATABASE,
  };
  if (usesExternalNeo4j(config)) {
    return { connection: { uri: config.NEO4J_URI, ...credentials }, origin: 'external' };
  }
  const dataDir = paths.neo4jData(config.ORGRAPH_HOME);
  let running = runningLocalNeo4j(dataDir);
  if (running && !(await boltAnswers(running.port))) {
    // An instance that does not answer is still starting or already stopping: let a stopping one finish.
    const deadline = Date.now() + 60_000;
    while (isProcessAlive(running.pid) && !(await boltAnswers(running.port)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    running = runningLocalNeo4j(dataDir);
  }
  if (running) {
    log(`orgraph: using the local Neo4j already running at ${running.uri} (pid ${running.pid})`);
    return { connection: { uri: running.uri, ...credentials }, origin: 'local-running' };
  }
  const started = await startLocalNeo4j({
    dataDir,
    port: config.ORGRAPH_NEO4J_PORT,
    heap: config.ORGRAPH_NEO4J_HEAP,
    pageCache: config.ORGRAPH_NEO4J_PAGECACHE,
    attached: true,
    log,
  });
  return { connection: { uri: started.uri, ...credentials }, started, origin: 'local-started' };
}
