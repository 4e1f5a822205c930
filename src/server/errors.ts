import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isRetryableError, Neo4jError } from 'neo4j-driver';
import { ArgumentValidationError } from 'type-graphql';
import { isUnavailable } from '../graph/database.js';
import { MutationError } from '../graph/mutations.js';
import { CursorError } from '../graph/pagination.js';
import type { ValidationError } from 'class-validator';

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * The Neo4j error behind an error, also when wrapped (`new Error(..., { cause })`); null for an outage
 * (that is SERVICE_UNAVAILABLE, whatever its code) or when no Neo4j error is there.
 */
function neo4jCause(error: unknown): Neo4jError | null {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (isUnavailable(e)) return null;
    if (e instanceof Neo4jError) return e;
  }
  return null;
}

/**
 * A Neo4j transient error (deadlock, lock wait cut short, terminated transaction) that outlasted
 * GraphDatabase's retries: nothing was written, and the same request can simply be sent again.
 */
export function isTransientConflict(error: unknown): boolean {
  const cause = neo4jCause(error);
  return cause !== null && (isRetryableError(cause) || cause.code.startsWith('Neo.TransientError.'));
}

/**
 * Neo4j cancelled the transaction because it outran its timeout (GraphDatabase's read/write timeouts). One
 * cancelled while it waited for a lock reports LockClientStopped instead (also what an operator's
 * TERMINATE TRANSACTION gives; both mean it was stopped and rolled back).
 */
export function isTimedOut(error: unknown): boolean {
  const code = neo4jCause(error)?.code ?? '';
  return (
    code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') ||
    code === 'Neo.ClientError.Transaction.LockClientStopped'
  );
}

/**
 * Gives every error a stable code and hides internals in production: class-validator failures become
 * BAD_USER_INPUT naming each field, an unreachable Neo4j becomes SERVICE_UNAVAILABLE, a transaction that
 * outran its timeout becomes TIMEOUT, a transient conflict becomes TRANSIENT_CONFLICT with `retryable: true`, and anything unexpected is INTERNAL_SERVER_ERROR
 * without a stack trace or a driver message.
 */
export function createErrorFormatter(production: boolean, log: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof ArgumentValidationError) {
      const problems = flatten(original.extensions.validationErrors as ValidationError[]);
      return {
        message: `invalid input: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'BAD_USER_INPUT', fields: problems },
      };
    }
    if (original instanceof MutationError) {
      return {
        ...formatted,
        message: original.message,
        extensions: { code: original.code, field: original.field },
      };
    }
    if (original instanceof CursorError) {
      return {
        ...formatted,
        message: original.message,
        extensions: { code: 'BAD_USER_INPUT', field: original.argument },
      };
    }
    if (isUnavailable(original)) {
      return {
        message: 'the graph database is unavailable; try again shortly',
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    }
    if (isTimedOut(original)) {
      return {
        message:
          'the operation did not finish within the time limit and was cancelled; nothing was written by it',
        path: formatted.path,
        extensions: { code: 'TIMEOUT' },
      };
    }
    if (isTransientConflict(original)) {
      return {
        message:
          'the write conflicted with concurrent writes to the same data and was not applied; it can be retried',
        path: formatted.path,
        extensions: { code: 'TRANSIENT_CONFLICT', retryable: true },
      };
    }
    if (original instanceof GraphQLError || formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') {
      return production ? { ...formatted, extensions: { code: formatted.extensions?.code } } : formatted;
    }
    log(original);
    return production
      ? { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } }
      : formatted;
  };
}
