/** The floor: each operation as one hand-written Cypher query through neo4j-driver, behind node:http. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import neo4j from 'neo4j-driver';

import { DRIVER_CYPHER, type OperationName } from '../operations.js';
import { announce, benchDriver, neo4jConnection } from './common.js';

const driver = benchDriver();
const database = neo4jConnection().database;
let roundTrips = 0;

const server = createServer((req, res) => {
  const op = (req.url ?? '').replace(/^\/op\//, '') as OperationName;
  const spec = DRIVER_CYPHER[op];
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      if (!spec) {
        res.writeHead(404).end();
        return;
      }
      const params = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      // JSON numbers are floats to Cypher; LIMIT and grades need integers.
      for (const [k, v] of Object.entries(params))
        if (Number.isInteger(v)) params[k] = neo4j.int(v as number);
      const session = driver.session({ database, defaultAccessMode: spec.write ? 'WRITE' : 'READ' });
      try {
        const work = async (tx: import('neo4j-driver').ManagedTransaction) => {
          roundTrips++;
          return (await tx.run(spec.cypher, params)).records.map((r) => r.toObject());
        };
        const rows = spec.write ? await session.executeWrite(work) : await session.executeRead(work);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: rows }));
      } catch (error) {
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify({ errors: [String(error)] }));
      } finally {
        await session.close();
      }
    })();
  });
});
server.listen(0, '127.0.0.1', () => {
  announce(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, () => roundTrips);
});
