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
    // readline starts reading at once and drops lines emitted before its iterator exists, so the iterator
    // is taken right away, before anything else is awaited (otherwise the header line can be lost).
    const reader = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    const iterator = reader[Symbol.asyncIterator]();
    const lines: AsyncIterable<string> = { [Symbol.asyncIterator]: () => iterator };
    const { db, close } = await io.openDatabase();
    try {
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
      reader.close();
      await close();
    }
  },
};
