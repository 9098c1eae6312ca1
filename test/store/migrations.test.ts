import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { LATEST_VERSION } from '../../src/store/sql/migrations.js';

describe('migrations', () => {
  it('run on first open, are recorded, and a second open is a no-op', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tk-mig-')), 'g.db');
    await (await openStore({ type: 'sqlite', path })).close();
    const store = await openStore({ type: 'sqlite', path });
    await store.users.create({ name: 'x' });
    await store.close();
    const db = new Database(path);
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => ({ version: i + 1 })));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuse a database whose schema is newer than the code, saying what to do', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tk-mig-')), 'g.db');
    await (await openStore({ type: 'sqlite', path })).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(LATEST_VERSION + 5, 'future', 0);
    db.close();
    await expect(openStore({ type: 'sqlite', path })).rejects.toThrow(
      new RegExp(`schema is at version ${LATEST_VERSION + 5}, newer than this Tokligence knows \\(${LATEST_VERSION}\\): upgrade tokligence`),
    );
  });

  it('name the setting when PostgreSQL cannot be reached', async () => {
    await expect(openStore({ type: 'postgresql', host: '127.0.0.1', port: 1, user: 'x', database: 'x' })).rejects.toThrow(
      /cannot connect to PostgreSQL at 127\.0\.0\.1:1 \(database\.host \/ port \/ url\)/,
    );
  });
});
