import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../scripts/build-console.js';
import { AdminService } from '../../src/governance/admin.js';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { type LocalIssuer, startIssuer } from '../helpers/oidc-issuer.js';
import { launch, openPage, shot, signIn } from './browser.js';

/**
 * The console's roles in Chromium, against a gateway with two strictly isolated tenants and OIDC:
 * a viewer sees no button to change anything and the admin API refuses the change when the page is
 * bypassed; a tenant admin sees only their tenant; an OIDC token opens the console like a key.
 */
const AUDIENCE = 'tokligence-console';
let assets: string;
let store: MemoryStore;
let tk: Tokligence;
let upstream: FakeUpstream;
let issuer: LocalIssuer;
let gateway: { url: string; close(ms?: number): Promise<void> };
let browser: Browser;
const keys: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  assets = mkdtempSync(join(tmpdir(), 'tk-console-roles-'));
  await buildConsole(assets);
  upstream = await startFakeUpstream({ handler: chatCompletionReply('ok') });
  issuer = await startIssuer({ audience: AUDIENCE });
  store = new MemoryStore();
  tk = new Tokligence({
    env: { TOKLIGENCE_AUDIT_KEY: 'r'.repeat(40) },
    configFile: false,
    store,
    gateway: { auth: { enabled: true, type: 'oidc', oidcProvider: issuer.url, oidcClientId: AUDIENCE } },
    providers: { openai: { type: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: 'sk-o' } },
    team: { enabled: true },
    cache: { enabled: false },
    audit: { enabled: true, immutable: true },
    multiTenancy: { enabled: true, tenants: [{ name: 'engineering' }, { name: 'finance' }] },
    admin: { key: 'admin-key-console-roles-0123456789' },
  } as never);
  gateway = await createServer(tk, { logLevel: 'silent', consoleAssets: assets }).listen(0, '127.0.0.1');
  for (const [tenant, name, role] of [
    ['engineering', 'vera', 'viewer'],
    ['engineering', 'ed', 'member'],
    ['finance', 'fiona', 'tenant_admin'],
    ['finance', 'fred', 'member'],
  ] as const) {
    const admin = new AdminService(store, tenant);
    const user = await admin.createUser({ name, email: `${name}@${tenant}.example`, role });
    ids[name] = user.id;
    keys[name] = (await admin.createKey(user.id, { name: `${name}'s key` })).secret;
  }
  for (const [who, model] of [
    ['ed', 'gpt-4o'],
    ['ed', 'gpt-4o'],
    ['fred', 'gpt-4o-mini'],
  ] as const) {
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[who]}` },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(200);
  }
  await tk.governance?.ledger?.flush();
  await new AdminService(store, 'engineering').requestApproval(ids.ed as string, 'gpt-4-turbo', 'eval');
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close(0);
  await tk?.close();
  await upstream?.close();
  await issuer?.close();
  rmSync(assets, { recursive: true, force: true });
});

/** A change sent from the signed-in page itself, with its cookie and CSRF token: only the API's role check stands in the way. */
const changeFromPage = (page: Page, path: string, body: unknown) =>
  page.evaluate(
    async ([p, b]) => {
      const { csrf } = await (await fetch('/ui/api/session')).json();
      const res = await fetch(p as string, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(b) });
      return { status: res.status, error: (await res.json()).error as { type: string; message: string } | undefined };
    },
    [path, body] as const,
  );

describe('console roles in Chromium', () => {
  it('a viewer sees no create-key button and cannot call its endpoint', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, gateway.url, keys.vera as string);
    expect(await page.locator('.who .role').textContent()).toBe('viewer');
    await page.getByRole('link', { name: 'Keys' }).click();
    const table = page.getByRole('table', { name: 'API keys' });
    await table.waitFor();
    // The viewer reads the tenant's keys (engineering's two), with nothing to press.
    expect(await table.locator('tbody tr').count()).toBe(2);
    expect(await page.getByRole('button', { name: 'Create a key' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
    await shot(page, '20-viewer-keys');
    const before = (await store.keys.list({ limit: 100 })).items.length;
    const refused = await changeFromPage(page, '/admin/keys', { user: ids.ed });
    expect(refused.status).toBe(403);
    expect(refused.error).toMatchObject({ type: 'permission_error' });
    expect(refused.error?.message).toContain('Role viewer may not create keys');
    expect((await store.keys.list({ limit: 100 })).items.length).toBe(before);
    // Nor anything else the page hides from a viewer.
    await page.getByRole('link', { name: 'Users and teams' }).click();
    await page.getByRole('table', { name: 'Users and their budgets' }).waitFor();
    expect(await page.getByText('Add a user').count()).toBe(0);
    expect((await changeFromPage(page, '/admin/users', { name: 'mallory' })).status).toBe(403);
    await page.getByRole('link', { name: 'Approvals' }).click();
    await page.getByRole('table', { name: 'Approval requests' }).waitFor();
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    const pending = (await store.approvals.list({ tenant: 'engineering' }))[0];
    expect((await changeFromPage(page, `/admin/approvals/${pending?.id}/approve`, {})).status).toBe(403);
    expect((await store.approvals.list({ tenant: 'engineering' }))[0]?.status).toBe('pending');
    expect(problems.filter((p) => !/status of 40[134]/.test(p))).toEqual([]);
    await page.context().close();
  });

  it('a tenant admin sees only their tenant: usage, people, keys, calls and audit rows', async () => {
    const { page } = await openPage(browser);
    await signIn(page, gateway.url, keys.fiona as string);
    expect(await page.locator('.who .role').textContent()).toBe('tenant_admin');
    await page.getByRole('heading', { name: /Spend per person and model/ }).waitFor();
    const chart = page.locator('section.card').filter({ has: page.getByRole('heading', { name: /Spend per person and model/ }) });
    const { labels } = JSON.parse((await chart.locator('canvas[data-chart]').getAttribute('data-chart')) as string) as { labels: string[] };
    expect(labels).toEqual(['fred']);
    await shot(page, '21-tenant-admin-usage');
    await page.getByRole('link', { name: 'Users and teams' }).click();
    const users = page.getByRole('table', { name: 'Users and their budgets' });
    await users.waitFor();
    expect((await users.locator('tbody tr').allTextContents()).map((t) => t.match(/fiona|fred|vera|ed/)?.[0]).sort()).toEqual(['fiona', 'fred']);
    await page.getByRole('link', { name: 'Keys' }).click();
    await page.getByRole('table', { name: 'API keys' }).waitFor();
    const keyTable = (await page.getByRole('table', { name: 'API keys' }).textContent()) as string;
    expect(keyTable).toContain("fred's key");
    expect(keyTable).not.toMatch(/vera's key|\bed's key/);
    // A tenant admin may change their own tenant: the create-key button is there.
    expect(await page.getByRole('button', { name: 'Create a key' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Live' }).click();
    const live = page.getByRole('table', { name: 'Latest calls' });
    await live.waitFor();
    expect(await live.locator('tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    await page.getByRole('table', { name: 'Audit rows' }).waitFor();
    expect(await page.getByRole('button', { name: 'Verify the chain' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Approvals' }).click();
    await page.getByText('No pending requests.').waitFor();
    // Asking the API for the other tenant by hand changes nothing: a tenant admin's tenant is their own.
    const foreign = await page.evaluate(async () => {
      const users = (await (await fetch('/admin/users?tenant=engineering')).json()).data as Array<{ name: string }>;
      const audit = (await (await fetch('/admin/audit?tenant=engineering&limit=1000')).json()).data as Array<{ tenant: string }>;
      const csv = await (await fetch('/admin/audit/export?format=jsonl&tenant=engineering')).text();
      return { users: users.map((u) => u.name).sort(), auditTenants: [...new Set(audit.map((r) => r.tenant))], csvTenants: [...new Set(csv.trim().split('\n').map((l) => JSON.parse(l).tenant))] };
    });
    expect(foreign).toEqual({ users: ['fiona', 'fred'], auditTenants: ['finance'], csvTenants: ['finance'] });
    // Nor can they revoke another tenant's key, though they may revoke keys in their own.
    const otherKey = (await store.keys.list({ limit: 100, tenant: 'engineering' })).items.find((k) => k.userId === ids.ed);
    expect(otherKey).toBeDefined();
    expect((await changeFromPage(page, `/admin/keys/${otherKey?.id}/revoke`, {})).status).toBe(404);
    expect((await store.keys.get(otherKey?.id as string, 'engineering'))?.revokedAt).toBeUndefined();
    await page.context().close();
  });

  it('an OIDC token opens the console as the role and tenant it carries; a member token does not', async () => {
    const { page } = await openPage(browser);
    const member = await issuer.token({ sub: 'mo', email: 'mo@engineering.example', tenant: 'engineering', roles: ['member'] });
    await page.goto(`${gateway.url}/ui`);
    await page.getByLabel('API key').fill(member);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('for admins and viewers');
    const viewer = await issuer.token({ sub: 'olga', email: 'olga@finance.example', tenant: 'finance', roles: ['viewer'] });
    await signIn(page, gateway.url, viewer);
    expect(await page.locator('.who .role').textContent()).toBe('viewer');
    await page.getByRole('link', { name: 'Live' }).click();
    await page.getByRole('table', { name: 'Latest calls' }).waitFor();
    expect(await page.getByRole('table', { name: 'Latest calls' }).locator('tbody tr').count()).toBe(1);
    expect((await changeFromPage(page, '/admin/keys', { user: ids.fred })).status).toBe(403);
    // The browser holds a session id only, never the token.
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => c.value).join()).not.toContain(viewer.slice(0, 40));
    await shot(page, '22-oidc-viewer-live');
    await page.context().close();
  });
});
