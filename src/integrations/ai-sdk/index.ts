/**
 * `tokligence/ai-sdk`: a Vercel AI SDK provider (LanguageModelV3) over a Tokligence gateway,
 * in-process or over HTTP. `ai` and `@ai-sdk/provider` are peer dependencies.
 */
export { createTokligence } from './provider.js';
export type { TokligenceProvider, TokligenceProviderSettings } from './provider.js';
export { TokligenceLanguageModel, toAPICallError } from './language-model.js';
export { convertCallOptions } from './convert-prompt.js';
export type { TokligenceProviderOptions } from './convert-prompt.js';
export { mapFinishReason, mapUsage } from './convert-response.js';
export type { GatewayOptions, TokligenceLike } from '../shared/transport.js';
