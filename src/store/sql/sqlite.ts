import type BetterSqlite3 from 'better-sqlite3';
import { ConfigError } from '../../core/errors.js';
import type { SqlDriver, SqlExecutor, SqlValue } from './driver.js';
import { nodeBuiltin } from '../../core/node-builtins.js';
import { sqliteOpenError } from './sqlite-errors.js';

type Database = BetterSqlite3.Database;

/** Load better-sqlite3 only when a SQLite store is opened (an optional peer dependency). */
async function loadDriver(): Promise<typeof BetterSqlite3> {
  try {
    const mod = await import('better-sqlite3');
    return (mod.default ?? mod) as typeof BetterSqlite3;
  } catch (err) {
    throw new ConfigError('database.type "sqlite" needs the better-sqlite3 package: npm install better-sqlite3@12', { cause: err });
  }
}

/**
 * SQLite through better-sqlite3, in WAL mode. Statements are synchronous; a small lock keeps an
 * open transaction's statements from interleaving with other callers' on the one connection.
 */
export async function openSqlite(path: string): Promise<SqlDriver> {
  const Driver = await loadDriver();
  if (path !== ':memory:') nodeBuiltin('fs')!.mkdirSync(nodeBuiltin('path')!.dirname(path), { recursive: true, mode: 0o700 });
  let db: Database | undefined;
  try {
    db = new Driver(path);
    // The first statements read the file's header: a file that is not a database fails here.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a commit survives a crash of this process (kill -9), not necessarily a power cut.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
  } catch (err) {
    if (db?.open) db.close();
    throw sqliteOpenError(path, err);
  }
  return new SqliteDriver(db);
}

class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  /** Resolves when no transaction holds the connection. */
  private lock: Promise<void> = Promise.resolve();
  private locked = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly db: Database) {}

  private prepare(sql: string): BetterSqlite3.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, s);
    }
    return s;
  }

  private allNow<T>(sql: string, params: readonly SqlValue[] = []): T[] {
    const s = this.prepare(sql);
    if (s.reader) return s.all(...params) as T[];
    s.run(...params);
    return [];
  }

  private runNow(sql: string, params: readonly SqlValue[] = []): number {
    return this.prepare(sql).run(...params).changes;
  }

  async all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    // Checked and run in one step: no transaction can open in between.
    while (this.locked) await this.lock;
    return this.allNow<T>(sql, params);
  }

  read<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.all<T>(sql, params);
  }

  async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    while (this.locked) await this.lock;
    return this.runNow(sql, params);
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    // Transactions queue behind each other; plain statements wait only while one is open.
    const previous = this.queue;
    let done!: () => void;
    this.queue = new Promise((r) => {
      done = r;
    });
    await previous;
    while (this.locked) await this.lock;
    this.locked = true;
    let release!: () => void;
    this.lock = new Promise((r) => {
      release = r;
    });
    const tx: SqlExecutor = {
      all: async <R>(sql: string, params?: readonly SqlValue[]) => this.allNow<R>(sql, params),
      run: async (sql: string, params?: readonly SqlValue[]) => this.runNow(sql, params),
    };
    try {
      // IMMEDIATE: take the write lock now, so another process cannot slip in between our reads and writes.
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(tx);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    } finally {
      this.locked = false;
      release();
      done();
    }
  }

  /** Writes to users, teams or keys through this connection (data_version counts only other connections'). */
  private identityWrites = 0;
  private dataVersion?: BetterSqlite3.Statement;

  async identityChanged(): Promise<void> {
    this.identityWrites++;
  }

  identityVersion(): number {
    // data_version changes when another connection (the CLI, another process) commits anything.
    this.dataVersion ??= this.db.prepare('PRAGMA data_version').pluck();
    return (this.dataVersion.get() as number) * 1_000_000 + this.identityWrites;
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.db.open) this.db.close();
  }
}
