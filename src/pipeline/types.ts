import type { ChatRequest, DialectName } from '../core/types.js';
import type { ChatResult } from '../providers/types.js';

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
  /** Time spent on this target, retries included (for streams: until the first content). */
  ms?: number;
}

/** Everything a middleware may read or change about one call. */
export interface CallContext {
  requestId: string;
  /** The caller's dialect. */
  dialect: DialectName;
  request: ChatRequest;
  /** The caller's body as sent, for same-dialect pass-through. */
  rawBody?: Record<string, unknown>;
  /** Set by any middleware that changes `request`, which turns pass-through off. */
  rewritten: boolean;
  signal?: AbortSignal;
  /** Headers to forward to a same-dialect upstream (e.g. `anthropic-beta`). */
  forwardHeaders?: Record<string, string>;
  route: RouteAttempt[];
  startedAt: number;
  /** Who is calling (the server's authenticated key name); part of the response-cache key. */
  tenant?: string;
  /** Per-call cache bypass: `read: false` = do not answer from the cache, `write: false` = do not store. */
  cacheMode?: { read: boolean; write: boolean };
  /** Set by the response cache: how this call was answered. */
  cache?: CacheOutcome;
  /** Set by the security middleware: what its checks looked at, and what they could not. */
  security?: ScanReport;
  /**
   * Nothing in the pipeline reads stream content (every middleware `ignoresStreamContent`). A
   * stream passed through byte for byte then decodes only what routing, usage and error
   * reporting need: content deltas after the first are skipped, not parsed.
   */
  skimStreams?: boolean;
}

/**
 * What the guardrails actually examined in one call. Entries are content kinds present in the call
 * (`system`, `user_text`, `assistant_text`, `tool_results`, `documents`, `tool_arguments`,
 * `reasoning`, `images`, `files`, `tool_definitions`, `extensions`, `output`); a kind no enabled
 * check looked at is `not_scanned`, never reported as fine.
 */
export interface ScanReport {
  /** Present and examined by at least one check that ran to completion. */
  scanned: string[];
  /** Present, but no check examined it (binary media, tool definitions, …). */
  not_scanned: string[];
  /** Checks that failed (`detector:<name> (timeout)`); the call went on only with `security.fail_open`. */
  failed: string[];
}

/** `hit`: answered from the cache; `miss`: looked up, not found; `bypass`: not looked up. */
export type CacheOutcome = 'hit' | 'miss' | 'bypass';

export type Next = () => Promise<ChatResult>;

/** A middleware: `(ctx, next) => result`. It may change ctx.request before `next`, or wrap the result. */
export interface Middleware {
  (ctx: CallContext, next: Next): Promise<ChatResult>;
  /**
   * True when this middleware never reads a stream's content events (it looks at the request
   * only). When every middleware says so, nothing downstream reads a passed-through stream's
   * content, so its decoded copy may skip the deltas (see `CallContext.skimStreams`).
   */
  readonly ignoresStreamContent?: boolean;
}
