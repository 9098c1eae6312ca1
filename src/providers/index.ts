import { ConfigError } from '../core/errors.js';
import { anthropicCodec } from '../dialects/anthropic/index.js';
import { geminiCodec } from '../dialects/gemini/index.js';
import { openaiChatCodec } from '../dialects/openai-chat/index.js';
import type { DialectCodec } from '../dialects/types.js';
import { DialectProvider } from './dialect-provider.js';
import { MockProvider } from './mock.js';
import { OpenAIProvider } from './openai.js';
import { AnthropicSdkTransport } from './transports/anthropic-sdk.js';
import { FetchTransport } from './transports/fetch.js';
import type { Provider, ProviderType } from './types.js';

export type { ChatResult, Provider, ProviderCallOptions, ProviderType } from './types.js';
export { DialectProvider, MockProvider, OpenAIProvider };
export type { MockProviderOptions, MockRule } from './mock.js';

/** A provider's settings as the config schema gives them (snake_case, as in YAML). */
export interface ProviderSettings {
  type: ProviderType;
  enabled?: boolean;
  base_url?: string;
  api_key?: string;
  models?: string[];
  headers?: Record<string, string>;
  timeout?: number;
  api_version?: string;
}

export interface ProviderDefaults {
  /** Seconds. */
  requestTimeout: number;
  maxTokensDefault: number;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** Build the driver for one configured provider. */
export function createProvider(name: string, settings: ProviderSettings, defaults: ProviderDefaults): Provider {
  const timeoutMs = (settings.timeout ?? defaults.requestTimeout) * 1000;
  const headers = settings.headers ?? {};
  const models = settings.models;
  switch (settings.type) {
    case 'mock':
      return new MockProvider({ name });
    case 'openai':
      return new OpenAIProvider({
        name,
        apiKey: settings.api_key ?? '',
        baseURL: settings.base_url,
        headers,
        timeoutMs,
        models,
      });
    case 'anthropic':
      return new DialectProvider({
        name,
        type: 'anthropic',
        codec: anthropicCodec as DialectCodec,
        models,
        defaultMaxTokens: defaults.maxTokensDefault,
        transport: new AnthropicSdkTransport({
          apiKey: settings.api_key ?? '',
          baseURL: settings.base_url,
          headers: settings.api_version ? { ...headers, 'anthropic-version': settings.api_version } : headers,
          timeoutMs,
          provider: name,
        }),
      });
    case 'openai-compatible': {
      if (!settings.base_url) throw new ConfigError(`providers.${name}.base_url: required for an openai-compatible provider`);
      const base = trimSlash(settings.base_url);
      return new DialectProvider({
        name,
        type: 'openai-compatible',
        codec: openaiChatCodec as DialectCodec,
        models,
        transport: new FetchTransport({
          provider: name,
          timeoutMs,
          url: () => `${base}/chat/completions`,
          headers: settings.api_key ? { ...headers, authorization: `Bearer ${settings.api_key}` } : headers,
        }),
      });
    }
    case 'google': {
      const base = trimSlash(settings.base_url ?? 'https://generativelanguage.googleapis.com');
      return new DialectProvider({
        name,
        type: 'google',
        codec: geminiCodec as DialectCodec,
        models,
        transport: new FetchTransport({
          provider: name,
          timeoutMs,
          url: (r) =>
            `${base}/v1beta/models/${encodeURIComponent(r.model)}:${r.stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
          headers: settings.api_key ? { ...headers, 'x-goog-api-key': settings.api_key } : headers,
        }),
      });
    }
  }
}
