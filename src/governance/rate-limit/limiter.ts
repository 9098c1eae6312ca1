import type { Identity } from '../../core/contracts/index.js';
import { RateLimitError } from '../../core/errors.js';
import { type FailureMode, dependencyUnavailable, type PartHealth } from '../../core/health.js';
import type { HitResult, RateLimitBackend, RateRule } from './backend.js';
import { MemoryRateLimitBackend } from './memory.js';

export interface RateLimits {
  rpm?: number;
  tpm?: number;
  perHour?: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Who a limit counts: the store user, a config key's name, or one shared `anonymous` bucket. */
const userOf = (id: Identity | undefined) => `${id?.tenant ?? 'default'}:${id?.userId ?? 'anonymous'}`;
const keyOf = (id: Identity | undefined) => (id?.keyId ?? id?.keyName ? `${id.tenant}:${id.keyId ?? id.keyName}` : undefined);

/**
 * The gateway's own rate limits, per user and per key: requests per minute and per hour, checked
 * and counted atomically before the call; tokens per minute, checked before (a full window
 * refuses) and counted when the call's usage is known. A refusal is a 429 with `Retry-After`.
 *
 * A shared backend (Redis) runs through its part's circuit (`part`). While it is away,
 * `fail_closed` refuses calls with a 503 naming it; `fail_open` enforces the same limits on this
 * instance alone (counters in memory: with N instances, up to N times a limit passes), and the call
 * is served degraded. Counting starts afresh in memory; Redis's own counters carry on when it is back.
 */
export class RateLimiter {
  errors = 0;
  private readonly local: MemoryRateLimitBackend;

  constructor(
    private readonly backend: RateLimitBackend,
    private readonly perUser: RateLimits,
    private readonly perKey: RateLimits,
    private readonly mode: FailureMode,
    private readonly part?: PartHealth,
    now: () => number = Date.now,
  ) {
    this.local = backend instanceof MemoryRateLimitBackend ? backend : new MemoryRateLimitBackend(now);
  }

  private rules(identity: Identity | undefined): RateRule[] {
    const rules: RateRule[] = [];
    const add = (scope: string, limits: RateLimits) => {
      if (limits.rpm) rules.push({ key: `${scope}:rpm`, limit: limits.rpm, windowMs: MINUTE, cost: 1 });
      if (limits.perHour) rules.push({ key: `${scope}:rph`, limit: limits.perHour, windowMs: HOUR, cost: 1 });
      if (limits.tpm) rules.push({ key: `${scope}:tpm`, limit: limits.tpm, windowMs: MINUTE, cost: 0 });
    };
    add(`user:${userOf(identity)}`, this.perUser);
    const key = keyOf(identity);
    if (key) add(`key:${key}`, this.perKey);
    return rules;
  }

  private shared<T>(op: () => Promise<T>): Promise<T> {
    return this.part ? this.part.run(op) : op();
  }

  /**
   * Throws a RateLimitError (429, Retry-After) when any limit is reached; counts the request
   * otherwise. Returns true when the limits were checked on this instance alone (the shared backend
   * was away, `fail_open`).
   */
  async check(identity: Identity | undefined): Promise<boolean> {
    const rules = this.rules(identity);
    if (rules.length === 0) return false;
    let result: HitResult;
    let degraded = false;
    try {
      result = await this.shared(() => this.backend.hit(rules));
    } catch (err) {
      this.errors++;
      if (this.mode === 'fail_closed') throw dependencyUnavailable('Rate limits cannot be checked', err, 'failure_modes.rate_limit');
      result = await this.local.hit(rules);
      degraded = true;
    }
    if (result.ok) return degraded;
    const retryAfter = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
    throw new RateLimitError(`Rate limit reached: ${describe(result.rule)}; retry in ${retryAfter} s`, { retryAfter });
  }

  /** Count the tokens a call used against the tokens-per-minute limits (in the background). */
  recordTokens(identity: Identity | undefined, tokens: number): void {
    if (tokens <= 0) return;
    const entries = this.rules(identity)
      .filter((r) => r.cost === 0)
      .map((r) => ({ key: r.key, windowMs: r.windowMs, amount: tokens }));
    if (entries.length === 0) return;
    this.shared(() => this.backend.add(entries)).catch(() => {
      this.errors++;
      void this.local.add(entries);
    });
  }

  close(): Promise<void> {
    return this.backend.close();
  }
}

function describe(rule: RateRule): string {
  const [kind, ...rest] = rule.key.split(':');
  const unit = rule.key.endsWith(':rpm') ? 'requests per minute' : rule.key.endsWith(':rph') ? 'requests per hour' : 'tokens per minute';
  const who = rest.slice(1, -1).join(':');
  return `${rule.limit} ${unit} for ${kind === 'user' ? 'user' : 'API key'} ${who}`;
}
