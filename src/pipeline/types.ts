import type { ChatRequest, DialectName } from '../core/types.js';
import type { ChatResult } from '../providers/types.js';

/** One target the router tried, why, and what happened: the decision log. */
export interface RouteAttempt {
  provider: string;
  model: string;
  reason: string;
  outcome: 'ok' | 'error' | 'skipped';
  status?: number;
  error?: string;
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
}

export type Next = () => Promise<ChatResult>;

/** A middleware: `(ctx, next) => result`. It may change ctx.request before `next`, or wrap the result. */
export type Middleware = (ctx: CallContext, next: Next) => Promise<ChatResult>;
