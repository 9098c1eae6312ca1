import type { Identity } from '../core/contracts/index.js';
import { RateLimitError } from '../core/errors.js';
import { ALL_TIME, type BudgetCheck, dayKey, monthKey, periodEnd, type Store } from '../store/index.js';

/** `team.quotas` in camelCase: the defaults when a user, team or key has no cap of its own. */
export interface Quotas {
  perUserDaily?: number;
  perUserMonthly?: number;
  perTeamDaily?: number;
  perTeamMonthly?: number;
  perKeyDaily?: number;
  perKeyMonthly?: number;
  perSession?: number;
}

interface LabelledCheck extends BudgetCheck {
  /** `daily budget of user usr_1`. */
  label: string;
  /** When the counter starts over (undefined: never, a session). */
  resetsAt?: number;
}

/** How long a reservation holds if its call never settles (its process died): an hour. */
const RESERVATION_TTL_MS = 3_600_000;

const usd = (n: number) => `$${n.toFixed(n < 1 ? 4 : 2)}`;

/**
 * Budgets in USD per user, team, key (daily and monthly) and session. Before a call, the worst case
 * it may cost (prompt estimate + max_tokens at the model's prices) is reserved against every cap
 * that applies, atomically in the store; after it, the ledger row settles the reservation with the
 * real cost. A call is admitted while a cap has something left, so a concurrent burst passes a cap
 * by at most one call's reservation.
 */
export class BudgetGuard {
  constructor(
    private readonly store: Store,
    private readonly quotas: Quotas,
    private readonly now: () => number = Date.now,
  ) {}

  checks(identity: Identity | undefined): LabelledCheck[] {
    if (!identity) return [];
    const t = this.now();
    const limits = identity.limits ?? {};
    const q = this.quotas;
    const out: LabelledCheck[] = [];
    const pair = (scope: string, who: string, daily: number | undefined, monthly: number | undefined) => {
      if (daily !== undefined) out.push({ scope, period: dayKey(t), limit: daily, label: `daily budget of ${who}`, resetsAt: periodEnd('day', t) });
      if (monthly !== undefined) out.push({ scope, period: monthKey(t), limit: monthly, label: `monthly budget of ${who}`, resetsAt: periodEnd('month', t) });
    };
    if (identity.userId) pair(`user:${identity.userId}`, `user ${identity.userId}`, limits.userDaily ?? q.perUserDaily, limits.userMonthly ?? q.perUserMonthly);
    if (identity.teamId) pair(`team:${identity.teamId}`, `team ${identity.teamId}`, limits.teamDaily ?? q.perTeamDaily, limits.teamMonthly ?? q.perTeamMonthly);
    if (identity.keyId) pair(`key:${identity.keyId}`, `API key ${identity.keyId}`, limits.keyDaily ?? q.perKeyDaily, limits.keyMonthly ?? q.perKeyMonthly);
    const session = limits.session ?? q.perSession;
    if (identity.session && session !== undefined)
      out.push({ scope: `session:${identity.session}`, period: ALL_TIME, limit: session, label: `budget of session ${identity.session}` });
    return out;
  }

  /**
   * Reserve `estimateUsd` under every cap of `identity`; throws a 429 naming the cap and when it
   * resets. Returns whether a reservation was made (nothing to reserve when no cap applies).
   */
  async reserve(id: string, identity: Identity | undefined, estimateUsd: number): Promise<boolean> {
    const checks = this.checks(identity);
    if (checks.length === 0) return false;
    const result = await this.store.budgets.reserve(id, identity?.tenant ?? 'default', checks, estimateUsd, this.now() + RESERVATION_TTL_MS);
    if (result.ok) return true;
    const check = checks.find((c) => c.scope === result.check.scope && c.period === result.check.period) ?? (result.check as LabelledCheck);
    const t = this.now();
    const inFlight = result.reserved > 0 ? ` (${usd(result.reserved)} more held by calls in flight)` : '';
    const reset = check.resetsAt ? `; it resets at ${new Date(check.resetsAt).toISOString()}` : '; it does not reset: start a new session';
    throw new RateLimitError(`Budget exceeded: the ${check.label} is ${usd(check.limit)}, ${usd(result.spent)} spent${inFlight}${reset}`, {
      ...(check.resetsAt ? { retryAfter: Math.ceil((check.resetsAt - t) / 1000) } : {}),
      param: 'budget',
    });
  }

  /** Give a reservation back (the call failed before anything was recorded). */
  release(id: string): Promise<void> {
    return this.store.budgets.release(id);
  }
}
