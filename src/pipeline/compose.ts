import type { ChatResult } from '../core/contracts/index.js';
import type { CallContext, Middleware } from '../core/contracts/index.js';

/** Run middleware in order around a final handler (Koa/Hono style onion). */
export function compose(middleware: Middleware[], handler: (ctx: CallContext) => Promise<ChatResult>) {
  return (ctx: CallContext): Promise<ChatResult> => {
    const dispatch = (i: number): Promise<ChatResult> => {
      const mw = middleware[i];
      return mw ? mw(ctx, () => dispatch(i + 1)) : handler(ctx);
    };
    return dispatch(0);
  };
}
