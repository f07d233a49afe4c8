import pg from 'pg';

type AnyQuery = (...args: unknown[]) => unknown;

/** A call that wants a promise back: no callback anywhere, and not a submittable (a cursor, a stream). */
function promiseCall(args: unknown[]): boolean {
  const [config] = args;
  if (args.some((arg) => typeof arg === 'function')) return false;
  return !(typeof config === 'object' && config !== null && typeof (config as { submit?: unknown }).submit === 'function');
}

/**
 * A node-postgres client that sends one query at a time: a query asked for while another is running
 * waits for it here. pg 8 queues such a query itself but warns ("Calling client.query()
 * when the client is already executing a query is deprecated") and pg 9 refuses it.
 *
 * Who asks: Prisma's query interpreter loads the relations of an `include` with `Promise.all`, and in an
 * interactive transaction all of them go to the transaction's one connection (@prisma/adapter-pg
 * 7.10, PgTransaction.performIO; prisma/orm#29468, #29979). Outside a transaction each query takes its
 * own connection from the pool (pool.query, a callback call, passed through as it is).
 *
 * The order is the order of the calls, as pg's own queue kept it; a failed query does not stop the ones
 * behind it (each gets its own answer, as before). Calls with a callback and submittables go to pg as given.
 */
export class SerialClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const query = pg.Client.prototype.query.bind(this) as AnyQuery;
    let tail: Promise<unknown> = Promise.resolve();
    this.query = ((...args: unknown[]) => {
      if (!promiseCall(args)) return query(...args);
      const result = tail.then(() => query(...args));
      tail = result.catch(() => undefined);
      return result;
    }) as pg.Client['query'];
  }
}
