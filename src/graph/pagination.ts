import type { GraphDatabase } from './database.js';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Page<T> {
  items: { cursor: string; node: T }[];
  totalCount: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

export class CursorError extends Error {
  constructor(readonly argument: string) {
    super(`${argument} is not a cursor this API issued`);
    this.name = 'CursorError';
  }
}

export function encodeCursor(key: unknown, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

function decodeCursor(cursor: string | null | undefined, argument: string): [unknown, string] | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && typeof value[1] === 'string')
      return value as [unknown, string];
  } catch {
    // fall through to the error below
  }
  throw new CursorError(argument);
}

/**
 * Runs a connection query built on PAGE_TAIL. `first/after` pages forward; `last/before` pages backward
 * (the rows are reversed back into ascending order). Page size is validated by the API before this.
 */
export async function fetchPage<T>(
  db: GraphDatabase,
  cypher: string,
  filters: Record<string, unknown>,
  args: PageArgs,
  defaultSize: number,
  map: (properties: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const backward =
    (args.last !== null && args.last !== undefined) || (args.before !== null && args.before !== undefined);
  const limit = (backward ? args.last : args.first) ?? defaultSize;
  const after = decodeCursor(args.after, 'after');
  const before = decodeCursor(args.before, 'before');
  const [row] = await db.query<{
    total: number;
    page: { n: Record<string, unknown>; k: unknown }[];
    more: boolean;
  }>(cypher, { ...filters, after, before, backward, limit });
  const page = backward ? [...row.page].reverse() : row.page;
  return {
    items: page.map(({ n, k }) => ({ cursor: encodeCursor(k, n.id as string), node: map(n) })),
    totalCount: row.total,
    hasNextPage: backward ? before !== null : row.more,
    hasPreviousPage: backward ? row.more : after !== null,
  };
}
