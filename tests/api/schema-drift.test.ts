import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildSchema, isObjectType, isInputObjectType } from 'graphql';
import { printOrgraphSchema } from '../../src/api/print-schema.js';
import { paths } from '../../src/config/paths.js';

test('schema/schema.graphql matches the schema the code builds (run `npm run schema` after changing it)', async () => {
  const emitted = await printOrgraphSchema();
  const checkedIn = readFileSync(paths.schemaFile, 'utf8');
  assert.equal(checkedIn, emitted);
});

test('every type and field has a description', () => {
  const schema = buildSchema(readFileSync(paths.schemaFile, 'utf8'));
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))
      continue;
    if (!type.description && !['Query', 'Mutation'].includes(type.name)) missing.push(type.name);
    if (isObjectType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        if (!field.description) missing.push(`${type.name}.${field.name}`);
    }
  }
  assert.deepEqual(missing, []);
});
