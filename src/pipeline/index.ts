export { compose } from './compose.js';
export type { CallContext, Middleware, Next, RouteAttempt } from './types.js';
