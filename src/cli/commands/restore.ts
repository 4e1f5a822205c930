import { createReadStream, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { restoreGraph, RestoreError } from '../../graph/backup.js';
import { UsageError, type CliCommand } from '../command.js';

export const command: CliCommand = {
  name: 'restore',
  summary: 'load a file written by `orgraph export` into an empty database and verify its content hash',
  usage: 'orgraph restore FILE',
  async run(argv, io) {
    if (argv.length !== 1 || argv[0]!.startsWith('-')) throw new UsageError('give exactly one export file');
    const file = resolve(argv[0]!);
    if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
    const { db, close } = await io.openDatabase();
    try {
      const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
      const summary = await restoreGraph(db, lines, argv[0]!);
      if (summary.contentHash !== summary.expectedHash) {
        io.stderr(
          `orgraph restore: restored ${summary.nodes} nodes and ${summary.relationships} relationships, but the ` +
            `content hash ${summary.contentHash} differs from the export's ${summary.expectedHash} ` +
            '(was the graph written to during the export?)',
        );
        return 1;
      }
      io.stderr(
        `orgraph: restored ${summary.nodes} nodes and ${summary.relationships} relationships; content hash ${summary.contentHash} matches the export`,
      );
      return 0;
    } catch (error) {
      if (error instanceof RestoreError) {
        io.stderr(`orgraph restore: ${error.message}`);
        return 1;
      }
      throw error;
    } finally {
      await close();
    }
  },
};
