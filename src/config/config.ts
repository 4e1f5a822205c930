import 'reflect-metadata';
import { plainToConfig } from './parse.js';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

/**
 * Memory for the embedded Neo4j, sized for the 2-core, 24 GiB machines orgraph is developed and tested on.
 * This is the one place these figures live; ORGRAPH_NEO4J_HEAP / ORGRAPH_NEO4J_PAGECACHE override them.
 * Heap 2 GiB and page cache 2 GiB hold the handbook and generated organisations of 10,000 roles and
 * 100,000 people in memory while leaving most of the machine to Node, the browser tests and benchmarks.
 */
export const EMBEDDED_NEO4J_MEMORY = {
  heap: '2g',
  pageCache: '2g',
  transactionMemory: '2g',
} as const;

/**
 * Process configuration, read from environment variables and validated at start.
 * Property names are the variable names, so a validation error names the variable a user must fix.
 */
export class EnvironmentConfig {
  /** Empty: orgraph starts its own local Neo4j. Set: that server is used and nothing is started. */
  @ValidateIf((config: EnvironmentConfig) => config.NEO4J_URI !== '')
  @Matches(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/, {
    message: 'NEO4J_URI must be a bolt://, bolt+s://, neo4j:// or neo4j+s:// URI',
  })
  NEO4J_URI = '';

  @IsString()
  @MinLength(1)
  NEO4J_USERNAME = 'neo4j';

  @IsString()
  NEO4J_PASSWORD = 'orgraph-local';

  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9.-]*$/, {
    message: 'NEO4J_DATABASE must be a database name (letters, digits, . and -)',
  })
  NEO4J_DATABASE = 'neo4j';

  @IsInt({ message: 'PORT must be an integer' })
  @Min(0)
  @Max(65535)
  PORT = 4000;

  @IsString()
  @MinLength(1)
  HOST = '127.0.0.1';

  @IsIn(['development', 'production', 'test'], {
    message: 'NODE_ENV must be development, production or test',
  })
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** Where `npm start` keeps its persistent local Neo4j store and state (git-ignored). */
  @IsString()
  @MinLength(1)
  ORGRAPH_HOME = '.orgraph';

  @IsInt({ message: 'ORGRAPH_NEO4J_PORT must be an integer' })
  @Min(1)
  @Max(65535)
  ORGRAPH_NEO4J_PORT = 7687;

  @Matches(/^\d+[kmg]$/i, { message: 'ORGRAPH_NEO4J_HEAP must be a size such as 2g or 512m' })
  ORGRAPH_NEO4J_HEAP: string = EMBEDDED_NEO4J_MEMORY.heap;

  @Matches(/^\d+[kmg]$/i, { message: 'ORGRAPH_NEO4J_PAGECACHE must be a size such as 2g or 512m' })
  ORGRAPH_NEO4J_PAGECACHE: string = EMBEDDED_NEO4J_MEMORY.pageCache;

  /** Load the sample handbook into an empty database at start-up. */
  @IsBoolean({ message: 'ORGRAPH_LOAD_SAMPLE must be true or false' })
  ORGRAPH_LOAD_SAMPLE = true;

  /** Start-up connectivity check: attempts before giving up, with exponential backoff. */
  @IsInt({ message: 'ORGRAPH_CONNECT_RETRIES must be an integer' })
  @Min(1)
  @Max(100)
  ORGRAPH_CONNECT_RETRIES = 5;

  /** API keys as comma-separated "name:key:role" (role viewer, editor or admin). */
  @IsString()
  ORGRAPH_API_KEYS = '';

  /** HMAC secret for HS256 JWTs (at least 32 characters); or use ORGRAPH_JWT_PUBLIC_KEY for RS256/ES256. */
  @IsString()
  ORGRAPH_JWT_SECRET = '';

  /** PEM public key (SPKI) for RS256 or ES256 JWTs; `\n` escapes allowed. */
  @IsString()
  ORGRAPH_JWT_PUBLIC_KEY = '';

  @IsString()
  @MinLength(1)
  ORGRAPH_JWT_AUDIENCE = 'orgraph';

  @IsString()
  ORGRAPH_JWT_ISSUER = '';

  /** The JWT claim holding viewer, editor or admin. */
  @IsString()
  @MinLength(1)
  ORGRAPH_JWT_ROLE_CLAIM = 'role';

  /** Reads need at least a viewer token when true (they are open by default). */
  @IsBoolean({ message: 'ORGRAPH_READS_REQUIRE_AUTH must be true or false' })
  ORGRAPH_READS_REQUIRE_AUTH = false;

  /** Query limits; defaults no looser than graphql-armor's. */
  @IsInt({ message: 'ORGRAPH_MAX_DEPTH must be an integer' })
  @Min(1)
  @Max(50)
  ORGRAPH_MAX_DEPTH = 6;

  /** Extra depth allowed under the path queries (careerPath, careerPaths, nextRoles, orgChart, ...). */
  @IsInt({ message: 'ORGRAPH_PATH_DEPTH_ALLOWANCE must be an integer' })
  @Min(0)
  @Max(10)
  ORGRAPH_PATH_DEPTH_ALLOWANCE = 3;

  @IsInt({ message: 'ORGRAPH_MAX_COST must be an integer' })
  @Min(1)
  ORGRAPH_MAX_COST = 5000;

  @IsInt({ message: 'ORGRAPH_MAX_ALIASES must be an integer' })
  @Min(0)
  ORGRAPH_MAX_ALIASES = 15;

  @IsInt({ message: 'ORGRAPH_MAX_TOKENS must be an integer' })
  @Min(10)
  ORGRAPH_MAX_TOKENS = 1000;

  @IsInt({ message: 'ORGRAPH_MAX_DOCUMENT_BYTES must be an integer' })
  @Min(100)
  ORGRAPH_MAX_DOCUMENT_BYTES = 20_000;

  /** Request body limit (larger for importDocuments). */
  @IsInt({ message: 'ORGRAPH_MAX_BODY_BYTES must be an integer' })
  @Min(1000)
  ORGRAPH_MAX_BODY_BYTES = 5_000_000;

  @IsInt({ message: 'ORGRAPH_REQUEST_TIMEOUT_MS must be an integer' })
  @Min(100)
  ORGRAPH_REQUEST_TIMEOUT_MS = 15_000;

  /** On SIGTERM, keep serving this long (readiness 503) before draining, so balancers stop routing here. */
  @IsInt({ message: 'ORGRAPH_SHUTDOWN_GRACE_MS must be an integer' })
  @Min(0)
  @Max(60_000)
  ORGRAPH_SHUTDOWN_GRACE_MS = 1_000;

  /** Sustained /graphql requests per second per client (principal, else address); 0 turns limiting off. */
  @IsInt({ message: 'ORGRAPH_RATE_LIMIT must be an integer' })
  @Min(0)
  ORGRAPH_RATE_LIMIT = 50;

  /** Requests a client may send at once before ORGRAPH_RATE_LIMIT applies. */
  @IsInt({ message: 'ORGRAPH_RATE_LIMIT_BURST must be an integer' })
  @Min(1)
  ORGRAPH_RATE_LIMIT_BURST = 100;

  /** Introspection and field suggestions; default on unless NODE_ENV=production. */
  @IsIn(['', 'true', 'false'], { message: 'ORGRAPH_INTROSPECTION must be true or false' })
  ORGRAPH_INTROSPECTION = '';

  /** The GraphiQL playground at / and /playground; default on unless NODE_ENV=production. */
  @IsIn(['', 'true', 'false'], { message: 'ORGRAPH_PLAYGROUND must be true or false' })
  ORGRAPH_PLAYGROUND = '';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL = 'info';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; throws ConfigError naming each bad variable and its rule. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): EnvironmentConfig {
  const config = plainToConfig(EnvironmentConfig, env);
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.flatMap((error) =>
        Object.values(error.constraints ?? {}).map(
          (message) => `${error.property}=${JSON.stringify(env[error.property] ?? '')}: ${message}`,
        ),
      ),
    );
  }
  return config;
}

/** True when the user points orgraph at a Neo4j of their own, so nothing local is started. */
export function usesExternalNeo4j(config: EnvironmentConfig): boolean {
  return config.NEO4J_URI !== '';
}

/** On/off settings that default to "on outside production". */
export function enabledOutsideProduction(
  config: EnvironmentConfig,
  value: '' | 'true' | 'false' | string,
): boolean {
  return value === '' ? config.NODE_ENV !== 'production' : value === 'true';
}
