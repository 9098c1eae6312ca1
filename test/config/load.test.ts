// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are YAML `${VAR}` references, not templates
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { loadConfig, type TokligenceConfigInput } from '../../src/config/index.js';
import { dirWith, tempDir, thrown } from './helpers.js';

describe('merge order: profile < file < environment < options', () => {
  // One value, gateway.request_timeout, changed at each level: each level must win over the last.
  const dir = dirWith({ 'tokligence.yaml': 'gateway:\n  request_timeout: 200\n  port: 9000\n' });
  const env = { TOKLIGENCE_GATEWAY__REQUEST_TIMEOUT: '100' };

  it('profile alone', () => {
    expect(loadConfig({ profile: 'coder', env: {}, cwd: tempDir() }).gateway.request_timeout).toBe(300);
  });
  it('file over profile', () => {
    const config = loadConfig({ profile: 'coder', env: {}, cwd: dir });
    expect(config.gateway.request_timeout).toBe(200);
    // Deep merge: what the file does not set still comes from the profile.
    expect(config.gateway.max_body_bytes).toBe(32 * 1024 * 1024);
    expect(config.gateway.port).toBe(9000);
  });
  it('environment over file', () => {
    const config = loadConfig({ profile: 'coder', env, cwd: dir });
    expect(config.gateway.request_timeout).toBe(100);
    expect(config.gateway.port).toBe(9000);
  });
  it('options over environment', () => {
    const config = loadConfig({ profile: 'coder', env, cwd: dir, config: { gateway: { requestTimeout: 5 } } });
    expect(config.gateway.request_timeout).toBe(5);
    expect(config.gateway.port).toBe(9000);
  });

  it('lists replace lists, objects merge key by key', () => {
    const file = dirWith({
      'tokligence.yaml': 'models:\n  smart: [openai/gpt-4.1]\n  mine: openai/gpt-4o\n',
    });
    const config = loadConfig({ profile: 'agent', env: {}, cwd: file });
    expect(config.models.smart).toEqual(['openai/gpt-4.1']);
    expect(config.models.mine).toBe('openai/gpt-4o');
    expect(config.models['claude-*']).toBe('anthropic/*');
  });

  it('undefined in options means "not set"', () => {
    const config = loadConfig({ profile: 'coder', env: {}, configFile: false, config: { gateway: { requestTimeout: undefined } } });
    expect(config.gateway.request_timeout).toBe(300);
  });
});

describe('choosing the profile and the file', () => {
  it('defaults to personal', () => {
    expect(loadConfig({ env: {}, configFile: false }).profile).toBe('personal');
  });

  it('options.profile > TOKLIGENCE_PROFILE > the file\'s profile:', () => {
    const dir = dirWith({ 'tokligence.yaml': 'profile: team\n' });
    expect(loadConfig({ env: {}, cwd: dir }).profile).toBe('team');
    expect(loadConfig({ env: {}, cwd: dir }).gateway.auth.enabled).toBe(true);
    expect(loadConfig({ env: { TOKLIGENCE_PROFILE: 'coder' }, cwd: dir }).profile).toBe('coder');
    expect(loadConfig({ profile: 'agent', env: { TOKLIGENCE_PROFILE: 'coder' }, cwd: dir }).profile).toBe('agent');
  });

  it('configFile > TOKLIGENCE_CONFIG > ./tokligence.yaml', () => {
    const dir = dirWith({
      'tokligence.yaml': 'gateway: { port: 1001 }\n',
      'from-env.yaml': 'gateway: { port: 1002 }\n',
      'explicit.json': '{ "gateway": { "port": 1003 } }\n',
    });
    expect(loadConfig({ env: {}, cwd: dir }).gateway.port).toBe(1001);
    expect(loadConfig({ env: { TOKLIGENCE_CONFIG: 'from-env.yaml' }, cwd: dir }).gateway.port).toBe(1002);
    expect(loadConfig({ env: { TOKLIGENCE_CONFIG: 'from-env.yaml' }, cwd: dir, configFile: 'explicit.json' }).gateway.port).toBe(
      1003,
    );
    expect(loadConfig({ env: {}, cwd: dir, configFile: false }).gateway.port).toBe(8081);
  });

  it('a named config file that does not exist is an error', () => {
    const dir = tempDir();
    const err = thrown(() => loadConfig({ env: {}, cwd: dir, configFile: 'nope.yaml' }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toBe(`config file not found: ${join(dir, 'nope.yaml')}`);
  });

  it('an empty file, or empty sections, count as "not set"', () => {
    const dir = dirWith({ 'empty.yaml': '', 'sections.yaml': 'gateway:\nproviders:\n  vllm:\n' });
    expect(loadConfig({ env: {}, cwd: dir, configFile: 'empty.yaml' }).gateway.port).toBe(8081);
    const config = loadConfig({ env: {}, cwd: dir, configFile: 'sections.yaml' });
    expect(config.providers.vllm).toEqual({ type: 'openai-compatible', enabled: true, base_url: 'http://localhost:8000/v1' });
  });
});

describe('${VAR} interpolation in YAML', () => {
  const file = (text: string) => ({ cwd: dirWith({ 'tokligence.yaml': text }) });

  it('${VAR:-default}: the variable when set, else the default (also when empty)', () => {
    const opts = file('gateway:\n  host: ${BIND_HOST:-0.0.0.0}\n');
    expect(loadConfig({ ...opts, env: {} }).gateway.host).toBe('0.0.0.0');
    expect(loadConfig({ ...opts, env: { BIND_HOST: '' } }).gateway.host).toBe('0.0.0.0');
    expect(loadConfig({ ...opts, env: { BIND_HOST: '10.0.0.1' } }).gateway.host).toBe('10.0.0.1');
  });

  it('inside a longer string, and $${ stays literal', () => {
    const opts = file('providers:\n  proxy:\n    base_url: http://${PROXY_HOST:-proxy}:${PROXY_PORT}/v1\n    headers:\n      x-note: "$${NOT_A_VAR}"\n');
    const config = loadConfig({ ...opts, env: { PROXY_PORT: '4000' } });
    expect(config.providers.proxy.base_url).toBe('http://proxy:4000/v1');
    expect(config.providers.proxy.headers).toEqual({ 'x-note': '${NOT_A_VAR}' });
  });

  it('a whole-value reference is coerced to the type the schema wants', () => {
    const opts = file('gateway:\n  port: ${PORT:-9100}\n  auth:\n    enabled: ${AUTH:-false}\n');
    const config = loadConfig({ ...opts, env: { AUTH: 'true' } });
    expect(config.gateway.port).toBe(9100);
    expect(config.gateway.auth.enabled).toBe(true);
  });

  it('a missing variable without default is an error naming file, path and variable', () => {
    const opts = file('gateway:\n  host: ${BIND_HOST}\n  auth:\n    keys:\n      - name: alice\n        key: ${ALICE_KEY}\n');
    const err = thrown(() => loadConfig({ ...opts, env: {} }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toContain('tokligence.yaml:');
    expect(err.message).toContain('gateway.host: environment variable BIND_HOST is not set');
    expect(err.message).toContain('gateway.auth.keys.0.key: environment variable ALICE_KEY is not set');
  });

  it('a missing api_key is not an error: the hosted provider is disabled instead', () => {
    const opts = file('providers:\n  openai:\n    api_key: ${MY_OPENAI_KEY}\n');
    const off = loadConfig({ ...opts, env: {} });
    expect(off.providers.openai.enabled).toBe(false);
    expect(off.providers.openai.api_key).toBeUndefined();
    const on = loadConfig({ ...opts, env: { MY_OPENAI_KEY: 'sk-1' } });
    expect(on.providers.openai).toMatchObject({ enabled: true, api_key: 'sk-1' });
  });

  it('values from options and the environment are not interpolated', () => {
    const config = loadConfig({ env: { TOKLIGENCE_HOST: '${X}' }, configFile: false });
    expect(config.gateway.host).toBe('${X}');
  });
});

describe('environment variables', () => {
  const load = (env: Record<string, string>, extra: Parameters<typeof loadConfig>[0] = {}) =>
    loadConfig({ profile: 'personal', configFile: false, env, ...extra });

  it.each([
    ['http://localhost:11434', 'http://localhost:11434/v1'],
    ['http://localhost:11434/', 'http://localhost:11434/v1'],
    ['http://gpu-box:11434/v1', 'http://gpu-box:11434/v1'],
    ['http://gpu-box:11434/v1/', 'http://gpu-box:11434/v1'],
  ])('OLLAMA_BASE_URL=%s → %s, and Ollama is enabled', (value, expected) => {
    const config = load({ OLLAMA_BASE_URL: value });
    expect(config.providers.ollama).toMatchObject({ type: 'openai-compatible', enabled: true, base_url: expected });
  });

  it('OPENAI_API_KEY adds and enables openai even where the profile lacks it', () => {
    const config = loadConfig({ profile: 'security', configFile: false, env: { OPENAI_API_KEY: 'sk-o' } });
    expect(config.providers.openai).toMatchObject({ type: 'openai', enabled: true, api_key: 'sk-o' });
    const added = loadConfig({ configFile: false, env: { GOOGLE_API_KEY: 'g' }, profile: 'personal' });
    expect(added.providers.google).toMatchObject({ type: 'google', enabled: true, api_key: 'g' });
  });

  it('GEMINI_API_KEY wins over GOOGLE_API_KEY', () => {
    expect(load({ GEMINI_API_KEY: 'gem', GOOGLE_API_KEY: 'goo' }).providers.google.api_key).toBe('gem');
  });

  it('empty variables count as unset', () => {
    expect(load({ OPENAI_API_KEY: '', TOKLIGENCE_PORT: '' }).providers.openai.enabled).toBe(false);
  });

  it('OPENAI_BASE_URL / ANTHROPIC_BASE_URL set the upstream URL', () => {
    const config = load({ OPENAI_BASE_URL: 'https://proxy.example.com/v1', ANTHROPIC_BASE_URL: 'https://claude-proxy.example.com' });
    expect(config.providers.openai.base_url).toBe('https://proxy.example.com/v1');
    // A custom URL may need no key, so the provider stays on.
    expect(config.providers.openai.enabled).toBe(true);
    expect(config.providers.anthropic.base_url).toBe('https://claude-proxy.example.com');
  });

  it('…but not when they point back at this gateway (meant for Claude Code / Cursor)', () => {
    const config = load({
      ANTHROPIC_BASE_URL: 'http://localhost:8081/anthropic',
      OPENAI_BASE_URL: 'http://127.0.0.1:8081/v1',
      ANTHROPIC_API_KEY: 'sk-ant',
    });
    expect(config.providers.anthropic.base_url).toBe('https://api.anthropic.com');
    expect(config.providers.openai.base_url).toBe('https://api.openai.com/v1');
    // On another port it is a real upstream (another gateway, a proxy).
    const other = load({ OPENAI_BASE_URL: 'http://localhost:4000/v1', TOKLIGENCE_PORT: '8081' });
    expect(other.providers.openai.base_url).toBe('http://localhost:4000/v1');
  });

  it('TOKLIGENCE_PORT, TOKLIGENCE_HOST, TOKLIGENCE_LOG_LEVEL', () => {
    const config = load({ TOKLIGENCE_PORT: '9999', TOKLIGENCE_HOST: '0.0.0.0', TOKLIGENCE_LOG_LEVEL: 'DEBUG' });
    expect(config.gateway).toMatchObject({ port: 9999, host: '0.0.0.0', log_level: 'debug' });
  });

  it('TOKLIGENCE_<SECTION>__<KEY> reaches any setting, coerced to the schema type', () => {
    const config = load({
      TOKLIGENCE_GATEWAY__REQUEST_TIMEOUT: '300',
      TOKLIGENCE_GATEWAY__AUTH__ENABLED: 'true',
      TOKLIGENCE_GATEWAY__WORK_MODE: 'translate',
      TOKLIGENCE_PROVIDERS__VLLM__BASE_URL: 'http://gpu:8000/v1',
      TOKLIGENCE_PROVIDERS__VLLM__MODELS: 'qwen3-coder, llama-3.3-70b',
      TOKLIGENCE_PROVIDERS__VLLM__API_KEY: '12345',
    });
    expect(config.gateway.request_timeout).toBe(300);
    expect(config.gateway.auth.enabled).toBe(true);
    expect(config.gateway.work_mode).toBe('translate');
    expect(config.providers.vllm).toMatchObject({
      type: 'openai-compatible',
      base_url: 'http://gpu:8000/v1',
      models: ['qwen3-coder', 'llama-3.3-70b'],
      api_key: '12345', // a string field stays a string even when it looks like a number
    });
  });

  it('a value that does not fit is reported with the value', () => {
    const err = thrown(() => load({ TOKLIGENCE_PORT: 'eighty' }));
    expect(err.message).toContain('gateway.port: expected a number, got "eighty"');
  });
});

describe('camelCase options (the TypeScript constructor)', () => {
  it('converts keys, but not provider names, model aliases or header names', () => {
    const config: TokligenceConfigInput = {
      gateway: { requestTimeout: 5, maxConcurrentRequests: 3, auth: { enabled: true, keys: [{ name: 'ci', key: 'tk-ci' }] } },
      providers: {
        myProxy: { type: 'openai-compatible', baseUrl: 'http://proxy:4000/v1', apiKey: 'p', headers: { 'X-Team-Id': 'blue' } },
        anthropic: { apiKey: 'sk-ant', apiVersion: '2023-06-01' },
      },
      models: { 'claude-*': 'anthropic/*', myAlias: 'myProxy/some_model' },
    };
    const loaded = loadConfig({ env: {}, configFile: false, config });
    expect(loaded.gateway.request_timeout).toBe(5);
    expect(loaded.gateway.max_concurrent_requests).toBe(3);
    expect(loaded.gateway.auth.keys).toEqual([{ name: 'ci', key: 'tk-ci' }]);
    expect(loaded.providers.myProxy).toEqual({
      type: 'openai-compatible',
      enabled: true,
      base_url: 'http://proxy:4000/v1',
      api_key: 'p',
      headers: { 'X-Team-Id': 'blue' },
    });
    expect(loaded.providers.anthropic).toMatchObject({ enabled: true, api_key: 'sk-ant', api_version: '2023-06-01' });
    expect(loaded.models).toMatchObject({ 'claude-*': 'anthropic/*', myAlias: 'myProxy/some_model' });
  });

  it('the input type is camelCase', () => {
    // @ts-expect-error snake_case is the YAML spelling, not the TypeScript one
    const wrong: TokligenceConfigInput = { gateway: { request_timeout: 5 } };
    // At runtime snake_case still converts to itself, so it works anyway.
    expect(loadConfig({ env: {}, configFile: false, config: wrong }).gateway.request_timeout).toBe(5);
  });

  it('a camelCase typo is an error with the suggestion', () => {
    const err = thrown(() => loadConfig({ env: {}, configFile: false, config: { gateway: { requestTimout: 5 } as never } }));
    // Named as the caller wrote it (camelCase), with the suggestion in camelCase too.
    expect(err.message).toContain('unknown key "requestTimout" in gateway (did you mean "requestTimeout"?)');
  });

  it('an unknown camelCase option is named as written, not in its YAML spelling', () => {
    const err = thrown(() => loadConfig({ env: {}, configFile: false, config: { bogusSetting: 1 } as never }));
    expect(err.message).toContain('unknown key "bogusSetting" at the top level');
    expect(err.message).not.toContain('bogus_setting');
    const nested = thrown(() => loadConfig({ env: {}, configFile: false, config: { gateway: { auth: { keys: [{ name: 'a', key: 3 }] } } } as never }));
    expect(nested.message).toContain('gateway.auth.keys.0.key: expected a string');
    const deep = thrown(() => loadConfig({ env: {}, configFile: false, config: { toolCalling: { warnAfter: -1 } } as never }));
    expect(deep.message).toContain('toolCalling.warnAfter: expected a number');
  });
});

describe('one home for fallbacks (routing.fallbacks)', () => {
  const yaml = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'tk-fallbacks-'));
    const file = join(dir, 'tokligence.yaml');
    writeFileSync(file, text);
    return loadConfig({ env: {}, configFile: file });
  };

  it('the scenarios’ agent.fallback keys and the older routing.*_fallbacks are read into it, each with a notice', () => {
    const c = yaml(
      'agent:\n  fallback:\n    enabled: true\n    retry_attempts: 3\n    fallback_models:\n      gpt-4: claude-3-opus\nrouting:\n  context_window_fallbacks:\n    small: big\n  content_policy_fallbacks:\n    strict: lenient\n',
    );
    expect(c.routing.fallbacks).toEqual({ enabled: true, models: { 'gpt-4': 'claude-3-opus' }, context_window: { small: 'big' }, content_policy: { strict: 'lenient' } });
    expect(c.retry.attempts).toBe(3);
    expect(c.notices).toEqual([
      'agent.fallback.fallback_models is read as routing.fallbacks.models; write routing.fallbacks.models instead',
      'agent.fallback.enabled is read as routing.fallbacks.enabled; write routing.fallbacks.enabled instead',
      'agent.fallback.retry_attempts is read as retry.attempts; write retry.attempts instead',
      'routing.context_window_fallbacks is read as routing.fallbacks.context_window; write routing.fallbacks.context_window instead',
      'routing.content_policy_fallbacks is read as routing.fallbacks.content_policy; write routing.fallbacks.content_policy instead',
    ]);
  });

  it('rate_limit.fail_open is read as failure_modes.rate_limit, with a notice; failure_modes wins', () => {
    const old = yaml('rate_limit:\n  enabled: true\n  fail_open: false\n');
    expect(old.failure_modes.rate_limit).toBe('fail_closed');
    expect(old.notices).toEqual(['rate_limit.fail_open is read as failure_modes.rate_limit; write failure_modes.rate_limit instead']);
    expect(yaml('rate_limit:\n  fail_open: false\nfailure_modes:\n  rate_limit: fail_open\n').failure_modes.rate_limit).toBe('fail_open');
  });

  it('where both are set, the new key wins per model', () => {
    const c = yaml('agent:\n  fallback:\n    fallback_models:\n      a: old-a\n      b: old-b\nrouting:\n  fallbacks:\n    models:\n      a: new-a\n');
    expect(c.routing.fallbacks.models).toEqual({ a: 'new-a', b: 'old-b' });
  });

  it('model names in the constructor’s fallback maps keep their spelling', () => {
    const c = loadConfig({ env: {}, configFile: false, config: { routing: { fallbacks: { models: { gptFour: 'claudeOpus' } } } } as never });
    expect(c.routing.fallbacks.models).toEqual({ gptFour: 'claudeOpus' });
    expect(c.notices).toEqual([]);
  });
});
