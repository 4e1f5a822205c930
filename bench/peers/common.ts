/**
 * What every bench peer process shares: it runs as a child of the bench runner with an IPC channel, says
 * where it listens, and answers `stats` requests with its Cypher round-trip count and peak resident memory
 * (so round-trips per request are measured in the peer itself, without an endpoint in the product).
 */
import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';

export interface PeerStats {
  roundTrips: number;
  maxRssMb: number;
}

export function neo4jConnection() {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('bench peer: NEO4J_URI is not set (the bench runner sets it)');
  return {
    uri,
    username: process.env.NEO4J_USERNAME ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? 'orgraph-local',
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
  };
}

/** A driver configured like orgraph's (same pool, plain JS integers). */
export function benchDriver(): Driver {
  const c = neo4jConnection();
  return neo4j.driver(c.uri, neo4j.auth.basic(c.username, c.password), {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 100,
    userAgent: 'orgraph-bench',
  });
}

/**
 * Counts every `tx.run` made inside executeRead/executeWrite of sessions of this driver (how @neo4j/graphql
 * runs its queries), the same definition of a round-trip as GraphDatabase.roundTripCount.
 */
export function countRoundTrips(driver: Driver): { count(): number } {
  let n = 0;
  const session = driver.session.bind(driver);
  driver.session = ((...args: Parameters<Driver['session']>) => {
    const s = session(...args) as Session;
    const wrap =
      (original: Session['executeRead']) =>
      <T>(work: (tx: ManagedTransaction) => Promise<T>, config?: Parameters<Session['executeRead']>[1]) =>
        original.call(
          s,
          (tx: ManagedTransaction) => {
            const run = tx.run.bind(tx);
            const counted = Object.create(tx) as ManagedTransaction;
            counted.run = ((...a: Parameters<typeof run>) => {
              n++;
              return run(...a);
            }) as typeof tx.run;
            return work(counted);
          },
          config,
        ) as Promise<T>;
    s.executeRead = wrap(s.executeRead);
    s.executeWrite = wrap(s.executeWrite);
    return s;
  }) as Driver['session'];
  return { count: () => n };
}

/** Tells the runner the URL, then answers its stats requests until it disconnects. */
export function announce(url: string, roundTrips: () => number): void {
  process.on('message', (message: unknown) => {
    if ((message as { type?: string }).type === 'stats') {
      const stats: PeerStats = {
        roundTrips: roundTrips(),
        maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      };
      process.send?.({ type: 'stats', stats });
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ type: 'ready', url });
}
