/**
 * `tokligence/langchain`: a LangChain chat model over a Tokligence gateway (in-process or HTTP).
 * `@langchain/core` (and `langchain` for agents) are peer dependencies.
 */
export { TokligenceChatModel } from './chat-model.js';
export type { TokligenceChatModelCallOptions, TokligenceChatModelFields } from './chat-model.js';
export { convertMessages } from './convert-messages.js';
export { toCanonicalToolChoice, toCanonicalTools, toOpenAITool } from './convert-tools.js';
export { responseToMessage, toUsageMetadata } from './convert-response.js';
export type { GatewayOptions, TokligenceLike } from '../shared/transport.js';
