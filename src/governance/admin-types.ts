/**
 * The admin API's answers (JSON of these shapes). Types only, importing nothing but types, so the
 * console in the browser (ui/) reads the gateway's own definitions; its bundle drops them.
 */
import type { AuditFinding } from '../store/audit/types.js';
import type { ApiKey, UsageGroup, UsageRow, UsageTotals } from '../store/types.js';

/** A key as admins see it: never the key itself, never its hash. */
export type PublicApiKey = Omit<ApiKey, 'hash'> & { status: 'active' | 'revoked' | 'expired' };

export interface UsageReport {
  month?: string;
  /** The range of a `from`/`to` report (UTC days, both included). */
  from?: string;
  to?: string;
  filter: Record<string, string>;
  groupBy: UsageGroup;
  splitBy?: UsageGroup;
  total: UsageTotals;
  groups: UsageTotals[];
}

/** What the caches saved in a period: answers served from the response cache, and prompt-cache reads. */
export interface CacheSavings {
  from: string;
  to: string;
  responseCache: { hits: number; requests: number; savedUsd: number };
  promptCache: { readTokens: number; savedUsd: number };
  /** Per `provider/model` (prompt cache) or model asked for (response cache). */
  byModel: Array<{ model: string; responseCacheHits: number; responseCacheUsd: number; promptCacheReadTokens: number; promptCacheUsd: number }>;
}

/** A cap's period: what it allows, what is spent and leased, what is left, when it starts over. */
export interface BudgetPeriod {
  /** USD; absent when no cap applies (then nothing is "left", only spent). */
  limit?: number;
  /** Whether the cap is the user's or team's own (`own`) or the config's default (`default`). */
  source?: 'own' | 'default';
  spent: number;
  /**
   * Leased to gateway instances (each holds a share of the cap and admits calls against it in
   * memory): still the user's or team's to spend, so it is part of `left`, not taken from it.
   */
  reserved: number;
  /** The cap less what is spent. */
  left?: number;
  resetsAt: string;
}

/** A user's or team's budgets today and this month. */
export interface BudgetStatus {
  kind: 'user' | 'team';
  id: string;
  name: string;
  teamId?: string;
  disabled?: boolean;
  daily: BudgetPeriod;
  monthly: BudgetPeriod;
}

/** A call as `GET /admin/calls` lists it: its ledger row and, when the audit log is on, its security findings. */
export type RecentCall = Omit<UsageRow, 'leases'> & { findings?: AuditFinding[] };
