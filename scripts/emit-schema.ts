/**
 * `npm run schema`: writes schema/schema.graphql and schema/subgraph.graphql (the Federation 2 subgraph SDL)
 * from the code; tests fail when either drifts.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { printServedSubgraph } from '../src/api/federation.js';
import { printOrgraphSchema } from '../src/api/print-schema.js';
import { paths } from '../src/config/paths.js';

writeFileSync(paths.schemaFile, await printOrgraphSchema());
process.stdout.write(`wrote ${paths.schemaFile}\n`);
writeFileSync(paths.subgraphFile, await printServedSubgraph());
process.stdout.write(`wrote ${paths.subgraphFile}\n`);
