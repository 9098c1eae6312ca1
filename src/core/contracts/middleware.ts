import type { CallContext } from './call-context.js';
import type { ChatResult } from './chat-result.js';

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
