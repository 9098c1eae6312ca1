/** One limit to check: a counter (by key) in a fixed window, the limit, and what this call adds. */
export interface RateRule {
  /** e.g. `user:usr_1:rpm`. */
  key: string;
  limit: number;
  windowMs: number;
  /** Added on success: 1 for a request limit; 0 for a token limit, checked now and counted after the call. */
  cost: number;
}

export type HitResult = { ok: true } | { ok: false; rule: RateRule; retryAfterMs: number };

/**
 * Fixed-window counters. `hit` is atomic over all its rules: either every counter has room and each
 * gets its cost, or none changes. A request rule has room when `count + cost <= limit`, a token
 * rule (cost 0) when `count < limit`. Windows are aligned to the epoch (a minute starts at :00).
 */
export interface RateLimitBackend {
  readonly kind: 'memory' | 'redis';
  hit(rules: readonly RateRule[]): Promise<HitResult>;
  /** Add to counters without a check (tokens used, after the call). */
  add(entries: ReadonlyArray<{ key: string; windowMs: number; amount: number }>): Promise<void>;
  /** Resolves when the backend answers (the probe of a shared backend that was away). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
