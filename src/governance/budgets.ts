import type { Identity } from '../core/contracts/index.js';
import { RateLimitError } from '../core/errors.js';
import { dependencyUnavailable, type FailureMode, PartDownError } from '../core/health.js';
import { newId } from '../core/ids.js';
import { ALL_TIME, type BudgetCheck, counterId, dayKey, type LeaseGrant, type LeaseRequest, monthKey, periodEnd, type Store } from '../store/index.js';

/** `team.quotas` in camelCase: the defaults when a user, team or key has no cap of its own. */
export interface Quotas {
  perUserDaily?: number;
  perUserMonthly?: number;
  perTeamDaily?: number;
  perTeamMonthly?: number;
  perKeyDaily?: number;
  perKeyMonthly?: number;
  perSession?: number;
  /** USD per calendar month of each tenant (`multi_tenancy.tenants[].quota`), all its users together. */
  perTenantMonthly?: Readonly<Record<string, number>>;
}

interface LabelledCheck extends BudgetCheck {
  /** `daily budget of user usr_1`. */
  label: string;
  /** When the counter starts over (undefined: never, a session). */
  resetsAt?: number;
}

/** This instance's share of one counter, admitted against in memory. */
interface Lease {
  id: string;
  tenant: string;
  check: LabelledCheck;
  /** USD the store holds reserved for this lease, less the cost of calls settled here since. */
  granted: number;
  /** Estimates of the calls admitted and not yet settled. */
  inFlight: number;
  lastUsed: number;
  /** A refill under way: callers wait for it instead of asking again. */
  refill?: Promise<LeaseGrant | undefined>;
  /** The counter as the store last reported it (for the refusal's message). */
  last?: LeaseGrant;
  /** Estimates admitted beyond the lease while the store was away (`fail_open`), since it last answered. */
  outage?: number;
}

/** A call admitted under budgets: what to settle when it ends. */
export interface BudgetTicket {
  leases: Lease[];
  estimate: number;
  /** Admitted on this instance alone while the store was away (`failure_modes.budgets: fail_open`). */
  local?: boolean;
}

export interface BudgetFailureOptions {
  /** `failure_modes.budgets`. */
  mode: FailureMode;
  /** `failure_modes.budget_outage_allowance`: USD of estimates each capped counter may take beyond its lease on this instance while the store is away. */
  allowance: number;
}

/** How long a lease holds if its process dies without giving it back (renewed while the process lives). */
const LEASE_TTL_MS = 3_600_000;
/** The share of a cap one refill asks for (at least the call's own estimate). */
const LEASE_SHARE = 0.05;
/** A lease unused this long goes back to the store, so other instances can use what it holds. */
const IDLE_MS = 10_000;

const usd = (n: number) => `$${n.toFixed(n < 1 ? 4 : 2)}`;

/**
 * Budgets in USD per user, team, key (daily and monthly) and session, enforced without a database
 * round trip per call: each gateway instance leases a share of every capped counter from the
 * store (atomically, never past the cap) and admits calls against it in memory; the ledger row of
 * each call moves its real cost out of the leases into `spent`. A call is admitted while its
 * leases have something left (refilled from the store when they run out), and reserves its
 * worst-case estimate until it settles. So a cap is passed by at most one call's estimate per
 * instance (the last call admitted on each), and near a cap an instance may refuse while another
 * still holds an unused share (at most one refill's worth each; idle leases go back after 10 s).
 *
 * While the store is away, calls go on against what the leases hold; when one runs out, a refill
 * cannot be had: `fail_closed` refuses the call (a 503 naming the store), `fail_open` admits it on
 * this instance while the counter has taken less than `allowance` USD of estimates beyond its
 * lease since the store last answered, and never when the store's last grant for the counter was
 * nothing (the cap was spent). So during an outage a cap is passed by at most `allowance` + one
 * call's estimate per counter and instance; with fail_closed, by what the bound above says.
 */
export class BudgetGuard {
  private readonly leases = new Map<string, Lease>();
  /** Lease ids are `lease|<instance>|…`: one instance's leases renew and expire together. */
  private readonly prefix = `lease|${newId('gw_')}|`;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    /** The defaults in force (the admin API shows them beside each user's and team's own caps). */
    readonly quotas: Quotas,
    private readonly now: () => number = Date.now,
    private readonly failure: BudgetFailureOptions = { mode: 'fail_closed', allowance: 0 },
  ) {
    this.timer = setInterval(() => void this.tidy().catch(() => {}), 5_000);
    this.timer.unref?.();
  }

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
    const tenantQuota = q.perTenantMonthly?.[identity.tenant];
    if (tenantQuota !== undefined)
      out.push({ scope: 'tenant', period: monthKey(t), limit: tenantQuota, label: `monthly quota of tenant ${identity.tenant}`, resetsAt: periodEnd('month', t) });
    const session = limits.session ?? q.perSession;
    if (identity.session && session !== undefined)
      out.push({ scope: `session:${identity.session}`, period: ALL_TIME, limit: session, label: `budget of session ${identity.session}` });
    return out;
  }

  /**
   * Admit a call that may cost up to `estimateUsd` under every cap of `identity`, or throw a 429
   * naming the cap and when it resets. Undefined when no cap applies.
   */
  async admit(identity: Identity | undefined, estimateUsd: number): Promise<BudgetTicket | undefined> {
    const checks = this.checks(identity);
    if (checks.length === 0) return undefined;
    const tenant = identity?.tenant ?? 'default';
    const t = this.now();
    const leases = checks.map((check) => this.leaseFor(tenant, check, t));
    const short = leases.filter((l) => l.granted - l.inFlight <= 0);
    let local = false;
    if (short.length > 0)
      try {
        await this.refill(short, estimateUsd);
      } catch (err) {
        if (!(err instanceof PartDownError)) throw err;
        if (this.failure.mode === 'fail_closed') throw dependencyUnavailable('Budgets cannot be checked', err, 'failure_modes.budgets');
        this.admitLocally(short, estimateUsd);
        local = true;
      }
    const empty = local ? undefined : leases.find((l) => l.granted - l.inFlight <= 0);
    if (empty) throw this.exceeded(empty, t);
    for (const l of leases) {
      l.inFlight += estimateUsd;
      l.lastUsed = t;
    }
    return local ? { leases, estimate: estimateUsd, local } : { leases, estimate: estimateUsd };
  }

  /** `fail_open` while the store is away: admit beyond the short leases within the outage allowance, or refuse. */
  private admitLocally(short: Lease[], estimateUsd: number): void {
    const allowance = this.failure.allowance;
    for (const l of short) {
      if (l.last && l.last.granted <= 0 && l.granted - l.inFlight <= 0)
        throw new RateLimitError(`Budget exceeded: the ${l.check.label} (${usd(l.check.limit)}) was spent when the store last answered; it is unavailable now`, {
          param: 'budget',
          retryAfter: 60,
        });
      if ((l.outage ?? 0) >= allowance)
        throw new RateLimitError(
          `Budget cannot be checked while the store is unavailable, and this instance's outage allowance of ${usd(allowance)} for the ${l.check.label} is used (failure_modes.budget_outage_allowance)`,
          { param: 'budget', retryAfter: 60 },
        );
    }
    for (const l of short) l.outage = (l.outage ?? 0) + estimateUsd;
  }

  /** A call ended having cost `costUsd`: free its estimate; returns the lease ids its ledger row settles. */
  settle(ticket: BudgetTicket, costUsd: number): string[] {
    for (const l of ticket.leases) {
      l.inFlight = Math.max(0, l.inFlight - ticket.estimate);
      l.granted -= costUsd;
    }
    return ticket.leases.map((l) => l.id);
  }

  /** Give every lease back (after the ledger wrote what it owed); the guard is not used after this. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.leases.values()].map((l) => this.giveBack(l)));
  }

  private leaseFor(tenant: string, check: LabelledCheck, t: number): Lease {
    const key = counterId(tenant, check);
    let lease = this.leases.get(key);
    if (!lease) this.leases.set(key, (lease = { id: `${this.prefix}${key.replaceAll('\u0000', '|')}`, tenant, check, granted: 0, inFlight: 0, lastUsed: t }));
    else lease.check = check; // the cap may have changed (a user's budget edited)
    return lease;
  }

  /** Grow short leases from the store in one round trip; a refill already under way is waited for. */
  private async refill(short: Lease[], estimate: number): Promise<void> {
    const waiting = short.filter((l) => l.refill);
    const asking = short.filter((l) => !l.refill);
    if (asking.length > 0) {
      const requests: LeaseRequest[] = asking.map((l) => ({
        ...l.check,
        id: l.id,
        want: Math.max(estimate + l.inFlight - l.granted, l.check.limit * LEASE_SHARE),
      }));
      const all = this.store.budgets.lease(asking[0]!.tenant, requests, this.now() + LEASE_TTL_MS);
      asking.forEach((l, i) => {
        const refill = all.then((grants) => grants[i]);
        // Waited for only by concurrent callers; a store failure must not become an unhandled rejection.
        refill.catch(() => {});
        l.refill = refill;
      });
      try {
        const grants = await all;
        asking.forEach((l, i) => {
          const g = grants[i] as LeaseGrant;
          l.granted += g.granted;
          l.last = g;
          l.outage = 0;
        });
      } finally {
        for (const l of asking) l.refill = undefined;
      }
    }
    // A refill that failed because the store is away fails these callers too (503 or fail_open); another error is a short lease.
    await Promise.all(
      waiting.map((l) =>
        l.refill?.catch((err: unknown) => {
          if (err instanceof PartDownError) throw err;
        }),
      ),
    );
  }

  private exceeded(lease: Lease, t: number): RateLimitError {
    const { check } = lease;
    const spent = lease.last?.spent ?? 0;
    const held = lease.last?.reserved ?? 0;
    const inFlight = held > 0 ? ` (${usd(held)} more held by calls in flight)` : '';
    const reset = check.resetsAt ? `; it resets at ${new Date(check.resetsAt).toISOString()}` : '; it does not reset: start a new session';
    return new RateLimitError(`Budget exceeded: the ${check.label} is ${usd(check.limit)}, ${usd(spent)} spent${inFlight}${reset}`, {
      ...(check.resetsAt ? { retryAfter: Math.ceil((check.resetsAt - t) / 1000) } : {}),
      param: 'budget',
    });
  }

  /** Give idle leases back, forget those of past periods, and renew the rest. */
  private async tidy(): Promise<void> {
    const t = this.now();
    for (const [key, l] of this.leases) {
      if (l.inFlight > 0 || l.refill || t - l.lastUsed < IDLE_MS) continue;
      this.leases.delete(key);
      await this.giveBack(l);
    }
    if (this.leases.size > 0) await this.store.budgets.renew(this.prefix, t + LEASE_TTL_MS);
  }

  /** What this instance still holds of a lease goes back to the store. */
  private async giveBack(l: Lease): Promise<void> {
    const unused = l.granted - l.inFlight;
    if (unused <= 0) return;
    l.granted -= unused;
    await this.store.budgets.giveBack(l.id, unused);
  }
}
