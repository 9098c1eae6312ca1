/** The admin API's answers, as the console reads them. */

export interface Totals {
  group?: string;
  split?: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
  errors: number;
  cacheHits: number;
}

export interface UsageReport {
  month?: string;
  from?: string;
  to?: string;
  groupBy: string;
  splitBy?: string;
  total: Totals;
  groups: Totals[];
}

export interface Savings {
  from: string;
  to: string;
  responseCache: { hits: number; requests: number; savedUsd: number };
  promptCache: { readTokens: number; savedUsd: number };
}

export interface User {
  id: string;
  name: string;
  email?: string;
  teamId?: string;
  role?: string;
  monthlyBudget?: number;
  dailyBudget?: number;
  models?: string[];
  disabled: boolean;
  createdAt: number;
}

export interface Team {
  id: string;
  name: string;
  monthlyBudget?: number;
  dailyBudget?: number;
  models?: string[];
  createdAt: number;
}

export interface ApiKey {
  id: string;
  userId: string;
  name?: string;
  prefix: string;
  models?: string[];
  dailyBudget?: number;
  monthlyBudget?: number;
  expiresAt?: number;
  revokedAt?: number;
  createdAt: number;
  status: 'active' | 'revoked' | 'expired';
}

export interface BudgetPeriod {
  limit?: number;
  source?: 'own' | 'default';
  spent: number;
  reserved: number;
  left?: number;
  resetsAt: string;
}

export interface BudgetStatus {
  kind: 'user' | 'team';
  id: string;
  name: string;
  teamId?: string;
  disabled?: boolean;
  daily: BudgetPeriod;
  monthly: BudgetPeriod;
}

export interface Call {
  requestId: string;
  ts: number;
  userId?: string;
  keyId?: string;
  teamId?: string;
  session?: string;
  dialect: string;
  provider?: string;
  model?: string;
  alias?: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  costUsd: number;
  latencyMs: number;
  ttftMs?: number;
  status: string;
  errorKind?: string;
  cacheHit: boolean;
  firewallAction?: string;
  /** From the audit log, when it is on. */
  findings?: Array<{ source: string; action: string; category?: string }>;
}
