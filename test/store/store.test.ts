import { afterEach, describe, expect, it } from 'vitest';
import { hashKey, type Store, StoreConflictError, type UsageRow } from '../../src/store/index.js';
import { backends } from './backends.js';

const row = (over: Partial<UsageRow> = {}): UsageRow => ({
  requestId: `req_${Math.random().toString(36).slice(2)}`,
  tenant: 'default',
  ts: Date.UTC(2026, 11, 7, 12),
  dialect: 'openai-chat',
  provider: 'openai',
  model: 'gpt-4o',
  inputTokens: 100,
  outputTokens: 50,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costUsd: 0.01,
  latencyMs: 12,
  status: 'completed',
  cacheHit: false,
  ...over,
});

describe.each(backends())('store: $name', (backend) => {
  let store: Store;
  let cleanup: () => Promise<void> = async () => {};
  const open = async (now?: () => number) => {
    const opened = await backend.open(now);
    store = opened.store;
    cleanup = async () => {
      await store.close();
      await opened.cleanup();
    };
    return store;
  };
  afterEach(async () => {
    await cleanup();
  });

  it('creates, finds and lists users; names and emails are unique', async () => {
    await open();
    const alice = await store.users.create({ name: 'alice', email: 'alice@team.com', monthlyBudget: 100 });
    expect(alice.id).toMatch(/^usr_/);
    expect(await store.users.get(alice.id)).toEqual(alice);
    expect(await store.users.find('alice')).toEqual(alice);
    expect(await store.users.find('alice@team.com')).toEqual(alice);
    expect(await store.users.find(alice.id)).toEqual(alice);
    expect(await store.users.find('nobody')).toBeUndefined();
    await expect(store.users.create({ name: 'alice' })).rejects.toThrow(StoreConflictError);
    await expect(store.users.create({ name: 'alice2', email: 'alice@team.com' })).rejects.toMatchObject({ field: 'email' });
    // Another tenant is another namespace, and cannot see the first.
    const other = await store.users.create({ name: 'alice', tenant: 'acme' });
    expect(await store.users.get(other.id)).toBeUndefined();
    expect(await store.users.get(other.id, 'acme')).toMatchObject({ name: 'alice', tenant: 'acme' });
    const disabled = await store.users.update(alice.id, { disabled: true });
    expect(disabled?.disabled).toBe(true);
  });

  it('keeps hostile text as data: every value is bound, never spliced into SQL', async () => {
    await open();
    const evil = "o'brien\"); DROP TABLE users; --";
    const u = await store.users.create({ name: evil, email: "o'brien@x.com" });
    expect(await store.users.find(evil)).toEqual(u);
    expect(await store.users.find("' OR '1'='1")).toBeUndefined();
    await store.ledger.write([row({ userId: evil, session: "s'; DELETE FROM usage; --", tags: { "k'": "v'--" } })]);
    expect(await store.ledger.totals({ userId: evil })).toMatchObject([{ requests: 1 }]);
    expect((await store.users.list()).items).toHaveLength(1);
  });

  it('paginates lists with an opaque cursor', async () => {
    let t = 1000;
    await open(() => t++);
    for (let i = 0; i < 7; i++) await store.users.create({ name: `u${i}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.users.list({ limit: 3, cursor });
      seen.push(...page.items.map((u) => u.name));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6']);
    await expect(store.users.list({ cursor: 'bogus' })).rejects.toThrow(/cursor/);
  });

  it('keeps teams and keys; revocation is stored at once and idempotent', async () => {
    await open();
    const team = await store.teams.create({ name: 'core', monthlyBudget: 500, models: ['gpt-*'] });
    expect(await store.teams.find('core')).toEqual(team);
    await expect(store.teams.create({ name: 'core' })).rejects.toThrow(StoreConflictError);
    const user = await store.users.create({ name: 'bob', teamId: team.id });
    const key = await store.keys.create({ id: 'key_1', userId: user.id, name: "Bob's key", prefix: 'abcd1234', hash: hashKey('secret'), models: ['gpt-4o'], expiresAt: 99 });
    expect(await store.keys.byPrefix('abcd1234')).toEqual(key);
    expect(await store.keys.withOwner('abcd1234')).toEqual({ key, user, team });
    expect(await store.keys.withOwner('nope0000')).toBeUndefined();
    expect((await store.keys.list({ userId: user.id })).items).toEqual([key]);
    const revoked = await store.keys.revoke('key_1', 5);
    expect(revoked?.revokedAt).toBe(5);
    expect((await store.keys.revoke('key_1', 9))?.revokedAt).toBe(5);
    expect(await store.keys.revoke('nope', 9)).toBeUndefined();
    await expect(store.keys.create({ id: 'key_2', userId: user.id, prefix: 'abcd1234', hash: 'x' })).rejects.toThrow(StoreConflictError);
  });

  it('rolls a failed transaction back', async () => {
    await open();
    await expect(
      store.transaction(async (tx) => {
        await tx.users.create({ name: 'carol' });
        await tx.users.create({ name: 'carol' });
      }),
    ).rejects.toThrow(StoreConflictError);
    expect(await store.users.find('carol')).toBeUndefined();
    await store.transaction(async (tx) => {
      await tx.users.create({ name: 'dave' });
    });
    expect(await store.users.find('dave')).toBeDefined();
  });

  it('writes ledger rows once, sums them, and adds their cost to the counters', async () => {
    await open();
    const a = row({ userId: 'u1', teamId: 't1', keyId: 'k1', session: 's1', costUsd: 0.25, tags: { run: 'x' } });
    const b = row({ userId: 'u1', costUsd: 0.5, status: 'failed', errorKind: 'timeout', model: 'claude-sonnet-4-5', provider: 'anthropic' });
    const first = await store.ledger.write([a, b]);
    expect(first.inserted).toBe(2);
    expect(first.tenantMonths).toEqual([{ tenant: 'default', period: 'm:2026-12', before: 0, after: 0.75 }]);
    // A replay (the spool after a crash) changes nothing.
    expect((await store.ledger.write([a])).inserted).toBe(0);
    expect(await store.ledger.get(a.requestId)).toEqual(a);
    const [total] = await store.ledger.totals({ userId: 'u1' });
    expect(total).toMatchObject({ requests: 2, inputTokens: 200, outputTokens: 100, errors: 1 });
    expect(total?.costUsd).toBeCloseTo(0.75);
    const byModel = await store.ledger.totals({ groupBy: 'model' });
    expect(byModel.map((g) => g.group)).toEqual(['anthropic/claude-sonnet-4-5', 'openai/gpt-4o']);
    const byDay = await store.ledger.totals({ groupBy: 'day' });
    expect(byDay).toMatchObject([{ group: '2026-12-07', requests: 2 }]);
    expect(await store.ledger.totals({ session: 's1' })).toMatchObject([{ requests: 1 }]);
    expect(await store.ledger.totals({ from: Date.UTC(2027, 0, 1) })).toMatchObject([{ requests: 0, costUsd: 0 }]);
    expect((await store.budgets.counter('default', { scope: 'user:u1', period: 'd:2026-12-07' })).spent).toBeCloseTo(0.75);
    expect((await store.budgets.counter('default', { scope: 'session:s1', period: 'all' })).spent).toBeCloseTo(0.25);
    const page = await store.ledger.list({ userId: 'u1', limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.next).toBeDefined();
  });

  it('groups totals two ways (a series per user, per model), by provider, alias and hour, and counts cache hits', async () => {
    await open();
    const day1 = Date.UTC(2026, 11, 1, 9, 30);
    const day2 = Date.UTC(2026, 11, 2, 17, 5);
    await store.ledger.write([
      row({ ts: day1, userId: 'alice', costUsd: 1, alias: 'gpt-4o' }),
      row({ ts: day1, userId: 'alice', costUsd: 2, provider: 'anthropic', model: 'claude-sonnet-4-5', alias: 'claude-sonnet-4-5' }),
      row({ ts: day2, userId: 'bob', costUsd: 4, alias: 'gpt-4o' }),
      row({ ts: day2, userId: 'bob', costUsd: 0, alias: 'gpt-4o', cacheHit: true }),
    ]);
    const series = await store.ledger.totals({ groupBy: 'day', splitBy: 'user' });
    expect(series.map((t) => [t.group, t.split, t.costUsd, t.requests])).toEqual([
      ['2026-12-02', 'bob', 4, 2],
      ['2026-12-01', 'alice', 3, 2],
    ]);
    const who = await store.ledger.totals({ groupBy: 'user', splitBy: 'model' });
    expect(who.map((t) => [t.group, t.split, t.costUsd])).toEqual([
      ['bob', 'openai/gpt-4o', 4],
      ['alice', 'anthropic/claude-sonnet-4-5', 2],
      ['alice', 'openai/gpt-4o', 1],
    ]);
    expect((await store.ledger.totals({ groupBy: 'provider' })).map((t) => [t.group, t.costUsd])).toEqual([
      ['openai', 5],
      ['anthropic', 2],
    ]);
    expect((await store.ledger.totals({ groupBy: 'hour' })).map((t) => t.group)).toEqual(['2026-12-02T17', '2026-12-01T09']);
    const [total] = await store.ledger.totals({});
    expect(total).toMatchObject({ requests: 4, cacheHits: 1 });
    expect(await store.ledger.totals({ cacheHit: true, groupBy: 'alias' })).toMatchObject([{ group: 'gpt-4o', requests: 1, cacheHits: 1 }]);
    // A split without a group is ignored (one overall total).
    expect(await store.ledger.totals({ splitBy: 'user' })).toMatchObject([{ requests: 4 }]);
  });

  it('leases never past a cap, moves a written row\u2019s cost out of its lease, gives back and expires leases', async () => {
    await open();
    const check = { scope: 'user:u1', period: 'd:2026-12-07', limit: 1 };
    const far = Date.now() + 60_000;
    expect(await store.budgets.lease('default', [{ ...check, id: 'lease|a|1', want: 0.6 }], far)).toEqual([{ granted: 0.6, spent: 0, reserved: 0 }]);
    // Only what is left (0.4) is granted; then nothing.
    expect((await store.budgets.lease('default', [{ ...check, id: 'lease|b|1', want: 0.6 }], far))[0]?.granted).toBeCloseTo(0.4);
    expect(await store.budgets.lease('default', [{ ...check, id: 'lease|c|1', want: 0.6 }], far)).toEqual([{ granted: 0, spent: 0, reserved: 1 }]);
    // A row admitted under lease a: its cost moves from reserved to spent in one step.
    await store.ledger.write([row({ userId: 'u1', costUsd: 0.25, leases: ['lease|a|1'] })]);
    let c = await store.budgets.counter('default', check);
    expect(c.spent).toBeCloseTo(0.25);
    expect(c.reserved).toBeCloseTo(0.75);
    // A replayed row changes nothing; a cost above what the lease holds takes only what it holds.
    await store.ledger.write([row({ requestId: 'req_big', userId: 'u1', costUsd: 2, leases: ['lease|b|1'] })]);
    c = await store.budgets.counter('default', check);
    expect(c.spent).toBeCloseTo(2.25);
    expect(c.reserved).toBeCloseTo(0.35);
    // Giving back: only what the lease still holds, twice is harmless.
    await store.budgets.giveBack('lease|a|1', 5);
    await store.budgets.giveBack('lease|a|1', 5);
    expect((await store.budgets.counter('default', check)).reserved).toBeCloseTo(0);
    // Expiry, and renewal by prefix: a renewed lease outlives the sweep, the other is released.
    const day2 = { ...check, period: 'd:2026-12-08' };
    await store.budgets.lease('default', [{ ...day2, id: 'lease|x|1', want: 0.1 }, { ...day2, id: 'lease|y|1', want: 0.2 }], 10);
    await store.budgets.renew('lease|y|', 100);
    expect(await store.budgets.expire(11)).toBe(1);
    expect((await store.budgets.counter('default', day2)).reserved).toBeCloseTo(0.2);
    expect(await store.budgets.expire(101)).toBe(1);
    expect((await store.budgets.counter('default', day2)).reserved).toBeCloseTo(0);
  });

  it('grants what is left of each cap independently, in one call', async () => {
    await open();
    const ok = { scope: 'user:u1', period: 'm:2026-12', limit: 10 };
    const full = { scope: 'team:t1', period: 'm:2026-12', limit: 1 };
    await store.ledger.write([row({ teamId: 't1', costUsd: 1 })]);
    const grants = await store.budgets.lease('default', [{ ...ok, id: 'lease|a|u', want: 0.5 }, { ...full, id: 'lease|a|t', want: 0.5 }], Date.now() + 1000);
    expect(grants).toEqual([{ granted: 0.5, spent: 0, reserved: 0 }, { granted: 0, spent: 1, reserved: 0 }]);
  });

  it('never lets a concurrent burst lease past the cap', async () => {
    await open();
    const check = { scope: 'key:k1', period: 'all', limit: 1 };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.budgets.lease('default', [{ ...check, id: `lease|g${i}|k`, want: 0.3 }], Date.now() + 1000)));
    // 0.3 + 0.3 + 0.3 + 0.1 = 1, whatever the interleaving.
    expect(results.reduce((sum, [g]) => sum + (g?.granted ?? 0), 0)).toBeCloseTo(1);
    expect((await store.budgets.counter('default', check)).reserved).toBeCloseTo(1);
  });
});
