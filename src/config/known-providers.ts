/**
 * What Tokligence knows about well-known provider names: the wire type a name implies, its public
 * default base URL and the environment variables that configure it. A provider named `groq` needs
 * no `type:` in YAML; one named `my-proxy` defaults to `openai-compatible`.
 */

export const PROVIDER_TYPES = ['openai', 'anthropic', 'openai-compatible', 'google', 'mock'] as const;
export type ProviderTypeName = (typeof PROVIDER_TYPES)[number];

export interface KnownProvider {
  type: ProviderTypeName;
  /** The public (or conventional local) base URL, in the form the provider driver expects. */
  baseUrl?: string;
  /** Environment variables holding the API key, first set wins. */
  keyEnv?: readonly string[];
  /** Environment variable holding a base URL override. */
  baseUrlEnv?: string;
}

export const KNOWN_PROVIDERS: Readonly<Record<string, KnownProvider>> = {
  // The OpenAI SDK convention: base URL includes /v1.
  openai: { type: 'openai', baseUrl: 'https://api.openai.com/v1', keyEnv: ['OPENAI_API_KEY'], baseUrlEnv: 'OPENAI_BASE_URL' },
  // The Anthropic SDK convention: base URL without /v1 (the SDK appends /v1/messages).
  anthropic: {
    type: 'anthropic',
    baseUrl: 'https://api.anthropic.com',
    keyEnv: ['ANTHROPIC_API_KEY'],
    baseUrlEnv: 'ANTHROPIC_BASE_URL',
  },
  // The Gemini driver appends /v1beta/models/<model>:generateContent.
  google: { type: 'google', baseUrl: 'https://generativelanguage.googleapis.com', keyEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'] },
  gemini: { type: 'google', baseUrl: 'https://generativelanguage.googleapis.com' },
  ollama: { type: 'openai-compatible', baseUrl: 'http://localhost:11434/v1', baseUrlEnv: 'OLLAMA_BASE_URL' },
  vllm: { type: 'openai-compatible', baseUrl: 'http://localhost:8000/v1' },
  lmstudio: { type: 'openai-compatible', baseUrl: 'http://localhost:1234/v1' },
  groq: { type: 'openai-compatible', baseUrl: 'https://api.groq.com/openai/v1', keyEnv: ['GROQ_API_KEY'] },
  deepseek: { type: 'openai-compatible', baseUrl: 'https://api.deepseek.com/v1', keyEnv: ['DEEPSEEK_API_KEY'] },
  mock: { type: 'mock' },
};

/** Default public base URL per wire type (for providers with a custom name but a known type). */
export const DEFAULT_BASE_URL: Partial<Record<ProviderTypeName, string>> = {
  openai: KNOWN_PROVIDERS.openai.baseUrl,
  anthropic: KNOWN_PROVIDERS.anthropic.baseUrl,
  google: KNOWN_PROVIDERS.google.baseUrl,
};

/** The wire type a provider name implies when `type:` is not given. */
export function inferProviderType(name: string): ProviderTypeName {
  return Object.hasOwn(KNOWN_PROVIDERS, name) ? KNOWN_PROVIDERS[name].type : 'openai-compatible';
}

/** The base URL a provider gets when it sets none: its name's default, else its type's. */
export function defaultBaseUrl(name: string, type: ProviderTypeName): string | undefined {
  const known = Object.hasOwn(KNOWN_PROVIDERS, name) ? KNOWN_PROVIDERS[name] : undefined;
  if (known && known.type === type && known.baseUrl) return known.baseUrl;
  return DEFAULT_BASE_URL[type];
}

const sameUrl = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * Whether a provider cannot work without an API key: a hosted API (OpenAI, Anthropic, Google, or a
 * known hosted OpenAI-compatible one such as Groq) reached at its public URL. A custom base URL (a
 * proxy, a local server) may well need none.
 */
export function needsApiKey(name: string, type: ProviderTypeName, baseUrl: string | undefined): boolean {
  if (type === 'openai' || type === 'anthropic' || type === 'google') {
    const def = DEFAULT_BASE_URL[type];
    return baseUrl === undefined || (def !== undefined && sameUrl(baseUrl, def));
  }
  const known = Object.hasOwn(KNOWN_PROVIDERS, name) ? KNOWN_PROVIDERS[name] : undefined;
  return !!(known?.keyEnv && known.baseUrl && known.type === type && (baseUrl === undefined || sameUrl(baseUrl, known.baseUrl)));
}

/** The "how to enable it" hint for a disabled provider. */
export function enableHint(name: string, provider: { type: ProviderTypeName; api_key?: string; base_url?: string }): string {
  const known = Object.hasOwn(KNOWN_PROVIDERS, name) ? KNOWN_PROVIDERS[name] : undefined;
  if (!provider.api_key && needsApiKey(name, provider.type, provider.base_url)) {
    const envs = known?.type === provider.type ? (known.keyEnv ?? []) : [];
    return `set ${[...envs, `providers.${name}.api_key`].join(' or ')}`;
  }
  if (known?.baseUrlEnv && provider.type === 'openai-compatible')
    return `set ${known.baseUrlEnv} or providers.${name}.enabled: true`;
  return `set providers.${name}.enabled: true`;
}
