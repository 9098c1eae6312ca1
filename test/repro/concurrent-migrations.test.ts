/**
 * Repro (concurrent-migrations): two gateway instances starting at once on a new PostgreSQL
 * database. `CREATE TABLE IF NOT EXISTS schema_migrations` ran before the advisory lock, and two
 * sessions running it at once can both try to create the table: one failed with "duplicate key
 * value violates unique constraint pg_type_typname_nsp_index" and its `serve` exited (the
 * multi-instance test failed about one run in three). The table is now created under the lock.
 */
import { describe, expect, inject, it } from 'vitest';
import { openPostgres } from '../../src/store/sql/postgres.js';
import { LATEST_VERSION, migrate } from '../../src/store/sql/migrations.js';
import { createDatabase } from '../helpers/postgres.js';

const pgUrl = inject('postgresUrl');

describe.skipIf(!pgUrl)('repro: concurrent-migrations', () => {
  it('four instances migrating one new database at once all succeed, ten databases in a row', async () => {
    for (let round = 0; round < 10; round++) {
      const url = await createDatabase(pgUrl as string);
      const drivers = await Promise.all([1, 2, 3, 4].map(() => openPostgres({ url, poolSize: 2 })));
      try {
        const results = await Promise.allSettled(drivers.map((d) => migrate(d)));
        expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([LATEST_VERSION, LATEST_VERSION, LATEST_VERSION, LATEST_VERSION]);
      } finally {
        await Promise.all(drivers.map((d) => d.close()));
      }
    }
  }, 60_000);
});
