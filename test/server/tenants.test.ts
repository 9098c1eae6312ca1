import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminService } from '../../src/governance/admin.js';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';

/**
 * Strict tenant isolation over HTTP: engineering and finance each have a tenant admin and a
 * member; nothing of one (usage, users, keys, approvals, audit rows, cached answers, stored
 * conversations, its own providers) is reachable by the other, and each has its own monthly quota.
 */
let gateway: { url: string; close(ms?: number): Promise<void> };
let shared: FakeUpstream;
let engOwn: FakeUpstream;
let tk: Tokligence;
let store: MemoryStore;
const k: Record<string, string> = {};
const id: Record<string, string> = {};

beforeAll(async () => {
  shared = await startFakeUpstream({ handler: chatCompletionReply('shared upstream') });
  engOwn = await startFakeUpstream({ handler: chatCompletionReply('engineering’s own upstream') });
  store = new MemoryStore();
  tk = new Tokligence({
    env: { TOKLIGENCE_AUDIT_KEY: 't'.repeat(40) },
    configFile: false,
    store,
    gateway: { auth: { enabled: true } },
    // openai-compatible: speaks chat only, so Responses conversations are kept by the gateway (not forwarded).
    providers: { openai: { type: 'openai-compatible', baseUrl: `${shared.url}/v1`, apiKey: 'sk-shared', models: ['gpt-4o', 'gpt-3.5-turbo'] } },
    cache: { enabled: true },
    agent: { enableSessionPersistence: true },
    prices: { 'gpt-4o': { input: 2500, output: 10000 } },
    team: { enabled: true },
    audit: { enabled: true, immutable: true },
    multiTenancy: {
      enabled: true,
      tenants: [
        { name: 'engineering', quota: 1000, providers: { own: { type: 'openai', baseUrl: `${engOwn.url}/v1`, apiKey: 'sk-eng-own', models: ['gpt-4o'] } }, models: { smart: 'own/gpt-4o' } },
        { name: 'finance', quota: 0.2, allowedModels: ['gpt-4o*', 'openai/gpt-4o*'] },
      ],
    },
    admin: { key: 'admin-key-tenants-0123456789' },
  } as never);
  gateway = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
  for (const tenant of ['engineering', 'finance']) {
    const admin = new AdminService(store, tenant);
    for (const role of ['tenant_admin', 'member'] as const) {
      const u = await admin.createUser({ name: `${tenant}-${role}`, email: `${role}@${tenant}.corp.com`, role });
      id[`${tenant}.${role}`] = u.id;
      const key = await admin.createKey(u.id);
      k[`${tenant}.${role}`] = key.secret;
      id[`${tenant}.${role}.key`] = key.key.id;
    }
    id[`${tenant}.approval`] = (await admin.requestApproval(id[`${tenant}.member`] as string, 'gpt-4')).id;
  }
});
afterAll(async () => {
  await gateway.close(0);
  await tk.close();
  await shared.close();
  await engOwn.close();
});

const chat = (who: string, model: string, content = 'the same question') =>
  fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${k[who]}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content }], max_tokens: 5 }),
  });
const admin = (who: string, path: string, init: RequestInit = {}) => fetch(`${gateway.url}/admin${path}`, { ...init, headers: { authorization: `Bearer ${k[who]}`, 'content-type': 'application/json' } });

describe('tenants with strict isolation', () => {
  it('cached answers are not shared across tenants', async () => {
    const first = await chat('engineering.member', 'openai/gpt-4o', 'cache me');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-tokligence-cache')).toBe('miss');
    expect((await chat('engineering.member', 'openai/gpt-4o', 'cache me')).headers.get('x-tokligence-cache')).toBe('hit');
    const other = await chat('finance.member', 'openai/gpt-4o', 'cache me');
    expect(other.status).toBe(200);
    expect(other.headers.get('x-tokligence-cache')).toBe('miss');
  });

  it('usage, users, keys, approvals and audit rows of one tenant are invisible to the other', async () => {
    await tk.governance?.ledger?.flush();
    const engUsage = await (await admin('engineering.tenant_admin', '/usage?team=')).json();
    expect(engUsage.total.requests).toBeGreaterThanOrEqual(2);
    const finUsage = await (await admin('finance.tenant_admin', '/usage?team=&tenant=engineering')).json();
    expect(finUsage.total.requests).toBe(1);
    const finUsers = (await (await admin('finance.tenant_admin', '/users')).json()).data as Array<{ tenant: string }>;
    expect(finUsers.length).toBe(2);
    expect(finUsers.every((u) => u.tenant === 'finance')).toBe(true);
    expect((await admin('finance.tenant_admin', `/users/${id['engineering.member']}`)).status).toBe(404);
    expect((await admin('finance.tenant_admin', `/keys/${id['engineering.member.key']}/revoke`, { method: 'POST' })).status).toBe(404);
    expect((await admin('finance.tenant_admin', `/approvals/${id['engineering.approval']}/approve`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await admin('finance.tenant_admin', `/usage?user=${id['engineering.member']}`)).status).toBe(404);
    await tk.governance?.audit?.log?.flush();
    const rows = (await (await admin('finance.tenant_admin', '/audit?limit=1000')).json()).data as Array<{ tenant: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.tenant === 'finance')).toBe(true);
    const tenants = (await (await admin('finance.tenant_admin', '/tenants')).json()).data;
    expect(tenants.map((t: { name: string }) => t.name)).toEqual(['finance']);
  });

  it("a stored conversation is not found from another tenant", async () => {
    const res = await fetch(`${gateway.url}/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${k['engineering.member']}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4o', input: 'remember 42', store: true }),
    });
    expect(res.status).toBe(200);
    const first = await res.json();
    const follow = (who: string) =>
      fetch(`${gateway.url}/v1/responses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${k[who]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'openai/gpt-4o', input: 'what number?', previous_response_id: first.id }),
      });
    expect((await follow('engineering.member')).status).toBe(200);
    expect(JSON.stringify(shared.requests.at(-1)?.body)).toContain('remember 42');
    const stranger = await follow('finance.member');
    expect(stranger.status).toBe(404);
    expect((await stranger.json()).error.message).toContain('no stored response');
  });

  it('an item of one tenant\'s Responses answer cannot be referenced by another', async () => {
    const res = await fetch(`${gateway.url}/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${k['engineering.member']}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4o', input: 'an item to refer to' }),
    });
    expect(res.status).toBe(200);
    const itemId = (await res.json()).output.find((i: { type: string }) => i.type === 'message').id as string;
    const refer = (who: string) =>
      fetch(`${gateway.url}/v1/responses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${k[who]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'openai/gpt-4o', input: [{ type: 'item_reference', id: itemId }, { role: 'user', content: 'go on' }] }),
      });
    expect((await refer('engineering.member')).status).toBe(200);
    expect(JSON.stringify(shared.requests.at(-1)?.body)).toContain('shared upstream');
    const stranger = await refer('finance.member');
    expect(stranger.status).toBe(400);
    expect((await stranger.json()).error.message).toContain(`no stored item with id '${itemId}'`);
  });

  it("the model list shows a tenant its own providers and aliases, never another's", async () => {
    const ids = async (who: string) => ((await (await fetch(`${gateway.url}/v1/models`, { headers: { authorization: `Bearer ${k[who]}` } })).json()).data as Array<{ id: string }>).map((m) => m.id);
    const eng = await ids('engineering.member');
    expect(eng).toContain('smart');
    expect(eng).toContain('engineering.own/gpt-4o');
    const fin = await ids('finance.member');
    expect(fin.some((id) => id.startsWith('openai/'))).toBe(true);
    expect(fin.filter((id) => id.includes('engineering') || id === 'smart')).toEqual([]);
    const gem = await fetch(`${gateway.url}/v1beta/models/engineering.own%2Fgpt-4o?key=${k['finance.member']}`);
    expect(gem.status).toBe(404);
  });

  it('admin API: a tenant admin naming another tenant, its users or keys gets its own tenant or a 404', async () => {
    // ?tenant= is for global admins; a tenant admin stays in its own tenant.
    const users = (await (await admin('finance.tenant_admin', '/users?tenant=engineering')).json()).data as Array<{ tenant: string }>;
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((u) => u.tenant === 'finance')).toBe(true);
    expect((await admin('finance.tenant_admin', `/keys?user=${id['engineering.member']}`)).status).toBe(404);
    expect((await admin('finance.tenant_admin', `/users/${id['engineering.member']}/disable`, { method: 'POST' })).status).toBe(404);
    const forged = await admin('finance.tenant_admin', '/keys', { method: 'POST', body: JSON.stringify({ user: id['engineering.member'] }) });
    expect(forged.status).toBe(404);
    const approvals = (await (await admin('finance.tenant_admin', '/approvals?tenant=engineering')).json()).data as Array<{ tenant: string; id: string }>;
    expect(approvals.map((a) => a.id)).toEqual([id['finance.approval']]);
    expect((await admin('finance.tenant_admin', '/audit/verify')).status).toBe(403);
    const health = (await (await admin('finance.tenant_admin', '/health')).json()).providers as Array<{ name: string }>;
    expect(health.map((p) => p.name)).toContain('openai');
    expect(health.filter((p) => p.name.startsWith('engineering.'))).toEqual([]);
    const all = (await (await fetch(`${gateway.url}/admin/health`, { headers: { authorization: 'Bearer admin-key-tenants-0123456789' } })).json()).providers as Array<{ name: string }>;
    expect(all.map((p) => p.name)).toContain('engineering.own');
    // The global admin key picks a tenant explicitly and sees its rows.
    const global = await fetch(`${gateway.url}/admin/users?tenant=engineering`, { headers: { authorization: 'Bearer admin-key-tenants-0123456789' } });
    expect(((await global.json()).data as Array<{ tenant: string }>).every((u) => u.tenant === 'engineering')).toBe(true);
  });

  it("a tenant's own providers and aliases serve only it; its models are limited; its quota is its own", async () => {
    const own = await chat('engineering.member', 'smart');
    expect(own.status).toBe(200);
    expect((await own.json()).choices[0].message.content).toBe('engineering’s own upstream');
    expect(engOwn.requests.at(-1)?.headers.authorization).toBe('Bearer sk-eng-own');
    const before = engOwn.requests.length;
    expect((await chat('finance.member', 'engineering.own/gpt-4o')).status).toBe(404);
    expect((await chat('finance.member', 'engineering::smart')).status).toBe(404);
    expect(engOwn.requests.length).toBe(before);
    const notAllowed = await chat('finance.member', 'openai/gpt-3.5-turbo');
    expect(notAllowed.status).toBe(403);
    expect((await notAllowed.json()).error.message).toContain('Tenant finance may not use model');
    // finance's $0.20 month (each call costs about $0.05 at these prices): spent, the next call is refused; engineering is not affected.
    let over: Response | undefined;
    for (let i = 0; i < 12 && over?.status !== 429; i++) {
      await tk.governance?.ledger?.flush();
      over = await chat('finance.member', 'openai/gpt-4o', `spend ${i}`);
    }
    expect(over?.status).toBe(429);
    expect((await (over as Response).json()).error.message).toContain('monthly quota of tenant finance');
    expect((await chat('engineering.member', 'openai/gpt-4o', 'still fine')).status).toBe(200);
  });
});
