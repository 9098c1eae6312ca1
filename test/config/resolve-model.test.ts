import { describe, expect, it } from 'vitest';
import { ConfigError, TokligenceError } from '../../src/core/errors.js';
import { loadConfig, resolveModelTargets, type TokligenceConfigInput } from '../../src/config/index.js';
import { thrown } from './helpers.js';

const configWith = (config: TokligenceConfigInput, env: Record<string, string> = {}) =>
  loadConfig({ profile: 'personal', configFile: false, env, config });

describe('resolveModelTargets', () => {
  const config = configWith(
    {
      providers: {
        openai: { apiKey: 'sk-o' },
        anthropic: { apiKey: 'sk-a' },
        groq: { apiKey: 'g' },
        vllm: {},
      },
      models: {
        '*': 'mock/echo',
        'claude-*': 'anthropic/*',
        'claude-3-*': 'openai/gpt-4o',
        'claude-3-5-sonnet': 'openai/gpt-4.1',
        'fast-*': 'groq/llama-*',
        '*-mini': 'openai/*',
        'x-*': 'openai/a',
        'x*': 'openai/b',
        'meta-llama/*': 'vllm/*',
        'smart': ['anthropic/claude-sonnet-4-5', 'openai/gpt-4.1'],
      },
    },
    {},
  );

  it('an exact alias wins over every glob', () => {
    expect(resolveModelTargets(config, 'claude-3-5-sonnet')).toEqual([{ provider: 'openai', model: 'gpt-4.1' }]);
  });

  it('then the glob with the longest literal prefix', () => {
    expect(resolveModelTargets(config, 'claude-3-opus')).toEqual([{ provider: 'openai', model: 'gpt-4o' }]);
    expect(resolveModelTargets(config, 'claude-sonnet-4-5')).toEqual([{ provider: 'anthropic', model: 'claude-sonnet-4-5' }]);
    expect(resolveModelTargets(config, 'x-1')).toEqual([{ provider: 'openai', model: 'a' }]);
    expect(resolveModelTargets(config, 'xy')).toEqual([{ provider: 'openai', model: 'b' }]);
  });

  it('"*" catches the rest; a target model "*" passes the requested name through', () => {
    expect(resolveModelTargets(config, 'whatever')).toEqual([{ provider: 'mock', model: 'echo' }]);
    expect(resolveModelTargets(config, 'o4-mini')).toEqual([{ provider: 'openai', model: 'o4-mini' }]);
  });

  it('a * inside the target model takes what the alias * matched', () => {
    expect(resolveModelTargets(config, 'fast-3.3-70b')).toEqual([{ provider: 'groq', model: 'llama-3.3-70b' }]);
  });

  it('aliases win over provider/model syntax (model ids with a slash)', () => {
    expect(resolveModelTargets(config, 'meta-llama/Llama-3.1-8B-Instruct')).toEqual([
      { provider: 'vllm', model: 'meta-llama/Llama-3.1-8B-Instruct' },
    ]);
  });

  it('a list is an ordered fallback chain', () => {
    expect(resolveModelTargets(config, 'smart')).toEqual([
      { provider: 'anthropic', model: 'claude-sonnet-4-5' },
      { provider: 'openai', model: 'gpt-4.1' },
    ]);
  });
});

describe('provider/model syntax and disabled providers', () => {
  const noKeys = configWith({}, {});

  it('provider/model reaches an enabled provider directly', () => {
    const config = configWith({}, { OLLAMA_BASE_URL: 'http://localhost:11434' });
    expect(resolveModelTargets(config, 'ollama/llama3.2:3b')).toEqual([{ provider: 'ollama', model: 'llama3.2:3b' }]);
    expect(resolveModelTargets(noKeys, 'mock/echo')).toEqual([{ provider: 'mock', model: 'echo' }]);
  });

  it('a disabled provider is a ConfigError that says what to set', () => {
    const err = thrown(() => resolveModelTargets(noKeys, 'anthropic/claude-sonnet-4-5'));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain('provider "anthropic" is not enabled: set ANTHROPIC_API_KEY or providers.anthropic.api_key');
    expect((err as ConfigError).provider).toBe('anthropic');
  });

  it('the same through an alias whose providers are all disabled', () => {
    const err = thrown(() => resolveModelTargets(noKeys, 'claude-sonnet-4-5'));
    expect(err.message).toContain('provider "anthropic" is not enabled: set ANTHROPIC_API_KEY or providers.anthropic.api_key');
  });

  it('the hint fits the provider: Ollama, Google, or an explicitly disabled one', () => {
    expect(thrown(() => resolveModelTargets(noKeys, 'ollama/llama3')).message).toContain(
      'provider "ollama" is not enabled: set OLLAMA_BASE_URL or providers.ollama.enabled: true',
    );
    const google = configWith({ providers: { google: {} } });
    expect(thrown(() => resolveModelTargets(google, 'google/gemini-2.5-pro')).message).toContain(
      'set GEMINI_API_KEY or GOOGLE_API_KEY or providers.google.api_key',
    );
    const off = configWith({ providers: { openai: { apiKey: 'k', enabled: false } } });
    expect(thrown(() => resolveModelTargets(off, 'openai/gpt-4o')).message).toContain('set providers.openai.enabled: true');
  });

  it('targets on disabled providers are skipped in a fallback chain', () => {
    const config = loadConfig({ profile: 'agent', configFile: false, env: { OPENAI_API_KEY: 'sk' } });
    expect(resolveModelTargets(config, 'smart')).toEqual([{ provider: 'openai', model: 'gpt-4.1' }]);
  });

  it('an unknown provider prefix is not_found, naming the configured providers', () => {
    const err = thrown(() => resolveModelTargets(noKeys, 'azure/gpt-4o'));
    expect(err).toBeInstanceOf(TokligenceError);
    expect((err as TokligenceError).kind).toBe('not_found');
    expect(err.message).toContain('no provider named "azure" (configured: mock, ollama, anthropic, openai)');
  });

  it('a name matching nothing is not_found, listing the aliases', () => {
    const err = thrown(() => resolveModelTargets(noKeys, 'llama3'));
    expect((err as TokligenceError).kind).toBe('not_found');
    expect((err as TokligenceError).status).toBe(404);
    expect((err as TokligenceError).param).toBe('model');
    expect(err.message).toContain('model "llama3" matches no alias in models (configured: claude-*, gpt-*)');
  });
});
