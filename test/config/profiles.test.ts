import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError } from '../../src/core/errors.js';
import { listProfiles, loadConfig, PROFILE_NAMES, packageRoot, profilePath } from '../../src/config/index.js';
import { tempDir, thrown } from './helpers.js';

describe('built-in profiles', () => {
  it('lists the six profiles in their documented order', () => {
    expect(listProfiles()).toEqual(['personal', 'coder', 'agent', 'team', 'enterprise', 'security']);
  });

  it('finds profiles/ at the package root from src/', () => {
    expect(existsSync(join(packageRoot(), 'package.json'))).toBe(true);
    expect(profilePath('team')).toBe(join(packageRoot(), 'profiles', 'team.yaml'));
  });

  for (const name of PROFILE_NAMES) {
    describe(name, () => {
      it('loads and validates with an empty environment (and an empty cwd)', () => {
        const config = loadConfig({ profile: name, env: {}, cwd: tempDir() });
        expect(config.profile).toBe(name);
        expect(config.gateway.port).toBe(8081);
        // The built-in mock is there and on; every hosted provider lacks its key and is off.
        expect(config.providers.mock).toEqual({ type: 'mock', enabled: true });
        for (const [provider, settings] of Object.entries(config.providers))
          if (provider !== 'mock') expect(settings.enabled, provider).toBe(false);
      });

      it('starts with a comment header saying who it is for', () => {
        const text = readFileSync(profilePath(name), 'utf8');
        expect(text.startsWith(`# Tokligence profile: ${name}\n`)).toBe(true);
        expect(text).toMatch(/^# For: /m);
        expect(parse(text).profile).toBe(name);
      });

      it('enables a hosted provider once its key is in the environment', () => {
        const config = loadConfig({ profile: name, env: { ANTHROPIC_API_KEY: 'sk-ant-test' }, configFile: false });
        expect(config.providers.anthropic).toMatchObject({ type: 'anthropic', enabled: true, api_key: 'sk-ant-test' });
      });
    });
  }

  it('personal: local and open; Ollama listed but off until OLLAMA_BASE_URL', () => {
    const config = loadConfig({ profile: 'personal', env: {}, configFile: false });
    expect(config.gateway.auth.enabled).toBe(false);
    expect(config.gateway.host).toBe('127.0.0.1');
    expect(config.providers.ollama).toMatchObject({ type: 'openai-compatible', enabled: false });
  });

  it('coder: 300 s timeout and dialect aliases', () => {
    const config = loadConfig({ profile: 'coder', env: {}, configFile: false });
    expect(config.gateway.request_timeout).toBe(300);
    expect(config.models['claude-*']).toBe('anthropic/*');
    expect(config.models['gpt-*']).toBe('openai/*');
  });

  it('agent: a concurrency limit and fallback chains', () => {
    const config = loadConfig({ profile: 'agent', env: {}, configFile: false });
    expect(config.gateway.max_concurrent_requests).toBeGreaterThan(0);
    expect(Array.isArray(config.models.smart)).toBe(true);
  });

  it.each(['team', 'enterprise', 'security'])('%s: auth is on, keys from TOKLIGENCE_API_KEYS', (name) => {
    const config = loadConfig({ profile: name, env: {}, configFile: false });
    expect(config.gateway.auth).toMatchObject({ enabled: true, type: 'api_key', keys: [] });
    expect(config.gateway.max_concurrent_requests).toBeGreaterThan(0);
    const keyed = loadConfig({ profile: name, env: { TOKLIGENCE_API_KEYS: 'alice:tk-a, bob:tk-b' }, configFile: false });
    expect(keyed.gateway.auth.keys).toEqual([
      { name: 'alice', key: 'tk-a' },
      { name: 'bob', key: 'tk-b' },
    ]);
  });

  it('an unknown profile name is a ConfigError listing the six', () => {
    const err = thrown(() => loadConfig({ profile: 'gamer', env: {}, configFile: false }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toBe('unknown profile "gamer": choose one of personal, coder, agent, team, enterprise, security');
  });

  it('a profile name cannot walk out of profiles/', () => {
    expect(() => profilePath('../package')).toThrow(ConfigError);
  });
});
