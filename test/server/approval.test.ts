import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminService } from '../../src/governance/admin.js';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { anthropicReply } from '../helpers/anthropic-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';

const ADMIN_KEY = 'admin-key-approval-0123456789';
let gateway: { url: string; close(ms?: number): Promise<void> };
let upstream: FakeUpstream;
let tk: Tokligence;
let store: MemoryStore;
let key = '';
let userId = '';

beforeAll(async () => {
  upstream = await startFakeUpstream({ handler: anthropicReply('opus says hi') });
  store = new MemoryStore();
  tk = new Tokligence({
    env: { TOKLIGENCE_AUDIT_KEY: 'p'.repeat(40) },
    configFile: false,
    store,
    gateway: { auth: { enabled: true } },
    providers: { anthropic: { type: 'anthropic', baseUrl: upstream.url, apiKey: 'sk-a' } },
    models: { 'claude-3-opus-20240229': 'anthropic/claude-3-opus-20240229', 'claude-haiku': 'anthropic/claude-haiku' },
    team: { enabled: true, modelApproval: { enabled: true, requiresApproval: ['claude-3-opus*'], adminUsers: ['lead@corp.com'] } },
    audit: { enabled: true, immutable: true },
    admin: { key: ADMIN_KEY },
  } as never);
  gateway = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
  const admin = new AdminService(store);
  const user = await admin.createUser({ name: 'dev', email: 'dev@corp.com' });
  userId = user.id;
  key = (await admin.createKey(user.id)).secret;
  const lead = await admin.createUser({ name: 'lead', email: 'lead@corp.com' });
  (globalThis as { leadKey?: string }).leadKey = (await admin.createKey(lead.id)).secret;
});
afterAll(async () => {
  await gateway.close(0);
  await tk.close();
  await upstream.close();
});

const messages = (model: string) =>
  fetch(`${gateway.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify({ model, max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] }),
  });
const api = (path: string, k: string, init: RequestInit = {}) => fetch(`${gateway.url}/admin${path}`, { ...init, headers: { authorization: `Bearer ${k}`, 'content-type': 'application/json' } });

describe('model approval', () => {
  it('a gated model without approval is a 403 in the caller’s dialect saying how to ask; after approval the call works; each step is audited', async () => {
    expect((await messages('claude-haiku')).status).toBe(200);
    const refused = await messages('claude-3-opus-20240229');
    expect(refused.status).toBe(403);
    const body = await refused.json();
    expect(body).toMatchObject({ type: 'error', error: { type: 'permission_error' } });
    expect(body.error.message).toContain('needs an approval');
    expect(body.error.message).toContain('tokligence approval request claude-3-opus-20240229');
    expect(upstream.requests.filter((r) => JSON.stringify(r.body).includes('opus'))).toHaveLength(0);

    const asked = await api('/approvals', key, { method: 'POST', body: JSON.stringify({ model: 'claude-3-opus-20240229', reason: 'long contract review' }) });
    expect(asked.status).toBe(201);
    const request = await asked.json();
    expect(request).toMatchObject({ status: 'pending', userId });
    const pending = await (await messages('claude-3-opus-20240229')).json();
    expect(pending.error.message).toContain(`your request ${request.id} is pending`);
    // The requester cannot approve their own request; the listed approver can.
    expect((await api(`/approvals/${request.id}/approve`, key, { method: 'POST', body: '{}' })).status).toBe(403);
    const leadKey = (globalThis as { leadKey?: string }).leadKey as string;
    const approved = await api(`/approvals/${request.id}/approve`, leadKey, { method: 'POST', body: JSON.stringify({ note: 'ok for Q4' }) });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ status: 'approved', note: 'ok for Q4' });
    expect((await api(`/approvals/${request.id}/deny`, ADMIN_KEY, { method: 'POST', body: '{}' })).status).toBe(409);

    const ok = await messages('claude-3-opus-20240229');
    expect(ok.status).toBe(200);
    expect((await ok.json()).content[0].text).toBe('opus says hi');

    const audit = (await (await api('/audit?limit=500', ADMIN_KEY)).json()).data as Array<Record<string, unknown>>;
    expect(audit.filter((r) => r.kind === 'admin').map((r) => [r.action, r.target])).toEqual(
      expect.arrayContaining([
        ['approval.requested', request.id],
        ['approval.granted', request.id],
      ]),
    );
    expect(audit.filter((r) => r.kind === 'request' && r.model === 'claude-3-opus-20240229').map((r) => r.decision)).toEqual(['refused', 'refused', 'allowed']);
  });
});
