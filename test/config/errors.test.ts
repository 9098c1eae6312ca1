import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/errors.js';
import { loadConfig } from '../../src/config/index.js';
import { editDistance, suggestKey } from '../../src/config/format-error.js';
import { dirWith, thrown } from './helpers.js';

const fromYaml = (text: string, env: Record<string, string> = {}) => {
  const cwd = dirWith({ 'tokligence.yaml': text });
  return thrown(() => loadConfig({ cwd, env }));
};

describe('validation errors say where, what and how to fix', () => {
  it('unknown key with a did-you-mean suggestion', () => {
    const err = fromYaml('gateway:\n  prot: 8080\n');
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).kind).toBe('config');
    expect(err.message).toContain('unknown key "prot" in gateway (did you mean "port"?)');
  });

  it('camelCase in YAML suggests the snake_case key', () => {
    expect(fromYaml('gateway:\n  requestTimeout: 5\n').message).toContain(
      'unknown key "requestTimeout" in gateway (did you mean "request_timeout"?)',
    );
  });

  it('an unknown key with nothing close lists the allowed keys', () => {
    expect(fromYaml('providers:\n  openai:\n    colour: blue\n').message).toContain(
      'unknown key "colour" in providers.openai (allowed: type, enabled, base_url, api_key, models, headers, timeout, api_version, transport, allow_link_local, api)',
    );
    expect(fromYaml('gatway:\n  port: 1\n').message).toContain('unknown key "gatway" at the top level (did you mean "gateway"?)');
  });

  it('a bad URL', () => {
    const err = fromYaml('providers:\n  openai:\n    base_url: foo\n');
    expect(err.message).toContain('providers.openai.base_url: expected a URL, got "foo"');
  });

  it('the same message for a bad URL from the constructor, naming the option as written there', () => {
    const err = thrown(() => loadConfig({ env: {}, configFile: false, config: { providers: { openai: { baseUrl: 'foo' } } } }));
    expect(err.message).toContain('providers.openai.baseUrl: expected a URL, got "foo"');
  });

  it('every problem is listed, each on its own line, with the sources in the header', () => {
    const err = fromYaml('gateway:\n  port: 70000\n  work_mode: magic\n  max_tokens_default: 1.5\n  log_format: xml\n');
    const lines = err.message.split('\n');
    expect(lines[0]).toMatch(/^Invalid Tokligence configuration \(profile "personal", file .*tokligence\.yaml\):$/);
    expect(lines.slice(1)).toEqual([
      '  gateway.port: expected a number <= 65535, got 70000',
      '  gateway.work_mode: expected "auto" | "translate" | "passthrough", got "magic"',
      '  gateway.max_tokens_default: expected an integer, got 1.5',
      '  gateway.log_format: expected "json" | "pretty", got "xml"',
    ]);
  });

  it('a wrong type names the expected type', () => {
    expect(fromYaml('gateway:\n  auth:\n    enabled: maybe\n').message).toContain(
      'gateway.auth.enabled: expected a boolean, got "maybe"',
    );
    expect(fromYaml('providers:\n  openai:\n    models: gpt-4o\n').message).toContain(
      'providers.openai.models: expected a list, got "gpt-4o"',
    );
  });

  it('secrets are never echoed back', () => {
    const err = fromYaml('providers:\n  openai:\n    api_key: 12345\n');
    expect(err.message).toContain('providers.openai.api_key: expected a string');
    expect(err.message).not.toContain('12345');
  });

  it('model targets must be provider/model, on a configured provider', () => {
    expect(fromYaml('models:\n  fast: gpt-4o\n').message).toContain('models.fast: expected "provider/model", got "gpt-4o"');
    expect(fromYaml('models:\n  fast: [openai/gpt-4o, 5]\n').message).toContain('models.fast.1: expected "provider/model" or { target: "provider/model", weight, price, max_tokens, context_window }, got 5');
    expect(fromYaml('models:\n  fast: [openai/gpt-4o, azure/gpt-4o]\n').message).toContain(
      'models.fast.1: provider "azure" is not configured (configured: mock, ollama, anthropic, openai)',
    );
    // Aliases with dots are quoted, so the path stays unambiguous.
    expect(fromYaml('models:\n  gpt-4.1: nope\n').message).toContain('models["gpt-4.1"]: expected "provider/model", got "nope"');
  });

  it('an openai-compatible provider needs a base_url', () => {
    expect(fromYaml('providers:\n  myproxy:\n    api_key: k\n').message).toContain(
      'providers.myproxy.base_url: required for an openai-compatible provider',
    );
  });

  it('a YAML syntax error names the file and the line', () => {
    const err = fromYaml('gateway:\n  port: 8081\n  host: [unclosed\nproviders: {}\n');
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/tokligence\.yaml:\d+:\d+: YAML syntax error \(line \d+\): /);
    const line = Number(/\(line (\d+)\)/.exec(err.message)![1]);
    expect(line).toBeGreaterThanOrEqual(3);
    expect(line).toBeLessThanOrEqual(4);
  });

  it('a YAML syntax error on a given line reports that line', () => {
    const err = fromYaml('gateway:\n  port: 8081\n\tbad: tab\n');
    expect(err.message).toMatch(/tokligence\.yaml:3:\d+: YAML syntax error \(line 3\)/);
  });

  it('a file that is not a mapping', () => {
    expect(fromYaml('- a\n- b\n').message).toMatch(/tokligence\.yaml: expected a mapping of settings at the top level/);
  });
});

describe('did-you-mean', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('prot', 'port')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
  it('suggests only plausible typos', () => {
    expect(suggestKey('prot', ['port', 'host'])).toBe('port');
    expect(suggestKey('timeout', ['port', 'host'])).toBeUndefined();
    expect(suggestKey('baseURL', ['base_url', 'api_key'])).toBe('base_url');
  });
});
