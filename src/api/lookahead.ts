import {
  getArgumentValues,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';

const childrenCache = new WeakMap<readonly FieldNode[], Map<string, FieldNode[]>>();
const fieldsCache = new WeakMap<readonly FieldNode[], ReadonlySet<string>>();
const memoCache = new WeakMap<readonly FieldNode[], Map<string, unknown>>();

/**
 * What a request selects below a field, read before resolving it, so a resolver can fetch in the same
 * round-trip what the next levels will ask for. @skip/@include are not evaluated: a field they drop is
 * fetched for nothing, never missed.
 */
export class Lookahead {
  private constructor(
    private readonly nodes: readonly FieldNode[],
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
  ) {}

  static of(info: GraphQLResolveInfo): Lookahead {
    return new Lookahead(info.fieldNodes, info.schema, info.fragments, info.variableValues);
  }

  /** The fields selected on the value, by field name (aliases folded), through fragments. */
  private children(): Map<string, FieldNode[]> {
    // graphql-js hands every item of a list the same fieldNodes array, so a list of 500 roles reads its
    // selection once. (Fragments and nodes are fixed per document, so the answer is too.)
    const known = childrenCache.get(this.nodes);
    if (known) return known;
    const byName = new Map<string, FieldNode[]>();
    const spread = new Set<string>();
    const visit = (selections: FieldNode['selectionSet']): void => {
      for (const selection of selections?.selections ?? []) {
        if (selection.kind === Kind.FIELD) {
          byName.set(selection.name.value, [...(byName.get(selection.name.value) ?? []), selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          visit(selection.selectionSet);
        } else if (!spread.has(selection.name.value)) {
          spread.add(selection.name.value);
          visit(this.fragments[selection.name.value]?.selectionSet);
        }
      }
    };
    for (const node of this.nodes) visit(node.selectionSet);
    childrenCache.set(this.nodes, byName);
    return byName;
  }

  /**
   * A value computed from this selection, computed once per selection and key: every item of a list shares
   * the selection, so per-item resolvers can derive options from it without redoing the work.
   */
  memo<T>(key: string, compute: () => T): T {
    let byKey = memoCache.get(this.nodes);
    if (!byKey) memoCache.set(this.nodes, (byKey = new Map<string, unknown>()));
    if (!byKey.has(key)) byKey.set(key, compute());
    return byKey.get(key) as T;
  }

  /** Names of the fields selected on the value. */
  fields(): ReadonlySet<string> {
    const known = fieldsCache.get(this.nodes);
    if (known) return known;
    const fields = new Set(this.children().keys());
    fieldsCache.set(this.nodes, fields);
    return fields;
  }

  /**
   * The selection of field `name` of type `typeName` on the value, with its argument values. Null when the
   * field is not selected, or is selected under several aliases (which may differ in arguments).
   */
  field(typeName: string, name: string): { args: Record<string, unknown>; lookahead: Lookahead } | null {
    const nodes = this.children().get(name);
    if (!nodes?.length) return null;
    const responseKey = (node: FieldNode) => node.alias?.value ?? node.name.value;
    if (nodes.some((node) => responseKey(node) !== responseKey(nodes[0]!))) return null;
    const type = this.schema.getType(typeName);
    const definition = isObjectType(type) ? type.getFields()[name] : undefined;
    if (!definition) return null;
    return {
      args: getArgumentValues(definition, nodes[0]!, this.variables),
      lookahead: new Lookahead(nodes, this.schema, this.fragments, this.variables),
    };
  }
}
