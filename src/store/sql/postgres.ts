import type { Pool, PoolClient, PoolConfig } from 'pg';
import { ConfigError } from '../../core/errors.js';
import type { SqlDriver, SqlExecutor, SqlValue } from './driver.js';

export interface PostgresOptions {
  url?: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  poolSize?: number;
  /** Read replicas (host or host:port, or URLs): reports read from them, round robin. */
  replicas?: string[];
  /** Connect timeout, ms. */
  connectTimeoutMs?: number;
  /** A query without an answer within this many ms fails, and its connection is dropped (a hung or paused server). */
  queryTimeoutMs?: number;
}

type PgModule = typeof import('pg');

/** Load `pg` only when a PostgreSQL store is opened (an optional peer dependency). */
async function loadPg(): Promise<PgModule> {
  try {
    const mod = (await import('pg')) as PgModule & { default?: PgModule };
    return mod.default ?? mod;
  } catch (err) {
    throw new ConfigError('database.type "postgresql" needs the pg package: npm install pg', { cause: err });
  }
}

/** `?` placeholders → `$1, $2, …` (our SQL has no `?` inside string literals). */
const numbered = new Map<string, string>();
export function toPgSql(sql: string): string {
  let out = numbered.get(sql);
  if (out === undefined) {
    let i = 0;
    out = sql.replace(/\?/g, () => `$${++i}`);
    if (numbered.size > 1000) numbered.clear();
    numbered.set(sql, out);
  }
  return out;
}

/** BIGINT (epoch ms, counts) as a JS number rather than pg's default string. */
const INT8 = 20;

function poolConfig(pg: PgModule, base: PoolConfig, o: PostgresOptions): PoolConfig {
  return {
    ...base,
    max: o.poolSize ?? 10,
    connectionTimeoutMillis: o.connectTimeoutMs ?? 5000,
    ...(o.queryTimeoutMs ? { query_timeout: o.queryTimeoutMs } : {}),
    // Notice a peer that went away without a FIN (a paused or unplugged server) on idle connections too.
    keepAlive: true,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as never)) as never,
    },
  };
}

function replicaConfig(replica: string, o: PostgresOptions): PoolConfig {
  if (/^postgres(ql)?:\/\//.test(replica)) return { connectionString: replica };
  const [host, port] = replica.split(':');
  return { host, port: port ? Number(port) : o.port, user: o.user, password: o.password, database: o.database };
}

/** Where we tried to connect, for error messages (never the password). */
export function describeTarget(o: PostgresOptions): string {
  if (o.url) {
    try {
      const u = new URL(o.url);
      return `${u.hostname}:${u.port || 5432}${u.pathname}`;
    } catch {
      return 'database.url';
    }
  }
  return `${o.host ?? process.env.PGHOST ?? 'localhost'}:${o.port ?? process.env.PGPORT ?? 5432}`;
}

/** Open a pool (and one per replica) and check it answers. */
export async function openPostgres(o: PostgresOptions): Promise<SqlDriver> {
  const pg = await loadPg();
  const base: PoolConfig = o.url ? { connectionString: o.url } : { host: o.host, port: o.port, user: o.user, password: o.password, database: o.database };
  const primary = new pg.Pool(poolConfig(pg, base, o));
  // An idle client losing its connection must not crash the process; the next query reconnects.
  primary.on('error', () => {});
  try {
    await primary.query('SELECT 1');
  } catch (err) {
    await primary.end().catch(() => {});
    throw new ConfigError(`cannot connect to PostgreSQL at ${describeTarget(o)} (database.host / port / url): ${(err as Error).message}`, { cause: err });
  }
  const replicas = (o.replicas ?? []).map((r) => {
    const pool = new pg.Pool(poolConfig(pg, replicaConfig(r, o), { ...o, poolSize: Math.max(2, Math.ceil((o.poolSize ?? 10) / 2)) }));
    pool.on('error', () => {});
    return pool;
  });
  return new PostgresDriver(primary, replicas, new IdentityListener(pg, base));
}

/** The channel writes to users, teams and keys notify, so every instance's auth cache hears them. */
const CHANNEL = 'tokligence_identity';

/**
 * A connection that LISTENs for identity changes: each notification bumps the version. While it
 * is down (not yet connected, or lost), the version changes on every read, so nothing is cached
 * until it is back; then it bumps once more, for what it may have missed.
 */
class IdentityListener {
  private version = 1;
  private unsure = 0;
  private listening = false;
  private closed = false;
  private client?: import('pg').Client;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly pg: PgModule,
    private readonly config: PoolConfig,
  ) {
    void this.connect();
  }

  value(): number {
    return this.listening ? this.version : --this.unsure;
  }

  bump(): void {
    this.version++;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new this.pg.Client(this.config);
    this.client = client;
    client.on('notification', () => this.version++);
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      if (this.closed) return void client.end().catch(() => {});
      this.version++;
      this.listening = true;
    } catch {
      this.lost(client);
    }
  }

  private lost(client: import('pg').Client): void {
    if (this.client !== client) return;
    this.listening = false;
    this.client = undefined;
    void client.end().catch(() => {});
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, 1000);
    this.retry.unref?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}

/** The connection itself failed (reset, shut down, timed out): it cannot be used again. */
function connectionLost(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e?.code === 'string' && (/^(08|57|58)/.test(e.code) || /^E[A-Z]+$/.test(e.code))) return true;
  return typeof e?.message === 'string' && /Connection terminated|Query read timeout|connection error|timeout/i.test(e.message);
}

const executor = (client: Pool | PoolClient): SqlExecutor => ({
  all: async <T>(sql: string, params: readonly SqlValue[] = []) => (await client.query(toPgSql(sql), params as SqlValue[])).rows as T[],
  run: async (sql: string, params: readonly SqlValue[] = []) => (await client.query(toPgSql(sql), params as SqlValue[])).rowCount ?? 0,
});

class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  private readonly primaryExec: SqlExecutor;
  private next = 0;

  constructor(
    private readonly primary: Pool,
    private readonly replicas: Pool[],
    private readonly listener: IdentityListener,
  ) {
    this.primaryExec = executor(primary);
  }

  async identityChanged(tx: SqlExecutor): Promise<void> {
    this.listener.bump();
    await tx.all(`SELECT pg_notify('${CHANNEL}', '')`);
  }

  identityVersion(): number {
    return this.listener.value();
  }

  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.primaryExec.all<T>(sql, params);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.primaryExec.run(sql, params);
  }

  async read<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    if (this.replicas.length === 0) return this.all<T>(sql, params);
    const pool = this.replicas[this.next++ % this.replicas.length] as Pool;
    try {
      return (await pool.query(toPgSql(sql), params as SqlValue[])).rows as T[];
    } catch {
      // A replica that is down or behind on the schema: the primary answers.
      return this.all<T>(sql, params);
    }
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.primary.connect();
      let broken = false;
      // Checked out, the client has no pool listener: a server shutting down between two queries
      // would be an uncaught 'error' event (the process's end). Noted here; the next query fails.
      const lost = () => {
        broken = true;
      };
      client.on('error', lost);
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        // A deadlock or serialization failure between instances: the whole transaction again.
        const code = (err as { code?: string }).code;
        const retry = (code === '40P01' || code === '40001') && attempt < 4;
        // A connection that failed or timed out mid-transaction is dropped, not given back to the pool.
        broken = !retry && connectionLost(err);
        if (!broken) await client.query('ROLLBACK').catch(() => {});
        if (retry) continue;
        throw err;
      } finally {
        client.off('error', lost);
        client.release(broken ? true : undefined);
      }
    }
  }

  async close(): Promise<void> {
    await this.listener.close();
    await Promise.all([this.primary.end(), ...this.replicas.map((r) => r.end())]);
  }
}
