import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/index.js';

describe('configSchema on its own', () => {
  it('an empty object gives every default and the built-in mock', () => {
    expect(configSchema.parse({})).toEqual({
      profile: 'personal',
      gateway: {
        port: 8081,
        host: '127.0.0.1',
        work_mode: 'auto',
        request_timeout: 120,
        max_tokens_default: 4096,
        max_body_bytes: 10 * 1024 * 1024,
        auth: { enabled: false, type: 'api_key', keys: [] },
        log_level: 'info',
        log_format: 'json',
      },
      providers: { mock: { type: 'mock', enabled: true } },
      models: {},
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
    expect(configSchema.safeParse({ cache: {} }).success).toBe(false);
    expect(configSchema.safeParse({ gateway: { auth: { oidc: true } } }).success).toBe(false);
    expect(configSchema.safeParse({ gateway: { auth: { keys: [{ name: 'a', key: 'b', admin: true }] } } }).success).toBe(false);
    expect(configSchema.safeParse({ providers: { openai: { apiKey: 'x' } } }).success).toBe(false);
  });

  it('only api_key auth for now, and keys need a name and a key', () => {
    expect(configSchema.safeParse({ gateway: { auth: { type: 'oidc' } } }).success).toBe(false);
    expect(configSchema.safeParse({ gateway: { auth: { keys: [{ name: 'a', key: '' }] } } }).success).toBe(false);
  });
});
