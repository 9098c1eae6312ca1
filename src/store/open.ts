import { nodeBuiltin } from '../core/node-builtins.js';
import { MemoryStore } from './memory/memory-store.js';
import type { Store } from './store.js';

/** Where the store lives: the config's `database` section, in camelCase terms. */
export interface StoreOptions {
  type: 'sqlite' | 'postgresql' | 'memory';
  /** SQLite file (`~` expands); default `~/.tokligence/gateway.db`. */
  path?: string;
  url?: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  poolSize?: number;
  replicas?: string[];
  /** Clock (tests). */
  now?: () => number;
  /** PostgreSQL: a query or a connection attempt slower than this fails (ms); the connection is dropped. */
  timeoutMs?: number;
}

export const DEFAULT_DB_PATH = '~/.tokligence/gateway.db';

/** `~/x` → the home directory's x; relative paths from the working directory. */
export function expandPath(path: string): string {
  // Node's path and os through getBuiltinModule: files are Node's, and the core stays importable anywhere.
  const { join, resolve } = nodeBuiltin('path')!;
  const { homedir } = nodeBuiltin('os')!;
  return resolve(path === '~' ? homedir() : path.startsWith('~/') ? join(homedir(), path.slice(2)) : path);
}

/**
 * Open the configured store and migrate it. The SQL drivers are imported here, only when asked
 * for, so an app that never turns a store on never loads (or needs) better-sqlite3 or pg.
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  const now = options.now ?? Date.now;
  if (options.type === 'memory') return new MemoryStore(now);
  const { SqlStore } = await import('./sql/sql-store.js');
  if (options.type === 'sqlite') {
    const { openSqlite } = await import('./sql/sqlite.js');
    const { sqliteOpenError } = await import('./sql/sqlite-errors.js');
    const path = options.path === ':memory:' ? ':memory:' : expandPath(options.path ?? DEFAULT_DB_PATH);
    const driver = await openSqlite(path);
    try {
      return await SqlStore.open(driver, now);
    } catch (err) {
      // A header that reads but pages that do not (a truncated file) fail in the migrations.
      throw typeof (err as { code?: unknown })?.code === 'string' ? sqliteOpenError(path, err) : err;
    }
  }
  const { openPostgres } = await import('./sql/postgres.js');
  return SqlStore.open(
    await openPostgres({
      url: options.url,
      host: options.host,
      port: options.port,
      user: options.user,
      password: options.password,
      database: options.database,
      poolSize: options.poolSize,
      replicas: options.replicas,
      connectTimeoutMs: options.timeoutMs,
      queryTimeoutMs: options.timeoutMs,
    }),
    now,
  );
}

/** Where a store is, for messages and `/readyz` (never a password). */
export function describeStore(options: StoreOptions): string {
  if (options.type === 'memory') return 'memory';
  if (options.type === 'sqlite') return `SQLite ${options.path === ':memory:' ? ':memory:' : expandPath(options.path ?? DEFAULT_DB_PATH)}`;
  if (options.url)
    try {
      const u = new URL(options.url);
      return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
    } catch {
      return 'PostgreSQL (database.url)';
    }
  return `PostgreSQL ${options.host ?? process.env.PGHOST ?? 'localhost'}:${options.port ?? process.env.PGPORT ?? 5432}${options.database ? `/${options.database}` : ''}`;
}
