import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import {
  getNamedType,
  isLeafType,
  GraphQLError,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { fieldExtensionsEstimator, getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

export interface QueryLimits {
  maxDepth: number;
  /** Root fields whose results are routes and trees get this much extra depth. */
  pathDepthAllowance: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  maxDocumentBytes: number;
}

/** Root fields returning paths, chains or charts, whose natural shape is deeper than ordinary lookups. */
export const PATH_FIELDS = new Set([
  'careerPath',
  'careerPaths',
  'nextRoles',
  'roleGap',
  'reportingChain',
  'orgChart',
]);

function limitError(message: string, limit: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit } });
}

/**
 * Depth of each operation, counted like graphql-armor (`{ a { b } }` is 2; fragments followed, introspection
 * ignored), except that a connection's `edges { node }` counts as one level. The allowance applies to
 * selections under path root fields, so `careerPath { route { steps { adds { skills { name } } } } }` fits
 * while ordinary nesting stays at maxDepth.
 */
export function depthLimitRule(maxDepth: number, pathAllowance: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const fragmentDepth = new Map<string, number>();
    const depthOf = (set: SelectionSetNode, visited: Set<string>): number => {
      let deepest = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) continue;
          const below = selection.selectionSet ? depthOf(selection.selectionSet, visited) : 0;
          // A connection's `edges { node }` wrapper is one level of data, not two.
          deepest = Math.max(deepest, (selection.name.value === 'edges' ? 0 : 1) + below);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, visited));
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || visited.has(name)) continue; // cycles are reported by graphql's own rule
          // Memoised: a fragment's depth does not depend on where it is spread, and without this a
          // fragment bomb (each fragment spreading the previous one twice) takes 2^n steps.
          let depth = fragmentDepth.get(name);
          if (depth === undefined) {
            depth = depthOf(fragment.selectionSet, new Set([...visited, name]));
            fragmentDepth.set(name, depth);
          }
          deepest = Math.max(deepest, depth);
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        for (const selection of operation.selectionSet.selections) {
          const isPath = selection.kind === Kind.FIELD && PATH_FIELDS.has(selection.name.value);
          const limit = maxDepth + (isPath ? pathAllowance : 0);
          const depth = depthOf({ kind: Kind.SELECTION_SET, selections: [selection] }, new Set());
          if (depth > limit) {
            const name = selection.kind === Kind.FIELD ? selection.name.value : 'a fragment';
            context.reportError(
              limitError(`query depth ${depth} under ${name} exceeds the limit of ${limit}`, 'depth'),
            );
          }
        }
      },
    };
  };
}

export function validationRules(limits: QueryLimits) {
  return [
    depthLimitRule(limits.maxDepth, limits.pathDepthAllowance),
    maxAliasesRule({
      n: limits.maxAliases,
      exposeLimits: true,
      // Report through validation (a 400 with a message) rather than throwing out of it (a 500).
      propagateOnRejection: false,
      onReject: [
        (context, error) =>
          context?.reportError(limitError(error.message.replace(/^Syntax Error: /, ''), 'aliases')),
      ],
    }),
  ];
}

/**
 * Cost: a scalar field costs 1, an object field 2 plus its children, and a connection (`roles`,
 * `departments`, `jobFamilies`) 1 plus its page size times the cost of one edge, so a page of 100 deep
 * nodes costs a hundredfold. Federation's `_entities` costs one item per representation, and `careerPaths`
 * k routes. Plain lists (a family's roles) count once: their size is bounded by the data, not the query.
 */
const costEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  const type = getNamedType(field.type);
  const representations = Array.isArray(args.representations) ? args.representations.length : undefined;
  const size = type.name.endsWith('Connection')
    ? ([args.first, args.last].find((v): v is number => typeof v === 'number') ?? 20)
    : ([args.k, representations].find((v): v is number => typeof v === 'number') ?? undefined);
  if (size !== undefined) return 1 + size * Math.max(childComplexity, 1);
  return isLeafType(type) ? 1 : 2 + childComplexity;
};

/** Rejects operations whose estimated cost exceeds the limit, before any resolver runs. */
type VariableValues = Record<string, unknown>;
/** Cost estimates kept per parsed document (different variables can change the cost). */
const COST_VARIANTS_PER_DOCUMENT = 64;

export function costLimitPlugin<T extends object>(
  schema: GraphQLSchema,
  maxCost: number,
): ApolloServerPlugin<T> {
  // Apollo hands the same parsed document to every request with the same query text, so a cost is computed
  // once per document, operation and variables (a bounded number of variants per document).
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  const estimate = (document: DocumentNode, operationName: string | undefined, variables: VariableValues) => {
    const variants = costs.get(document) ?? new Map<string, number>();
    costs.set(document, variants);
    const key = `${operationName ?? ''}\u0000${JSON.stringify(variables)}`;
    const known = variants.get(key);
    if (known !== undefined) return known;
    const cost = getComplexity({
      schema,
      operationName,
      query: document,
      variables,
      estimators: [fieldExtensionsEstimator(), costEstimator],
    });
    if (variants.size >= COST_VARIANTS_PER_DOCUMENT) variants.clear();
    variants.set(key, cost);
    return cost;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = estimate(document, request.operationName, request.variables ?? {});
          } catch (error) {
            // graphql-query-complexity gives up on documents that expand to too many nodes (fragment
            // bombs); that is a client's oversized query, not a server fault.
            throw new GraphQLError(
              `query too large to estimate its cost: ${error instanceof Error ? error.message : String(error)}`,
              { extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', http: { status: 400 } } },
            );
          }
          if (cost > maxCost) {
            throw limitError(`query cost ${cost} exceeds the limit of ${maxCost}`, 'cost');
          }
        },
      };
    },
  };
}
