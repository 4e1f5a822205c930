import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  graphql,
  isObjectType,
  isSpecifiedScalarType,
  lexicographicSortSchema,
  parse,
  type GraphQLSchema,
} from 'graphql';
import { createResolversMap } from 'type-graphql';
import type { ApiContext } from './context.js';
import type { Loaders } from './loaders.js';
import { buildOrgraphSchema } from './schema.js';

/** The Federation 2 spec version orgraph's subgraph SDL links to (what @apollo/subgraph 2.14 supports). */
export const FEDERATION_SPEC_URL = 'https://specs.apollo.dev/federation/v2.7';

/**
 * Entity type → the request's DataLoader that fetches it by id. `_entities` calls `__resolveReference` once
 * per representation in the same tick, so the loader turns N references of a type into one Cypher query.
 */
const ENTITY_LOADERS = {
  Role: 'role',
  Department: 'department',
  JobFamily: 'family',
  Team: 'team',
  Grade: 'grade',
  Skill: 'skill',
  Person: 'person',
} as const satisfies Record<string, keyof Loaders>;

export const ENTITY_TYPES = Object.keys(ENTITY_LOADERS) as (keyof typeof ENTITY_LOADERS)[];

const LINK = `extend schema @link(url: "${FEDERATION_SPEC_URL}", import: ["@key"])\n\n`;

function resolversOf(schema: GraphQLSchema): GraphQLResolverMap<ApiContext> {
  const map = createResolversMap(schema) as Record<string, unknown>;
  // Built-in scalars need no resolvers; handing graphql's own instances back would redefine them.
  for (const name of Object.keys(map)) {
    const type = schema.getType(name);
    if (type && isSpecifiedScalarType(type)) delete map[name];
  }
  for (const [typeName, loaderName] of Object.entries(ENTITY_LOADERS)) {
    const existing = (map[typeName] ?? {}) as Record<string, unknown>;
    map[typeName] = {
      ...existing,
      __resolveReference(reference: { id?: unknown }, context: ApiContext) {
        if (typeof reference.id !== 'string') return null;
        return (context.loaders[loaderName] as { load(id: string): Promise<unknown> }).load(reference.id);
      },
    };
  }
  return map as GraphQLResolverMap<ApiContext>;
}

/**
 * Field extensions (type-graphql's `complexity`, for the cost limit) live on the built schema objects, not in
 * SDL, so they would be lost on the way through buildSubgraphSchema: copy them across.
 */
function copyFieldExtensions(from: GraphQLSchema, to: GraphQLSchema): void {
  for (const type of Object.values(from.getTypeMap())) {
    const target = to.getType(type.name);
    if (!isObjectType(type) || !target || !isObjectType(target)) continue;
    const targetFields = target.getFields();
    for (const [name, field] of Object.entries(type.getFields())) {
      const targetField = targetFields[name];
      if (targetField && Object.keys(field.extensions).length > 0)
        Object.assign(targetField, { extensions: { ...targetField.extensions, ...field.extensions } });
    }
  }
}

/**
 * The schema `/graphql` serves: orgraph's type-graphql schema as an Apollo Federation 2 subgraph. Plain
 * clients see the same API; gateways also get `_service { sdl }` and `_entities` for the @key entities.
 */
export async function buildServedSchema(): Promise<GraphQLSchema> {
  const schema = await buildOrgraphSchema();
  // Sorted, so the SDL (and schema/subgraph.graphql) changes only when the schema does.
  const typeDefs = parse(LINK + printSchemaWithDirectives(lexicographicSortSchema(schema)));
  const subgraph = buildSubgraphSchema([{ typeDefs, resolvers: resolversOf(schema) }]);
  copyFieldExtensions(schema, subgraph);
  return subgraph;
}

/** The subgraph SDL exactly as `_service { sdl }` answers it: what gateways and rover compose. */
export async function subgraphSdl(schema?: GraphQLSchema): Promise<string> {
  const result = await graphql({
    schema: schema ?? (await buildServedSchema()),
    source: '{ _service { sdl } }',
  });
  const sdl = (result.data?._service as { sdl?: unknown } | undefined)?.sdl;
  if (typeof sdl !== 'string')
    throw new Error(`_service { sdl } returned no SDL: ${JSON.stringify(result.errors ?? result.data)}`);
  return sdl;
}

/** The subgraph SDL checked in as schema/subgraph.graphql (a header comment, then `_service { sdl }`). */
export async function printServedSubgraph(): Promise<string> {
  const header =
    '# orgraph as an Apollo Federation 2 subgraph, emitted by `npm run schema`. Do not edit by hand.\n\n';
  return header + (await subgraphSdl()) + '\n';
}
