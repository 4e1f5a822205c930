import { importPaths } from '../../ingest/import.js';
import { UsageError, type CliCommand } from '../command.js';

export const command: CliCommand = {
  name: 'import',
  summary: 'import handbook pages (Markdown) and org files (YAML/JSON) into the graph',
  usage: 'orgraph import PATH... [--dry-run] [--strict] [--json]',
  async run(argv, io) {
    const flags = new Set(argv.filter((a) => a.startsWith('--')));
    const paths = argv.filter((a) => !a.startsWith('--'));
    for (const f of flags)
      if (!['--dry-run', '--strict', '--json'].includes(f)) throw new UsageError(`unknown option ${f}`);
    if (paths.length === 0) throw new UsageError('give at least one file or folder to import');
    const dryRun = flags.has('--dry-run');
    const options = { dryRun, strict: flags.has('--strict') };
    // --dry-run parses, validates and resolves without touching Neo4j, so it does not even connect.
    const opened = dryRun ? null : await io.openDatabase();
    try {
      const { report, timings } = await importPaths(opened?.db ?? null, paths, options);
      if (flags.has('--json')) io.stdout(JSON.stringify(report, null, 2));
      else {
        const c = report.counts;
        io.stdout(
          [
            `${report.dryRun ? 'dry run: ' : ''}${report.imported}/${report.files} files imported, ${report.failed} failed` +
              (report.dryRun ? '' : report.changed ? ` (run ${report.importRun})` : ' (nothing changed)'),
            `${c.families} families, ${c.roles} roles (${c.placeholders} placeholders), ${c.departments} departments, ${c.teams} teams, ${c.grades} grades`,
            `${report.promotions.length} ladder edges, ${report.unresolved.length} unresolved references, ${report.warnings.length} warnings`,
            `parse ${Math.round(timings.parseMs)} ms, write ${Math.round(timings.writeMs)} ms`,
          ].join('\n'),
        );
        for (const e of report.errors) io.stderr(`error ${e.file}:${e.line} ${e.code} ${e.message}`);
      }
      return report.failed > 0 ? 1 : 0;
    } finally {
      await opened?.close();
    }
  },
};
