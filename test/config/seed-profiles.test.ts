import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, resolveModelTargets } from '../../src/config/index.js';
import { dirWith, thrown } from './helpers.js';

/** The scenarios' own snippets, as a user would copy them (../shared/reference/seed-profiles). */
const SEEDS = [join(__dirname, '../../../shared/reference/seed-profiles'), '/work/shared/reference/seed-profiles'].find((d) => existsSync(d));
const ENV = { OIDC_CLIENT_ID: 'tokligence', SLACK_WEBHOOK: 'https://hooks.slack.example/T000/B000' };

describe.skipIf(!SEEDS)('the scenarios\u2019 six config snippets', () => {
  const files = SEEDS ? readdirSync(SEEDS).filter((f) => f.endsWith('.yaml')) : [];

  it('are all six there', () => {
    expect(files.sort()).toEqual(['agent.yaml', 'coder.yaml', 'enterprise.yaml', 'personal.yaml', 'security.yaml', 'team.yaml']);
  });

  it.each(files)('%s loads unchanged', (file) => {
    const config = loadConfig({ configFile: join(SEEDS!, file), env: ENV });
    expect(config.gateway.port).toBe(8081);
  });

  it('team.yaml turns on what it says: PostgreSQL, team budgets, cost tracking, a rate limit, Redis cache', () => {
    const config = loadConfig({ configFile: join(SEEDS!, 'team.yaml'), env: ENV });
    expect(config.database).toMatchObject({ type: 'postgresql', host: 'localhost', pool_size: 20 });
    expect(config.team).toMatchObject({ enabled: true, cost_tracking: { enabled: true, alert_threshold: 1000 }, quotas: { per_user_monthly: 100, per_user_daily: 10 } });
    expect(config.rate_limit).toMatchObject({ enabled: true, per_user_per_hour: 1000 });
    expect(config.cache.type).toBe('redis');
    expect(config.team.model_approval).toEqual({ enabled: true, requires_approval: ['gpt-4', 'claude-3-opus-20240229'], admin_users: ['admin@team.com'] });
    expect(config.audit).toMatchObject({ enabled: true, log_all_requests: true, storage: 'database' });
  });

  it('enterprise.yaml names each key it sets aside, once', () => {
    const config = loadConfig({ configFile: join(SEEDS!, 'enterprise.yaml'), env: ENV });
    const { notices } = config;
    expect(config.database.replication.replicas).toHaveLength(2);
    expect(config.gateway.log_format).toBe('json');
    expect(config.metrics).toMatchObject({ enabled: true, prometheus_port: 9090 });
    // Tracing is real: the scenario's Jaeger collector is where spans go (OTLP on Jaeger's 4318).
    expect(config.observability.tracing).toMatchObject({ enabled: true, jaeger_endpoint: 'http://jaeger:14268' });
    for (const key of ['kubernetes.namespace', 'high_availability.replicas', 'compliance.encryption_in_transit', 'audit.storage: s3'])
      expect(notices.filter((n) => n.includes(key))).toHaveLength(1);
    // What the enterprise snippet asks for is done, not set aside.
    expect(config.gateway.auth).toMatchObject({ enabled: true, type: 'oidc', oidc_provider: 'https://auth.company.com', multi_factor: true });
    expect(config.multi_tenancy.tenants.map((t) => [t.name, t.quota])).toEqual([['engineering', 10000], ['product', 5000], ['finance', 2000]]);
    expect(config.compliance).toMatchObject({ soc2: true, gdpr: true, data_retention_days: 90, encryption_at_rest: true });
    expect(config.audit).toMatchObject({ enabled: true, immutable: true, storage: 's3', retention_years: 7 });
    expect(notices.filter((n) => /multi_tenancy|oidc|audit\.immutable|data_retention/.test(n))).toEqual([]);
  });

  it('security.yaml maps the scenario spellings (content_filter.pii_detection, audit.alerts.slack_webhook)', () => {
    const config = loadConfig({ configFile: join(SEEDS!, 'security.yaml'), env: ENV });
    expect(config.security.pii_detection).toMatchObject({ enabled: true, auto_redact: true, types: ['email', 'phone', 'ssn', 'credit_card', 'ip_address'] });
    expect(config.security.alerts).toMatchObject({ webhook_url: ENV.SLACK_WEBHOOK, email: ['security@company.com'] });
    expect(config.security.content_filter.enabled).toBe(true);
    expect(config.security.response_validation.block_unsafe_output).toBe(true);
    expect(config.security.prompt_firewall.ml_detection.enabled).toBe(false);
  });

  it('coder.yaml: providers.*.models limits what a provider serves', () => {
    const config = loadConfig({ configFile: join(SEEDS!, 'coder.yaml'), env: { ...ENV, OPENAI_API_KEY: 'sk-x', ANTHROPIC_API_KEY: 'sk-y' } });
    expect(resolveModelTargets(config, 'openai/gpt-4-turbo')).toEqual([{ provider: 'openai', model: 'gpt-4-turbo' }]);
    expect(thrown(() => resolveModelTargets(config, 'openai/gpt-4o')).message).toBe(
      'model "gpt-4o" is not served by provider "openai" (providers.openai.models: gpt-4-turbo, gpt-3.5-turbo)',
    );
  });
});

describe('scenario spellings', () => {
  it('cache.host / cache.port are cache.redis.host / port', () => {
    const cwd = dirWith({ 'tokligence.yaml': 'cache:\n  enabled: true\n  type: redis\n  host: redis.internal\n  port: 6380\n' });
    expect(loadConfig({ cwd, env: {} }).cache.redis).toMatchObject({ host: 'redis.internal', port: 6380 });
  });

  it('an error names the option as the user wrote it', () => {
    const cwd = dirWith({ 'tokligence.yaml': 'cache:\n  port: lots\n' });
    expect(thrown(() => loadConfig({ cwd, env: {} })).message).toContain('cache.port: expected a number, got "lots"');
  });

  it('a glob in providers.*.models serves a family', () => {
    const cwd = dirWith({ 'tokligence.yaml': 'providers:\n  openai:\n    api_key: k\n    models: ["gpt-4o*"]\n' });
    const config = loadConfig({ cwd, env: {} });
    expect(resolveModelTargets(config, 'openai/gpt-4o-mini')).toHaveLength(1);
    expect(() => resolveModelTargets(config, 'openai/o3')).toThrow(/not served/);
  });

  it('database.type postgres is postgresql; a bad type names the key', () => {
    const cwd = dirWith({ 'tokligence.yaml': 'database:\n  type: postgres\n' });
    expect(loadConfig({ cwd, env: {} }).database.type).toBe('postgresql');
    const bad = dirWith({ 'tokligence.yaml': 'database:\n  type: oracle\n' });
    expect(thrown(() => loadConfig({ cwd: bad, env: {} })).message).toMatch(/database\.type: expected "sqlite" \| "postgresql" \| "postgres" \| "memory", got "oracle"/);
  });

  it('negative quotas are refused, naming the key', () => {
    const cwd = dirWith({ 'tokligence.yaml': 'team:\n  quotas:\n    per_user_daily: -1\n' });
    expect(thrown(() => loadConfig({ cwd, env: {} })).message).toContain('team.quotas.per_user_daily: expected a number >= 0, got -1');
  });
});
