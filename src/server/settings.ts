import { enabledOutsideProduction, type EnvironmentConfig } from '../config/config.js';
import { loadAuthSettings, type AuthSettings } from './auth.js';
import type { QueryLimits } from './limits.js';
import type { RateLimitSettings } from './rate-limit.js';

/** Everything the HTTP layer needs, derived once from the validated configuration. */
export interface ServerSettings {
  production: boolean;
  introspection: boolean;
  playground: boolean;
  readsRequireAuth: boolean;
  auth: AuthSettings;
  limits: QueryLimits;
  maxBodyBytes: number;
  requestTimeoutMs: number;
  rateLimit: RateLimitSettings;
}

export async function serverSettings(config: EnvironmentConfig): Promise<ServerSettings> {
  return {
    production: config.NODE_ENV === 'production',
    introspection: enabledOutsideProduction(config, config.ORGRAPH_INTROSPECTION),
    playground: enabledOutsideProduction(config, config.ORGRAPH_PLAYGROUND),
    readsRequireAuth: config.ORGRAPH_READS_REQUIRE_AUTH,
    auth: await loadAuthSettings(config),
    limits: {
      maxDepth: config.ORGRAPH_MAX_DEPTH,
      pathDepthAllowance: config.ORGRAPH_PATH_DEPTH_ALLOWANCE,
      maxCost: config.ORGRAPH_MAX_COST,
      maxAliases: config.ORGRAPH_MAX_ALIASES,
      maxTokens: config.ORGRAPH_MAX_TOKENS,
      maxDocumentBytes: config.ORGRAPH_MAX_DOCUMENT_BYTES,
    },
    maxBodyBytes: config.ORGRAPH_MAX_BODY_BYTES,
    requestTimeoutMs: config.ORGRAPH_REQUEST_TIMEOUT_MS,
    rateLimit: { perSecond: config.ORGRAPH_RATE_LIMIT, burst: config.ORGRAPH_RATE_LIMIT_BURST },
  };
}
