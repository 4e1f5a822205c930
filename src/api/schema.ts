import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ServiceInfoResolver } from './resolvers/service-info.resolver.js';

export const resolvers = [ServiceInfoResolver] as const;

/** Builds the executable schema from the type-graphql classes; validation of inputs is on. */
export async function buildOrgraphSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    validate: { forbidUnknownValues: false },
  });
}
