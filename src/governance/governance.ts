import type { TokligenceConfig } from '../config/index.js';
import type { Identity } from '../core/contracts/index.js';
import { TokligenceError } from '../core/errors.js';
import { type Price, priceFor, tablePrice } from '../routing/prices.js';
import { expandPath, openStore, type Store, type Team, type User } from '../store/index.js';
import { storeOptionsOf } from './admin.js';
import { CostAlerts } from './alerts.js';
import { Authenticator, identityOf } from './authenticate.js';
import { BudgetGuard } from './budgets.js';
import { LedgerWriter } from './ledger-writer.js';
import { MemoryRateLimitBackend } from './rate-limit/memory.js';
import { RateLimiter } from './rate-limit/limiter.js';
import { RedisRateLimitBackend } from './rate-limit/redis.js';
import { UsageSpool } from './spool.js';

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
}

/** Whether a config needs the store: team features, cost tracking or managed keys. */
export function needsStore(config: TokligenceConfig): boolean {
  return config.team.enabled || config.team.cost_tracking.enabled;
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
  store?: Store;
  ledger?: LedgerWriter;
  budgets?: BudgetGuard;
  alerts?: CostAlerts;
  private opening?: Promise<void>;
  private sweeper?: NodeJS.Timeout;
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
    this.prices = priceTable(config);
    const rl = config.rate_limit;
    if (rl.enabled) {
      const perUser = { rpm: rl.per_user.rpm, tpm: rl.per_user.tpm, perHour: rl.per_user.per_hour ?? rl.per_user_per_hour };
      const perKey = { rpm: rl.per_key.rpm, tpm: rl.per_key.tpm, perHour: rl.per_key.per_hour };
      const redis = { ...config.cache.redis, ...Object.fromEntries(Object.entries(rl.redis).filter(([, v]) => v !== undefined)) };
      const backend =
        rl.type === 'redis'
          ? new RedisRateLimitBackend({
              url: redis.url,
              host: redis.host,
              port: redis.port,
              password: redis.password,
              db: redis.db,
              keyPrefix: rl.redis.key_prefix,
              timeoutMs: rl.redis.timeout_ms,
            })
          : new MemoryRateLimitBackend(this.now);
      this.limiter = new RateLimiter(backend, perUser, perKey, rl.fail_open);
    }
  }

  /** Whether this config uses the store at all. */
  get usesStore(): boolean {
    return this.options.store !== undefined || needsStore(this.options.config);
  }

  /** Open the store (once), migrate it, write usage rows a crashed process left in the spool. */
  ready(): Promise<void> {
    this.opening ??= this.open();
    return this.opening;
  }

  private async open(): Promise<void> {
    if (!this.usesStore) return;
    const { config } = this.options;
    const db = config.database;
    const store =
      this.options.store ??
      (await openStore(storeOptionsOf(config, this.now)));
    this.store = store;
    let spool: UsageSpool | undefined;
    if (store.kind !== 'memory') {
      const dir = expandPath(db.spool_dir ?? '~/.tokligence/spool');
      spool = new UsageSpool(dir);
      const left = UsageSpool.leftovers(dir, spool.file);
      if (left.rows.length > 0) {
        await store.ledger.write(left.rows);
        this.options.onProblem?.(`recovered ${left.rows.length} usage row(s) left in the spool by a stopped process`);
      }
      left.done();
    }
    const cost = config.team.cost_tracking;
    if (cost.alert_threshold !== undefined)
      this.alerts = new CostAlerts(cost.alert_threshold, cost.webhook_url ?? config.security.alerts.webhook_url ?? undefined, this.options.fetch);
    this.ledger = new LedgerWriter(store, {
      spool,
      batchMs: this.options.ledgerBatchMs ?? config.database.ledger_batch_ms,
      onWritten: (result) => this.alerts?.check(result),
      onError: (err) => this.options.onProblem?.('usage ledger write failed; retrying', err),
    });
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
      },
      this.now,
    );
    // Budget leases of instances that died are given back after their hour.
    this.sweeper = setInterval(() => void store.budgets.expire(this.now()).catch(() => {}), 60_000);
    this.sweeper.unref?.();
  }

  /** The HTTP server's key check: config keys and, with a store, managed keys. */
  authenticator(): Authenticator {
    return new Authenticator(this.options.config.gateway.auth.keys, this.store, this.now);
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
    if (found?.version !== version) {
      const user = await store.users.find(identity.userId, identity.tenant);
      const team = user?.teamId ? await store.teams.get(user.teamId, user.tenant) : undefined;
      found = { version, user, team };
      if (this.users.size >= 10_000) this.users.clear();
      this.users.set(cacheKey, found);
    }
    const { user, team } = found;
    if (!user) return { ...identity, resolved: true };
    if (user.disabled) throw new TokligenceError('permission', `User ${user.id} is disabled`);
    return { ...identity, ...identityOf(user, team), session: identity.session, tags: identity.tags };
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
    await this.opening?.catch(() => {});
    await this.ledger?.close();
    // After the ledger: what it wrote has already come out of the leases; the rest goes back.
    await this.budgets?.close().catch(() => {});
    await this.limiter?.close();
    if (!this.options.store) await this.store?.close();
  }
}
