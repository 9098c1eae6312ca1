import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { anthropicReply } from '../helpers/anthropic-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { type LocalIssuer, startIssuer } from '../helpers/oidc-issuer.js';
import { createDatabase } from '../helpers/postgres.js';

/**
 * Issue 13's "done when", end to end: the scenarios' enterprise snippet (a verbatim copy in
 * test/fixtures/seed-profiles) with only what a deployment points elsewhere changed (the issuer is
 * a local one, PostgreSQL a local one without replicas, the audit directory a temp dir, Claude a
 * local fake) starts; a member signs in through OIDC with MFA and calls Claude; a viewer cannot
 * create keys; one tenant cannot see another's usage; an edited audit row is caught by
 * `tokligence audit verify`; neither the database's files nor the audit files hold the prompt in
 * plain text (while `audit export` decrypts it, so it was recorded).
 */
vi.setConfig({ testTimeout: 180_000 });
const pgUrl = inject('postgresUrl');
const ROOT = resolve(__dirname, '../..');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const CANARY = `CANARY-${Math.random().toString(36).slice(2, 10)} patient record of Jane Roe`;
const ENV = {
  OIDC_CLIENT_ID: 'tokligence-enterprise',
  TOKLIGENCE_AUDIT_KEY: 'e'.repeat(48),
  TOKLIGENCE_ENCRYPTION_KEY: Buffer.alloc(32, 13).toString('base64'),
};

let dir = '';
let configFile = '';
let issuer: LocalIssuer;
let claude: FakeUpstream;
let tk: Tokligence;
let gateway: { url: string; close(ms?: number): Promise<void> };
let dbUrl = '';

/** `tokligence <args>` as an operator runs it, with the deployment's environment. */
function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/index.ts'), ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, ...ENV },
    encoding: 'utf8',
    timeout: 150_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe.skipIf(!pgUrl)('enterprise snippet: done when (issue 13)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tk-enterprise-'));
    issuer = await startIssuer({ audience: ENV.OIDC_CLIENT_ID });
    claude = await startFakeUpstream({ handler: anthropicReply('Hello from Claude') });
    dbUrl = await createDatabase(pgUrl);
    const snippet = parse(readFileSync(join(__dirname, '../fixtures/seed-profiles/enterprise.yaml'), 'utf8'));
    // What a deployment points at its own infrastructure; everything else is the snippet as written.
    snippet.gateway.auth.oidc_provider = issuer.url;
    snippet.database = { type: 'postgresql', url: dbUrl, pool_size: 5, replication: { enabled: false } };
    snippet.audit = { ...snippet.audit, path: join(dir, 'audit'), log_all_prompts: true, log_all_responses: true };
    snippet.providers = { anthropic: { type: 'anthropic', base_url: claude.url, api_key: 'sk-ant-enterprise' } };
    snippet.team = { enabled: true };
    configFile = join(dir, 'tokligence.yaml');
    writeFileSync(configFile, stringify(snippet));
    tk = new Tokligence({ configFile, env: ENV });
    gateway = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await gateway?.close(0);
    await tk?.close();
    await issuer?.close();
    await claude?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const token = (sub: string, tenant: string, roles: string[], amr = ['pwd', 'otp']) => issuer.token({ sub, email: `${sub}@company.com`, tenant, roles, amr });
  const messages = async (bearer: string, content: string) =>
    fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'anthropic/claude-sonnet-4-5', max_tokens: 16, messages: [{ role: 'user', content }] }),
    });
  const adminApi = (bearer: string, path: string, init: RequestInit = {}) =>
    fetch(`${gateway.url}/admin${path}`, { ...init, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' } });

  it('starts from the snippet: OIDC with MFA, PostgreSQL, strict tenants, SOC 2 and GDPR controls on', () => {
    const c = tk.config;
    expect(c.gateway.auth).toMatchObject({ enabled: true, type: 'oidc', oidc_provider: issuer.url, oidc_client_id: ENV.OIDC_CLIENT_ID, multi_factor: true });
    expect(c.database.type).toBe('postgresql');
    expect(c.multi_tenancy).toMatchObject({ enabled: true, isolation_level: 'strict' });
    expect(c.multi_tenancy.tenants.map((t) => [t.name, t.quota])).toEqual([['engineering', 10000], ['product', 5000], ['finance', 2000]]);
    expect(c.compliance).toMatchObject({ soc2: true, gdpr: true, encryption_at_rest: true, data_retention_days: 90 });
    expect(c.audit).toMatchObject({ enabled: true, immutable: true, storage: 's3', retention_years: 7 });
    expect(c.notices.some((n) => n.includes('audit.storage') && n.includes('s3'))).toBe(true);
  });

  it('a member signs in through OIDC (with MFA) and calls Claude; without MFA or with a forged token they do not', async () => {
    const member = await token('ada', 'engineering', ['member']);
    const res = await messages(member, `Summarise: ${CANARY}`);
    expect(res.status).toBe(200);
    expect((await res.json()).content[0].text).toBe('Hello from Claude');
    expect(claude.requests.at(-1)?.headers['x-api-key']).toBe('sk-ant-enterprise');
    const before = claude.requests.length;
    const noMfa = await messages(await token('ada', 'engineering', ['member'], ['pwd']), 'hi');
    expect(noMfa.status).toBe(403);
    expect((await noMfa.json()).error.message).toMatch(/multi-factor|MFA|amr/i);
    const forged = await messages(await issuer.token({ sub: 'ada', tenant: 'engineering', roles: ['admin'], amr: ['otp'] }, { key: 'foreign' }), 'hi');
    expect(forged.status).toBe(401);
    expect(claude.requests.length).toBe(before);
  });

  it('a viewer cannot create keys (nor call models)', async () => {
    const viewer = await token('vic', 'engineering', ['viewer']);
    const create = await adminApi(viewer, '/keys', { method: 'POST', body: JSON.stringify({ user: 'vic' }) });
    expect(create.status).toBe(403);
    expect((await create.json()).error.message).toContain('Role viewer may not create keys');
    expect((await messages(viewer, 'hi')).status).toBe(403);
  });

  it("one tenant cannot see another's usage", async () => {
    await tk.governance?.ledger?.flush();
    const engAdmin = await token('erin', 'engineering', ['tenant_admin']);
    const finAdmin = await token('fred', 'finance', ['tenant_admin']);
    const eng = await (await adminApi(engAdmin, '/usage?team=')).json();
    expect(eng.total.requests).toBeGreaterThanOrEqual(1);
    const fin = await (await adminApi(finAdmin, '/usage?team=&tenant=engineering')).json();
    expect(fin.total.requests).toBe(0);
    const tenants = (await (await adminApi(finAdmin, '/tenants')).json()).data as Array<{ name: string; spent_usd: number }>;
    expect(tenants.map((t) => t.name)).toEqual(['finance']);
    const finMember = await token('fay', 'finance', ['member']);
    // A member reads only their own usage: naming another tenant's user reads nothing of theirs.
    expect([403, 404]).toContain((await adminApi(finMember, '/usage?user=ada@company.com')).status);
  });

  it('the prompt is in neither the database files nor the audit files in plain text; export decrypts it', async () => {
    await tk.governance?.audit?.log?.flush();
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    let dataDir = '';
    try {
      await client.query('CHECKPOINT');
      dataDir = (await client.query('SHOW data_directory')).rows[0].data_directory;
    } finally {
      await client.end();
    }
    // Every file of the server (tables, TOAST, WAL): the canary and its first words appear nowhere.
    const grep = spawnSync('grep', ['-rlaF', CANARY.slice(0, 15), dataDir, join(dir, 'audit')], { encoding: 'utf8' });
    expect(grep.status).toBe(1);
    expect(grep.stdout).toBe('');
    const exported = cli(['audit', 'export', '-c', configFile, '--tenant', 'engineering']);
    expect(exported.code).toBe(0);
    expect(exported.out).toContain(CANARY);
  });

  it('an edited audit row is caught by tokligence audit verify', async () => {
    await tk.close();
    const ok = cli(['audit', 'verify', '-c', configFile]);
    expect(ok.out).toMatch(/^ok: \d+ row\(s\)/);
    expect(ok.code).toBe(0);
    const auditDir = join(dir, 'audit');
    const file = join(auditDir, readdirSync(auditDir).find((f) => f.startsWith('audit-')) as string);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const at = lines.findIndex((l) => l.includes('"actor":"ada@company.com"') || l.includes('"actor":"ada"'));
    expect(at).toBeGreaterThanOrEqual(0);
    const seq = JSON.parse(lines[at] as string).seq;
    lines[at] = (lines[at] as string).replace(/"decision":"[a-z_]+"/, '"decision":"refused"');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const bad = cli(['audit', 'verify', '-c', configFile]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`TAMPERED: row ${seq} does not match its hash (edited)`);
  });
});
