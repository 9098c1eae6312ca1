import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { openStore, type Store, type StoreOptions } from '../../src/store/index.js';
import { createDatabase } from '../helpers/postgres.js';

export interface Backend {
  name: 'memory' | 'sqlite' | 'postgres';
  /** A fresh, empty store of this kind (its own file or database). */
  open(now?: () => number): Promise<{ store: Store; options: StoreOptions; cleanup(): Promise<void> }>;
}

/** The three backends every store test runs against; PostgreSQL only when the run started one. */
export function backends(): Backend[] {
  const pgUrl = inject('postgresUrl');
  const list: Backend[] = [
    {
      name: 'memory',
      open: async (now) => {
        const options: StoreOptions = { type: 'memory', now };
        return { store: await openStore(options), options, cleanup: async () => {} };
      },
    },
    {
      name: 'sqlite',
      open: async (now) => {
        const dir = mkdtempSync(join(tmpdir(), 'tk-sqlite-'));
        const options: StoreOptions = { type: 'sqlite', path: join(dir, 'gateway.db'), now };
        const store = await openStore(options);
        return { store, options, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    },
  ];
  if (pgUrl)
    list.push({
      name: 'postgres',
      open: async (now) => {
        const options: StoreOptions = { type: 'postgresql', url: await createDatabase(pgUrl), now };
        return { store: await openStore(options), options, cleanup: async () => {} };
      },
    });
  return list;
}
