import type { TokligenceConfig } from '../config/index.js';
import type { Middleware } from './types.js';

/** What middleware factories may need besides the config. */
export interface MiddlewareDeps {
  config: TokligenceConfig;
}

/**
 * The middleware a config turns on, outermost first. Order matters:
 * 1. security (firewall, PII redaction and restore, output validation): outermost, so nothing
 *    unscanned or unredacted reaches the cache, the session store or an upstream;
 * 2. tool-loop guard: cheap checks on the conversation before any work;
 * 3. sessions: expand `previous_response_id` into history, store the new turn;
 * 4. response cache: answer repeats without calling the router.
 * Each feature adds its factory on its own line below.
 */
export function buildMiddleware(deps: MiddlewareDeps): Middleware[] {
  const chain: Array<Middleware | undefined> = [
    // 1. security
    // 2. tool-loop guard
    // 3. sessions
    // 4. response cache
  ];
  void deps;
  return chain.filter((m): m is Middleware => m !== undefined);
}
