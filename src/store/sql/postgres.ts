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
  return new PostgresDriver(primary, replicas);
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
  ) {
    this.primaryExec = executor(primary);
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
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        // A deadlock or serialization failure between instances: the whole transaction again.
        const code = (err as { code?: string }).code;
        if ((code === '40P01' || code === '40001') && attempt < 4) continue;
        throw err;
      } finally {
        client.release();
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.primary.end(), ...this.replicas.map((r) => r.end())]);
  }
}
