/**
 * Repro: PostgreSQL shutting down while a transaction held a pooled connection between two
 * queries made the connection emit 'error' with no listener (the pool's idle listener is off
 * while a client is checked out): an uncaught exception, the end of the gateway process. Now the
 * transaction fails with the connection error and the process goes on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { hasPostgres, type PostgresProcess, startPostgres } from '../helpers/postgres.js';

let pg: PostgresProcess | undefined;
let store: Store | undefined;
afterEach(async () => {
  await store?.close().catch(() => {});
  await pg?.stop();
  store = pg = undefined;
});

describe.skipIf(!hasPostgres())('PostgreSQL shut down mid-transaction', () => {
  it('fails the transaction, not the process', { timeout: 60_000 }, async () => {
    pg = await startPostgres();
    store = await openStore({ type: 'postgresql', url: pg.url });
    const server = pg;
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const tx = store.transaction(async (s) => {
        await s.teams.list();
        // The server goes away while this transaction holds its connection, between queries.
        await server.halt();
        await new Promise((r) => setTimeout(r, 200));
        await s.teams.list();
      });
      await expect(tx).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 200));
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
