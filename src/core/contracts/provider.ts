import type { ChatRequest, DialectName } from '../types.js';
import type { ChatResult } from './chat-result.js';

/** How one call to a provider is made. */
export interface ProviderCallOptions {
  /** The upstream's model id. */
  model: string;
  signal?: AbortSignal;
  /**
   * Same-dialect pass-through: the caller's body, forwarded unchanged but for `model`. Only set
   * when the provider speaks `dialect` and nothing in the pipeline rewrote the request. `skim`:
   * the events returned beside the raw bytes need not carry content after the first delta (only
   * start, first content, finish, usage and errors are read; see `CallContext.skimStreams`).
   */
  passthrough?: { dialect: DialectName; body: Record<string, unknown>; skim?: boolean };
  /** Extra headers for the upstream (e.g. `anthropic-beta` from an Anthropic caller). */
  headers?: Record<string, string>;
}

export type ProviderType = 'openai' | 'anthropic' | 'openai-compatible' | 'google' | 'mock';

/**
 * One driver per upstream kind, every one the same shape: a dialect (the codec it speaks, or
 * `null` for the in-process mock) plus a transport.
 */
export interface Provider {
  readonly name: string;
  readonly type: ProviderType;
  /** Dialects it speaks, preferred first; empty for the in-process mock. */
  readonly dialects: readonly DialectName[];
  chat(request: ChatRequest, options: ProviderCallOptions): Promise<ChatResult>;
  /** Models this provider advertises (config `models`). */
  models(): string[];
  /** Count input tokens upstream (Anthropic's count_tokens), when the provider offers it. */
  countTokens?(request: ChatRequest, options: ProviderCallOptions): Promise<number>;
}
