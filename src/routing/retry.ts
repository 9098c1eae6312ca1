import pRetry from 'p-retry';
import { type TokligenceError, toTokligenceError } from '../core/errors.js';

/** Retries of one target before the router falls back (config `retry`). */
export interface RetrySettings {
  /** Retries after the first try (0 = none). Default 2. */
  attempts: number;
  /** First backoff delay, ms; doubles each retry. Default 500. */
  minDelayMs: number;
  /** Backoff ceiling, ms. Default 8000. */
  maxDelayMs: number;
  /**
   * The longest `Retry-After` / `retry-after-ms` honoured, seconds. An upstream asking for longer
   * is not retried: the router falls back at once. Default 30.
   */
  maxRetryAfterS: number;
}

export const DEFAULT_RETRY: RetrySettings = { attempts: 2, minDelayMs: 500, maxDelayMs: 8000, maxRetryAfterS: 30 };

/**
 * The wait before retry number `retry` (0-based): the upstream's `Retry-After` when it sent one,
 * else exponential backoff `minDelayMs × 2^retry` capped at `maxDelayMs`, with "equal jitter"
 * (half fixed, half random) so many clients do not retry in step.
 */
export function retryDelayMs(error: TokligenceError, retry: number, settings: RetrySettings, random: () => number): number {
  if (error.retryAfter !== undefined) return Math.max(0, error.retryAfter * 1000);
  const base = Math.min(settings.maxDelayMs, settings.minDelayMs * 2 ** retry);
  return base / 2 + random() * (base / 2);
}

/** Why a failure is not retried, or undefined when it is. */
export function noRetryReason(error: TokligenceError, settings: RetrySettings): string | undefined {
  if (!error.retryable) return `${error.kind} is not retryable`;
  if (error.retryAfter !== undefined && error.retryAfter > settings.maxRetryAfterS)
    return `Retry-After ${error.retryAfter}s exceeds max_retry_after_s ${settings.maxRetryAfterS}`;
  return undefined;
}

export interface RetryHooks {
  /** Extra veto (e.g. the target's circuit just opened). */
  stop?: (error: TokligenceError) => boolean;
  /** Called before each wait; `retry` is 1 for the first retry. */
  onRetry?: (error: TokligenceError, retry: number, delayMs: number) => void;
  signal?: AbortSignal;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Run `fn`, retrying retryable failures with p-retry. p-retry's own backoff is set to zero and
 * the wait happens in `shouldRetry`, because its delay cannot follow `Retry-After`. The first
 * try runs outside p-retry: most calls succeed at once and should not pay for its bookkeeping.
 */
export async function withRetries<T>(fn: (attempt: number) => Promise<T>, settings: RetrySettings, hooks: RetryHooks = {}): Promise<T> {
  const random = hooks.random ?? Math.random;
  const sleep = hooks.sleep ?? abortableSleep;
  let retries = 0;
  const shouldRetry = async (error: unknown): Promise<boolean> => {
    const e = toTokligenceError(error);
    if (retries >= settings.attempts || noRetryReason(e, settings) || hooks.stop?.(e) || hooks.signal?.aborted) return false;
    const delay = retryDelayMs(e, retries, settings, random);
    retries++;
    hooks.onRetry?.(e, retries, delay);
    await sleep(delay, hooks.signal);
    return true;
  };
  try {
    return await fn(1);
  } catch (err) {
    if (!(await shouldRetry(err))) throw toTokligenceError(err);
  }
  try {
    return await pRetry(
      async (attempt) => {
        try {
          return await fn(attempt + 1);
        } catch (err) {
          // p-retry gives up at once on a TypeError; ours are all TokligenceErrors.
          throw toTokligenceError(err);
        }
      },
      {
        retries: settings.attempts - 1,
        minTimeout: 0,
        maxTimeout: 0,
        signal: hooks.signal,
        shouldRetry: ({ error }) => shouldRetry(error),
      },
    );
  } catch (err) {
    throw toTokligenceError(err);
  }
}

/** setTimeout as a promise that rejects when the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
