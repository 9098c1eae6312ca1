import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/index.js';

describe('configSchema on its own', () => {
  it('an empty object gives every default and the built-in mock', () => {
    const { audit, compliance, multi_tenancy, ...parsed } = configSchema.parse({});
    expect(audit).toMatchObject({ enabled: false, immutable: false, storage: 'database' });
    expect(compliance).toMatchObject({ soc2: false, hipaa: false, gdpr: false, encryption_at_rest: false });
    expect(multi_tenancy).toEqual({ enabled: false, isolation_level: 'strict', tenants: [] });
    expect(parsed).toEqual({
      profile: 'personal',
      gateway: {
        port: 8081,
        host: '127.0.0.1',
        work_mode: 'auto',
        request_timeout: 120,
        max_tokens_default: 4096,
        max_body_bytes: 10 * 1024 * 1024,
        max_body_bytes_in_flight: 64 * 1024 * 1024,
        max_json_depth: 128,
        max_json_items: 10_000,
        max_queue: 100,
        queue_timeout: 30,
        auth: expect.objectContaining({ enabled: false, type: 'api_key', keys: [], multi_factor: false, allow_api_keys: true }),
        log_level: 'info',
        log_format: 'json',
      },
      providers: { mock: { type: 'mock', enabled: true } },
      models: {},
      cache: {
        enabled: false,
        type: 'memory',
        ttl: 3600,
        max_entries: 10_000,
        max_bytes: 64 * 1024 * 1024,
        redis: { host: '127.0.0.1', port: 6379, key_prefix: 'tokligence:cache:', timeout_ms: 500 },
      },
      tool_calling: { enabled: false, duplicate_detection: true, warn_after: 3, block_after: 5, max_iterations: 100 },
      agent: {
        enable_session_persistence: false,
        max_conversation_length: 200,
        max_sessions: 10_000,
        session_ttl: 86_400,
        remember_output_items: true,
        session_store: 'memory',
      },
      routing: {
        cost_aware: false,
        prefer_cheaper_for_simple_tasks: false,
        simple: { max_input_tokens: 1000, max_output_tokens: 1024 },
        cooldown: { enabled: true, failure_ratio: 0.5, min_requests: 5, window: 60, period: 30 },
        fallbacks: { models: {}, context_window: {}, content_policy: {} },
      },
      retry: { attempts: 2, min_delay_ms: 500, max_delay_ms: 8000, max_retry_after_s: 30 },
      security: {
        fail_open: false,
        prompt_firewall: {
          enabled: false,
          rules: [],
          builtin_packs: ['injection', 'jailbreak', 'prompt_extraction'],
          block_score: 0.45,
          canary: false,
          ml_detection: { enabled: false, threshold: 0.9, timeout_ms: 5000 },
        },
        content_filter: { enabled: false, toxicity: { threshold: 0.5, categories: ['hate_speech', 'violence', 'sexual_content', 'self_harm'] } },
        pii_detection: {
          enabled: false,
          auto_redact: false,
          types: ['email', 'phone', 'ssn', 'credit_card', 'ip_address', 'iban', 'api_key', 'private_key'],
          mode: 'tokens',
          threshold: 0.5,
        },
        response_validation: { block_unsafe_output: false, on_block: 'content_filter', redact_pii: true },
        alerts: { email: [], min_action: 'block' },
      },
      database: {
        type: 'sqlite',
        path: '~/.tokligence/gateway.db',
        pool_size: 10,
        replication: { enabled: false, replicas: [] },
        ledger_batch_ms: 50,
        spool_max_bytes: 256 * 1024 * 1024,
        timeout_ms: 2000,
      },
      team: { enabled: false, cost_tracking: { enabled: false, currency: 'USD' }, quotas: {}, model_approval: { enabled: false, requires_approval: [], admin_users: [] } },
      rate_limit: {
        enabled: false,
        per_user: {},
        per_key: {},
        type: 'memory',
        redis: { key_prefix: 'tokligence:rl:', timeout_ms: 500 },
      },
      failure_modes: { auth: 'fail_closed', budgets: 'fail_closed', cache: 'fail_open', auth_cache_ttl: 300, budget_outage_allowance: 1, probe_interval_ms: 250 },
      prices: {},
      admin: {},
      console: { enabled: true, session_idle_minutes: 30, session_max_hours: 12 },
      metrics: { enabled: true },
      observability: { tracing: { enabled: false, service_name: 'tokligence', sample_ratio: 1, metrics: true, metrics_interval_ms: 60_000 } },
    });
  });

  it.each([
    ['openai', 'openai'],
    ['anthropic', 'anthropic'],
    ['google', 'google'],
    ['gemini', 'google'],
    ['mock', 'mock'],
    ['ollama', 'openai-compatible'],
    ['vllm', 'openai-compatible'],
    ['lmstudio', 'openai-compatible'],
    ['groq', 'openai-compatible'],
    ['deepseek', 'openai-compatible'],
  ])('provider named %s defaults to type %s', (name, type) => {
    const config = configSchema.parse({ providers: { [name]: { api_key: 'k' } } });
    expect(config.providers[name].type).toBe(type);
    expect(config.providers[name].enabled).toBe(true);
  });

  it('fills in the default base URL the provider drivers expect', () => {
    const config = configSchema.parse({ providers: { openai: {}, anthropic: {}, google: {}, ollama: {}, groq: {} } });
    expect(config.providers.openai.base_url).toBe('https://api.openai.com/v1');
    expect(config.providers.anthropic.base_url).toBe('https://api.anthropic.com');
    expect(config.providers.google.base_url).toBe('https://generativelanguage.googleapis.com');
    expect(config.providers.ollama.base_url).toBe('http://localhost:11434/v1');
    expect(config.providers.groq.base_url).toBe('https://api.groq.com/openai/v1');
  });

  it('a hosted provider without a key at its public URL is disabled, not an error', () => {
    const config = configSchema.parse({
      providers: { openai: {}, anthropic: { api_key: '' }, groq: {}, ollama: {}, work: { type: 'openai' } },
    });
    expect(config.providers.openai.enabled).toBe(false);
    expect(config.providers.anthropic.enabled).toBe(false);
    expect(config.providers.anthropic.api_key).toBeUndefined();
    expect(config.providers.groq.enabled).toBe(false);
    expect(config.providers.work.enabled).toBe(false);
    // Local servers need no key.
    expect(config.providers.ollama.enabled).toBe(true);
  });

  it('a hosted type behind a custom URL (a proxy) stays enabled without a key', () => {
    const config = configSchema.parse({ providers: { openai: { base_url: 'http://litellm:4000/v1' } } });
    expect(config.providers.openai.enabled).toBe(true);
  });

  it('an Ollama base_url without a path gets /v1; one with a path is left alone', () => {
    const parse = (base_url: string) => configSchema.parse({ providers: { ollama: { base_url } } }).providers.ollama.base_url;
    expect(parse('http://localhost:11434')).toBe('http://localhost:11434/v1');
    expect(parse('http://localhost:11434/')).toBe('http://localhost:11434/v1');
    expect(parse('http://gpu:11434/v1')).toBe('http://gpu:11434/v1');
    expect(parse('https://gw.example.com/ollama/v1')).toBe('https://gw.example.com/ollama/v1');
  });

  it('the mock can be switched off explicitly', () => {
    expect(configSchema.parse({ providers: { mock: { enabled: false } } }).providers.mock.enabled).toBe(false);
  });

  it('a disabled openai-compatible provider may omit base_url', () => {
    expect(configSchema.safeParse({ providers: { someday: { enabled: false } } }).success).toBe(true);
    expect(configSchema.safeParse({ providers: { someday: {} } }).success).toBe(false);
  });

  it('is strict at every level', () => {
    expect(configSchema.safeParse({ caches: {} }).success).toBe(false);
    expect(configSchema.safeParse({ cache: { size: 1 } }).success).toBe(false);
    expect(configSchema.safeParse({ gateway: { auth: { oidc: true } } }).success).toBe(false);
    expect(configSchema.safeParse({ gateway: { auth: { keys: [{ name: 'a', key: 'b', admin: true }] } } }).success).toBe(false);
    expect(configSchema.safeParse({ providers: { openai: { apiKey: 'x' } } }).success).toBe(false);
  });

  it('only api_key auth for now, and keys need a name and a key', () => {
    expect(configSchema.safeParse({ gateway: { auth: { type: 'oidc' } } }).success).toBe(false);
    expect(configSchema.safeParse({ gateway: { auth: { keys: [{ name: 'a', key: '' }] } } }).success).toBe(false);
  });
});
