import { createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { importSPKI, jwtVerify, type CryptoKey, type JWTPayload } from 'jose';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ACCESS_ROLES, type AccessRole, type ApiContext, type Principal } from '../api/context.js';

export interface AuthSettings {
  /** "name:key:role" entries; the name is what audit records show, never the key. */
  apiKeys: { name: string; key: string; role: AccessRole }[];
  jwt: {
    key: CryptoKey | KeyObject;
    algorithms: string[];
    audience: string;
    issuer: string | undefined;
    roleClaim: string;
  } | null;
}

export class AuthConfigError extends Error {}

function isRole(value: unknown): value is AccessRole {
  return typeof value === 'string' && (ACCESS_ROLES as readonly string[]).includes(value);
}

/** Parses ORGRAPH_API_KEYS and the JWT settings; a bad entry names the variable. */
export async function loadAuthSettings(env: {
  ORGRAPH_API_KEYS: string;
  ORGRAPH_JWT_SECRET: string;
  ORGRAPH_JWT_PUBLIC_KEY: string;
  ORGRAPH_JWT_AUDIENCE: string;
  ORGRAPH_JWT_ISSUER: string;
  ORGRAPH_JWT_ROLE_CLAIM: string;
}): Promise<AuthSettings> {
  const apiKeys = env.ORGRAPH_API_KEYS.split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const [name, key, role] = entry.split(':');
      if (!name || !key || !isRole(role)) {
        throw new AuthConfigError(
          `ORGRAPH_API_KEYS entry ${i + 1} must be name:key:role with role viewer, editor or admin`,
        );
      }
      if (key.length < 16)
        throw new AuthConfigError(
          `ORGRAPH_API_KEYS entry ${i + 1} (${name}): a key needs at least 16 characters`,
        );
      return { name, key, role };
    });
  let jwt: AuthSettings['jwt'] = null;
  if (env.ORGRAPH_JWT_PUBLIC_KEY) {
    const pem = env.ORGRAPH_JWT_PUBLIC_KEY.replace(/\\n/g, '\n');
    const algorithm = pem.includes('EC') ? 'ES256' : 'RS256';
    jwt = {
      key: await importSPKI(pem, algorithm),
      algorithms: [algorithm],
      audience: env.ORGRAPH_JWT_AUDIENCE,
      issuer: env.ORGRAPH_JWT_ISSUER || undefined,
      roleClaim: env.ORGRAPH_JWT_ROLE_CLAIM,
    };
  } else if (env.ORGRAPH_JWT_SECRET) {
    if (env.ORGRAPH_JWT_SECRET.length < 32)
      throw new AuthConfigError('ORGRAPH_JWT_SECRET must have at least 32 characters');
    jwt = {
      key: createSecretKey(Buffer.from(env.ORGRAPH_JWT_SECRET)),
      algorithms: ['HS256', 'HS384', 'HS512'],
      audience: env.ORGRAPH_JWT_AUDIENCE,
      issuer: env.ORGRAPH_JWT_ISSUER || undefined,
      roleClaim: env.ORGRAPH_JWT_ROLE_CLAIM,
    };
  }
  return { apiKeys, jwt };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type Authentication = { principal: Principal | null; error: string | null };

/**
 * Resolves the Authorization header to a principal. A bearer value that is a configured API key wins;
 * otherwise it must be a JWT signed with the configured key (algorithm pinned, so `alg: none` and
 * algorithm swaps fail), for our audience, unexpired, with a known role claim.
 */
export async function authenticate(
  header: string | undefined,
  settings: AuthSettings,
): Promise<Authentication> {
  if (!header) return { principal: null, error: null };
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return { principal: null, error: 'the Authorization header must be "Bearer <token>"' };
  const token = match[1];
  const apiKey = settings.apiKeys.find((k) => sameSecret(k.key, token));
  if (apiKey) return { principal: { subject: apiKey.name, role: apiKey.role, via: 'api-key' }, error: null };
  if (!settings.jwt || token.split('.').length !== 3)
    return { principal: null, error: 'the bearer token is not valid' };
  try {
    const { payload } = await jwtVerify(token, settings.jwt.key, {
      algorithms: settings.jwt.algorithms,
      audience: settings.jwt.audience,
      issuer: settings.jwt.issuer,
    });
    const role = (payload as JWTPayload & Record<string, unknown>)[settings.jwt.roleClaim];
    if (!isRole(role))
      return {
        principal: null,
        error: `the token's ${settings.jwt.roleClaim} claim is not viewer, editor or admin`,
      };
    return { principal: { subject: payload.sub ?? 'unknown', role, via: 'jwt' }, error: null };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ERR_JWT_EXPIRED'
        ? 'the token has expired'
        : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED'
          ? `the token's ${(error as { claim?: string }).claim ?? ''} claim is not accepted`
          : 'the token signature or algorithm is not accepted';
    return { principal: null, error: reason };
  }
}

/**
 * With ORGRAPH_READS_REQUIRE_AUTH, queries need at least a viewer principal too (mutations always need
 * editor through @Authorized). Runs once per operation, before any resolver.
 */
export function readAccessPlugin(readsRequireAuth: boolean): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (!readsRequireAuth || operation?.operation !== 'query' || contextValue.principal) return;
          throw new GraphQLError(contextValue.authError ?? 'reads need a viewer token: send a bearer token', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          });
        },
      };
    },
  };
}
