import type { AuditRepo } from './audit/types.js';
import type {
  ApiKey,
  Approval,
  ApprovalStatus,
  CounterRef,
  ListOptions,
  Page,
  LeaseGrant,
  LeaseRequest,
  Team,
  UsageQuery,
  UsageRow,
  UsageTotals,
  User,
} from './types.js';

/**
 * One interface for every backend (memory, SQLite, PostgreSQL), one repository per concern. Every
 * method takes or defaults the tenant; nothing reads across tenants. Later concerns (audit,
 * tenants, approvals, sessions) add a repository beside these.
 */
export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'postgres';
  readonly users: UserRepo;
  readonly teams: TeamRepo;
  readonly keys: ApiKeyRepo;
  readonly ledger: LedgerRepo;
  readonly budgets: BudgetRepo;
  /**
   * A number that changes whenever users, teams or API keys may have changed, in this process or
   * (SQL stores) another: what an authentication cache is keyed by, so it is never stale. While a
   * change elsewhere cannot be heard (PostgreSQL's LISTEN connection down), it changes on every
   * read, and nothing is cached. Every write to users, teams or keys bumps it.
   */
  identityVersion(): number;
  /** The audit log (when `audit.storage` is `database`). */
  readonly audit: AuditRepo;
  readonly approvals: ApprovalRepo;
  /** Run `fn` atomically: everything it wrote is kept, or nothing (on a throw). */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type NewUser = Omit<User, 'id' | 'createdAt' | 'disabled' | 'tenant'> & { id?: string; tenant?: string };
export type NewTeam = Omit<Team, 'id' | 'createdAt' | 'tenant'> & { id?: string; tenant?: string };
export type NewApiKey = Omit<ApiKey, 'createdAt' | 'revokedAt' | 'tenant'> & { tenant?: string };

export interface UserRepo {
  /** Throws a StoreConflictError on a duplicate name or email. */
  create(user: NewUser): Promise<User>;
  get(id: string, tenant?: string): Promise<User | undefined>;
  /** By id, else name, else email. */
  find(ref: string, tenant?: string): Promise<User | undefined>;
  list(options?: ListOptions & { teamId?: string }): Promise<Page<User>>;
  update(id: string, patch: Partial<Pick<User, 'disabled' | 'teamId' | 'dailyBudget' | 'monthlyBudget' | 'models' | 'email' | 'role'>>, tenant?: string): Promise<User | undefined>;
}

export interface TeamRepo {
  create(team: NewTeam): Promise<Team>;
  get(id: string, tenant?: string): Promise<Team | undefined>;
  /** By id, else name. */
  find(ref: string, tenant?: string): Promise<Team | undefined>;
  list(options?: ListOptions): Promise<Page<Team>>;
}

export interface ApiKeyRepo {
  create(key: NewApiKey): Promise<ApiKey>;
  get(id: string, tenant?: string): Promise<ApiKey | undefined>;
  /** The key with this lookup prefix, in any tenant (the key itself says whose it is). */
  byPrefix(prefix: string): Promise<ApiKey | undefined>;
  /** The key with this prefix with its user and the user's team, in one read (authentication's hot path). */
  withOwner(prefix: string): Promise<{ key: ApiKey; user: User; team?: Team } | undefined>;
  list(options?: ListOptions & { userId?: string }): Promise<Page<ApiKey>>;
  /** Mark revoked (idempotent); undefined when there is no such key. */
  revoke(id: string, at: number, tenant?: string): Promise<ApiKey | undefined>;
}

export interface LedgerRepo {
  /**
   * Write rows (a request id already present is skipped, so a replay is harmless), add their cost
   * to the spend counters and take it out of the leases they were admitted under, all in one
   * transaction. Returns the
   * counters after the write for the `tenant` scope of each month touched (for alerts).
   */
  write(rows: UsageRow[]): Promise<{ inserted: number; tenantMonths: Array<{ tenant: string; period: string; before: number; after: number }> }>;
  get(requestId: string, tenant?: string): Promise<UsageRow | undefined>;
  /** Totals, overall or grouped. */
  totals(query: UsageQuery): Promise<UsageTotals[]>;
  /** Rows newest first. */
  list(query: UsageQuery & ListOptions): Promise<Page<UsageRow>>;
  /** Delete the rows of calls before `ts` (retention), every tenant's; spend counters keep their totals. Returns how many. */
  purgeBefore(ts: number): Promise<number>;
}

/**
 * Budget counters (spent and reserved USD per scope and period) and the leases gateway instances
 * hold on them. An instance admits calls against its own lease in memory and comes here only to
 * grow it, give it back or renew it; the ledger moves a call's cost out of its leases into spent.
 * `spent + reserved` never passes a cap through a lease.
 */
export interface BudgetRepo {
  /**
   * Atomically, for each request: grant up to `want` of what is left under its cap (limit − spent −
   * reserved, never below 0), add it to the counter's `reserved` and to the lease (created or grown;
   * its expiry set to `expiresAt`). Returns, per request, what was granted and the counter before.
   */
  lease(tenant: string, requests: LeaseRequest[], expiresAt: number): Promise<LeaseGrant[]>;
  /** Give back up to `amount` of a lease (idle, or its process stopping); an unknown lease is a no-op. */
  giveBack(id: string, amount: number): Promise<void>;
  /** Extend every lease whose id starts with `prefix` (a live process's heartbeat). */
  renew(prefix: string, expiresAt: number): Promise<void>;
  /** Release leases whose time ran out (their process died); returns how many. */
  expire(now: number): Promise<number>;
  /** A counter's spent and reserved USD. */
  counter(tenant: string, ref: CounterRef): Promise<{ spent: number; reserved: number }>;
}

export interface ApprovalRepo {
  create(input: { tenant?: string; userId: string; model: string; reason?: string }): Promise<Approval>;
  get(id: string, tenant?: string): Promise<Approval | undefined>;
  /** Newest first. */
  list(query?: { tenant?: string; userId?: string; status?: ApprovalStatus; model?: string; limit?: number }): Promise<Approval[]>;
  /** Decide a pending request; `changed` is false when it was already decided. */
  decide(id: string, tenant: string, decision: { status: 'approved' | 'denied'; decidedBy: string; note?: string }): Promise<{ approval: Approval; changed: boolean } | undefined>;
}

/** A unique name, email or id already exists. */
export class StoreConflictError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'StoreConflictError';
  }
}
