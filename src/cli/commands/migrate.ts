import type { CliCommand } from '../command.js';

export const command: CliCommand = {
  name: 'migrate',
  summary: 'apply the Cypher migrations in cypher/migrations that have not run yet',
  usage: 'orgraph migrate',
  async run(_argv, io) {
    // openDatabase applies pending migrations and reports them on stderr.
    const { db, close } = await io.openDatabase();
    try {
      const rows = await db.query<{ id: string; name: string }>(
        'MATCH (m:Migration) RETURN m.id AS id, m.name AS name ORDER BY m.id',
      );
      io.stdout(rows.map((row) => `${row.id} ${row.name}`).join('\n'));
      return 0;
    } finally {
      await close();
    }
  },
};
