import { buildServedSchema } from '../../api/federation.js';
import { createLogger } from '../../logging/logger.js';
import { startApp } from '../../server/app.js';
import { serverSettings } from '../../server/settings.js';
import { loadSampleIfEmpty } from '../../server/sample.js';
import type { CliCommand } from '../command.js';

export const command: CliCommand = {
  name: 'serve',
  summary: 'run the API, playground and dashboard (starting the local Neo4j unless NEO4J_URI is set)',
  usage: 'orgraph serve',
  async run(_argv, io) {
    const config = io.config();
    const logger = createLogger(config.LOG_LEVEL);
    const { db, close } = await io.openDatabase();
    let app: Awaited<ReturnType<typeof startApp>> | undefined;
    try {
      if (config.ORGRAPH_LOAD_SAMPLE) await loadSampleIfEmpty(db, io.stderr);
      const schema = await buildServedSchema();
      const settings = await serverSettings(config);
      app = await startApp({ schema, db, logger, settings }, config.HOST, config.PORT);
    } catch (error) {
      await close();
      throw error;
    }
    const running = app;
    io.stderr(
      `orgraph: serving ${running.url}/graphql (health: ${running.url}/health, ready: ${running.url}/ready)`,
    );

    // Resolves when a signal asks us to stop; in-flight requests finish, then the driver and local Neo4j close.
    await new Promise<void>((resolve) => {
      const shutdown = (signal: NodeJS.Signals) => {
        io.stderr(`orgraph: ${signal} received, shutting down`);
        const force = setTimeout(() => {
          io.stderr('orgraph: shutdown took longer than 20 s, exiting');
          process.exit(1);
        }, 20_000);
        force.unref();
        void running
          .stop(config.ORGRAPH_SHUTDOWN_GRACE_MS)
          .catch((error: unknown) => logger.error({ err: error }, 'error while stopping the HTTP server'))
          .then(() => close())
          .then(resolve);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
    return 0;
  },
};
