import { z } from 'zod';
import { httpUrl as url, isHttpUrl } from './http-url.js';
import { auditSchema, complianceSchema, makeMultiTenancySchema, oidcAuthFields } from './enterprise-schema.js';
import { linkLocalOrMetadata } from './network.js';
import { adminSchema, consoleSchema, databaseSchema, failureModesSchema, pricesSchema, rateLimitSchema, teamSchema } from './governance-schema.js';
import { defaultBaseUrl, inferProviderType, needsApiKey, PROVIDER_TYPES } from './known-providers.js';
import { metricsSchema, observabilitySchema } from './observability-schema.js';

/**
 * The one configuration schema. Keys are snake_case, as in the YAML profiles; every object is
 * `.strict()` so a misspelt key is an error, not a silently ignored setting. It holds only what is
 * implemented; later features add their sections here.
 */


/** `provider/model`; the model part may contain `*` (replaced by the requested name or glob capture). */
export const MODEL_TARGET_PATTERN = /^[^/\s]+\/\S+$/;
const modelTargetString = z.string().regex(MODEL_TARGET_PATTERN, { message: 'expected "provider/model"' });

/** camelCase keys (from `new Tokligence({ models })`, which copies alias targets as data) → snake_case. */
const snakeTargetKeys = (value: unknown): unknown =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]))
    : value;

/** A target with routing facts: `{ target: provider/model, weight, price: { input, output } per 1M tokens, max_tokens, context_window }`. */
export const modelTargetObjectSchema = z.preprocess(
  snakeTargetKeys,
  z
    .object({
      target: modelTargetString,
      /** Share for `routing.strategy: weighted` (default 1). */
      weight: z.number().min(0).optional(),
      /** USD per 1M tokens, for `cheapest`; else the shipped model table's price. */
      price: z.object({ input: z.number().min(0), output: z.number().min(0) }).strict().optional(),
      /** The target's output limit: a larger `max_tokens` is clamped to it (else the model table's). */
      max_tokens: z.number().int().positive().optional(),
      context_window: z.number().int().positive().optional(),
    })
    .strict(),
);

const modelTarget = z.union([modelTargetString, modelTargetObjectSchema], {
  error: 'expected "provider/model" or { target: "provider/model", weight, price, max_tokens, context_window }',
});

/** The `provider/model` string of a target in either form. */
export const targetString = (t: ModelTarget): string => (typeof t === 'string' ? t : t.target);

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
    /** `api_key`: keys only; `oidc`: bearer JWTs from `oidc_provider` (and keys, unless allow_api_keys is false). */
    type: z.enum(['api_key', 'oidc']).default('api_key'),
    /** Static keys accepted by the HTTP server (`Authorization: Bearer` / `x-api-key`). */
    keys: z.array(apiKeyEntrySchema).default([]),
    ...oidcAuthFields,
  })
  .strict()
  .superRefine((auth, ctx) => {
    if (auth.type !== 'oidc') return;
    if (!auth.oidc_provider) ctx.addIssue({ code: 'custom', path: ['oidc_provider'], message: 'required with type: oidc (the issuer URL, e.g. https://auth.company.com)' });
    if (!auth.oidc_client_id) ctx.addIssue({ code: 'custom', path: ['oidc_client_id'], message: "required with type: oidc (the gateway's client id: tokens must carry it in aud)" });
  });

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
    /**
     * Bytes of large request bodies (over 64 KiB) read and parsed at once; more wait (up to
     * queue_timeout) for their turn before their socket is read. Bounds the memory a burst of big
     * bodies takes; one body is always admitted when no other is in flight.
     */
    max_body_bytes_in_flight: z
      .number()
      .int()
      .positive()
      .default(64 * 1024 * 1024),
    /** Deepest nesting of arrays and objects in a request body; deeper is a 400 before it is parsed. */
    max_json_depth: z.number().int().min(8).max(1000).default(128),
    /** Most elements of one array (or members of one object) in a request body; more is a 400 before it is parsed. */
    max_json_items: z.number().int().min(100).default(10_000),
    max_concurrent_requests: z.number().int().positive().optional(),
    /** Calls that may wait for a slot when max_concurrent_requests are running; more → overloaded. */
    max_queue: z.number().int().min(0).default(100),
    /** Seconds a queued call waits for a slot before failing as overloaded. */
    queue_timeout: z.number().positive().default(30),
    /** Seconds; for streams, the longest wait for the first content of each try (unset: request_timeout only). */
    first_byte_timeout: z.number().positive().optional(),
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
    /**
     * The models this provider serves (names or `*` globs): advertised in /v1/models, and a request
     * for any other model on this provider is refused (404) or skipped for the next target.
     */
    models: z.array(z.string().min(1)).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    /** Seconds; defaults to gateway.request_timeout. */
    timeout: z.number().positive().optional(),
    /** e.g. the `anthropic-version` header value. */
    api_version: z.string().optional(),
    /**
     * `http` (default): a keep-alive undici pool straight to the upstream. `sdk`: the official
     * `openai` / `@anthropic-ai/sdk` client (openai and anthropic types only); measured at about
     * 0.7 ms more CPU per request, because it goes through `fetch`. `fetch`: the runtime's `fetch`,
     * what `http` means on runtimes without undici (Bun, Deno, workerd).
     */
    transport: z.enum(['http', 'fetch', 'sdk']).optional(),
    /**
     * Let `base_url` point at a link-local or cloud metadata address (169.254.0.0/16, fe80::/10,
     * fd00:ec2::254, metadata.google.internal, …). Off: such a base_url is a config error, so a
     * mistyped or injected config cannot make the gateway fetch the machine's cloud credentials.
     */
    allow_link_local: z.boolean().optional(),
    /**
     * `openai` and `openai-compatible` only: which OpenAI API serves a model for callers of every
     * dialect. `chat` (/chat/completions), `responses` (/responses, every model), or
     * `{ responses: [globs] }`: models matching a glob (`*-codex`) go to /responses, the rest to
     * /chat/completions. Default: `chat` for openai-compatible; for openai, the Responses-only
     * families (`*-codex*`, `*-pro`, `computer-use-preview*`). Responses callers always reach
     * /responses on openai (pass-through).
     */
    api: z.union([z.enum(['chat', 'responses']), z.object({ responses: z.array(z.string().min(1)).min(1) }).strict()]).optional(),
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
  // Flat, so zod can tell by type which branch was meant and report the nested problem.
  z.union([modelTargetString, modelTargetObjectSchema, z.array(modelTarget).min(1)], { error: 'expected "provider/model" or a list of them' }),
);

/** Model name → one model name or an ordered list of them (fallback maps). */
const fallbackMap = z.record(z.string().min(1), z.union([z.string().min(1), z.array(z.string().min(1))]));

/** How an alias's targets are ordered; see src/routing/. */
export const routingSchema = z
  .object({
    /** priority (list order) | weighted | cheapest | lowest-latency | least-busy. Unset: cheapest when cost_aware, else priority. */
    strategy: z.enum(['priority', 'weighted', 'cheapest', 'lowest-latency', 'least-busy']).optional(),
    /** Rank an alias's targets by estimated cost (the `cheapest` strategy) unless a strategy is set. */
    cost_aware: z.boolean().default(false),
    /** Send "simple" requests (see `simple`) to the cheapest target whatever the strategy. */
    prefer_cheaper_for_simple_tasks: z.boolean().default(false),
    /** A request is simple with no tools, no images/documents, no reasoning, and within these limits. */
    simple: z
      .object({
        /** Estimated prompt tokens (~4 characters a token). */
        max_input_tokens: z.number().int().positive().default(1000),
        /** The request's max_tokens, when set. */
        max_output_tokens: z.number().int().positive().default(1024),
      })
      .strict()
      .prefault({}),
    /** Circuit breaking per target: a target failing too often is skipped for a while. */
    cooldown: z
      .object({
        enabled: z.boolean().default(true),
        /** Share of failed calls in the window that opens the circuit (0–1). */
        failure_ratio: z.number().gt(0).max(1).default(0.5),
        /** Calls in the window before the ratio counts. */
        min_requests: z.number().int().positive().default(5),
        /** Sliding window, seconds. */
        window: z.number().positive().default(60),
        /** Seconds a tripped target is skipped before one probe call is let through. */
        period: z.number().positive().default(30),
      })
      .strict()
      .prefault({}),
    /** Every fallback in one place: what to try when a request's own targets failed. */
    fallbacks: z
      .object({
        /** Whether `models` is used (an alias's own list of targets always is). Default true. */
        enabled: z.boolean().optional(),
        /** Requested model → model(s) tried after its own targets, e.g. { "gpt-4": "claude-3-opus" }. */
        models: fallbackMap.default({}),
        /** Requested model → model(s) to use when it reports a context-window-exceeded error. */
        context_window: fallbackMap.default({}),
        /** Requested model → model(s) to use when it refuses on content policy. */
        content_policy: fallbackMap.default({}),
      })
      .strict()
      .prefault({}),
    /** @deprecated alias of `routing.fallbacks.context_window` (read into it, with a notice). */
    context_window_fallbacks: fallbackMap.optional(),
    /** @deprecated alias of `routing.fallbacks.content_policy` (read into it, with a notice). */
    content_policy_fallbacks: fallbackMap.optional(),
  })
  .strict();

/** Retries of one target before falling back (429, 408, 409, 5xx, 529, connection errors, timeouts). */
export const retrySchema = z
  .object({
    /** Retries after the first try, per target. */
    attempts: z.number().int().min(0).default(2),
    /** First backoff delay (ms); doubles each retry, with jitter. */
    min_delay_ms: z.number().int().min(0).default(500),
    /** Backoff ceiling (ms). */
    max_delay_ms: z.number().int().min(0).default(8000),
    /** Longest Retry-After honoured (s); an upstream asking for more is not retried (fall back at once). */
    max_retry_after_s: z.number().min(0).default(30),
  })
  .strict();

/**
 * `agent.fallback`, the scenarios' spelling, read into `routing.fallbacks` and `retry.attempts`
 * (with a notice): `enabled` → `routing.fallbacks.enabled`, `fallback_models` →
 * `routing.fallbacks.models`, `retry_attempts` → `retry.attempts`.
 */
export const agentFallbackSchema = z
  .object({
    enabled: z.boolean().optional(),
    retry_attempts: z.number().int().min(0).optional(),
    fallback_models: fallbackMap.optional(),
  })
  .strict();

/** Response cache (exact match on the normalised request); see src/cache/. */
export const cacheSchema = z
  .object({
    enabled: z.boolean().default(false),
    type: z.enum(['memory', 'redis']).default('memory'),
    /** Seconds an answer is kept. */
    ttl: z.number().positive().default(3600),
    /** Memory backend: most answers kept (least recently used go first). */
    max_entries: z.number().int().positive().default(10_000),
    /** Memory backend: most bytes of serialised answers kept. */
    max_bytes: z
      .number()
      .int()
      .positive()
      .default(64 * 1024 * 1024),
    redis: z
      .object({
        /** `redis://[:password@]host:port/db` (or `rediss://`); wins over host/port. */
        url: z.string().optional(),
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(1).max(65535).default(6379),
        password: z.string().optional(),
        db: z.number().int().min(0).optional(),
        /** Prefix of every key, so several gateways (or apps) can share one Redis. */
        key_prefix: z.string().default('tokligence:cache:'),
        /** A Redis command slower than this counts as a failure (ms); the call goes on uncached. */
        timeout_ms: z.number().int().positive().default(500),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** Tool-loop guard: agents repeating the same tool call, and a cap on tool-call turns. */
export const toolCallingSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** Count identical consecutive tool calls (same name, same key-sorted arguments). */
    duplicate_detection: z.boolean().default(true),
    /** This many identical calls in a row → a note telling the model so is added to the request. */
    warn_after: z.number().int().min(2).default(3),
    /** This many → the request is refused with a 400 naming the tool. */
    block_after: z.number().int().min(2).default(5),
    /** Most tool-call turns since the last human message; one more is refused with a 400. */
    max_iterations: z.number().int().positive().default(100),
  })
  .strict()
  .refine((t) => t.block_after > t.warn_after, { message: 'block_after must be greater than warn_after', path: ['block_after'] });

/** Agent settings: gateway-kept Responses sessions (`store` / `previous_response_id`) and output items (`item_reference`). */
export const agentSchema = z
  .object({
    /** Keep Responses conversations so `previous_response_id` works against any provider. */
    enable_session_persistence: z.boolean().default(false),
    /** Most messages a stored conversation keeps (the oldest turns go first). */
    max_conversation_length: z.number().int().positive().default(200),
    /** Most stored responses (least recently used go first). */
    max_sessions: z.number().int().positive().default(10_000),
    /** Seconds a stored response stays usable. */
    session_ttl: z.number().positive().default(86_400),
    /**
     * Remember the output items of the Responses answers the gateway encodes (bounded by
     * max_sessions responses, expiring after session_ttl), so `item_reference` inputs naming them
     * resolve: what the AI SDK's `openai.responses()` sends with its default `store: true`. Off
     * whenever PII detection is on (the items are what the caller received, PII included).
     */
    remember_output_items: z.boolean().default(true),
    /**
     * Where conversations and remembered items live: `memory` (this process) or `redis` (shared by
     * every instance using the same Redis, `cache.redis` settings, so any instance can continue any
     * conversation).
     */
    session_store: z.enum(['memory', 'redis']).default('memory'),
    /** The scenarios' spelling of fallbacks and retries (see agentFallbackSchema). */
    fallback: agentFallbackSchema.optional(),
  })
  .strict();

/** `security.prompt_firewall.rules[]`: a custom firewall rule (see src/security/rules.ts). */
export const securityRuleSchema = z
  .object({
    name: z.string().min(1),
    /** A regular expression, matched case-insensitively against the normalised text. */
    pattern: z.string().min(1).optional(),
    /** Or: words/phrases, any of which matches (whole words). */
    keywords: z.array(z.string().min(1)).optional(),
    action: z.enum(['block', 'flag', 'redact']).default('block'),
    severity: z.enum(['low', 'medium', 'high', 'critical']).default('high'),
    category: z.string().optional(),
    /** Which text it scans (default user and tool_results). */
    applies_to: z.array(z.enum(['user', 'system', 'tool_results', 'output'])).optional(),
    reason: z.string().optional(),
  })
  .strict()
  .refine((r) => r.pattern !== undefined || (r.keywords?.length ?? 0) > 0, { message: 'needs a pattern or keywords', path: ['pattern'] });

const toxicityCategory = z.enum(['hate_speech', 'violence', 'sexual_content', 'self_harm']);
const piiType = z.enum([
  'email', 'phone', 'ssn', 'credit_card', 'iban', 'ip_address', 'mac_address', 'url', 'crypto', 'api_key', 'private_key',
  'uk_nhs', 'es_nif', 'pl_pesel', 'fi_personal_id', 'in_aadhaar', 'au_abn', 'au_tfn', 'aba_routing',
]);

/** Security layer (profile `security`): firewall, content filter, PII, output validation, alerts. */
export const securitySchema = z
  .object({
    /**
     * What happens when a guardrail check fails (a detector throws or times out): `false` (default)
     * refuses the call with a 503 before anything reaches an upstream; `true` lets it through. Either
     * way the failure is listed in the call's scan report (`failed`).
     */
    fail_open: z.boolean().default(false),
    prompt_firewall: z
      .object({
        enabled: z.boolean().default(false),
        /** Custom rules, run after the built-in packs. */
        rules: z.array(securityRuleSchema).default([]),
        /** Built-in packs to load. */
        builtin_packs: z.array(z.enum(['injection', 'jailbreak', 'prompt_extraction'])).default(['injection', 'jailbreak', 'prompt_extraction']),
        /** A combined score at or above this blocks (0–1). */
        block_score: z.number().gt(0).max(1).default(0.45),
        /** Put a random canary in the system prompt; an answer that repeats it is blocked. */
        canary: z.boolean().default(false),
        ml_detection: z
          .object({
            enabled: z.boolean().default(false),
            /** Path to a local ONNX sequence-classification model (needs `onnxruntime-node`). */
            model: z.string().optional(),
            /** Detector score that blocks. */
            threshold: z.number().min(0).max(1).default(0.9),
            /** Longest wait for one detector verdict (this ONNX model or a plugged-in `Detector`), ms; longer counts as a failure. */
            timeout_ms: z.number().int().positive().default(5000),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    content_filter: z
      .object({
        /** Score user input for toxicity and refuse above the threshold. */
        enabled: z.boolean().default(false),
        toxicity: z
          .object({
            threshold: z.number().min(0).max(1).default(0.5),
            categories: z.array(toxicityCategory).default(['hate_speech', 'violence', 'sexual_content', 'self_harm']),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    pii_detection: z
      .object({
        enabled: z.boolean().default(false),
        /** Replace PII before the upstream sees it; with mode `tokens` the caller gets the real values back. */
        auto_redact: z.boolean().default(false),
        types: z.array(piiType).default(['email', 'phone', 'ssn', 'credit_card', 'ip_address', 'iban', 'api_key', 'private_key']),
        mode: z.enum(['tokens', 'replace', 'mask', 'hash']).default('tokens'),
        threshold: z.number().min(0).max(1).default(0.5),
      })
      .strict()
      .prefault({}),
    response_validation: z
      .object({
        /** Scan answers (and streams, chunk by chunk) for toxicity, secrets, canary leaks and new PII. */
        block_unsafe_output: z.boolean().default(false),
        /** How a blocked stream ends: a content-filter stop (default) or an error event. */
        on_block: z.enum(['content_filter', 'error']).default('content_filter'),
        /** Redact PII the model produced itself (with pii_detection.enabled). */
        redact_pii: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    alerts: z
      .object({
        /** Slack-compatible incoming webhook; security blocks are posted there as JSON ('' = none). */
        webhook_url: z.union([url, z.literal('')]).optional(),
        /** Addresses to notify (kept for the alerting service; not sent by the gateway itself). */
        email: z.array(z.string()).default([]),
        /** Which events alert: blocks only (default) or flags too. */
        min_action: z.enum(['block', 'flag']).default('block'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export const configSchema = z
  .object({
    /** The profile this config was built from (informational). */
    profile: z.string().default('personal'),
    gateway: gatewaySchema.prefault({}),
    providers: providersSchema.prefault({}),
    models: modelsSchema.default({}),
    cache: cacheSchema.prefault({}),
    tool_calling: toolCallingSchema.prefault({}),
    agent: agentSchema.prefault({}),
    routing: routingSchema.prefault({}),
    retry: retrySchema.prefault({}),
    security: securitySchema.prefault({}),
    database: databaseSchema.prefault({}),
    team: teamSchema.prefault({}),
    rate_limit: rateLimitSchema.prefault({}),
    failure_modes: failureModesSchema.prefault({}),
    prices: pricesSchema.default({}),
    admin: adminSchema.prefault({}),
    console: consoleSchema.prefault({}),
    metrics: metricsSchema.prefault({}),
    audit: auditSchema.prefault({}),
    compliance: complianceSchema.prefault({}),
    multi_tenancy: makeMultiTenancySchema(providersSchema, modelsSchema).prefault({}),
    observability: observabilitySchema.prefault({}),
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
      if (p.api !== undefined && p.type !== 'openai' && p.type !== 'openai-compatible')
        ctx.addIssue({ code: 'custom', path: ['providers', name, 'api'], message: `only for openai and openai-compatible providers (this one is ${p.type})` });
      const danger = p.base_url && !p.allow_link_local && isHttpUrl(p.base_url) ? linkLocalOrMetadata(new URL(p.base_url).hostname) : undefined;
      if (danger)
        ctx.addIssue({
          code: 'custom',
          path: ['providers', name, 'base_url'],
          // The flag is named in both spellings: this message reaches YAML and TypeScript callers alike.
          message: `"${p.base_url}" is ${danger}; refused unless the provider sets allow_link_local: true (allowLinkLocal in TypeScript)`,
        });
    }
    const names = Object.keys(config.providers);
    for (const [alias, target] of Object.entries(config.models)) {
      const targets = Array.isArray(target) ? target : [target];
      targets.forEach((entry, i) => {
        const t = typeof entry === 'string' || typeof entry?.target === 'string' ? targetString(entry) : '';
        if (!MODEL_TARGET_PATTERN.test(t)) return; // already reported by the schema
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

/**
 * The validated configuration, snake_case as in YAML, with aliases read into their one home
 * (`notices` says which were used).
 */
export type TokligenceConfig = z.output<typeof configSchema> & {
  /** One line per alias or accepted-but-inactive key the config used, for the operator. */
  notices: string[];
};
export type GatewayConfig = TokligenceConfig['gateway'];
/** One alias target as configured: `provider/model` or the object form. */
export type ModelTarget = string | z.output<typeof modelTargetObjectSchema>;

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
