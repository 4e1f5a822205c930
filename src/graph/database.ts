import neo4j, {
  type Driver,
  type ManagedTransaction,
  type QueryResult,
  type RecordShape,
  Neo4jError,
} from 'neo4j-driver';

export interface GraphConnection {
  uri: string;
  username: string;
  password: string;
  database: string;
}

/** Neo4j could not be reached: the API maps this to SERVICE_UNAVAILABLE, the CLI to a clear message. */
export class DatabaseUnavailableError extends Error {
  constructor(
    readonly uri: string,
    cause: unknown,
  ) {
    super(`cannot reach Neo4j at ${uri}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'DatabaseUnavailableError';
  }
}

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

export function isUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (error instanceof Neo4jError) return UNAVAILABLE_CODES.has(error.code);
  return false;
}

/**
 * The one driver of a process, with explicit read and write transactions. Reads go through executeRead,
 * so a `neo4j://` routing URI sends them to a cluster's readers. Integers come back as JS numbers (our
 * values are counts, grades and orders, far below 2^53), so no `{low, high}` objects leak into the API.
 * Every transaction function call is counted as one round-trip so tests and benchmarks can measure N+1.
 */
export class GraphDatabase {
  readonly driver: Driver;
  private roundTrips = 0;

  constructor(readonly connection: GraphConnection) {
    this.driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.username, connection.password), {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: 100,
      connectionAcquisitionTimeout: 5_000,
      connectionTimeout: 3_000,
      maxTransactionRetryTime: 5_000,
      userAgent: 'orgraph',
    });
  }

  /** Number of queries sent so far (each `run` inside a transaction is one round-trip). */
  get roundTripCount(): number {
    return this.roundTrips;
  }

  async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.withSession('READ', (session) => session.executeRead((tx) => work(this.counting(tx))));
  }

  async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.withSession('WRITE', (session) => session.executeWrite((tx) => work(this.counting(tx))));
  }

  /** One read query; returns plain objects keyed by the RETURN names. */
  async query<R extends RecordShape = RecordShape>(
    cypher: string,
    params: Record<string, unknown> = {},
  ): Promise<R[]> {
    return this.read(async (tx) =>
      (await tx.run<R>(cypher, params)).records.map((record) => record.toObject()),
    );
  }

  /** Verifies Neo4j answers, retrying with exponential backoff (250 ms, 500 ms, ...). */
  async verify(attempts = 1, onRetry?: (attempt: number, error: unknown) => void): Promise<void> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await this.driver.verifyConnectivity({ database: this.connection.database });
        return;
      } catch (error) {
        lastError = error;
        if (attempt < attempts) {
          onRetry?.(attempt, error);
          await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** (attempt - 1)));
        }
      }
    }
    throw new DatabaseUnavailableError(this.connection.uri, lastError);
  }

  /** For /ready: a real query round-trip, bounded in time. */
  async ping(timeoutMs = 2_000): Promise<void> {
    const session = this.driver.session({ database: this.connection.database, defaultAccessMode: 'READ' });
    try {
      await session.executeRead((tx) => tx.run('RETURN 1 AS ok'), { timeout: timeoutMs });
    } catch (error) {
      throw new DatabaseUnavailableError(this.connection.uri, error);
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async withSession<T>(
    mode: 'READ' | 'WRITE',
    work: (session: ReturnType<Driver['session']>) => Promise<T>,
  ): Promise<T> {
    const session = this.driver.session({ database: this.connection.database, defaultAccessMode: mode });
    try {
      return await work(session);
    } catch (error) {
      if (isUnavailable(error) && !(error instanceof DatabaseUnavailableError)) {
        throw new DatabaseUnavailableError(this.connection.uri, error);
      }
      throw error;
    } finally {
      await session.close();
    }
  }

  private counting(tx: ManagedTransaction): ManagedTransaction {
    const run = tx.run.bind(tx);
    const counted = Object.create(tx) as ManagedTransaction;
    counted.run = ((...args: Parameters<typeof run>) => {
      this.roundTrips++;
      return run(...args);
    }) as typeof tx.run;
    return counted;
  }
}

export type { ManagedTransaction, QueryResult };
