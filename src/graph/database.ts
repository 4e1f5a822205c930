import neo4j, {
  type Driver,
  type ManagedTransaction,
  type QueryResult,
  type RecordShape,
  Neo4jError,
  isRetryableError,
} from 'neo4j-driver';
import { setTimeout as sleep } from 'node:timers/promises';

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
/** Pool size of the driver; exported for the metrics. */
export const MAX_CONNECTION_POOL_SIZE = 100;
/** How often a database marked unavailable is probed, so the API recovers by itself once Neo4j is back. */
const PROBE_INTERVAL_MS = 250;
/** Transient errors (deadlocks, leader switches) are retried by us for at most this long. */
const TRANSIENT_RETRY_MS = 5_000;

export class GraphDatabase {
  private current: Driver;
  private roundTrips = 0;
  private sessionsInUse = 0;
  /** Set while Neo4j is known to be unreachable: calls fail at once instead of queueing behind retries. */
  private unavailable: DatabaseUnavailableError | null = null;
  private probe: NodeJS.Timeout | undefined;
  private closed = false;

  /** Reads that run longer are cancelled by Neo4j, so one runaway query cannot hold a request forever. */
  readonly readTimeoutMs: number;
  /**
   * Writes (other than bulkWrite) that run longer, lock waits included, are rolled back by Neo4j: a write
   * stuck behind another transaction's locks fails within a bounded time instead of holding its request.
   */
  readonly writeTimeoutMs: number;

  constructor(
    readonly connection: GraphConnection,
    options: { readTimeoutMs?: number; writeTimeoutMs?: number } = {},
  ) {
    this.readTimeoutMs = options.readTimeoutMs ?? 15_000;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 15_000;
    this.current = this.createDriver();
  }

  /** The driver in use; replaced by a fresh one when Neo4j comes back after an outage. */
  get driver(): Driver {
    return this.current;
  }

  private createDriver(): Driver {
    const { uri, username, password } = this.connection;
    return neo4j.driver(uri, neo4j.auth.basic(username, password), {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: MAX_CONNECTION_POOL_SIZE,
      connectionAcquisitionTimeout: 5_000,
      connectionTimeout: 3_000,
      // The driver's own retry waits about a second before its first retry, even when Neo4j is gone;
      // withSession retries transient errors itself and fails unreachable-database errors fast instead.
      maxTransactionRetryTime: 0,
      userAgent: 'orgraph',
    });
  }

  /** Sessions open right now (each holds at most one pooled connection); for the metrics. */
  get activeSessions(): number {
    return this.sessionsInUse;
  }

  /** False from the first unreachable-database error until a background probe gets an answer again. */
  get available(): boolean {
    return this.unavailable === null;
  }

  /** Why Neo4j is considered unavailable (null while it is available). */
  get unavailableError(): DatabaseUnavailableError | null {
    return this.unavailable;
  }

  /** Number of queries sent so far (each `run` inside a transaction is one round-trip). */
  get roundTripCount(): number {
    return this.roundTrips;
  }

  async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.withSession('READ', (session) =>
      session.executeRead((tx) => work(this.counting(tx)), { timeout: this.readTimeoutMs }),
    );
  }

  /** A write transaction of a request (a mutation): bounded by writeTimeoutMs. */
  async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.writeTransaction(work, { timeout: this.writeTimeoutMs });
  }

  /**
   * A write transaction whose size the data decides (an import, a generated load, a migration's record):
   * all or nothing, and not cut short by writeTimeoutMs.
   */
  async bulkWrite<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.writeTransaction(work);
  }

  private writeTransaction<T>(
    work: (tx: ManagedTransaction) => Promise<T>,
    config?: { timeout: number },
  ): Promise<T> {
    return this.withSession('WRITE', (session) =>
      session.executeWrite((tx) => work(this.counting(tx)), config),
    );
  }

  /**
   * One read query; returns plain objects keyed by the RETURN names. It runs as an auto-commit transaction:
   * one statement is atomic on its own, and this saves the BEGIN/COMMIT exchange an explicit transaction
   * costs (one network round-trip of two). Transient failures are retried like transaction functions.
   */
  async query<R extends RecordShape = RecordShape>(
    cypher: string,
    params: Record<string, unknown> = {},
  ): Promise<R[]> {
    return this.autoCommit<R>('READ', cypher, params, { timeout: this.readTimeoutMs });
  }

  /**
   * One write statement as its own auto-commit transaction: Neo4j commits as soon as the statement is done,
   * so the locks it takes are not held across a further network exchange for a COMMIT. For single-statement
   * writes only; several statements that must succeed together go through write().
   */
  async writeOnce<R extends RecordShape = RecordShape>(
    cypher: string,
    params: Record<string, unknown> = {},
  ): Promise<R[]> {
    return this.autoCommit<R>('WRITE', cypher, params, { timeout: this.writeTimeoutMs });
  }

  /** One statement as its own (auto-commit) transaction, counted as one round-trip. */
  private autoCommit<R extends RecordShape>(
    mode: 'READ' | 'WRITE',
    cypher: string,
    params: Record<string, unknown>,
    config?: { timeout: number },
  ): Promise<R[]> {
    return this.withSession(mode, async (session) => {
      this.roundTrips++;
      const result = await quietly(() => session.run<R>(cypher, params, config));
      return result.records.map((record) => record.toObject());
    });
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

  /** For /ready: a real query round-trip, bounded in time. Also updates the availability state. */
  async ping(timeoutMs = 2_000): Promise<void> {
    const session = this.driver.session({ database: this.connection.database, defaultAccessMode: 'READ' });
    try {
      await session.executeRead((tx) => tx.run('RETURN 1 AS ok'), { timeout: timeoutMs });
      this.unavailable = null;
    } catch (error) {
      const unavailable = new DatabaseUnavailableError(this.connection.uri, error);
      this.markUnavailable(unavailable);
      throw unavailable;
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.probe);
    await this.driver.close();
  }

  private markUnavailable(error: DatabaseUnavailableError): void {
    const wasAvailable = this.unavailable === null;
    this.unavailable = error;
    if (wasAvailable && !this.closed) this.scheduleProbe();
  }

  private scheduleProbe(): void {
    this.probe = setTimeout(() => void this.probeOnce(), PROBE_INTERVAL_MS);
    this.probe.unref();
  }

  /**
   * Probes with a fresh driver and, once Neo4j answers, swaps it in: the old pool may hold dozens of
   * connections to the Neo4j that died, and each would fail one more request before being dropped.
   */
  private async probeOnce(): Promise<void> {
    const fresh = this.createDriver();
    try {
      const session = fresh.session({ database: this.connection.database, defaultAccessMode: 'READ' });
      try {
        await session.executeRead((tx) => tx.run('RETURN 1 AS ok'), { timeout: 1_000 });
      } finally {
        await session.close();
      }
    } catch {
      await fresh.close().catch(() => undefined);
      if (!this.closed && this.unavailable) this.scheduleProbe();
      return;
    }
    if (this.closed) {
      await fresh.close();
      return;
    }
    const old = this.current;
    this.current = fresh;
    this.unavailable = null;
    void old.close().catch(() => undefined);
  }

  private async withSession<T>(
    mode: 'READ' | 'WRITE',
    work: (session: ReturnType<Driver['session']>) => Promise<T>,
  ): Promise<T> {
    if (this.unavailable) throw this.unavailable;
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const session = this.driver.session({ database: this.connection.database, defaultAccessMode: mode });
      this.sessionsInUse++;
      try {
        return await work(session);
      } catch (error) {
        if (isUnavailable(error)) {
          // One immediate retry covers a pooled connection that went stale while Neo4j restarted.
          if (attempt === 1 && !(error instanceof DatabaseUnavailableError) && this.available) continue;
          const unavailable =
            error instanceof DatabaseUnavailableError
              ? error
              : new DatabaseUnavailableError(this.connection.uri, error);
          this.markUnavailable(unavailable);
          throw unavailable;
        }
        if (isRetryableError(error) && Date.now() - started < TRANSIENT_RETRY_MS) {
          await sleep(Math.min(1_000, 25 * 2 ** attempt) * (0.5 + Math.random()));
          continue;
        }
        throw error;
      } finally {
        this.sessionsInUse--;
        await session.close();
      }
    }
  }

  private counting(tx: ManagedTransaction): ManagedTransaction {
    const run = tx.run.bind(tx);
    const counted = Object.create(tx) as ManagedTransaction;
    counted.run = ((...args: Parameters<typeof run>) => {
      this.roundTrips++;
      return quietly(() => run(...args));
    }) as typeof tx.run;
    return counted;
  }
}

/**
 * Runs a driver call without the stack trace neo4j-driver captures and formats for every query (6 to 7% of
 * the API's CPU time under load, profiled). That stack only names the driver's caller, our own query function; a
 * failed query still reports Neo4j's code and message, and our errors name the operation.
 */
function quietly<T>(call: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return call();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export type { ManagedTransaction, QueryResult };
