import type { TokligenceConfig } from '../config/index.js';
import {
  type ApiKey,
  type Approval,
  DEFAULT_TENANT,
  dayKey,
  monthKey,
  monthRange,
  periodEnd,
  newRowId,
  type Page,
  type Store,
  StoreConflictError,
  type StoreOptions,
  type Team,
  type UsageGroup,
  type UsageTotals,
  type User,
  type UserRole,
} from '../store/index.js';
import { type Price, costAt } from '../routing/prices.js';
import { generateApiKey } from './api-keys.js';
import type { Quotas } from './budgets.js';
import type { BudgetPeriod, BudgetStatus, CacheSavings, PublicApiKey, RecentCall, UsageReport } from './admin-types.js';

/** What an admin operation refused: `invalid` input, `not_found`, or a `conflict` (duplicate). */
export class AdminError extends Error {
  constructor(
    readonly code: 'invalid' | 'not_found' | 'conflict' | 'forbidden',
    message: string,
    /** The input field at fault (`email`, `month`, …). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}

/** A change made through the admin API or CLI, for the audit log. */
export interface AdminAction {
  action: string;
  target: string;
  tenant: string;
  details?: Record<string, unknown>;
}

export const ROLES: readonly UserRole[] = ['admin', 'tenant_admin', 'member', 'viewer'];

export interface NewUserInput {
  name: string;
  /** Default `member`. */
  role?: UserRole;
  email?: string;
  /** USD per month (the scenarios' `--quota`). */
  quota?: number;
  dailyQuota?: number;
  team?: string;
  models?: string[];
}

export interface NewKeyInput {
  name?: string;
  models?: string[];
  /** Days from now until the key stops working. */
  expiresInDays?: number;
  dailyBudget?: number;
  monthlyBudget?: number;
}

export interface UsageInput {
  user?: string;
  team?: string;
  /** `true`: every team (grouped by team). */
  allTeams?: boolean;
  session?: string;
  /** `YYYY-MM`; default the current month (ignored for a session: all its time). */
  month?: string;
  /** A range of UTC days instead of a month: `YYYY-MM-DD`, both included. */
  from?: string;
  to?: string;
  groupBy?: UsageGroup;
  /** A second grouping inside each group (`group_by=day&split_by=user`: a cost series per user). */
  splitBy?: UsageGroup;
}

export type { BudgetPeriod, BudgetStatus, CacheSavings, PublicApiKey, RecentCall, UsageReport } from './admin-types.js';

/** The prices a savings estimate uses (the gateway's `prices:` over the offline table). */
export type PriceOf = (provider: string | undefined, model: string) => Price | undefined;

const GROUPS: readonly UsageGroup[] = ['user', 'team', 'key', 'session', 'model', 'provider', 'alias', 'day', 'hour'];
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The longest range a report covers (a year and a day: a leap year's worth of days). */
const MAX_RANGE_DAYS = 367;

/** `YYYY-MM-DD` → its UTC midnight, or undefined when the text is not a real day. */
function dayStart(text: string): number | undefined {
  const m = DAY.exec(text);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === text ? t : undefined;
}
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._@'-]{0,63}$/u;

function money(value: number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new AdminError('invalid', `${field} must be a number of USD >= 0, got ${String(value)}`, field);
  return value;
}

function models(list: string[] | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  if (!Array.isArray(list) || list.some((m) => typeof m !== 'string' || m.trim() === '' || m.length > 200))
    throw new AdminError('invalid', 'models must be a list of model names or globs (e.g. gpt-4o*, claude-*)', 'models');
  return list.map((m) => m.trim());
}

export const publicKey = (k: ApiKey, now = Date.now()): PublicApiKey => {
  const { hash: _hash, ...rest } = k;
  return { ...rest, status: k.revokedAt !== undefined ? 'revoked' : k.expiresAt !== undefined && k.expiresAt <= now ? 'expired' : 'active' };
};

/** The store settings of a config (the CLI and the gateway open the same store). */
export function storeOptionsOf(config: TokligenceConfig, now?: () => number): StoreOptions {
  const db = config.database;
  return {
    type: db.type as StoreOptions['type'],
    path: db.path,
    url: db.url,
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
    poolSize: db.pool_size,
    replicas: db.replication.enabled || db.replication.replicas.length ? db.replication.replicas : undefined,
    timeoutMs: db.timeout_ms,
    now,
  };
}

/**
 * The admin operations, one implementation for the CLI (`tokligence user …`) and the admin HTTP
 * API (`/admin/…`): input checked, ids resolved (by id or name), each change in one transaction,
 * errors that say what to do. Scoped to one tenant.
 */
export class AdminService {
  constructor(
    readonly store: Store,
    readonly tenant = DEFAULT_TENANT,
    private readonly now: () => number = Date.now,
    /** Told of each change (the audit log records it before the answer goes out). */
    private readonly onAction?: (action: AdminAction) => Promise<void>,
  ) {}

  private async did(action: string, target: string, details?: Record<string, unknown>): Promise<void> {
    await this.onAction?.({ action, target, tenant: this.tenant, ...(details ? { details } : {}) });
  }

  /** A user's request to use a gated model (`team.model_approval`); a pending or granted one is returned as it is. */
  async requestApproval(userRef: string, model: string, reason?: string): Promise<Approval> {
    if (typeof model !== 'string' || model.trim() === '' || model.length > 200) throw new AdminError('invalid', 'model is required (the model name to use, e.g. gpt-4)', 'model');
    if (reason !== undefined && (typeof reason !== 'string' || reason.length > 1000)) throw new AdminError('invalid', 'reason must be text of at most 1000 characters', 'reason');
    const user = await this.user(userRef);
    const open = (await this.store.approvals.list({ tenant: this.tenant, userId: user.id, model: model.trim() })).find((a) => a.status !== 'denied');
    if (open) return open;
    const approval = await this.store.approvals.create({ tenant: this.tenant, userId: user.id, model: model.trim(), ...(reason ? { reason } : {}) });
    await this.did('approval.requested', approval.id, { user: user.id, model: approval.model });
    return approval;
  }

  listApprovals(options: { user?: string; status?: string; limit?: number } = {}): Promise<Approval[]> {
    if (options.status !== undefined && !['pending', 'approved', 'denied'].includes(options.status))
      throw new AdminError('invalid', `status must be pending, approved or denied, got '${options.status}'`, 'status');
    return (async () => {
      const userId = options.user ? (await this.user(options.user)).id : undefined;
      return this.store.approvals.list({ tenant: this.tenant, userId, status: options.status as Approval['status'] | undefined, limit: options.limit });
    })();
  }

  /** Approve or deny a pending request; deciding twice is a conflict. */
  async decideApproval(id: string, status: 'approved' | 'denied', decidedBy: string, note?: string): Promise<Approval> {
    const decided = await this.store.approvals.decide(id, this.tenant, { status, decidedBy, ...(note ? { note } : {}) });
    if (!decided) throw new AdminError('not_found', `no approval request '${id}': see \`tokligence approval list\``, 'approval');
    if (!decided.changed) throw new AdminError('conflict', `approval request '${id}' was already ${decided.approval.status}`, 'approval');
    await this.did(status === 'approved' ? 'approval.granted' : 'approval.denied', id, { user: decided.approval.userId, model: decided.approval.model });
    return decided.approval;
  }

  private async user(ref: string, store = this.store): Promise<User> {
    const user = await store.users.find(ref, this.tenant);
    if (!user) throw new AdminError('not_found', `no user '${ref}': see \`tokligence user list\``, 'user');
    return user;
  }

  private async team(ref: string, store = this.store): Promise<Team> {
    const team = await store.teams.find(ref, this.tenant);
    if (!team) throw new AdminError('not_found', `no team '${ref}': see \`tokligence team list\``, 'team');
    return team;
  }

  async createUser(input: NewUserInput): Promise<User> {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!NAME.test(name)) throw new AdminError('invalid', `user name '${input.name ?? ''}' must be 1-64 letters, digits, spaces or . _ @ ' -`, 'name');
    if (input.email !== undefined && !EMAIL.test(input.email)) throw new AdminError('invalid', `email '${input.email}' is not an email address`, 'email');
    const monthlyBudget = money(input.quota, 'quota');
    const dailyBudget = money(input.dailyQuota, 'daily_quota');
    const allowed = models(input.models);
    if (input.role !== undefined && !ROLES.includes(input.role)) throw new AdminError('invalid', `role must be one of ${ROLES.join(', ')}, got '${String(input.role)}'`, 'role');
    const user = await conflicts(() =>
      this.store.transaction(async (tx) => {
        const team = input.team ? await this.team(input.team, tx) : undefined;
        return tx.users.create({ name, email: input.email, teamId: team?.id, monthlyBudget, dailyBudget, models: allowed, role: input.role ?? 'member', tenant: this.tenant });
      }),
    );
    await this.did('user.created', user.id, { role: user.role });
    return user;
  }

  listUsers(options: { limit?: number; cursor?: string; team?: string } = {}): Promise<Page<User>> {
    return cursorErrors(async () => {
      const team = options.team ? await this.team(options.team) : undefined;
      return this.store.users.list({ tenant: this.tenant, limit: options.limit, cursor: options.cursor, teamId: team?.id });
    });
  }

  getUser(ref: string): Promise<User> {
    return this.user(ref);
  }

  /** Disable (or enable again) a user: their keys stop working at once. */
  async setUserDisabled(ref: string, disabled: boolean): Promise<User> {
    const user = await this.store.transaction(async (tx) => {
      const found = await this.user(ref, tx);
      return (await tx.users.update(found.id, { disabled }, this.tenant)) as User;
    });
    await this.did(disabled ? 'user.disabled' : 'user.enabled', user.id);
    return user;
  }

  async createTeam(input: { name: string; monthlyBudget?: number; dailyBudget?: number; models?: string[] }): Promise<Team> {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!NAME.test(name)) throw new AdminError('invalid', `team name '${input.name ?? ''}' must be 1-64 letters, digits, spaces or . _ @ ' -`, 'name');
    const monthlyBudget = money(input.monthlyBudget, 'budget');
    const dailyBudget = money(input.dailyBudget, 'daily_budget');
    const allowed = models(input.models);
    const team = await conflicts(() => this.store.teams.create({ name, monthlyBudget, dailyBudget, models: allowed, tenant: this.tenant }));
    await this.did('team.created', team.id);
    return team;
  }

  listTeams(options: { limit?: number; cursor?: string } = {}): Promise<Page<Team>> {
    return cursorErrors(() => this.store.teams.list({ tenant: this.tenant, ...options }));
  }

  /** A new key for a user: the secret is returned here once and never again. */
  async createKey(userRef: string, input: NewKeyInput = {}): Promise<{ key: PublicApiKey; secret: string }> {
    if (input.name !== undefined && (typeof input.name !== 'string' || input.name.length > 200)) throw new AdminError('invalid', 'key name must be text of at most 200 characters', 'name');
    const days = input.expiresInDays;
    if (days !== undefined && (!Number.isFinite(days) || days <= 0)) throw new AdminError('invalid', `expires_in_days must be a number > 0, got ${String(days)}`, 'expires_in_days');
    const dailyBudget = money(input.dailyBudget, 'daily_budget');
    const monthlyBudget = money(input.monthlyBudget, 'monthly_budget');
    const allowed = models(input.models);
    const secret = generateApiKey();
    const key = await this.store.transaction(async (tx) => {
      const user = await this.user(userRef, tx);
      if (user.disabled) throw new AdminError('invalid', `user '${userRef}' is disabled: \`tokligence user enable ${user.id}\` first`, 'user');
      return tx.keys.create({
        id: newRowId('key'),
        tenant: this.tenant,
        userId: user.id,
        name: input.name,
        prefix: secret.prefix,
        hash: secret.hash,
        models: allowed,
        dailyBudget,
        monthlyBudget,
        expiresAt: days === undefined ? undefined : this.now() + days * 86_400_000,
      });
    });
    await this.did('key.created', key.id, { user: key.userId });
    return { key: publicKey(key, this.now()), secret: secret.key };
  }

  listKeys(options: { limit?: number; cursor?: string; user?: string } = {}): Promise<Page<PublicApiKey>> {
    return cursorErrors(async () => {
      const user = options.user ? await this.user(options.user) : undefined;
      const page = await this.store.keys.list({ tenant: this.tenant, limit: options.limit, cursor: options.cursor, userId: user?.id });
      return { ...page, items: page.items.map((k) => publicKey(k, this.now())) };
    });
  }

  /** Revoke a key: the next request with it is refused (no cache to wait for). */
  async revokeKey(id: string): Promise<PublicApiKey> {
    const key = await this.store.keys.revoke(id, this.now(), this.tenant);
    if (!key) throw new AdminError('not_found', `no API key '${id}': see \`tokligence apikey list\``, 'key');
    await this.did('key.revoked', key.id, { user: key.userId });
    return publicKey(key, this.now());
  }

  async usage(input: UsageInput): Promise<UsageReport> {
    const filter: Record<string, string> = {};
    let userId: string | undefined;
    let teamId: string | undefined;
    if (input.user) {
      // A user of the store, or an id an embedding app recorded usage under (not in the store).
      userId = (await this.store.users.find(input.user, this.tenant))?.id;
      if (!userId) {
        const [seen] = await this.store.ledger.totals({ tenant: this.tenant, userId: input.user });
        if (!seen?.requests) throw new AdminError('not_found', `no user '${input.user}' and no usage recorded for that id: see \`tokligence user list\``, 'user');
        userId = input.user;
      }
      filter.user = userId;
    }
    if (input.team) {
      teamId = (await this.team(input.team)).id;
      filter.team = teamId;
    }
    if (input.session) filter.session = input.session;
    const period = this.period(input);
    for (const [name, by] of [['group_by', input.groupBy], ['split_by', input.splitBy]] as const)
      if (by !== undefined && !GROUPS.includes(by)) throw new AdminError('invalid', `${name} must be one of ${GROUPS.join(', ')}, got '${by}'`, name);
    const groupBy: UsageGroup = input.groupBy ?? (input.allTeams ? 'team' : teamId ? 'user' : userId || input.session ? 'model' : 'user');
    const query = { tenant: this.tenant, userId, teamId, session: input.session, from: period.range?.[0], to: period.range?.[1] };
    const [total] = await this.store.ledger.totals(query);
    const groups = await this.store.ledger.totals({ ...query, groupBy, splitBy: input.splitBy });
    return { ...period.label, filter, groupBy, ...(input.splitBy ? { splitBy: input.splitBy } : {}), total: total as UsageTotals, groups };
  }

  /**
   * What the caches saved in a month or range: each response-cache hit at the list price of the
   * model asked for (its tokens, as if called), and each prompt-cache read at the difference
   * between the model's input and cache-read prices. Estimates: said so wherever they are shown.
   */
  async cacheSavings(input: Pick<UsageInput, 'month' | 'from' | 'to'>, priceOf: PriceOf): Promise<CacheSavings> {
    const { range } = this.period(input);
    const [from, to] = range as [number, number];
    const query = { tenant: this.tenant, from, to };
    const hits = await this.store.ledger.totals({ ...query, cacheHit: true, groupBy: 'alias' });
    const models = await this.store.ledger.totals({ ...query, cacheHit: false, groupBy: 'model' });
    const byModel = new Map<string, CacheSavings['byModel'][number]>();
    const entry = (model: string) => {
      let e = byModel.get(model);
      if (!e) byModel.set(model, (e = { model, responseCacheHits: 0, responseCacheUsd: 0, promptCacheReadTokens: 0, promptCacheUsd: 0 }));
      return e;
    };
    for (const h of hits) {
      const price = h.group ? priceOf(undefined, h.group) : undefined;
      const e = entry(h.group || '(unknown)');
      e.responseCacheHits += h.requests;
      if (price) e.responseCacheUsd += costAt(price, { inputTokens: h.inputTokens, outputTokens: h.outputTokens, cacheReadTokens: h.cacheReadTokens, cacheWriteTokens: h.cacheWriteTokens });
    }
    for (const m of models) {
      if (!m.cacheReadTokens || !m.group) continue;
      const slash = m.group.indexOf('/');
      const price = priceOf(slash > 0 ? m.group.slice(0, slash) : undefined, slash > 0 ? m.group.slice(slash + 1) : m.group);
      const e = entry(m.group);
      e.promptCacheReadTokens += m.cacheReadTokens;
      if (price) e.promptCacheUsd += (m.cacheReadTokens * Math.max(0, price.input - (price.cacheRead ?? price.input * 0.1))) / 1_000_000;
    }
    const rows = [...byModel.values()].sort((a, b) => b.responseCacheUsd + b.promptCacheUsd - (a.responseCacheUsd + a.promptCacheUsd) || (a.model < b.model ? -1 : 1));
    const [all] = await this.store.ledger.totals(query);
    const sum = (f: (e: CacheSavings['byModel'][number]) => number) => rows.reduce((n, e) => n + f(e), 0);
    return {
      from: isoDay(from),
      to: isoDay(to - 1),
      responseCache: { hits: sum((e) => e.responseCacheHits), requests: all?.requests ?? 0, savedUsd: sum((e) => e.responseCacheUsd) },
      promptCache: { readTokens: sum((e) => e.promptCacheReadTokens), savedUsd: sum((e) => e.promptCacheUsd) },
      byModel: rows,
    };
  }

  /**
   * Users' or teams' budgets: each cap (their own, else the config's default from `quotas`), what
   * is spent and held today and this month, and what is left.
   */
  async budgets(kind: 'user' | 'team', options: { limit?: number; cursor?: string } = {}, quotas: Quotas = {}): Promise<Page<BudgetStatus>> {
    const page: Page<User | Team> = kind === 'user' ? await this.listUsers(options) : await this.listTeams(options);
    const t = this.now();
    const period = async (scope: string, which: 'day' | 'month', own: number | undefined, fallback: number | undefined): Promise<BudgetPeriod> => {
      const c = await this.store.budgets.counter(this.tenant, { scope, period: which === 'day' ? dayKey(t) : monthKey(t) });
      const limit = own ?? fallback;
      return {
        ...(limit !== undefined ? { limit, source: own !== undefined ? ('own' as const) : ('default' as const), left: Math.max(0, limit - c.spent) } : {}),
        spent: c.spent,
        reserved: c.reserved,
        resetsAt: new Date(periodEnd(which, t)).toISOString(),
      };
    };
    const items = await Promise.all(
      page.items.map(async (row): Promise<BudgetStatus> => {
        const scope = `${kind}:${row.id}`;
        const user = kind === 'user' ? (row as User) : undefined;
        return {
          kind,
          id: row.id,
          name: row.name,
          ...(user?.teamId ? { teamId: user.teamId } : {}),
          ...(user ? { disabled: user.disabled } : {}),
          daily: await period(scope, 'day', row.dailyBudget, kind === 'user' ? quotas.perUserDaily : quotas.perTeamDaily),
          monthly: await period(scope, 'month', row.monthlyBudget, kind === 'user' ? quotas.perUserMonthly : quotas.perTeamMonthly),
        };
      }),
    );
    return { items, ...(page.next ? { next: page.next } : {}) };
  }

  /** The latest calls (newest first), for the console's live view. */
  async recentCalls(options: { limit?: number; cursor?: string } = {}): Promise<Page<RecentCall>> {
    return cursorErrors(async () => {
      const page = await this.store.ledger.list({ tenant: this.tenant, limit: options.limit, cursor: options.cursor });
      return { ...page, items: page.items.map(({ leases: _l, ...row }) => row) };
    });
  }

  /** A month (default: the current one) or a `from`/`to` range of UTC days, checked. */
  private period(input: Pick<UsageInput, 'month' | 'from' | 'to' | 'session'>): { range?: [number, number]; label: { month?: string; from?: string; to?: string } } {
    if (input.from !== undefined || input.to !== undefined) {
      if (input.month !== undefined) throw new AdminError('invalid', 'give either month or from/to, not both', 'month');
      const from = dayStart(input.from ?? '');
      if (from === undefined) throw new AdminError('invalid', `from '${input.from ?? ''}' is not a day: expected YYYY-MM-DD, e.g. 2026-12-01`, 'from');
      const to = dayStart(input.to ?? '');
      if (to === undefined) throw new AdminError('invalid', `to '${input.to ?? ''}' is not a day: expected YYYY-MM-DD, e.g. 2026-12-31`, 'to');
      if (to < from) throw new AdminError('invalid', `to (${input.to}) is before from (${input.from})`, 'to');
      if ((to - from) / 86_400_000 >= MAX_RANGE_DAYS) throw new AdminError('invalid', `a range covers at most ${MAX_RANGE_DAYS} days`, 'to');
      return { range: [from, to + 86_400_000], label: { from: input.from, to: input.to } };
    }
    if (input.session && !input.month) return { label: {} };
    const month = input.month ?? new Date(this.now()).toISOString().slice(0, 7);
    const range = monthRange(month);
    if (!range) throw new AdminError('invalid', `month '${month}' is not a month: expected YYYY-MM, e.g. 2026-12`, 'month');
    return { range, label: { month } };
  }
}

const isoDay = (ts: number) => new Date(ts).toISOString().slice(0, 10);

async function conflicts<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof StoreConflictError) throw new AdminError('conflict', err.message, err.field);
    throw err;
  }
}

async function cursorErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RangeError) throw new AdminError('invalid', err.message, 'cursor');
    throw err;
  }
}
