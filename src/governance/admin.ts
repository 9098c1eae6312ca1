import type { TokligenceConfig } from '../config/index.js';
import {
  type ApiKey,
  DEFAULT_TENANT,
  monthRange,
  newRowId,
  type Page,
  type Store,
  StoreConflictError,
  type StoreOptions,
  type Team,
  type UsageGroup,
  type UsageTotals,
  type User,
} from '../store/index.js';
import { generateApiKey } from './api-keys.js';

/** What an admin operation refused: `invalid` input, `not_found`, or a `conflict` (duplicate). */
export class AdminError extends Error {
  constructor(
    readonly code: 'invalid' | 'not_found' | 'conflict',
    message: string,
    /** The input field at fault (`email`, `month`, …). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}

/** A key as admins see it: never the key itself, never its hash. */
export type PublicApiKey = Omit<ApiKey, 'hash'> & { status: 'active' | 'revoked' | 'expired' };

export interface NewUserInput {
  name: string;
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
  groupBy?: UsageGroup;
}

export interface UsageReport {
  month?: string;
  filter: Record<string, string>;
  groupBy: UsageGroup;
  total: UsageTotals;
  groups: UsageTotals[];
}

const GROUPS: readonly UsageGroup[] = ['user', 'team', 'key', 'session', 'model', 'day'];
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
    private readonly tenant = DEFAULT_TENANT,
    private readonly now: () => number = Date.now,
  ) {}

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
    return conflicts(() =>
      this.store.transaction(async (tx) => {
        const team = input.team ? await this.team(input.team, tx) : undefined;
        return tx.users.create({ name, email: input.email, teamId: team?.id, monthlyBudget, dailyBudget, models: allowed, tenant: this.tenant });
      }),
    );
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
    return this.store.transaction(async (tx) => {
      const user = await this.user(ref, tx);
      return (await tx.users.update(user.id, { disabled }, this.tenant)) as User;
    });
  }

  async createTeam(input: { name: string; monthlyBudget?: number; dailyBudget?: number; models?: string[] }): Promise<Team> {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!NAME.test(name)) throw new AdminError('invalid', `team name '${input.name ?? ''}' must be 1-64 letters, digits, spaces or . _ @ ' -`, 'name');
    const monthlyBudget = money(input.monthlyBudget, 'budget');
    const dailyBudget = money(input.dailyBudget, 'daily_budget');
    const allowed = models(input.models);
    return conflicts(() => this.store.teams.create({ name, monthlyBudget, dailyBudget, models: allowed, tenant: this.tenant }));
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
    let range: [number, number] | undefined;
    let month: string | undefined;
    if (!input.session || input.month) {
      month = input.month ?? new Date(this.now()).toISOString().slice(0, 7);
      range = monthRange(month);
      if (!range) throw new AdminError('invalid', `month '${month}' is not a month: expected YYYY-MM, e.g. 2026-12`, 'month');
    }
    if (input.groupBy !== undefined && !GROUPS.includes(input.groupBy))
      throw new AdminError('invalid', `group_by must be one of ${GROUPS.join(', ')}, got '${input.groupBy}'`, 'group_by');
    const groupBy: UsageGroup = input.groupBy ?? (input.allTeams ? 'team' : teamId ? 'user' : userId || input.session ? 'model' : 'user');
    const query = { tenant: this.tenant, userId, teamId, session: input.session, from: range?.[0], to: range?.[1] };
    const [total] = await this.store.ledger.totals(query);
    const groups = await this.store.ledger.totals({ ...query, groupBy });
    return { ...(month ? { month } : {}), filter, groupBy, total: total as UsageTotals, groups };
  }
}

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
