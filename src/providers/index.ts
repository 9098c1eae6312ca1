import { ConfigError } from '../core/errors.js';
import { secretList } from '../core/redact.js';
import { anthropicCodec } from '../dialects/anthropic/index.js';
import { geminiCodec, geminiPath } from '../dialects/gemini/index.js';
import { openaiChatCodec } from '../dialects/openai-chat/index.js';
import type { DialectCodec } from '../core/contracts/index.js';
import { DialectProvider } from './dialect-provider.js';
import { MockProvider } from './mock.js';
import { SecretGuardedProvider } from './secret-guard.js';
import { OpenAIProvider } from './openai.js';
import type { OpenAIApiSetting } from './openai-api.js';
import { type HttpTransportOptions, httpTransport } from './transports/http.js';
import { SdkTransport } from './transports/sdk.js';
import type { Provider, ProviderType } from '../core/contracts/index.js';

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
  transport?: 'http' | 'fetch' | 'sdk';
  allow_link_local?: boolean;
  /** openai / openai-compatible: which OpenAI API serves each model (see OpenAIProvider). */
  api?: OpenAIApiSetting;
}

export interface ProviderDefaults {
  /** Seconds. */
  requestTimeout: number;
  maxTokensDefault: number;
}

const DEFAULT_BASE: Partial<Record<ProviderType, string>> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  google: 'https://generativelanguage.googleapis.com',
};

/**
 * Build the driver for one configured provider. A provider with credentials is wrapped so its
 * errors cannot carry them (see SecretGuardedProvider).
 */
export function createProvider(name: string, settings: ProviderSettings, defaults: ProviderDefaults): Provider {
  const provider = buildProvider(name, settings, defaults);
  const secrets = secretList([settings.api_key, ...Object.values(settings.headers ?? {})]);
  return secrets.length ? new SecretGuardedProvider(provider, secrets) : provider;
}

function buildProvider(name: string, settings: ProviderSettings, defaults: ProviderDefaults): Provider {
  const timeoutMs = (settings.timeout ?? defaults.requestTimeout) * 1000;
  const headers = settings.headers ?? {};
  const models = settings.models;
  const baseUrl = settings.base_url ?? DEFAULT_BASE[settings.type];
  const sdk = settings.transport === 'sdk';
  const http = (path: HttpTransportOptions['path'], auth: Record<string, string>) =>
    httpTransport(
      {
        baseUrl: baseUrl as string,
        path,
        headers: { ...auth, ...headers },
        timeoutMs,
        provider: name,
        allowLinkLocal: settings.allow_link_local === true,
      },
      settings.transport,
    );
  const bearer: Record<string, string> = settings.api_key ? { authorization: `Bearer ${settings.api_key}` } : {};
  switch (settings.type) {
    case 'mock':
      return new MockProvider({ name });
    case 'openai':
      return new OpenAIProvider({
        name,
        models,
        api: settings.api,
        transport: (endpoint) =>
          sdk
            ? new SdkTransport({ sdk: 'openai', apiKey: settings.api_key ?? '', baseURL: baseUrl, headers, timeoutMs, provider: name, path: endpoint === 'responses' ? '/responses' : '/chat/completions' })
            : http(() => (endpoint === 'responses' ? '/responses' : '/chat/completions'), bearer),
      });
    case 'anthropic':
      return new DialectProvider({
        name,
        type: 'anthropic',
        codec: anthropicCodec as DialectCodec,
        models,
        defaultMaxTokens: defaults.maxTokensDefault,
        transport: sdk
          ? new SdkTransport({
              sdk: 'anthropic',
              path: '/v1/messages',
              apiKey: settings.api_key ?? '',
              baseURL: baseUrl,
              headers: settings.api_version ? { ...headers, 'anthropic-version': settings.api_version } : headers,
              timeoutMs,
              provider: name,
            })
          : http(() => '/v1/messages', {
              ...(settings.api_key ? { 'x-api-key': settings.api_key } : {}),
              'anthropic-version': settings.api_version ?? '2023-06-01',
            }),
      });
    case 'openai-compatible':
      if (!baseUrl) throw new ConfigError(`providers.${name}.base_url: required for an openai-compatible provider`);
      if (settings.api !== undefined && settings.api !== 'chat')
        return new OpenAIProvider({
          name,
          type: 'openai-compatible',
          models,
          api: settings.api,
          transport: (endpoint) => http(() => (endpoint === 'responses' ? '/responses' : '/chat/completions'), bearer),
        });
      return new DialectProvider({
        name,
        type: 'openai-compatible',
        codec: openaiChatCodec as DialectCodec,
        models,
        transport: http(() => '/chat/completions', bearer),
      });
    case 'google':
      return new DialectProvider({
        name,
        type: 'google',
        codec: geminiCodec as DialectCodec,
        models,
        transport: http(
          (r) => geminiPath(r.model, r.stream),
          settings.api_key ? { 'x-goog-api-key': settings.api_key } : {},
        ),
      });
  }
}
