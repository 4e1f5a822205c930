import { lintGraph } from '../../graph/lint.js';
import { UsageError, type CliCommand } from '../command.js';

export const command: CliCommand = {
  name: 'lint',
  summary: 'check the stored graph: broken links, reports-to cycles, grade inversions, placeholders, ...',
  usage: 'orgraph lint [--json]',
  async run(argv, io) {
    for (const a of argv) if (a !== '--json') throw new UsageError(`unknown argument ${a}`);
    const { db, close } = await io.openDatabase();
    try {
      const findings = await lintGraph(db);
      if (argv.includes('--json')) io.stdout(JSON.stringify({ findings }, null, 2));
      else {
        for (const f of findings) {
          io.stdout(`${f.severity} ${f.code} ${f.sourcePath ?? '-'}:${f.sourceLine ?? '-'} ${f.message}`);
        }
        io.stdout(`${findings.length} findings`);
      }
      // Errors (cycles, grade inversions) fail the command; warnings and infos do not.
      return findings.some((f) => f.severity === 'error') ? 1 : 0;
    } finally {
      await close();
    }
  },
};
