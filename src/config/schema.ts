import { z } from 'zod';
import { defaultBaseUrl, inferProviderType, needsApiKey, PROVIDER_TYPES } from './known-providers.js';

/**
 * The one configuration schema. Keys are snake_case, as in the YAML profiles; every object is
 * `.strict()` so a misspelt key is an error, not a silently ignored setting. It holds only what is
 * implemented; later features add their sections here.
 */

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

/** An http(s) URL; the message reads `expected a URL, got "foo"` once the input is appended. */
const url = z.string().refine(isHttpUrl, { message: 'expected a URL' });

/** `provider/model`; the model part may contain `*` (replaced by the requested name or glob capture). */
export const MODEL_TARGET_PATTERN = /^[^/\s]+\/\S+$/;
const modelTarget = z.string().regex(MODEL_TARGET_PATTERN, { message: 'expected "provider/model"' });

export const apiKeyEntrySchema = z
  .object({
    /** Who the key belongs to (shown in logs and usage). */
    name: z.string().min(1),
    /** The secret itself; usually `${VAR}` in YAML. */
    key: z.string().min(1),
  })
  .strict();

export const authSchema = z
  .object({
    enabled: z.boolean().default(false),
    type: z.literal('api_key').default('api_key'),
    /** Static keys accepted by the HTTP server (`Authorization: Bearer` / `x-api-key`). */
    keys: z.array(apiKeyEntrySchema).default([]),
  })
  .strict();

export const gatewaySchema = z
  .object({
    port: z.number().int().min(1).max(65535).default(8081),
    host: z.string().min(1).default('127.0.0.1'),
    /**
     * `auto`: pass the body through unchanged when caller and upstream speak the same dialect and
     * nothing rewrites it, translate otherwise. `translate`: always go through the canonical model.
     * `passthrough`: only same-dialect pass-through.
     */
    work_mode: z.enum(['auto', 'translate', 'passthrough']).default('auto'),
    /** Seconds. */
    request_timeout: z.number().positive().default(120),
    max_tokens_default: z.number().int().positive().default(4096),
    max_body_bytes: z
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024),
    max_concurrent_requests: z.number().int().positive().optional(),
    auth: authSchema.prefault({}),
    log_level: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    log_format: z.enum(['json', 'pretty']).default('json'),
  })
  .strict();

export const providerSchema = z
  .object({
    /** Defaults from the provider's name: openai, anthropic, google/gemini, mock, else openai-compatible. */
    type: z.enum(PROVIDER_TYPES).optional(),
    enabled: z.boolean().default(true),
    base_url: url.optional(),
    api_key: z.string().optional(),
    /** What it advertises in /v1/models. */
    models: z.array(z.string().min(1)).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    /** Seconds; defaults to gateway.request_timeout. */
    timeout: z.number().positive().optional(),
    /** e.g. the `anthropic-version` header value. */
    api_version: z.string().optional(),
  })
  .strict();

type ParsedProvider = z.output<typeof providerSchema>;

/** A provider after defaults: `type` always known, `base_url` filled in where the type has a default. */
export type ProviderConfig = Omit<ParsedProvider, 'type'> & { type: (typeof PROVIDER_TYPES)[number] };

/**
 * Fill in what a provider's name implies, add the built-in mock, and switch off a hosted provider
 * that has no key (so a profile can list Anthropic and still start without `ANTHROPIC_API_KEY`).
 */
function finalizeProviders(providers: Record<string, ParsedProvider>): Record<string, ProviderConfig> {
  const out: Record<string, ProviderConfig> = {};
  for (const [name, p] of Object.entries(providers)) {
    const type = p.type ?? inferProviderType(name);
    const provider: ProviderConfig = { ...p, type };
    if (provider.api_key === '') delete provider.api_key;
    // Ollama's OpenAI-compatible API lives under /v1; `http://localhost:11434` alone is the usual slip.
    if (name === 'ollama' && type === 'openai-compatible' && provider.base_url && new URL(provider.base_url).pathname === '/')
      provider.base_url = `${provider.base_url.replace(/\/+$/, '')}/v1`;
    if (provider.base_url === undefined) {
      const def = defaultBaseUrl(name, type);
      if (def) provider.base_url = def;
    }
    if (provider.enabled && !provider.api_key && needsApiKey(name, type, provider.base_url)) provider.enabled = false;
    out[name] = provider;
  }
  if (!out.mock) out.mock = { type: 'mock', enabled: true };
  return out;
}

export const providersSchema = z.record(z.string().min(1), providerSchema).transform(finalizeProviders);

/** Alias (exact name or `*` glob) → one target or an ordered list (tried in order). */
export const modelsSchema = z.record(
  z.string().min(1),
  z.union([modelTarget, z.array(modelTarget).min(1)], { error: 'expected "provider/model" or a list of them' }),
);

export const configSchema = z
  .object({
    /** The profile this config was built from (informational). */
    profile: z.string().default('personal'),
    gateway: gatewaySchema.prefault({}),
    providers: providersSchema.prefault({}),
    models: modelsSchema.default({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    // Cross-field checks: they need the finished provider table.
    for (const [name, p] of Object.entries(config.providers)) {
      if (p.type === 'openai-compatible' && p.enabled && !p.base_url)
        ctx.addIssue({
          code: 'custom',
          path: ['providers', name, 'base_url'],
          message: 'required for an openai-compatible provider (e.g. http://localhost:8000/v1)',
        });
    }
    const names = Object.keys(config.providers);
    for (const [alias, target] of Object.entries(config.models)) {
      const targets = Array.isArray(target) ? target : [target];
      targets.forEach((t, i) => {
        const provider = t.slice(0, t.indexOf('/'));
        if (!Object.hasOwn(config.providers, provider))
          ctx.addIssue({
            code: 'custom',
            path: Array.isArray(target) ? ['models', alias, i] : ['models', alias],
            message: `provider "${provider}" is not configured (configured: ${names.join(', ')})`,
          });
      });
    }
  });

/** The validated configuration, snake_case as in YAML. */
export type TokligenceConfig = z.output<typeof configSchema>;
export type GatewayConfig = TokligenceConfig['gateway'];
export type ModelTarget = string;

/** What the schema accepts (snake_case), every key optional where a default exists. */
export type TokligenceConfigYaml = z.input<typeof configSchema>;

type SnakeToCamel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<SnakeToCamel<Tail>>}` : S;

/** Deep camelCase keys, every key optional: the overlay the TypeScript constructor takes. */
export type CamelCaseDeep<T> = T extends readonly (infer U)[]
  ? CamelCaseDeep<U>[]
  : T extends Record<string, unknown>
    ? { [K in keyof T as K extends string ? SnakeToCamel<K> : K]?: CamelCaseDeep<T[K]> }
    : T;

/**
 * The camelCase form of the config for `new Tokligence({ config })`: the same tree with camelCase
 * keys (`gateway.requestTimeout`, `providers.openai.apiKey`). Provider names, model aliases and
 * header names are data and keep their spelling.
 */
export type TokligenceConfigInput = CamelCaseDeep<TokligenceConfigYaml>;
