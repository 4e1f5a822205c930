import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { exportGraph } from '../../graph/backup.js';
import type { CliCommand } from '../command.js';

async function writeTo(stream: Writable, line: string): Promise<void> {
  if (!stream.write(line)) await once(stream, 'drain');
}

export const command: CliCommand = {
  name: 'export',
  summary: 'write the whole graph (provenance and audit events included) as JSON Lines, for backups',
  usage: 'orgraph export [--out FILE]     (default: standard output)',
  async run(argv, io) {
    const { values } = parseArgs({ args: argv, options: { out: { type: 'string' } }, strict: true });
    const { db, close } = await io.openDatabase();
    try {
      if (!values.out) {
        const summary = await exportGraph(db, (line) => writeTo(process.stdout, line));
        io.stderr(
          `orgraph: exported ${summary.nodes} nodes and ${summary.relationships} relationships (content hash ${summary.contentHash})`,
        );
        return 0;
      }
      // Written beside the target and renamed at the end, so FILE is never a half-written backup.
      const target = resolve(values.out);
      const partial = `${target}.partial`;
      const stream = createWriteStream(partial);
      try {
        const summary = await exportGraph(db, (line) => writeTo(stream, line));
        stream.end();
        await once(stream, 'finish');
        renameSync(partial, target);
        io.stderr(
          `orgraph: exported ${summary.nodes} nodes and ${summary.relationships} relationships to ${target} (content hash ${summary.contentHash})`,
        );
        return 0;
      } catch (error) {
        stream.destroy();
        rmSync(partial, { force: true });
        throw error;
      }
    } finally {
      await close();
    }
  },
};
