import { z } from 'zod';
import { modelApprovalSchema } from './enterprise-schema.js';

/**
 * The config sections for running Tokligence for a team: where the store lives (`database`), who
 * may spend what (`team`), how fast (`rate_limit`), at which prices (`prices`), and the admin API
 * key (`admin`). Keys follow the scenarios' spelling (see ../shared/reference/seed-profiles).
 */

const usd = z.number().min(0);
const positiveInt = z.number().int().positive();

export const databaseSchema = z
  .object({
    /** `sqlite` (default, one file), `postgresql` (several instances share it), `memory` (lost at exit). */
    type: z
      .enum(['sqlite', 'postgresql', 'postgres', 'memory'])
      .default('sqlite')
      .transform((t) => (t === 'postgres' ? 'postgresql' : t)),
    /** SQLite file; `~` is the home directory. */
    path: z.string().min(1).default('~/.tokligence/gateway.db'),
    /** PostgreSQL: `postgres://user:password@host:5432/db`; wins over host/port/user/password/database. */
    url: z.string().min(1).optional(),
    host: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    user: z.string().min(1).optional(),
    password: z.string().optional(),
    database: z.string().min(1).optional(),
    /** Connections to the primary. */
    pool_size: positiveInt.default(10),
    replication: z
      .object({
        enabled: z.boolean().default(false),
        /** Read replicas (`host`, `host:port` or a URL): usage reports read from them. */
        replicas: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .prefault({}),
    /**
     * Directory of the usage spool: every answered call's ledger row is appended there before the
     * answer ends, so a crash (kill -9) loses none. Default: `~/.tokligence/spool`.
     */
    spool_dir: z.string().min(1).optional(),
    /** Usage rows are written to the database in batches, at most this many ms after their call ended. */
    ledger_batch_ms: z.number().int().positive().default(50),
    /**
     * Most bytes of usage rows the spool keeps while the database is away (about 2,000 rows a MiB).
     * Once reached, new calls are refused (503) rather than rows dropped; the rows are written, in
     * order, when the database is back.
     */
    spool_max_bytes: positiveInt.default(256 * 1024 * 1024),
    /** A database operation slower than this fails (ms) and the store counts as down until a probe answers. */
    timeout_ms: positiveInt.default(2000),
  })
  .strict();

const quotasSchema = z
  .object({
    /** USD a user may spend per UTC day / calendar month (a user's own budget wins). */
    per_user_daily: usd.optional(),
    per_user_monthly: usd.optional(),
    /** USD per team (a team's own budget wins). */
    per_team_daily: usd.optional(),
    per_team_monthly: usd.optional(),
    /** USD per API key (a key's own budget wins). */
    per_key_daily: usd.optional(),
    per_key_monthly: usd.optional(),
    /** USD per session (`x-tokligence-session` header or the in-process `session` option), all time. */
    per_session: usd.optional(),
  })
  .strict();

export const teamSchema = z
  .object({
    /** Users, managed API keys, the usage ledger and budgets (opens the store). */
    enabled: z.boolean().default(false),
    cost_tracking: z
      .object({
        /** The usage ledger (on whenever `team.enabled`). */
        enabled: z.boolean().default(false),
        currency: z.literal('USD').default('USD'),
        /** USD spent in a calendar month (all users) that sends one alert to the webhook. */
        alert_threshold: usd.optional(),
        /** Where the alert goes; default `security.alerts.webhook_url`. */
        webhook_url: z.string().url().optional(),
      })
      .strict()
      .prefault({}),
    quotas: quotasSchema.prefault({}),
    /** Models that need an admin's approval per user before use (see README, Model approval). */
    model_approval: modelApprovalSchema.prefault({}),
  })
  .strict();

const limitsSchema = z
  .object({
    /** Requests per minute. */
    rpm: positiveInt.optional(),
    /** Tokens (input + output) per minute. */
    tpm: positiveInt.optional(),
    /** Requests per hour. */
    per_hour: positiveInt.optional(),
  })
  .strict();

export const rateLimitSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Requests per user per hour (the scenarios' name; same as `per_user.per_hour`). */
    per_user_per_hour: positiveInt.optional(),
    per_user: limitsSchema.prefault({}),
    per_key: limitsSchema.prefault({}),
    /** `memory`: this instance alone; `redis`: every instance sharing the Redis shares the limit. */
    type: z.enum(['memory', 'redis']).default('memory'),
    redis: z
      .object({
        /** Default: the response cache's Redis settings (`cache.redis`). */
        url: z.string().optional(),
        host: z.string().min(1).optional(),
        port: z.number().int().min(1).max(65535).optional(),
        password: z.string().optional(),
        db: z.number().int().min(0).optional(),
        key_prefix: z.string().default('tokligence:rl:'),
        timeout_ms: positiveInt.default(500),
      })
      .strict()
      .prefault({}),
    /** Older spelling of `failure_modes.rate_limit` (true: fail_open, false: fail_closed). */
    fail_open: z.boolean().optional(),
  })
  .strict();

/** Model (prefix) → USD per 1M tokens; wins over the shipped price table. */
export const pricesSchema = z.record(
  z.string().min(1),
  z
    .object({
      input: usd,
      output: usd,
      cache_read: usd.optional(),
      cache_write: usd.optional(),
    })
    .strict(),
);

export const adminSchema = z
  .object({
    /** The key of the admin HTTP API under /admin/ (`Authorization: Bearer` or `x-api-key`); unset: the API is off. */
    key: z.string().min(16, { message: 'expected at least 16 characters' }).optional(),
  })
  .strict();

/** The admin console at `/ui` (served when a store is configured). */
export const consoleSchema = z
  .object({
    /** Serve the console at `/ui` (it needs a store: `team.enabled` or `team.cost_tracking.enabled`). */
    enabled: z.boolean().default(true),
    /** A console session unused this long ends (minutes). */
    session_idle_minutes: z.number().positive().default(30),
    /** A console session ends this long after sign-in (hours). */
    session_max_hours: z.number().positive().default(12),
  })
  .strict();

const failureMode = z.enum(['fail_open', 'fail_closed']);

/**
 * What each feature does while the shared part it needs is away (issue 22). `fail_closed` refuses
 * the call with a 503 (Anthropic callers: 529) naming the part; `fail_open` serves it degraded and
 * says so (an `x-tokligence-degraded` header, a log line, `tokligence_degraded_calls_total`).
 * The usage ledger has no switch: its rows always wait in the spool, and past
 * `database.spool_max_bytes` new calls are refused.
 */
export const failureModesSchema = z
  .object({
    /** Redis rate limits (`rate_limit.type: redis`). Open: each instance enforces the limits on its own. */
    rate_limit: failureMode.optional(),
    /** The Redis response cache. Open: calls go uncached. */
    cache: failureMode.default('fail_open'),
    /** Managed API keys in the store. Open: a key the store accepted within `auth_cache_ttl` is accepted from memory. */
    auth: failureMode.default('fail_closed'),
    /** Budgets in the store. Open: each capped counter may take `budget_outage_allowance` USD beyond its lease on this instance. */
    budgets: failureMode.default('fail_closed'),
    /** Seconds a managed key verified by the store stays usable from memory while the store is away (auth: fail_open). */
    auth_cache_ttl: z.number().positive().default(300),
    /** USD of estimated cost each capped counter may take on one instance while the store is away (budgets: fail_open). */
    budget_outage_allowance: usd.default(1),
    /** How often a part that is down is tried again (ms). */
    probe_interval_ms: positiveInt.default(250),
  })
  .strict();
