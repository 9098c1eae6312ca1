export { compose } from './compose.js';
export type { CacheOutcome, CallContext, Middleware, Next, RouteAttempt } from './types.js';
