import { GraphQLError } from 'graphql';

/** A client mistake in one argument or input field: code BAD_USER_INPUT, naming the field. */
export function userError(field: string, problem: string): GraphQLError {
  return new GraphQLError(`${field} ${problem}`, { extensions: { code: 'BAD_USER_INPUT', field } });
}

export function notFound(what: string, id: string): GraphQLError {
  return new GraphQLError(`no ${what} with id ${JSON.stringify(id)}`, {
    extensions: { code: 'NOT_FOUND', id },
  });
}
