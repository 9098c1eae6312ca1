export { compose } from './compose.js';
export type { CacheOutcome, CallContext, Middleware, Next, RouteAttempt, ScanReport } from './types.js';
