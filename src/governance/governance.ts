import type { TokligenceConfig } from '../config/index.js';
import { describeRedis } from '../cache/redis-connection.js';
import type { Identity } from '../core/contracts/index.js';
import { TokligenceError } from '../core/errors.js';
import { dependencyUnavailable, Health, PartDownError } from '../core/health.js';
import { type Price, priceFor, tablePrice } from '../routing/prices.js';
import { AuditService } from '../audit/service.js';
import { describeStore, expandPath, type Keyring, keyringFromEnv, openStore, requireKeyring, type Store, type Team, type User } from '../store/index.js';
import { storeOptionsOf } from './admin.js';
import { type RetentionResult, runRetention } from './retention.js';
import { auditRetentionDays } from '../config/index.js';
import { CostAlerts } from './alerts.js';
import { Authenticator, identityOf } from './authenticate.js';
import { BudgetGuard } from './budgets.js';
import { LedgerWriter } from './ledger-writer.js';
import { MemoryRateLimitBackend } from './rate-limit/memory.js';
import { RateLimiter } from './rate-limit/limiter.js';
import { RedisRateLimitBackend } from './rate-limit/redis.js';
import { UsageSpool } from './spool.js';
import { guardStore, isStoreOutage } from './store-guard.js';
import { type LateStore, lateStore } from './late-store.js';

export interface GovernanceOptions {
  config: TokligenceConfig;
  /** A store of your own (tests, or one shared by several clients); else opened from `database`. */
  store?: Store;
  /** Clock for budgets' periods and rate-limit windows (tests). */
  now?: () => number;
  /** For the cost alert webhook (tests). */
  fetch?: typeof fetch;
  /** Ledger batch window, ms (default 50). */
  ledgerBatchMs?: number;
  /** Where problems go that cannot fail a call (a ledger write failing and being retried). */
  onProblem?: (message: string, err?: Error) => void;
  /** The parts' health, shared with the rest of the runtime (`/readyz`); else one of its own. */
  health?: Health;
  /** Where the audit and encryption keys are read (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/** Whether a config needs the store: team features, cost tracking or managed keys. */
export function needsStore(config: TokligenceConfig): boolean {
  return config.team.enabled || config.team.cost_tracking.enabled || (config.audit.enabled && config.audit.storage === 'database') || config.multi_tenancy.enabled || config.team.model_approval.enabled;
}

/** Whether a config needs a Governance at all (the store, rate limits, the audit log, encryption keys). */
export function needsGovernance(config: TokligenceConfig): boolean {
  return needsStore(config) || config.rate_limit.enabled || config.audit.enabled || config.compliance.encryption_at_rest;
}

/** `prices:` (snake_case) as the price table. */
function priceTable(config: TokligenceConfig): Record<string, Price> {
  return Object.fromEntries(
    Object.entries(config.prices).map(([model, p]) => [
      model,
      { input: p.input, output: p.output, ...(p.cache_read !== undefined ? { cacheRead: p.cache_read } : {}), ...(p.cache_write !== undefined ? { cacheWrite: p.cache_write } : {}) },
    ]),
  );
}

/**
 * Everything a team deployment adds around the pipeline, built from the config: the store (opened
 * once, asynchronously: `ready()`), the authenticator for the server, rate limits, budgets and the
 * usage ledger. The pipeline's governance middleware and the server both use this one object.
 */
export class Governance {
  readonly now: () => number;
  readonly prices: Readonly<Record<string, Price>>;
  readonly limiter?: RateLimiter;
  /** The shared parts (store, Redis, the spool's disk) and the features that depend on them. */
  readonly health: Health;
  store?: Store;
  ledger?: LedgerWriter;
  budgets?: BudgetGuard;
  alerts?: CostAlerts;
  /** Encryption at rest: the keys from the environment (required with `compliance.encryption_at_rest`). */
  readonly keyring?: Keyring;
  /** The audit log (`audit.enabled`). */
  readonly audit?: AuditService;
  private opening?: Promise<void>;
  private sweeper?: NodeJS.Timeout;
  private retention?: NodeJS.Timeout;
  /** The retention pass under way, which close() waits for. */
  private retentionPass?: Promise<unknown>;
  private readonly securityActions = new Map<string, string>();
  /** In-process identities resolved from the store, by tenant and user reference. */
  private readonly users = new Map<string, { version: number; user?: User; team?: Team }>();

  /**
   * A target's price: the config's `prices:` over the offline table. The mock answers any model
   * name: it costs only what `prices:` says, not that model's list price.
   */
  priceOf(provider: string | undefined, model: string): Price | undefined {
    return provider === 'mock' ? tablePrice(model, this.prices) : priceFor(model, this.prices);
  }

  constructor(private readonly options: GovernanceOptions) {
    const { config } = options;
    this.now = options.now ?? Date.now;
    const env = options.env ?? process.env;
    // Checked now, so a gateway missing a key refuses to start rather than store plain text.
    this.keyring = config.compliance.encryption_at_rest ? requireKeyring(env) : keyringFromEnv(env);
    if (config.audit.enabled) this.audit = new AuditService({ config, env, keyring: config.compliance.encryption_at_rest ? this.keyring : undefined, now: this.now, onProblem: options.onProblem });
    this.prices = priceTable(config);
    this.health = options.health ?? new Health();
    const modes = config.failure_modes;
    const rl = config.rate_limit;
    if (rl.enabled) {
      const perUser = { rpm: rl.per_user.rpm, tpm: rl.per_user.tpm, perHour: rl.per_user.per_hour ?? rl.per_user_per_hour };
      const perKey = { rpm: rl.per_key.rpm, tpm: rl.per_key.tpm, perHour: rl.per_key.per_hour };
      const redis = { ...config.cache.redis, ...Object.fromEntries(Object.entries(rl.redis).filter(([, v]) => v !== undefined)) };
      const mode = modes.rate_limit ?? 'fail_open';
      if (rl.type === 'redis') {
        const backend = new RedisRateLimitBackend({
          url: redis.url,
          host: redis.host,
          port: redis.port,
          password: redis.password,
          db: redis.db,
          keyPrefix: rl.redis.key_prefix,
          timeoutMs: rl.redis.timeout_ms,
        });
        const part = this.health.part('rate_limit_redis', {
          // The first command may wait for the connection, then run: each bounded by timeout_ms.
          timeoutMs: 2 * rl.redis.timeout_ms,
          probe: () => backend.ping(),
          probeMs: modes.probe_interval_ms,
          describe: describeRedis(redis),
        });
        this.health.depend('rate_limit_redis', 'rate_limit', mode);
        this.limiter = new RateLimiter(backend, perUser, perKey, mode, part, this.now);
      } else this.limiter = new RateLimiter(new MemoryRateLimitBackend(this.now), perUser, perKey, mode);
    }
  }

  /** Whether this config uses the store at all. */
  get usesStore(): boolean {
    return this.options.store !== undefined || needsStore(this.options.config);
  }

  /** Open the store (once), migrate it, write usage rows a stopped process left in the spool. */
  ready(): Promise<void> {
    this.opening ??= this.open();
    return this.opening;
  }

  private async open(): Promise<void> {
    if (!this.usesStore) {
      this.audit?.open();
      this.scheduleRetention();
      return;
    }
    const { config } = this.options;
    const db = config.database;
    const modes = config.failure_modes;
    const storeOptions = storeOptionsOf(config, this.now);
    let raw: Store;
    let late: LateStore | undefined;
    try {
      raw = this.options.store ?? (await openStore(storeOptions));
    } catch (err) {
      // PostgreSQL down at start: start anyway, as if it had gone away a minute later (the store
      // part is down from the first moment, calls get what failure_modes says) and connect and
      // migrate when it answers. A wrong password or database name, or a broken SQLite file, still stop the start.
      const cause = (err as { cause?: unknown }).cause ?? err;
      if (storeOptions.type !== 'postgresql' || !isStoreOutage(cause)) throw err;
      late = lateStore('postgres', () => openStore(storeOptions), cause);
      raw = late.store;
    }
    let store = raw;
    let spool: UsageSpool | undefined;
    let spoolPart: ReturnType<Health['part']> | undefined;
    let leftovers: ReturnType<typeof UsageSpool.leftovers> = [];
    if (raw.kind !== 'memory') {
      // Every operation bounded by database.timeout_ms; an outage seen once fails the next ones at once.
      const part = this.health.part('store', {
        timeoutMs: db.timeout_ms,
        isOutage: isStoreOutage,
        // With rows waiting, the probe is the write that failed (a full disk still answers reads).
        probe: async () => {
          if (late && !late.connected) return late.connect();
          return (this.ledger?.pending ?? 0) > 0 ? this.ledger?.probe(raw) : raw.keys.byPrefix('tkprobe0');
        },
        probeMs: modes.probe_interval_ms,
        describe: this.options.store ? raw.kind : describeStore(storeOptions),
      });
      this.health.depend('store', 'auth', modes.auth);
      this.health.depend('store', 'budgets', modes.budgets);
      this.health.depend('store', 'ledger', 'fail_open');
      // The store is back: the rows that waited in the spool are written now, in order.
      this.health.onChange((p, up) => {
        if (p === part && up) this.ledger?.resume();
      });
      store = guardStore(raw, part);
      if (late) part.failed(late.error);
      const dir = expandPath(db.spool_dir ?? '~/.tokligence/spool');
      spool = new UsageSpool(dir);
      leftovers = UsageSpool.leftovers(dir, spool.file);
      spoolPart = this.health.part('spool', {
        timeoutMs: 5000,
        probe: async () => this.ledger?.retrySpool(),
        probeMs: modes.probe_interval_ms,
        describe: dir,
      });
      this.health.depend('spool', 'ledger', 'fail_closed');
    }
    this.store = store;
    const cost = config.team.cost_tracking;
    if (cost.alert_threshold !== undefined)
      this.alerts = new CostAlerts(cost.alert_threshold, cost.webhook_url ?? config.security.alerts.webhook_url ?? undefined, this.options.fetch);
    this.ledger = new LedgerWriter(store, {
      spool,
      spoolPart,
      spoolMaxBytes: db.spool_max_bytes,
      leftovers,
      batchMs: this.options.ledgerBatchMs ?? db.ledger_batch_ms,
      onWritten: (result) => this.alerts?.check(result),
      // A store that is down is reported once by its part (the server logs it), not per retry.
      onError: (err) => {
        if (!(err instanceof PartDownError)) this.options.onProblem?.('usage ledger write failed; retrying', err);
      },
      onRecovered: (rows) => this.options.onProblem?.(`recovered ${rows} usage row(s) left in the spool by a stopped process`),
    });
    // Rows a stopped process left are written before calls are taken (while the store answers;
    // else they wait in their files and are written when it does).
    await this.ledger.flush();
    const q = config.team.quotas;
    this.budgets = new BudgetGuard(
      store,
      {
        perUserDaily: q.per_user_daily,
        perUserMonthly: q.per_user_monthly,
        perTeamDaily: q.per_team_daily,
        perTeamMonthly: q.per_team_monthly,
        perKeyDaily: q.per_key_daily,
        perKeyMonthly: q.per_key_monthly,
        perSession: q.per_session,
        perTenantMonthly: config.multi_tenancy.enabled
          ? Object.fromEntries(config.multi_tenancy.tenants.filter((t) => t.quota !== undefined).map((t) => [t.name, t.quota as number]))
          : undefined,
      },
      this.now,
      { mode: modes.budgets, allowance: modes.budget_outage_allowance },
    );
    this.audit?.open(store);
    // Budget leases of instances that died are given back after their hour.
    this.sweeper = setInterval(() => void store.budgets.expire(this.now()).catch(() => {}), 60_000);
    this.sweeper.unref?.();
    this.scheduleRetention();
  }

  /**
   * Retention (`compliance.data_retention_days`, `audit.retention_years`): one pass at start and
   * every 6 hours; see governance/retention.ts. A failed pass is reported and tried again next time.
   */
  private scheduleRetention(): void {
    const { config } = this.options;
    if (config.compliance.data_retention_days === undefined && auditRetentionDays(config.audit) === undefined) return;
    const pass = () => {
      this.retentionPass ??= this.runRetention()
        .catch((err) => this.options.onProblem?.('retention pass failed; retrying in 6 hours', err))
        .finally(() => {
          this.retentionPass = undefined;
        });
    };
    pass();
    this.retention = setInterval(pass, 6 * 3_600_000);
    this.retention.unref?.();
  }

  /** One retention pass now (what the timer runs): usage rows, audit text and audit rows past their time. */
  async runRetention(): Promise<RetentionResult> {
    await this.ready();
    await this.ledger?.flush();
    return runRetention(this.options.config, this.now(), this.store, this.audit?.log);
  }

  /** The HTTP server's key check: config keys and, with a store, managed keys. */
  authenticator(): Authenticator {
    const modes = this.options.config.failure_modes;
    return new Authenticator(this.options.config.gateway.auth.keys, this.store, this.now, { mode: modes.auth, cacheTtlMs: modes.auth_cache_ttl * 1000 });
  }

  /**
   * Complete an in-process identity (`{ user }`): a user found in the store (by id, name or email)
   * brings its team, caps and model limits; a disabled one is refused. An unknown user id is kept
   * as given (an app's own end-user ids), under the default quotas.
   */
  async resolve(identity: Identity): Promise<Identity> {
    if (identity.resolved || !identity.userId || !this.store) return identity;
    const store = this.store;
    // Cached under the store's identity version, like API keys: an edit anywhere drops it.
    const version = store.identityVersion();
    const cacheKey = `${identity.tenant ?? ''}\u0000${identity.userId}`;
    let found = this.users.get(cacheKey);
    let degraded = false;
    if (found?.version !== version) {
      try {
        const user = await store.users.find(identity.userId, identity.tenant);
        const team = user?.teamId ? await store.teams.get(user.teamId, user.tenant) : undefined;
        found = { version, user, team };
        if (this.users.size >= 10_000) this.users.clear();
        this.users.set(cacheKey, found);
      } catch (err) {
        if (!(err instanceof PartDownError)) throw err;
        // Store away: what it last said about the caller, else its own id under the default quotas (fail_open); or a 503.
        if (this.options.config.failure_modes.auth === 'fail_closed') throw dependencyUnavailable('The caller cannot be looked up', err, 'failure_modes.auth');
        degraded = true;
        found ??= { version, user: undefined, team: undefined };
      }
    }
    const marks = degraded ? { degraded: [...(identity.degraded ?? []), 'auth'] } : {};
    const { user, team } = found;
    if (!user) return { ...identity, ...marks, resolved: true };
    if (user.disabled) throw new TokligenceError('permission', `User ${user.id} is disabled`);
    return { ...identity, ...identityOf(user, team), session: identity.session, tags: identity.tags, ...marks };
  }

  /** Remember the strongest firewall action of a call in flight (from its security events). */
  noteSecurityAction(requestId: string, action: string): void {
    const rank = (a?: string) => (a === 'block' ? 3 : a === 'redact' ? 2 : a === 'flag' ? 1 : 0);
    if (rank(action) > rank(this.securityActions.get(requestId))) this.securityActions.set(requestId, action);
    // Bounded: an entry lives only while its call runs; this guards against calls that never settle.
    if (this.securityActions.size > 10_000) this.securityActions.clear();
  }

  /** The firewall action noted for a call, forgetting it. */
  takeSecurityAction(requestId: string): string | undefined {
    const action = this.securityActions.get(requestId);
    if (action !== undefined) this.securityActions.delete(requestId);
    return action;
  }

  /** Write what is queued, stop timers, close the store (a store passed in is left open). */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    clearInterval(this.retention);
    await this.opening?.catch(() => {});
    await this.retentionPass;
    await this.ledger?.close();
    // After the ledger: what it wrote has already come out of the leases; the rest goes back.
    await this.budgets?.close().catch(() => {});
    await this.audit?.close();
    await this.limiter?.close();
    if (!this.options.health) this.health.close();
    if (!this.options.store) await this.store?.close();
  }
}
