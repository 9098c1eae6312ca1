/**
 * Building the gateway from a config and running calls through it: what the `Tokligence` facades,
 * the framework adapters and the server share. Nothing here knows HTTP or an SDK's object types.
 */
export { callInDialect, runCanonical } from './call.js';
export { countTokens } from './count-tokens.js';
export type { CallMeta } from './meta.js';
export { metaHeaders, routeHeader, scanHeader } from './meta-headers.js';
export { modelIds } from './models.js';
export type { CallOptions, RequestOptions } from './options.js';
export type { CanonicalResult, DialectResult, SseDialectResult } from './result.js';
export { type PipelineCall, runPipeline } from './run.js';
export { type ReloadResult, rebuildRuntime, retireRuntime } from './reload.js';
export { type Runtime, type TokligenceOptions, createRuntime } from './runtime.js';
