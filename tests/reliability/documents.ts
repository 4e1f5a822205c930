/**
 * Builds a GraphQL document for every root field of the real schema, with variables for its arguments, so
 * the auth and injection tests cover every query and mutation there is (including ones added later).
 */
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/** Where a string sits in a field's arguments, e.g. ["input", "title"]. */
export type ArgPath = string[];

export interface RootOperation {
  kind: 'query' | 'mutation';
  field: string;
  document: string;
  /** Every String or ID slot in the arguments (required or not, nested in inputs too). */
  stringSlots: ArgPath[];
  /** Variables with benign values for the required arguments. */
  variables(overrides?: { path: ArgPath; value: string }): Record<string, unknown>;
}

function scalarValue(name: string, path: ArgPath): unknown {
  switch (name) {
    case 'Int':
      return 1;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return false;
    case 'DateTimeISO':
      return '2020-01-01T00:00:00.000Z';
    case 'JSONObject':
      return {};
    default:
      return `benign-${path.join('-')}`; // String, ID and anything string-like
  }
}

/** A value for an input type; `all` fills optional fields too (to reach every string slot). */
function valueFor(
  type: GraphQLInputType,
  path: ArgPath,
  override: { path: ArgPath; value: string } | undefined,
  all: boolean,
): unknown {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return [valueFor(inner.ofType as GraphQLInputType, path, override, all)];
  const named = getNamedType(inner);
  if (isInputObjectType(named)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(named.getFields())) {
      const fieldPath = [...path, field.name];
      const targeted = override && override.path.join('.').startsWith(fieldPath.join('.'));
      if (isNonNullType(field.type) || targeted || (all && field.defaultValue === undefined))
        out[field.name] = valueFor(field.type, fieldPath, override, all);
    }
    return out;
  }
  if (override && override.path.join('.') === path.join('.')) return override.value;
  if (isEnumType(named)) return named.getValues()[0]!.value;
  if (isScalarType(named)) return scalarValue(named.name, path);
  throw new Error(`unsupported input type at ${path.join('.')}`);
}

function stringSlots(type: GraphQLInputType, path: ArgPath, seen: Set<string>): ArgPath[] {
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    if (seen.has(named.name)) return [];
    const below = new Set([...seen, named.name]);
    return Object.values(named.getFields()).flatMap((f) => stringSlots(f.type, [...path, f.name], below));
  }
  return isScalarType(named) && (named.name === 'String' || named.name === 'ID') ? [path] : [];
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): RootOperation {
  const declarations = field.args.map((a, i) => `$a${i}: ${String(a.type)}`);
  const args = field.args.map((a, i) => `${a.name}: $a${i}`);
  const selection =
    isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? '' : ' { __typename }';
  const document = `${kind}${declarations.length ? `(${declarations.join(', ')})` : ''} { ${field.name}${
    args.length ? `(${args.join(', ')})` : ''
  }${selection} }`;
  return {
    kind,
    field: field.name,
    document,
    stringSlots: field.args.flatMap((a) => stringSlots(a.type, [a.name], new Set())),
    variables(override) {
      const variables: Record<string, unknown> = {};
      field.args.forEach((arg, i) => {
        const targeted = override?.path[0] === arg.name;
        if (isNonNullType(arg.type) || targeted)
          variables[`a${i}`] = valueFor(arg.type, [arg.name], override, targeted);
      });
      return variables;
    },
  };
}

export function rootOperations(schema: GraphQLSchema): RootOperation[] {
  const queries = Object.values(schema.getQueryType()?.getFields() ?? {}).map((f) =>
    operationFor('query', f),
  );
  const mutations = Object.values(schema.getMutationType()?.getFields() ?? {}).map((f) =>
    operationFor('mutation', f),
  );
  return [...queries, ...mutations];
}
