/**
 * The contracts every layer shares, one concept a file. Every folder of `src/` imports them from
 * here and nothing upward: the pipeline, routing and providers all speak these types.
 */
export { BATCHES, type Batched, type StreamCoder } from './batched.js';
export type { CallContext, CacheOutcome } from './call-context.js';
export type { ChatResult } from './chat-result.js';
export type { Identity, IdentityLimits, ModelScope } from './identity.js';
export type { DialectCodec, EncodedError, EncodedRequest, EncodeRequestOptions, EncodeResponseOptions } from './codec.js';
export type { Middleware, Next } from './middleware.js';
export type { Provider, ProviderCallOptions, ProviderType } from './provider.js';
export type { RouteAttempt } from './route-attempt.js';
export type { ScanReport } from './scan-report.js';
export type { SecurityEvent } from './security-event.js';
export type { AttemptSpan, CallOutcome, CallSpan, CallTracer, TracedCall } from './tracer.js';
export { newWireContext, noteSkipped, type WireContext } from './wire-context.js';
export type { WireEvent } from './wire-event.js';
