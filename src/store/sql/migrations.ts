import { ConfigError } from '../../core/errors.js';
import type { SqlDriver } from './driver.js';

/**
 * Versioned schema changes, shared by SQLite and PostgreSQL (only types both accept: TEXT,
 * BIGINT, INTEGER, DOUBLE PRECISION). Append a migration, never edit one that shipped. Every table
 * carries `tenant` so later multi-tenancy scopes reads without a rewrite.
 */
export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'users, teams, api keys, usage ledger, budget counters',
    statements: [
      `CREATE TABLE teams (
        id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL DEFAULT 'default',
        name TEXT NOT NULL,
        daily_budget DOUBLE PRECISION,
        monthly_budget DOUBLE PRECISION,
        models TEXT,
        created_at BIGINT NOT NULL,
        UNIQUE (tenant, name)
      )`,
      `CREATE TABLE users (
        id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL DEFAULT 'default',
        name TEXT NOT NULL,
        email TEXT,
        team_id TEXT REFERENCES teams (id),
        daily_budget DOUBLE PRECISION,
        monthly_budget DOUBLE PRECISION,
        models TEXT,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL,
        UNIQUE (tenant, name),
        UNIQUE (tenant, email)
      )`,
      `CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL DEFAULT 'default',
        user_id TEXT NOT NULL REFERENCES users (id),
        name TEXT,
        prefix TEXT NOT NULL UNIQUE,
        hash TEXT NOT NULL,
        models TEXT,
        daily_budget DOUBLE PRECISION,
        monthly_budget DOUBLE PRECISION,
        expires_at BIGINT,
        revoked_at BIGINT,
        created_at BIGINT NOT NULL
      )`,
      'CREATE INDEX api_keys_user ON api_keys (tenant, user_id)',
      `CREATE TABLE usage (
        request_id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL DEFAULT 'default',
        ts BIGINT NOT NULL,
        user_id TEXT,
        key_id TEXT,
        team_id TEXT,
        session TEXT,
        tags TEXT,
        dialect TEXT NOT NULL,
        provider TEXT,
        model TEXT,
        alias TEXT,
        input_tokens BIGINT NOT NULL DEFAULT 0,
        output_tokens BIGINT NOT NULL DEFAULT 0,
        cache_read_tokens BIGINT NOT NULL DEFAULT 0,
        cache_write_tokens BIGINT NOT NULL DEFAULT 0,
        reasoning_tokens BIGINT NOT NULL DEFAULT 0,
        cost_usd DOUBLE PRECISION NOT NULL DEFAULT 0,
        latency_ms BIGINT NOT NULL DEFAULT 0,
        ttft_ms BIGINT,
        status TEXT NOT NULL,
        error_kind TEXT,
        cache_hit INTEGER NOT NULL DEFAULT 0,
        firewall_action TEXT
      )`,
      'CREATE INDEX usage_user_ts ON usage (tenant, user_id, ts)',
      'CREATE INDEX usage_team_ts ON usage (tenant, team_id, ts)',
      'CREATE INDEX usage_key_ts ON usage (tenant, key_id, ts)',
      'CREATE INDEX usage_session ON usage (tenant, session)',
      'CREATE INDEX usage_ts ON usage (tenant, ts)',
      `CREATE TABLE budget_counters (
        tenant TEXT NOT NULL,
        scope TEXT NOT NULL,
        period TEXT NOT NULL,
        spent DOUBLE PRECISION NOT NULL DEFAULT 0,
        reserved DOUBLE PRECISION NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant, scope, period)
      )`,
      `CREATE TABLE budget_reservations (
        id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        counters TEXT NOT NULL,
        amount DOUBLE PRECISION NOT NULL,
        expires_at BIGINT NOT NULL
      )`,
      'CREATE INDEX budget_reservations_expiry ON budget_reservations (expires_at)',
    ],
  },
  {
    version: 2,
    name: 'roles, audit log and checkpoints, model approvals',
    statements: [
      "ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'member'",
      `CREATE TABLE audit_log (
        seq BIGINT PRIMARY KEY,
        tenant TEXT NOT NULL,
        ts BIGINT NOT NULL,
        kind TEXT NOT NULL,
        action TEXT NOT NULL,
        actor TEXT,
        role TEXT,
        request_id TEXT,
        route TEXT,
        model TEXT,
        provider TEXT,
        decision TEXT,
        status INTEGER,
        findings TEXT,
        target TEXT,
        details TEXT,
        content TEXT,
        key_id TEXT,
        content_mac TEXT,
        prev TEXT,
        hash TEXT
      )`,
      'CREATE INDEX audit_log_tenant_ts ON audit_log (tenant, ts)',
      `CREATE TABLE audit_checkpoints (
        n BIGINT PRIMARY KEY,
        seq BIGINT NOT NULL,
        hash TEXT NOT NULL,
        ts BIGINT NOT NULL,
        prev_mac TEXT,
        mac TEXT NOT NULL
      )`,
      `CREATE TABLE approvals (
        id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        user_id TEXT NOT NULL,
        model TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        requested_at BIGINT NOT NULL,
        decided_by TEXT,
        decided_at BIGINT,
        note TEXT
      )`,
      'CREATE INDEX approvals_user ON approvals (tenant, user_id, status)',
    ],
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/**
 * Bring the schema up to date, each migration in its own transaction. Two instances starting at
 * once do not both migrate: PostgreSQL takes an advisory lock, SQLite a write lock (BEGIN IMMEDIATE).
 * A database already at a newer version than this code knows is refused with a clear message.
 */
export async function migrate(driver: SqlDriver, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  return driver.transaction(async (tx) => {
    if (driver.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(7412003)');
    // Under the lock: two PostgreSQL sessions running CREATE TABLE IF NOT EXISTS at once can both
    // try to create it (duplicate key in pg_type_typname_nsp_index).
    await tx.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    const rows = await tx.all<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    const current = Number(rows[0]?.v ?? 0);
    if (current > latest)
      throw new ConfigError(
        `the database schema is at version ${current}, newer than this Tokligence knows (${latest}): upgrade tokligence, or point database.path / database.url at another database`,
      );
    for (const m of migrations) {
      if (m.version <= current) continue;
      for (const statement of m.statements) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, Date.now()]);
    }
    return latest;
  });
}
