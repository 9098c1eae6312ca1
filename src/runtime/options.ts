import type { CallContext } from '../core/contracts/call-context.js';
import type { Identity } from '../core/contracts/identity.js';
import type { RouteAttempt } from '../core/contracts/route-attempt.js';
import type { CallMeta } from './meta.js';

/** Per-call options, as in the official SDKs. */
export interface RequestOptions {
  signal?: AbortSignal;
  /** Extra headers forwarded to a same-dialect upstream (e.g. `anthropic-beta`). */
  headers?: Record<string, string>;
  requestId?: string;
  /**
   * Response cache for this call: `false` neither reads nor writes it, `'no-cache'` does not answer
   * from it (but stores the new answer), `'no-store'` may answer from it but stores nothing.
   */
  cache?: boolean | 'no-cache' | 'no-store';
  /**
   * W3C trace context of the caller (its `traceparent` / `tracestate` headers): with tracing on,
   * the call's span continues that trace, and the upstream request carries it on.
   */
  traceparent?: string;
  tracestate?: string;
  /** Called with the call's trace and span ids as its span opens (tracing on only): for log lines. */
  onTrace?: (trace: { traceId: string; spanId: string }) => void;
  /** Who is calling (the server passes the API key's name); cached answers are kept per tenant. */
  tenant?: string;
  /**
   * The user this call is for: a store user's id, name or email (their budgets, team and model
   * limits apply), or any id of your own (the `team.quotas` defaults apply). Recorded in the usage ledger.
   */
  user?: string;
  /** A run or agent session id: usage per session, and `team.quotas.per_session`. */
  session?: string;
  /** Labels stored with this call's usage row. */
  tags?: Record<string, string>;
  /** A whole identity (the server's authenticated caller); `user`, `session`, `tags` are added to it. */
  identity?: Identity;
  /**
   * Called once per call with the decision log (every target tried, why, how it went, retries),
   * when routing has settled: before the answer or the first stream content, or on failure.
   */
  onRoute?: (route: RouteAttempt[]) => void;
  /**
   * Called once per successful call with what happened (route, cache outcome, security report,
   * request id; usage and cost as promises that settle when the answer or stream ends). The
   * facades return plain SDK objects; this, or `.withMeta()` on the returned promise, is how an
   * in-process caller sees the rest.
   */
  onResult?: (meta: CallMeta) => void;
}

/** The options of `Tokligence.call()`: how the answer is framed for its consumer. */
export interface CallOptions extends RequestOptions {
  /**
   * The consumer writes SSE (an HTTP server): a same-dialect (pass-through) stream comes back as
   * the upstream's SSE bytes (`type: 'sse'`) instead of parsed events, forwarded without
   * re-framing; an encoded stream's text deltas carry their JSON text (`WireEvent.json`).
   */
  sseBytes?: boolean;
  /**
   * How a failing stream ends: as the dialect's error frame, the last event (`'frame'`, the
   * default: what an HTTP caller reads), or by throwing the error (`'throw'`: what in-process
   * callers and the SDKs expect).
   */
  streamErrors?: 'frame' | 'throw';
  /**
   * What the URL says, for a dialect that puts it there instead of in the body: Gemini's
   * `models/{model}:streamGenerateContent` names the model and whether to stream.
   */
  fromUrl?: { model: string; stream: boolean };
}

/** The call's identity from its options: the server's authenticated one, and/or the in-process `user`, `session`, `tags`. */
export function identityOf(o: RequestOptions): Identity | undefined {
  if (!o.identity && o.user === undefined && o.session === undefined && o.tags === undefined) return undefined;
  const base: Identity = o.identity ?? { tenant: 'default' };
  return {
    ...base,
    ...(o.user !== undefined && o.user !== base.userId ? { userId: o.user, resolved: false } : {}),
    ...(o.session !== undefined ? { session: o.session } : {}),
    ...(o.tags !== undefined ? { tags: o.tags } : {}),
  };
}

/** The per-call cache bypass a `cache` option asks for. */
export function cacheMode(option: RequestOptions['cache']): CallContext['cacheMode'] {
  if (option === undefined || option === true) return undefined;
  if (option === false) return { read: false, write: false };
  return option === 'no-cache' ? { read: false, write: true } : { read: true, write: false };
}
