/**
 * The rows the store keeps. Every row carries its `tenant` ('default' until multi-tenancy), so
 * every read can be scoped to one tenant. Times are epoch milliseconds; money is USD.
 */

export const DEFAULT_TENANT = 'default';

export interface Team {
  id: string;
  tenant: string;
  name: string;
  /** USD caps for the whole team (undefined: none). */
  dailyBudget?: number;
  monthlyBudget?: number;
  /** Model globs the team may use (undefined: any). */
  models?: string[];
  createdAt: number;
}

export interface User {
  id: string;
  tenant: string;
  name: string;
  email?: string;
  teamId?: string;
  /** USD caps of this user; undefined: the config's `team.quotas.per_user_*`. */
  dailyBudget?: number;
  monthlyBudget?: number;
  models?: string[];
  /** What the user may do on the admin API and CLI (default `member`; see README, Roles). */
  role?: UserRole;
  disabled: boolean;
  createdAt: number;
}

/** Roles: `admin` (every tenant), `tenant_admin` (its own tenant), `member`, `viewer` (read-only). */
export type UserRole = 'admin' | 'tenant_admin' | 'member' | 'viewer';

export type ApprovalStatus = 'pending' | 'approved' | 'denied';

/** A user's request to use a model that needs approval (`team.model_approval`), and its decision. */
export interface Approval {
  id: string;
  tenant: string;
  userId: string;
  /** The model asked for (a name; an approval covers exactly this name). */
  model: string;
  status: ApprovalStatus;
  /** Why the user needs it. */
  reason?: string;
  requestedAt: number;
  decidedBy?: string;
  decidedAt?: number;
  /** The approver's note. */
  note?: string;
}

/** A managed API key. The secret itself is never stored: only its SHA-256 and a lookup prefix. */
export interface ApiKey {
  id: string;
  tenant: string;
  userId: string;
  name?: string;
  /** The public part of the key (`tkl_<prefix>_…`), indexed for lookup. */
  prefix: string;
  /** Hex SHA-256 of the whole key. Never leaves the store layer in an API answer. */
  hash: string;
  models?: string[];
  dailyBudget?: number;
  monthlyBudget?: number;
  expiresAt?: number;
  revokedAt?: number;
  createdAt: number;
}

export type UsageStatus = 'completed' | 'failed' | 'cancelled';

/** One ledger row: one call. */
export interface UsageRow {
  requestId: string;
  tenant: string;
  ts: number;
  userId?: string;
  keyId?: string;
  teamId?: string;
  session?: string;
  tags?: Record<string, string>;
  dialect: string;
  provider?: string;
  model?: string;
  /** The model name the caller asked for (an alias or `provider/model`). */
  alias?: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costUsd: number;
  latencyMs: number;
  ttftMs?: number;
  status: UsageStatus;
  errorKind?: string;
  cacheHit: boolean;
  firewallAction?: string;
  /**
   * The budget leases this call was admitted under (one per capped counter, see BudgetRepo.lease):
   * when the row is written its cost moves out of them into the counters' spent.
   */
  leases?: string[];
}

/**
 * What a usage report groups by: who (`user`, `team`, `key`, `session`), what (`model` as
 * `provider/model`, `provider`, `alias`: the name the caller asked for) or when (`day`, `hour`, UTC).
 */
export type UsageGroup = 'user' | 'team' | 'key' | 'session' | 'model' | 'provider' | 'alias' | 'day' | 'hour';

export interface UsageQuery {
  tenant?: string;
  userId?: string;
  teamId?: string;
  keyId?: string;
  session?: string;
  /** Inclusive start, exclusive end (epoch ms). */
  from?: number;
  to?: number;
  /** Only calls answered from the response cache (`true`) or not (`false`). */
  cacheHit?: boolean;
  groupBy?: UsageGroup;
  /** A second grouping inside each group (`day` split by `user`: a time series per user). */
  splitBy?: UsageGroup;
}

export interface UsageTotals {
  /** The group's value (user id, model, day…); undefined for the overall total. */
  group?: string;
  /** The `splitBy` value inside the group. */
  split?: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
  errors: number;
  /** Calls answered from the response cache (no upstream call, no cost). */
  cacheHits: number;
}

/** One spend counter: a scope (`user:<id>`, `team:<id>`, `key:<id>`, `session:<id>`, `tenant`) in a period (`d:2026-12-07`, `m:2026-12`, `all`). */
export interface CounterRef {
  scope: string;
  period: string;
}

/** A cap to check at reservation: the counter, its limit in USD. */
export interface BudgetCheck extends CounterRef {
  limit: number;
}

/** One counter's share asked for by a gateway instance (see BudgetRepo.lease). */
export interface LeaseRequest extends BudgetCheck {
  /** The lease's id: one per instance and counter. */
  id: string;
  /** USD wanted. */
  want: number;
}

/** What a lease request got, and the counter as it stood before. */
export interface LeaseGrant {
  granted: number;
  spent: number;
  reserved: number;
}

/** A page of a list: `next` is the cursor of the following page, absent on the last. */
export interface Page<T> {
  items: T[];
  next?: string;
}

export interface ListOptions {
  tenant?: string;
  limit?: number;
  /** The `next` of the previous page. */
  cursor?: string;
}
