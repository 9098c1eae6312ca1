/**
 * Tokligence: an embeddable LLM gateway. One client that speaks OpenAI chat completions, Anthropic
 * messages and OpenAI responses, routes to any provider, and translates between them in-process.
 */
export { Tokligence, TokligenceStream } from './client.js';
export { MessageStream, type MessageStreamEvents } from './facades/message-stream.js';
export type { ModelEntry, ModelsPage, ModelsPagePromise } from './facades/models.js';
export type {
  CallMeta,
  CallOptions,
  CanonicalResult,
  DialectResult,
  MetaPromise,
  RequestOptions,
  SseDialectResult,
  TokligenceOptions,
} from './client.js';
export * from './core/errors.js';
export type * from './core/types.js';
export { collectStream, responseToEvents } from './core/stream.js';
export { codecFor, anthropicCodec, openaiChatCodec, responsesCodec, geminiCodec } from './dialects/index.js';
export { MockProvider, DialectProvider, OpenAIProvider, createProvider } from './providers/index.js';
export type { MockRule, MockProviderOptions } from './providers/index.js';
export type * from './core/contracts/index.js';
export { newWireContext } from './core/contracts/index.js';
export { loadConfig, listProfiles } from './config/index.js';
export type { TokligenceConfig, TokligenceConfigInput } from './config/index.js';
export { AdminError, AdminService, type PublicApiKey, generateApiKey } from './governance/index.js';
export { MemoryStore, openStore, StoreConflictError } from './store/index.js';
export type { ApiKey, Store, StoreOptions, Team, UsageQuery, UsageRow, UsageTotals, User } from './store/index.js';
