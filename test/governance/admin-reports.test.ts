import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminService } from '../../src/governance/admin.js';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { MemoryStore, type UsageRow } from '../../src/store/index.js';

/**
 * The admin API's reports the console draws: usage over a range of days split two ways, cache
 * savings, the latest calls and budgets with what is left. Rows are written straight into the
 * ledger so every expected number is known.
 */
const ADMIN_KEY = 'admin-key-reports-0123456789';
const NOW = Date.UTC(2026, 11, 15, 12);
let store: MemoryStore;
let tk: Tokligence;
let gateway: { url: string; close(ms?: number): Promise<void> };
let alice: string;
let bob: string;
let team: string;

const row = (over: Partial<UsageRow>): UsageRow => ({
  requestId: `req_${Math.random().toString(36).slice(2)}`,
  tenant: 'default',
  ts: NOW,
  dialect: 'openai-chat',
  provider: 'openai',
  model: 'gpt-4o',
  alias: 'gpt-4o',
  inputTokens: 1000,
  outputTokens: 500,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costUsd: 1,
  latencyMs: 100,
  status: 'completed',
  cacheHit: false,
  ...over,
});

beforeAll(async () => {
  store = new MemoryStore();
  const admin = new AdminService(store, undefined, () => NOW);
  team = (await admin.createTeam({ name: 'core', monthlyBudget: 500 })).id;
  alice = (await admin.createUser({ name: 'alice', team: 'core', quota: 40 })).id;
  bob = (await admin.createUser({ name: 'bob' })).id;
  await store.ledger.write([
    row({ ts: Date.UTC(2026, 11, 1, 9), userId: alice, teamId: team, costUsd: 2 }),
    row({ ts: Date.UTC(2026, 11, 14, 9), userId: alice, teamId: team, costUsd: 3, provider: 'anthropic', model: 'claude-sonnet-4-5', alias: 'claude-sonnet-4-5', cacheReadTokens: 1_000_000 }),
    row({ ts: Date.UTC(2026, 11, 15, 9), userId: bob, costUsd: 4 }),
    row({ ts: Date.UTC(2026, 11, 15, 10), userId: bob, costUsd: 0, cacheHit: true, provider: undefined, model: undefined }),
    // Last month: outside every report of December.
    row({ ts: Date.UTC(2026, 10, 30, 23), userId: bob, costUsd: 100 }),
  ]);
  tk = new Tokligence({ env: {}, store, now: () => NOW, team: { enabled: true, quotas: { perUserDaily: 10, perUserMonthly: 100 } }, admin: { key: ADMIN_KEY } } as never);
  gateway = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
});
afterAll(async () => {
  await gateway.close(0);
  await tk.close();
});

const get = async (path: string, key = ADMIN_KEY) => {
  const res = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { data?: Array<Record<string, unknown>>; error?: { message: string; field?: string } } };
};

describe('admin reports', () => {
  it('GET /admin/me says who the key is', async () => {
    // The admin key is a global admin (roles: README, Enterprise); the console reads role and actor.
    expect((await get('/admin/me')).body).toEqual({ role: 'admin', actor: 'admin-key', tenant: 'default', global: true, user_id: null, approver: true });
    expect((await get('/admin/me', 'wrong-key-0123456789')).status).toBe(401);
  });

  it('usage over a range of days, per day split by user: the series the console charts', async () => {
    const { status, body } = await get('/admin/usage?from=2026-12-01&to=2026-12-15&group_by=day&split_by=user');
    expect(status).toBe(200);
    expect(body).toMatchObject({ from: '2026-12-01', to: '2026-12-15', groupBy: 'day', splitBy: 'user', total: { requests: 4, costUsd: 9, cacheHits: 1 } });
    const series = (body.groups as Array<{ group: string; split: string; costUsd: number }>).map((g) => [g.group, g.split, g.costUsd]);
    expect(series).toEqual([
      ['2026-12-15', bob, 4],
      ['2026-12-14', alice, 3],
      ['2026-12-01', alice, 2],
    ]);
  });

  it('what each person spent on which model this month', async () => {
    const { body } = await get('/admin/usage?group_by=user&split_by=model');
    expect(body.month).toBe('2026-12');
    expect((body.groups as Array<{ group: string; split: string; costUsd: number }>).map((g) => [g.group, g.split, g.costUsd])).toEqual([
      [bob, 'openai/gpt-4o', 4],
      [alice, 'anthropic/claude-sonnet-4-5', 3],
      [alice, 'openai/gpt-4o', 2],
      [bob, '', 0],
    ]);
  });

  it('refuses bad ranges and groupings, naming the field', async () => {
    for (const [query, field] of [
      ['from=2026-12-01', 'to'],
      ['from=2026-02-30&to=2026-03-01', 'from'],
      ['from=2026-12-10&to=2026-12-01', 'to'],
      ['from=2024-01-01&to=2026-12-01', 'to'],
      ['month=2026-12&from=2026-12-01&to=2026-12-02', 'month'],
      ['group_by=day&split_by=planet', 'split_by'],
    ] as const) {
      const { status, body } = await get(`/admin/usage?${query}`);
      expect(status, query).toBe(400);
      expect(body.error?.field, query).toBe(field);
    }
  });

  it('cache savings: response-cache hits at the list price of the model asked for, prompt-cache reads at input minus cache-read price', async () => {
    const { status, body } = await get('/admin/usage/savings?month=2026-12');
    expect(status).toBe(200);
    const s = body as unknown as { responseCache: { hits: number; requests: number; savedUsd: number }; promptCache: { readTokens: number; savedUsd: number } };
    expect(s.responseCache).toMatchObject({ hits: 1, requests: 4 });
    // gpt-4o's list price: $2.50 in, $10 out per million; the hit's 1000 in + 500 out tokens.
    expect(s.responseCache.savedUsd).toBeCloseTo((1000 * 2.5 + 500 * 10) / 1e6, 8);
    // claude-sonnet-4-5: $3 in, $0.30 cache read per million; 1M tokens read from the prompt cache.
    expect(s.promptCache).toMatchObject({ readTokens: 1_000_000 });
    expect(s.promptCache.savedUsd).toBeCloseTo(2.7, 6);
  });

  it('the latest calls, newest first, without budget lease ids', async () => {
    const { body } = await get('/admin/calls?limit=2');
    expect(body.data?.map((r) => r.ts)).toEqual([Date.UTC(2026, 11, 15, 10), Date.UTC(2026, 11, 15, 9)]);
    expect(body.data?.[0]).not.toHaveProperty('leases');
    expect(body.next_cursor).toBeTruthy();
  });

  it('budgets of users and teams: own caps or the defaults, spent today and this month, and what is left', async () => {
    const users = (await get('/admin/budgets/users')).body.data as Array<{ name: string; daily: Record<string, unknown>; monthly: Record<string, unknown> }>;
    const byName = Object.fromEntries(users.map((u) => [u.name, u]));
    expect(byName.alice?.monthly).toMatchObject({ limit: 40, source: 'own', spent: 5, left: 35, resetsAt: '2027-01-01T00:00:00.000Z' });
    expect(byName.alice?.daily).toMatchObject({ limit: 10, source: 'default', spent: 0, left: 10 });
    expect(byName.bob?.monthly).toMatchObject({ limit: 100, source: 'default', spent: 4, left: 96 });
    expect(byName.bob?.daily).toMatchObject({ spent: 4, left: 6, resetsAt: '2026-12-16T00:00:00.000Z' });
    const teams = (await get('/admin/budgets/teams')).body.data as Array<{ name: string; monthly: Record<string, unknown>; daily: Record<string, unknown> }>;
    expect(teams).toMatchObject([{ name: 'core', monthly: { limit: 500, source: 'own', spent: 5, left: 495 } }]);
    expect(teams[0]?.daily).not.toHaveProperty('limit');
  });

  it('a share leased to a gateway instance is shown, and is still left to spend', async () => {
    const check = { scope: `user:${bob}`, period: 'm:2026-12', limit: 100 };
    expect(await store.budgets.lease('default', [{ ...check, id: 'lease|reports|1', want: 5 }], NOW + 60_000)).toMatchObject([{ granted: 5 }]);
    const users = (await get('/admin/budgets/users')).body.data as Array<{ name: string; monthly: Record<string, unknown> }>;
    expect(users.find((u) => u.name === 'bob')?.monthly).toMatchObject({ spent: 4, reserved: 5, left: 96 });
    await store.budgets.giveBack('lease|reports|1', 5);
  });
});
