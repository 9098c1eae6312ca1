import type { ChatRequest, DialectName } from '../types.js';
import type { Identity } from './identity.js';
import type { RouteAttempt } from './route-attempt.js';
import type { ScanReport } from './scan-report.js';
import type { CallSpan } from './tracer.js';

/** Everything a middleware may read or change about one call. */
export interface CallContext {
  requestId: string;
  /** The caller's dialect; undefined for a canonical call (`Tokligence.run()`, the framework adapters). */
  dialect?: DialectName;
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
  /** Who the call is for (user, key, team, session, tags): for rate limits, budgets and the usage ledger. */
  identity?: Identity;
  /** Per-call cache bypass: `read: false` = do not answer from the cache, `write: false` = do not store. */
  cacheMode?: { read: boolean; write: boolean };
  /** Set by the response cache: how this call was answered. */
  cache?: CacheOutcome;
  /** Set by the security middleware: what its checks looked at, and what they could not. */
  security?: ScanReport;
  /**
   * Features that served this call without the shared part they need, failing open (`auth`,
   * `rate_limit`, `budgets`, `cache`): the answer's `x-tokligence-degraded` header.
   */
  degraded?: string[];
  /**
   * Nothing in the pipeline reads stream content (every middleware `ignoresStreamContent`). A
   * stream passed through byte for byte then decodes only what routing, usage and error
   * reporting need: content deltas after the first are skipped, not parsed.
   */
  skimStreams?: boolean;
  /** The call's trace span, while tracing is on (the router opens a child span per target). */
  span?: CallSpan;
}

/** `hit`: answered from the cache; `miss`: looked up, not found; `bypass`: not looked up. */
export type CacheOutcome = 'hit' | 'miss' | 'bypass';
