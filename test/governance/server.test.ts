import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { AdminService } from '../../src/governance/admin.js';
import { MemoryStore } from '../../src/store/index.js';
import { anthropicReply } from '../helpers/anthropic-upstream.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';

const ADMIN_KEY = 'admin-key-0123456789abcdef';
let gateway: { url: string; close(ms?: number): Promise<void> };
let openai: FakeUpstream;
let anthropic: FakeUpstream;
let store: MemoryStore;
let admin: AdminService;
let tk: Tokligence;
let good: string;
let userId: string;

beforeAll(async () => {
  openai = await startFakeUpstream({ handler: chatCompletionReply('hi from openai') });
  anthropic = await startFakeUpstream({ handler: anthropicReply('hi from anthropic') });
  store = new MemoryStore();
  admin = new AdminService(store);
  tk = new Tokligence({
    env: {},
    store,
    gateway: { auth: { enabled: true, keys: [{ name: 'ci-bot', key: 'tk-config-key-1' }] } },
    providers: {
      openai: { type: 'openai', baseUrl: `${openai.url}/v1`, apiKey: 'sk-o' },
      anthropic: { type: 'anthropic', baseUrl: anthropic.url, apiKey: 'sk-a' },
    },
    team: { enabled: true, quotas: { perUserDaily: 50 } },
    admin: { key: ADMIN_KEY },
  } as never);
  gateway = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
  const user = await admin.createUser({ name: 'alice', email: 'alice@team.com', quota: 100 });
  userId = user.id;
  good = (await admin.createKey(user.id, { name: "Alice's key" })).secret;
});
afterAll(async () => {
  await gateway.close(0);
  await tk.close();
  await openai.close();
  await anthropic.close();
});

/** One request per dialect, each the way its SDK sends the key. */
const DIALECTS = [
  { name: 'openai-chat', path: '/v1/chat/completions', auth: (k: string) => ({ authorization: `Bearer ${k}` }), body: (model: string) => ({ model, messages: [{ role: 'user', content: 'hi' }] }) },
  { name: 'anthropic', path: '/v1/messages', auth: (k: string) => ({ 'x-api-key': k, 'anthropic-version': '2023-06-01' }), body: (model: string) => ({ model, max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] }) },
  { name: 'responses', path: '/v1/responses', auth: (k: string) => ({ authorization: `Bearer ${k}` }), body: (model: string) => ({ model, input: 'hi' }) },
] as const;

const call = (d: (typeof DIALECTS)[number], key: string, model = 'openai/gpt-4o', headers: Record<string, string> = {}) =>
  fetch(`${gateway.url}${d.path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...d.auth(key), ...headers }, body: JSON.stringify(d.body(model)) });

/** The error as each dialect shapes it: Anthropic `{type:'error', error:{type,message}}`, OpenAI `{error:{type,message}}`. */
const errorOf = async (res: Response) => {
  const body = (await res.json()) as { type?: string; error: { type: string; message: string } };
  return { status: res.status, type: body.error.type, message: body.error.message, envelope: body.type };
};

const upstreamCalls = () => openai.requests.length + anthropic.requests.length;

describe('managed keys over HTTP', () => {
  it.each(DIALECTS)('$name: a store key works and its call is recorded under the key, user and session', async (d) => {
    const res = await call(d, good, 'openai/gpt-4o', { 'x-tokligence-session': `s-${d.name}`, 'x-tokligence-tags': 'team=core,bad tag=x' });
    expect(res.status).toBe(200);
    await tk.governance?.ledger?.flush();
    const rows = (await store.ledger.list({ session: `s-${d.name}` })).items;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId, dialect: d.name, provider: 'openai', model: 'gpt-4o', status: 'completed', tags: { team: 'core' } });
    expect(rows[0]?.keyId).toMatch(/^key_/);
  });

  it('a config key keeps working, recorded under its name', async () => {
    const res = await call(DIALECTS[0], 'tk-config-key-1', 'openai/gpt-4o', { 'x-tokligence-session': 'cfg' });
    expect(res.status).toBe(200);
    await tk.governance?.ledger?.flush();
    expect((await store.ledger.list({ session: 'cfg' })).items[0]).toMatchObject({ userId: 'ci-bot', keyId: 'config:ci-bot' });
  });

  it.each(DIALECTS)('$name: wrong, malformed, expired, revoked and model-forbidden keys are refused in the dialect, with no upstream call', async (d) => {
    const expired = await admin.createKey(userId, { expiresInDays: 1 });
    await store.keys.revoke('never-there', 0);
    // Expire it by moving its expiry into the past.
    (store as unknown as { keyRows: Map<string, { expiresAt: number }> }).keyRows.get(expired.key.id)!.expiresAt = Date.now() - 1;
    const revoked = await admin.createKey(userId);
    await admin.revokeKey(revoked.key.id);
    const limited = await admin.createKey(userId, { models: ['gpt-4o-mini'] });
    const before = upstreamCalls();
    const wrongSecret = `${good.slice(0, -4)}zzzz`;
    const cases: Array<[string, number, RegExp]> = [
      [wrongSecret, 401, /^Invalid API key$/],
      ['not-a-key', 401, /^Invalid API key$/],
      [expired.secret, 401, new RegExp(`^API key ${expired.key.id} expired at `)],
      [revoked.secret, 401, new RegExp(`^API key ${revoked.key.id} was revoked$`)],
      [limited.secret, 403, new RegExp(`^API key ${limited.key.id} may not use model "openai/gpt-4o" \\(allowed: gpt-4o-mini\\)$`)],
    ];
    for (const [key, status, message] of cases) {
      const e = await errorOf(await call(d, key));
      expect(e.status, key.slice(0, 12)).toBe(status);
      expect(e.message).toMatch(message);
      expect(e.type).toBe(status === 401 ? 'authentication_error' : 'permission_error');
      if (d.name === 'anthropic') expect(e.envelope).toBe('error');
    }
    expect(upstreamCalls()).toBe(before);
  });

  it('revocation takes effect on the very next request', async () => {
    const { key, secret } = await admin.createKey(userId);
    expect((await call(DIALECTS[1], secret)).status).toBe(200);
    const res = await fetch(`${gateway.url}/admin/keys/${key.id}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(res.status).toBe(200);
    expect((await call(DIALECTS[1], secret)).status).toBe(401);
  });

  it('a disabled user\u2019s keys stop working at once (403)', async () => {
    const bob = await admin.createUser({ name: 'bob' });
    const { secret } = await admin.createKey(bob.id);
    expect((await call(DIALECTS[0], secret)).status).toBe(200);
    await admin.setUserDisabled('bob', true);
    expect(await errorOf(await call(DIALECTS[0], secret))).toMatchObject({ status: 403, message: `User ${bob.id} is disabled` });
  });

  it('a spent daily budget is a 429 naming the budget, with Retry-After, in the caller\u2019s dialect', async () => {
    const carol = await admin.createUser({ name: 'carol', dailyQuota: 0 });
    const { secret } = await admin.createKey(carol.id);
    const before = upstreamCalls();
    const res = await call(DIALECTS[1], secret, 'anthropic/claude-sonnet-4-5');
    const e = await errorOf(res);
    expect(e.status).toBe(429);
    expect(e.type).toBe('rate_limit_error');
    expect(e.message).toMatch(new RegExp(`^Budget exceeded: the daily budget of user ${carol.id} is \\$0\\.0000, \\$0\\.0000 spent; it resets at \\d{4}-\\d{2}-\\d{2}T00:00:00\\.000Z$`));
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(upstreamCalls()).toBe(before);
  });
});

/** Send raw bytes (header values no fetch client would send) and read the status line and body. */
function rawRequest(url: string, head: Buffer): Promise<{ status: number; body: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      // The body may be chunk-framed: the JSON is from its first { to its last }.
      const body = text.slice(text.indexOf('\r\n\r\n') + 4);
      resolve({ status: Number(text.slice(9, 12)), body: body.slice(body.indexOf('{'), body.lastIndexOf('}') + 1) });
    });
    socket.connect(Number(port), '127.0.0.1', () => socket.end(head));
  });
}

describe('auth header fuzzing', () => {
  const body = JSON.stringify({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
  const values: Array<[string, () => Buffer]> = [
    ['quotes', () => Buffer.from(`Bearer "${good}"`)],
    ['single quotes', () => Buffer.from(`Bearer '${good}'`)],
    ['unicode', () => Buffer.from('Bearer tkl_ñandú_🔑🔑🔑', 'utf8')],
    ['latin1 bytes', () => Buffer.from([0x42, 0x65, 0x61, 0x72, 0x65, 0x72, 0x20, 0xe9, 0xff, 0xfe])],
    ['10 KB', () => Buffer.from(`Bearer ${'a'.repeat(10_240)}`)],
    ['10 KB shaped like a key', () => Buffer.from(`Bearer tkl_abcdefgh_${'a'.repeat(10_240)}`)],
    ['empty bearer', () => Buffer.from('Bearer ')],
    ['other scheme', () => Buffer.from(`Basic ${Buffer.from(`x:${good}`).toString('base64')}`)],
    ['tabs and spaces', () => Buffer.from(`Bearer \t ${good.slice(0, 20)} ${good.slice(20)}`)],
    ['null byte', () => Buffer.from(`Bearer ${good}\u0000`)],
  ];
  it.each(values)('%s: a 401 (or a 400 for bytes HTTP forbids), never a 500, no upstream call', async (_name, value) => {
    const before = upstreamCalls();
    for (const header of ['authorization', 'x-api-key', 'x-goog-api-key']) {
      const head = Buffer.concat([
        Buffer.from(`POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n${header}: `),
        value(),
        Buffer.from(`\r\n\r\n${body}`),
      ]);
      const res = await rawRequest(gateway.url, head);
      expect([400, 401], `${header}: ${res.body.slice(0, 200)}`).toContain(res.status);
      if (res.status === 401) expect(JSON.parse(res.body).error.type).toBe('authentication_error');
      expect(res.body).not.toContain(good);
    }
    expect(upstreamCalls()).toBe(before);
  });
});

describe('admin HTTP API', () => {
  const api = (path: string, init: RequestInit = {}, key = ADMIN_KEY) =>
    fetch(`${gateway.url}/admin${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...(init.headers ?? {}) } });

  it("refuses a missing or wrong admin key; a member's own key may not list users", async () => {
    expect((await api('/users', {}, 'wrong-admin-key-xxxxxxxx')).status).toBe(401);
    expect((await api('/users', {}, good)).status).toBe(403);
    expect((await fetch(`${gateway.url}/admin/users`)).status).toBe(401);
  });

  it('creates users, teams and keys; lists them paginated; never returns a key hash, and a key only when created', async () => {
    const team = await (await api('/teams', { method: 'POST', body: JSON.stringify({ name: 'core', monthly_budget: 500 }) })).json();
    expect(team).toMatchObject({ name: 'core', monthlyBudget: 500 });
    const created = await api('/users', { method: 'POST', body: JSON.stringify({ name: 'dan', email: 'dan@team.com', quota: 20, team: 'core' }) });
    expect(created.status).toBe(201);
    const dan = await created.json();
    const key = await (await api('/keys', { method: 'POST', body: JSON.stringify({ user: 'dan@team.com', name: 'dan laptop', models: ['gpt-*'] }) })).json();
    expect(key.key).toMatch(/^tkl_[a-z0-9]{8}_[a-z0-9]{32}$/);
    expect(key).not.toHaveProperty('hash');
    const keys = await (await api(`/keys?user=${dan.id}`)).json();
    expect(JSON.stringify(keys)).not.toContain(key.key);
    expect(JSON.stringify(keys)).not.toMatch(/"hash"/);
    expect(keys.data).toHaveLength(1);
    const first = await (await api('/users?limit=1')).json();
    expect(first.data).toHaveLength(1);
    const second = await (await api(`/users?limit=1&cursor=${first.next_cursor}`)).json();
    expect(second.data[0].id).not.toBe(first.data[0].id);
  });

  it('answers bad input with 400/404/409 naming the field', async () => {
    expect(await (await api('/users', { method: 'POST', body: JSON.stringify({ name: 'erin', quota: -1 }) })).json()).toMatchObject({ error: { field: 'quota' } });
    expect((await api('/users', { method: 'POST', body: JSON.stringify({ name: 'alice' }) })).status).toBe(409);
    expect((await api('/users', { method: 'POST', body: '{nope' })).status).toBe(400);
    expect((await api('/keys', { method: 'POST', body: JSON.stringify({ user: 'ghost' }) })).status).toBe(404);
    expect((await api('/keys/key_none/revoke', { method: 'POST' })).status).toBe(404);
    expect(await (await api('/usage?month=2026-13')).json()).toMatchObject({ error: { field: 'month' } });
    expect((await api('/users?limit=0')).status).toBe(400);
  });

  it('reports usage and cost for a user this month', async () => {
    const report = await (await api(`/usage?user=${userId}`)).json();
    expect(report.total.requests).toBeGreaterThan(0);
    expect(report.total.costUsd).toBeGreaterThan(0);
    expect(report.groupBy).toBe('model');
  });
});
