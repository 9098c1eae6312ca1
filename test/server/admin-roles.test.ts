import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminService } from '../../src/governance/admin.js';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';

/**
 * Every admin route × every role × anonymous, over HTTP: the README's Roles table is what this
 * test asserts (allowed: anything but 401/403; refused: 403; anonymous: 401).
 */
const ADMIN_KEY = 'admin-key-roles-0123456789';
const ENV = { TOKLIGENCE_AUDIT_KEY: 'r'.repeat(40) };
let gateway: { url: string; close(ms?: number): Promise<void> };
let upstream: FakeUpstream;
let tk: Tokligence;
const keys: Record<string, string> = {};
const ids: Record<string, string> = {};
let approvalIds: string[] = [];
let otherKeyId = '';

beforeAll(async () => {
  upstream = await startFakeUpstream({ handler: chatCompletionReply('ok') });
  const store = new MemoryStore();
  tk = new Tokligence({
    env: ENV,
    configFile: false,
    store,
    gateway: { auth: { enabled: true } },
    providers: { openai: { type: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: 'sk-o' } },
    team: { enabled: true, modelApproval: { enabled: true, requiresApproval: ['gpt-4'], adminUsers: ['approver@corp.com'] } },
    audit: { enabled: true, immutable: true },
    admin: { key: ADMIN_KEY },
  } as never);
  gateway = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
  const admin = new AdminService(store);
  for (const role of ['admin', 'tenant_admin', 'member', 'viewer'] as const) {
    const user = await admin.createUser({ name: `${role}-user`, email: `${role}@corp.com`, role });
    ids[role] = user.id;
    keys[role] = (await admin.createKey(user.id)).secret;
  }
  ids.victim = (await admin.createUser({ name: 'victim' })).id;
  otherKeyId = (await admin.createKey(ids.victim)).key.id;
  approvalIds = await Promise.all(Array.from({ length: 8 }, async (_, i) => (await admin.requestApproval(ids.victim as string, `gpt-4-${i}`)).id));
});
afterAll(async () => {
  await gateway.close(0);
  await tk.close();
  await upstream.close();
});

type Who = 'admin' | 'tenant_admin' | 'member' | 'viewer' | 'anonymous';
const ROLES: Who[] = ['admin', 'tenant_admin', 'member', 'viewer', 'anonymous'];

/** route → the roles allowed (anonymous never is). */
const MATRIX: Array<{ route: string; method: string; path: () => string; body?: (who: Who) => unknown; allowed: Who[] }> = [
  { route: 'GET /admin/me', method: 'GET', path: () => '/admin/me', allowed: ['admin', 'tenant_admin', 'member', 'viewer'] },
  { route: 'GET /admin/users', method: 'GET', path: () => '/admin/users', allowed: ['admin', 'tenant_admin', 'viewer'] },
  { route: 'POST /admin/users', method: 'POST', path: () => '/admin/users', body: (w) => ({ name: `new-${w}` }), allowed: ['admin', 'tenant_admin'] },
  { route: 'GET /admin/users/:self', method: 'GET', path: () => `/admin/users/${ids.member}`, allowed: ['admin', 'tenant_admin', 'member', 'viewer'] },
  { route: 'GET /admin/users/:other', method: 'GET', path: () => `/admin/users/${ids.victim}`, allowed: ['admin', 'tenant_admin', 'viewer'] },
  { route: 'POST /admin/users/:id/disable', method: 'POST', path: () => `/admin/users/${ids.victim}/enable`, allowed: ['admin', 'tenant_admin'] },
  { route: 'GET /admin/teams', method: 'GET', path: () => '/admin/teams', allowed: ['admin', 'tenant_admin', 'viewer'] },
  { route: 'POST /admin/teams', method: 'POST', path: () => '/admin/teams', body: (w) => ({ name: `team-${w}` }), allowed: ['admin', 'tenant_admin'] },
  { route: 'GET /admin/keys', method: 'GET', path: () => '/admin/keys', allowed: ['admin', 'tenant_admin', 'member', 'viewer'] },
  { route: 'POST /admin/keys (own)', method: 'POST', path: () => '/admin/keys', body: (w) => ({ user: w === 'anonymous' ? ids.member : ids[w] }), allowed: ['admin', 'tenant_admin', 'member'] },
  { route: 'POST /admin/keys (other user)', method: 'POST', path: () => '/admin/keys', body: () => ({ user: ids.victim }), allowed: ['admin', 'tenant_admin'] },
  { route: 'POST /admin/keys/:id/revoke (other user)', method: 'POST', path: () => `/admin/keys/${otherKeyId}/revoke`, allowed: ['admin', 'tenant_admin'] },
  { route: 'GET /admin/usage (own)', method: 'GET', path: () => '/admin/usage', allowed: ['admin', 'tenant_admin', 'member', 'viewer'] },
  { route: 'GET /admin/usage?team=', method: 'GET', path: () => '/admin/usage?team=', allowed: ['admin', 'tenant_admin', 'viewer'] },
  { route: 'GET /admin/usage/savings', method: 'GET', path: () => '/admin/usage/savings', allowed: ['admin', 'tenant_admin', 'viewer'] },
  { route: 'GET /admin/health', method: 'GET', path: () => '/admin/health', allowed: ['admin', 'tenant_admin', 'viewer'] },
  { route: 'GET /admin/calls', method: 'GET', path: () => '/admin/calls', allowed: ['admin', 'tenant_admin', 'viewer'] },
  { route: 'GET /admin/budgets/users', method: 'GET', path: () => '/admin/budgets/users', allowed: ['admin', 'tenant_admin', 'viewer'] },
  { route: 'GET /admin/approvals', method: 'GET', path: () => '/admin/approvals', allowed: ['admin', 'tenant_admin', 'member', 'viewer'] },
  { route: 'POST /admin/approvals', method: 'POST', path: () => '/admin/approvals', body: (w) => ({ model: 'gpt-4', user: w === 'anonymous' ? ids.member : ids[w] }), allowed: ['admin', 'tenant_admin', 'member'] },
  { route: 'POST /admin/approvals/:id/approve', method: 'POST', path: () => `/admin/approvals/${approvalIds.shift()}/approve`, allowed: ['admin', 'tenant_admin'] },
  { route: 'GET /admin/tenants', method: 'GET', path: () => '/admin/tenants', allowed: ['admin', 'tenant_admin'] },
  { route: 'GET /admin/audit', method: 'GET', path: () => '/admin/audit', allowed: ['admin', 'tenant_admin'] },
  { route: 'GET /admin/audit/export', method: 'GET', path: () => '/admin/audit/export?format=jsonl', allowed: ['admin', 'tenant_admin'] },
  { route: 'GET /admin/audit/verify', method: 'GET', path: () => '/admin/audit/verify', allowed: ['admin'] },
];

async function as(who: Who, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (who !== 'anonymous') headers.authorization = `Bearer ${keys[who]}`;
  return fetch(`${gateway.url}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}

describe('admin API: every route × role × anonymous', () => {
  for (const row of MATRIX)
    it(row.route, async () => {
      for (const who of ROLES) {
        const res = await as(who, row.method, row.path(), row.body?.(who));
        const text = await res.text();
        if (who === 'anonymous') expect(res.status, `${who} ${row.route}: ${text}`).toBe(401);
        else if (row.allowed.includes(who)) expect([401, 403], `${who} ${row.route}: ${text}`).not.toContain(res.status);
        else {
          expect(res.status, `${who} ${row.route}: ${text}`).toBe(403);
          expect(JSON.parse(text).error).toMatchObject({ type: 'permission_error' });
          expect(JSON.parse(text).error.message).toContain(`Role ${who} may not`);
        }
      }
    });

  it('the admin key is a global admin; a viewer cannot create keys nor call models', async () => {
    const me = await fetch(`${gateway.url}/admin/me`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(await me.json()).toMatchObject({ role: 'admin', global: true, approver: true });
    const res = await as('viewer', 'POST', '/admin/keys', { user: ids.viewer });
    expect(res.status).toBe(403);
    const callRes = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.viewer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(callRes.status).toBe(403);
    expect((await callRes.json()).error.message).toMatch(/viewer may read usage/);
  });

  it('admin actions are in the audit log, with who did them, and the chain verifies', async () => {
    const rows = (await (await fetch(`${gateway.url}/admin/audit?limit=1000`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })).json()).data as Array<Record<string, unknown>>;
    const actions = rows.filter((r) => r.kind === 'admin').map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.created', 'team.created', 'key.created', 'key.revoked', 'approval.requested', 'approval.granted', 'user.enabled']));
    expect(rows.find((r) => r.action === 'approval.granted')).toMatchObject({ actor: ids.admin, role: 'admin', decision: 'ok' });
    const verify = await (await fetch(`${gateway.url}/admin/audit/verify`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })).json();
    expect(verify).toMatchObject({ ok: true, signed: true });
  });
});
