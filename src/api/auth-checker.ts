import { GraphQLError } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import { ACCESS_ROLES, type AccessRole, type ApiContext } from './context.js';

function rank(role: AccessRole): number {
  return ACCESS_ROLES.indexOf(role);
}

/**
 * `@Authorized('editor')`: the caller needs that role or a higher one (viewer < editor < admin).
 * Without valid credentials the error is UNAUTHENTICATED; with too low a role, FORBIDDEN.
 */
export const authChecker: AuthChecker<ApiContext> = ({ context }, roles) => {
  const needed = (roles as AccessRole[]).reduce<AccessRole>(
    (max, r) => (rank(r) > rank(max) ? r : max),
    'viewer',
  );
  if (!context.principal) {
    throw new GraphQLError(context.authError ?? `this needs the ${needed} role: send a bearer token`, {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  }
  if (rank(context.principal.role) < rank(needed)) {
    throw new GraphQLError(`this needs the ${needed} role; the token has ${context.principal.role}`, {
      extensions: { code: 'FORBIDDEN', http: { status: 403 } },
    });
  }
  return true;
};
