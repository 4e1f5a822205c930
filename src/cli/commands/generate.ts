import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';

import { graphContentHash } from '../../graph/content-hash.js';
import { countModel } from '../../ingest/pipeline.js';
import { generateOrganisation, GENERATED_ROOT } from '../../ingest/generator.js';
import { clearGraph, FOREIGN_SOURCE_FILES, writeGenerated } from '../../ingest/generated-writer.js';
import { UsageError, type CliCommand } from '../command.js';

function positiveInt(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value)))
    throw new UsageError(`--${name} must be an integer of at least ${min}, got "${value}"`);
  return Number(value);
}

export const command: CliCommand = {
  name: 'generate',
  summary:
    'generate a realistic organisation (deterministic for a seed) into the graph, replacing a generated one',
  usage: 'orgraph generate --roles N --people M [--seed S] [--replace] [--hash] [--dry-run] [--json]',
  async run(argv, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        options: {
          roles: { type: 'string' },
          people: { type: 'string' },
          seed: { type: 'string' },
          replace: { type: 'boolean', default: false },
          hash: { type: 'boolean', default: false },
          'dry-run': { type: 'boolean', default: false },
          json: { type: 'boolean', default: false },
        },
        strict: true,
        allowPositionals: false,
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const v = parsed.values;
    if (v.roles === undefined) throw new UsageError('--roles is required');
    const roles = positiveInt('roles', v.roles, 0, 4);
    const people = positiveInt('people', v.people, 0, 0);
    const seed = positiveInt('seed', v.seed, 1, 0);

    const t0 = performance.now();
    const model = generateOrganisation({ roles, people, seed });
    const generateMs = performance.now() - t0;
    const counts = countModel(model);
    const summary: Record<string, unknown> = {
      roles,
      people,
      seed,
      counts,
      generateMs: Math.round(generateMs),
    };
    if (!v['dry-run']) {
      const { db, close } = await io.openDatabase();
      try {
        // A generated organisation replaces the database's content; never silently wipe an imported handbook.
        const [foreign] = await db.query<{ count: number; examples: string[] }>(FOREIGN_SOURCE_FILES, {
          root: GENERATED_ROOT,
        });
        if (foreign && foreign.count > 0 && !v.replace) {
          io.stderr(
            `orgraph generate: the database holds ${foreign.count} imported file(s) (e.g. ${foreign.examples.join(', ')}); ` +
              'a generated organisation replaces everything: pass --replace to wipe them, or use another database',
          );
          return 1;
        }
        const t1 = performance.now();
        await clearGraph(db);
        const clearMs = performance.now() - t1;
        const startedAt = new Date().toISOString();
        const write = await writeGenerated(db, model, {
          runId: `run:${startedAt}:${randomUUID().slice(0, 8)}`,
          startedAt,
          progress: v.json ? undefined : (line) => io.stderr(`  wrote ${line}`),
        });
        Object.assign(summary, {
          importRun: write.runId,
          nodes: write.nodes,
          relationships: write.relationships,
          transactions: write.transactions,
          clearMs: Math.round(clearMs),
          writeMs: Math.round(write.ms),
        });
        if (v.hash) summary.contentHash = (await graphContentHash(db)).hash;
      } finally {
        await close();
      }
    }
    if (v.json) io.stdout(JSON.stringify(summary, null, 2));
    else {
      io.stdout(
        [
          `generated (seed ${seed}): ${counts.departments} departments, ${counts.families} families, ${counts.roles} roles, ` +
            `${counts.people} people, ${counts.responsibilities} responsibilities, ${counts.requirements} requirements`,
          `${model.nodes.length} nodes, ${model.relationships.length} relationships in ${Math.round(generateMs)} ms` +
            (v['dry-run']
              ? ' (dry run: nothing written)'
              : `; written in ${summary.writeMs} ms (${summary.transactions} transactions)`),
          ...(summary.contentHash ? [`content hash ${String(summary.contentHash)}`] : []),
        ].join('\n'),
      );
    }
    return 0;
  },
};
