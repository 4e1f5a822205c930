/**
 * `npm run compose:check [-- --out FILE]`: composes a Federation 2 supergraph from orgraph's subgraph SDL (built
 * from the code, as `_service { sdl }` serves it) and every example subgraph under federation/*.graphql, and
 * exits non-zero on composition errors, naming the subgraph and the error. `--out` also writes the
 * supergraph SDL (what a gateway takes as `supergraphSdl`).
 */
import 'reflect-metadata';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import { subgraphSdl } from '../src/api/federation.js';
import { paths } from '../src/config/paths.js';

function parseFile(file: string): DocumentNode {
  try {
    return parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const where = error instanceof GraphQLError && error.locations?.[0] ? `:${error.locations[0].line}` : '';
    throw new Error(`${file}${where}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

async function main(argv: string[]): Promise<number> {
  const outIndex = argv.indexOf('--out');
  const out = outIndex >= 0 ? argv[outIndex + 1] : undefined;
  if (outIndex >= 0 && !out) {
    process.stderr.write('compose:check: --out needs a file name\n');
    return 2;
  }

  const examples = readdirSync(paths.federationExamples)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => join(paths.federationExamples, name));
  const services = [
    {
      name: 'orgraph',
      url: 'http://127.0.0.1:4000/graphql',
      typeDefs: parse(await subgraphSdl()),
    },
    ...examples.map((file) => ({ name: basename(file, '.graphql'), typeDefs: parseFile(file) })),
  ];

  const result = composeServices(services);
  const names = services.map((s) => s.name).join(', ');
  if (result.errors) {
    process.stderr.write(`compose:check: composing ${names} failed with ${result.errors.length} error(s):\n`);
    for (const error of result.errors) {
      const code = (error.extensions.code as string | undefined) ?? 'ERROR';
      process.stderr.write(`  ${code}: ${error.message}\n`);
    }
    return 1;
  }
  for (const hint of result.hints) process.stderr.write(`  hint ${hint.definition.code}: ${hint.message}\n`);
  if (out) writeFileSync(out, result.supergraphSdl);
  process.stdout.write(
    `compose:check: composed ${services.length} subgraphs (${names}) into a supergraph of ${result.schema.types().length} types${out ? `, written to ${out}` : ''}\n`,
  );
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
