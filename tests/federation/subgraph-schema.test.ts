import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildSchema, isObjectType, parse, print, type GraphQLSchema } from 'graphql';
import {
  buildServedSchema,
  ENTITY_TYPES,
  printServedSubgraph,
  subgraphSdl,
} from '../../src/api/federation.js';
import { paths } from '../../src/config/paths.js';

test('schema/subgraph.graphql matches the subgraph the code builds (run `npm run schema` after changing it)', async () => {
  const emitted = await printServedSubgraph();
  const checkedIn = readFileSync(paths.subgraphFile, 'utf8');
  assert.equal(checkedIn, emitted);
});

test('every entity type carries @key(fields: "id") in the subgraph SDL, and the SDL links Federation 2', async () => {
  const sdl = await subgraphSdl();
  const document = parse(sdl);
  const keys = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (definition.kind !== 'ObjectTypeDefinition') continue;
    const found = (definition.directives ?? []).filter((d) => d.name.value === 'key').map((d) => print(d));
    if (found.length > 0) keys.set(definition.name.value, found);
  }
  assert.deepEqual(
    Object.fromEntries([...keys].sort(([a], [b]) => a.localeCompare(b))),
    Object.fromEntries([...ENTITY_TYPES].sort().map((name) => [name, ['@key(fields: "id")']])),
  );
  assert.match(sdl, /@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+", import: \["@key"\]\)/);
});

/** Every type and field (with argument types and defaults) of a schema, as comparable text. */
function shape(schema: GraphQLSchema, skip: (typeName: string, fieldName: string) => boolean) {
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (skip(type.name, field.name)) continue;
      const args = field.args.map((a) => `${a.name}: ${String(a.type)} = ${JSON.stringify(a.defaultValue)}`);
      out.push(`${type.name}.${field.name}(${args.join(', ')}): ${String(field.type)}`);
    }
  }
  return out.sort();
}

test('plain clients see the same API: the subgraph adds only _service, _entities and their types', async () => {
  const plain = buildSchema(readFileSync(paths.schemaFile, 'utf8'));
  const served = await buildServedSchema();
  const federationOnly = (typeName: string, fieldName: string) =>
    typeName === '_Service' || (typeName === 'Query' && ['_service', '_entities'].includes(fieldName));
  assert.deepEqual(
    shape(served, federationOnly),
    shape(plain, () => false),
  );
  assert.ok(served.getQueryType()?.getFields()._entities, 'Query._entities exists');
  assert.ok(served.getQueryType()?.getFields()._service, 'Query._service exists');
});
