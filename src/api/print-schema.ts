import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildOrgraphSchema } from './schema.js';

/** The SDL checked in as schema/schema.graphql: sorted, so the file changes only when the schema does. */
export async function printOrgraphSchema(): Promise<string> {
  const header =
    '# Emitted from the type-graphql classes in src/api by `npm run schema`. Do not edit by hand.\n\n';
  return header + printSchema(lexicographicSortSchema(await buildOrgraphSchema())) + '\n';
}
