/** One target the router tried, why, and what happened: the decision log. */
export interface RouteAttempt {
  provider: string;
  model: string;
  /** Why this target was tried: strategy and its reason, fallback cause, clamping, pass-through. */
  reason: string;
  /** The strategy that ranked it (`priority`, `weighted`, `cheapest`, …; `single` for a lone target). */
  strategy?: string;
  /** `skipped`: not tried (provider missing, circuit open, fallback name unresolvable). */
  outcome: 'ok' | 'error' | 'skipped';
  status?: number;
  /** The error kind of the final failure (`rate_limit`, `overloaded`, `timeout`, …). */
  kind?: string;
  error?: string;
  /** Retries of this target after its first try. */
  retries?: number;
  /** The wait before each retry, ms (Retry-After or backoff). */
  retryDelaysMs?: number[];
  /** The failure that caused the last retry. */
  lastRetryError?: string;
  /** True when a failure here opened the target's circuit (a cooldown started). */
  cooldown?: boolean;
  /**
   * Parts of the answer the decoder skipped, by kind (`event:…`, `part:…`, `item:…`): unknown
   * stream events and parts, and items the caller could not have declared. Never fatal.
   */
  skipped?: Record<string, number>;
  /** Time spent on this target, retries included (for streams: until the first content). */
  ms?: number;
}
