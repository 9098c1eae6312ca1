import type { PartHealth } from '../core/health.js';
import type { Store } from '../store/index.js';

/** Network errors that mean the database could not be reached or the connection was lost. */
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
/** Disk errors (SQLite's file, the OS under it). */
const DISK_CODES = new Set(['ENOSPC', 'EFBIG', 'EIO', 'EROFS', 'EDQUOT']);
/** SQLite result codes that mean the file cannot be used now (full, unreadable, locked, gone). */
const SQLITE_OUTAGE = /^SQLITE_(FULL|IOERR|CORRUPT|NOTADB|CANTOPEN|BUSY|LOCKED|READONLY|PROTOCOL|NOMEM|PERM)/;
/** PostgreSQL SQLSTATE classes: connection exception, insufficient resources (disk full, too many connections), operator intervention (shutdown), system error. */
const PG_OUTAGE = /^(08|53|57|58|XX)/;
/** What the pg driver says when a connection is gone or cannot be made. */
const PG_MESSAGES = /Connection terminated|connection error|timeout exceeded when trying to connect|Query read timeout|Client was closed|Cannot use a pool after calling end|The database connection is not open/i;

/**
 * Whether an error from the store means the store is unavailable (as opposed to a caller's
 * mistake, such as a duplicate name, or a refusal of our own code inside a transaction).
 */
export function isStoreOutage(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (NET_CODES.has(code) || DISK_CODES.has(code) || SQLITE_OUTAGE.test(code)) return true;
  if (/^[0-9A-Z]{5}$/.test(code) && PG_OUTAGE.test(code)) return true;
  return typeof e?.message === 'string' && PG_MESSAGES.test(e.message);
}

/**
 * The store with every operation run through its part's circuit: bounded by `database.timeout_ms`,
 * refused at once while the store is known to be down, and an outage reported to `/readyz`. Every
 * repository is wrapped, the ones added later included (a Proxy, not a list of methods); a
 * transaction counts as one operation.
 */
export function guardStore(store: Store, part: PartHealth): Store {
  const repos = new Map<PropertyKey, unknown>();
  const guardRepo = (repo: object): object =>
    new Proxy(repo, {
      get(target, key) {
        const value = Reflect.get(target, key);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => part.run(() => value.apply(target, args));
      },
    });
  return new Proxy(store, {
    get(target, key) {
      if (key === 'transaction') return <T>(fn: (s: Store) => Promise<T>) => part.run(() => target.transaction(fn));
      const value = Reflect.get(target, key);
      if (value === null || typeof value !== 'object') return typeof value === 'function' ? value.bind(target) : value;
      let repo = repos.get(key);
      if (!repo) repos.set(key, (repo = guardRepo(value)));
      return repo;
    },
  });
}
