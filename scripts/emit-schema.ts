/** `npm run schema`: writes schema/schema.graphql from the code (a test fails when the two drift). */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { printOrgraphSchema } from '../src/api/print-schema.js';
import { paths } from '../src/config/paths.js';

writeFileSync(paths.schemaFile, await printOrgraphSchema());
process.stdout.write(`wrote ${paths.schemaFile}\n`);
