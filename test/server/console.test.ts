import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { SessionStore } from '../../src/server/console/sessions.js';
import { MemoryStore } from '../../src/store/index.js';

/** The console's serving and session rules over HTTP, without a browser (see test/console/ for one). */
const ADMIN_KEY = 'admin-key-console-server-0123';
let assets: string;
const open: Array<{ close(ms?: number): Promise<void> }> = [];
const clients: Tokligence[] = [];

async function start(config: Record<string, unknown>, consoleAssets: string | undefined = assets) {
  const tk = new Tokligence({ env: {}, ...config } as never);
  clients.push(tk);
  const server = await createServer(tk, { logLevel: 'silent', consoleAssets }).listen(0, '127.0.0.1');
  open.push(server);
  return server.url;
}

beforeAll(() => {
  assets = mkdtempSync(join(tmpdir(), 'tk-console-assets-'));
  writeFileSync(join(assets, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(assets, 'app-X.js'), `console.log(${JSON.stringify('x'.repeat(4000))})`);
  mkdirSync(join(assets, 'sub'));
  writeFileSync(join(assets, 'sub', 'secret.js'), 'nope');
});
afterAll(async () => {
  for (const s of open) await s.close(0);
  for (const tk of clients) await tk.close();
  rmSync(assets, { recursive: true, force: true });
});

const team = { store: new MemoryStore(), team: { enabled: true }, admin: { key: ADMIN_KEY } };

const signIn = async (url: string, key = ADMIN_KEY, headers: Record<string, string> = {}) =>
  fetch(`${url}/ui/api/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ key }) });

describe('console serving', () => {
  it('is served at /ui when a store is configured, with a strict CSP; files gzipped when asked', async () => {
    const url = await start(team);
    const page = await fetch(`${url}/ui`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('<title>console</title>');
    const js = await fetch(`${url}/ui/assets/app-X.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(Number(js.headers.get('content-length'))).toBeLessThan(4000);
    expect((await js.text()).length).toBeGreaterThan(4000);
    // A page path reloads the page (routing is in the browser); no path leaves the assets directory.
    expect((await fetch(`${url}/ui/keys`)).status).toBe(200);
    for (const path of ['/ui/assets/sub/secret.js', '/ui/assets/..%2F..%2Fpackage.json', '/ui/assets/%2e%2e/index.html', '/ui/assets/missing.js'])
      expect((await fetch(`${url}${path}`)).status, path).toBe(404);
    expect((await fetch(`${url}/ui`, { method: 'DELETE' })).status).toBe(405);
  });

  it('is off with console.enabled: false, and without a store', async () => {
    const off = await start({ ...team, store: new MemoryStore(), console: { enabled: false } });
    expect((await fetch(`${off}/ui`)).status).toBe(404);
    const noStore = await start({ admin: { key: ADMIN_KEY } });
    expect((await fetch(`${noStore}/ui`)).status).toBe(404);
  });

  it('says how to build it when the package has no built console', async () => {
    const url = await start({ ...team, store: new MemoryStore() }, join(assets, 'nowhere'));
    const res = await fetch(`${url}/ui`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });
});

describe('console sessions', () => {
  it('signs in with the admin key only; a wrong key or a cross-site form is refused', async () => {
    const url = await start({ ...team, store: new MemoryStore() });
    expect((await signIn(url, 'wrong-key-0123456789')).status).toBe(401);
    const form = await fetch(`${url}/ui/api/sign-in`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `key=${ADMIN_KEY}` });
    expect(form.status).toBe(403);
    expect((await signIn(url, ADMIN_KEY, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await signIn(url, ADMIN_KEY, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const ok = await signIn(url);
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get('set-cookie') as string;
    expect(cookie).toMatch(/^tk_console=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(await ok.json()).toMatchObject({ role: 'admin', csrf: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // Behind TLS termination the cookie is Secure.
    expect((await signIn(url, ADMIN_KEY, { 'x-forwarded-proto': 'https' })).headers.get('set-cookie')).toContain('; Secure');
  });

  it('the cookie opens the admin API for reads; changes need the CSRF token; a key of its own wins over the cookie', async () => {
    const url = await start({ ...team, store: new MemoryStore() });
    const res = await signIn(url);
    const cookie = (res.headers.get('set-cookie') as string).split(';')[0] as string;
    const { csrf } = (await res.json()) as { csrf: string };
    expect((await fetch(`${url}/admin/users`, { headers: { cookie } })).status).toBe(200);
    const create = (headers: Record<string, string>) => fetch(`${url}/admin/teams`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body: JSON.stringify({ name: `t${Math.random().toString(36).slice(2, 8)}` }) });
    expect((await create({})).status).toBe(403);
    expect((await create({ 'x-csrf-token': `${csrf.slice(0, -1)}x` })).status).toBe(403);
    expect((await create({ 'x-csrf-token': csrf })).status).toBe(201);
    // A wrong key beside a good cookie: the key is what is checked (no mixing of credentials).
    expect((await fetch(`${url}/admin/users`, { headers: { cookie, authorization: 'Bearer wrong-key-0123456789' } })).status).toBe(401);
    // An unknown session id.
    expect((await fetch(`${url}/admin/users`, { headers: { cookie: 'tk_console=made-up' } })).status).toBe(401);
  });

  it('ends idle sessions, old sessions, and the least recently used past the cap', () => {
    let now = 0;
    const store = new SessionStore({ idleMs: 1000, maxAgeMs: 5000, maxSessions: 2 }, () => now);
    const a = store.create('key-a').id;
    now = 900;
    expect(store.get(a)).toBeDefined();
    now = 1800;
    expect(store.get(a)).toBeDefined();
    now = 2900;
    expect(store.get(a)).toBeUndefined(); // idle for 1100 ms
    const b = store.create('key-b').id;
    for (const t of [3800, 4700, 5600, 6500, 7400, 7850]) {
      now = t;
      expect(store.get(b), String(t)).toBeDefined();
    }
    now = 7950;
    expect(store.get(b)).toBeUndefined(); // more than 5 s after sign-in, used or not
    const c = store.create('c').id;
    const d = store.create('d').id;
    store.get(c);
    const e = store.create('e').id;
    expect([store.get(c), store.get(d), store.get(e)].map(Boolean)).toEqual([true, false, true]);
  });
});
