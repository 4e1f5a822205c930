import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { paths } from '../../config/paths.js';
import {
  AlreadyRunningError,
  boltAnswers,
  prepareLauncher,
  runningLocalNeo4j,
  startLocalNeo4j,
  stopLocalNeo4j,
} from '../../embedded/local-neo4j.js';
import { UsageError, type CliCommand } from '../command.js';

export const command: CliCommand = {
  name: 'neo4j',
  summary: 'start, stop or inspect the local Neo4j 5.26 that orgraph runs without Docker',
  usage:
    'orgraph neo4j start [--port N] [--data DIR]\n' +
    'orgraph neo4j stop [--data DIR]\n' +
    'orgraph neo4j status [--data DIR]\n' +
    'orgraph neo4j prepare      (download Neo4j from Maven Central and build the launcher, once)',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, data: { type: 'string' } },
      allowPositionals: true,
    });
    const action = positionals[0];
    const config = io.config();
    const dataDir = values.data ? resolve(values.data) : paths.neo4jData(config.ORGRAPH_HOME);
    switch (action) {
      case 'prepare':
        prepareLauncher(io.stderr);
        io.stdout('Neo4j launcher ready');
        return 0;
      case 'start': {
        const port = values.port === undefined ? config.ORGRAPH_NEO4J_PORT : Number(values.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new UsageError(`--port must be a port number, got ${values.port}`);
        }
        try {
          const started = await startLocalNeo4j({
            dataDir,
            port,
            heap: config.ORGRAPH_NEO4J_HEAP,
            pageCache: config.ORGRAPH_NEO4J_PAGECACHE,
            attached: false,
            log: io.stderr,
          });
          io.stdout(started.uri);
          return 0;
        } catch (error) {
          if (error instanceof AlreadyRunningError) {
            io.stderr(`orgraph: ${error.message}`);
            return 1;
          }
          throw error;
        }
      }
      case 'stop': {
        const stopped = await stopLocalNeo4j(dataDir);
        io.stdout(
          stopped
            ? `stopped Neo4j at ${stopped.uri} (pid ${stopped.pid})`
            : `no local Neo4j is running for ${dataDir}`,
        );
        return 0;
      }
      case 'status': {
        const running = runningLocalNeo4j(dataDir);
        if (!running) {
          io.stdout(`stopped (data: ${dataDir})`);
          return 3;
        }
        const answering = await boltAnswers(running.port);
        io.stdout(
          `${answering ? 'running' : 'starting'} at ${running.uri} (pid ${running.pid}, data: ${dataDir})`,
        );
        return answering ? 0 : 3;
      }
      default:
        throw new UsageError(action ? `unknown action "${action}"` : 'missing action');
    }
  },
};
