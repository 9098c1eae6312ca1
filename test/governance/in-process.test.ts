import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence, TokligenceError } from '../../src/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';

let fake: FakeUpstream | undefined;
let tk: Tokligence | undefined;
afterEach(async () => {
  await tk?.close();
  await fake?.close();
  tk = fake = undefined;
});

/** gpt-4o: $2.5 in, $10 out per 1M; the fake answers 10 prompt + 3 completion tokens: $0.000055. */
const CALL_COST = (10 * 2.5 + 3 * 10) / 1_000_000;

async function client(config: Record<string, unknown> = {}, extra: { store?: MemoryStore; now?: () => number } = {}) {
  fake = await startFakeUpstream({ handler: chatCompletionReply('hello there') });
  tk = new Tokligence({
    env: {},
    providers: { openai: { type: 'openai', baseUrl: `${fake.url}/v1`, apiKey: 'sk-test' } },
    database: { type: 'memory' },
    team: { enabled: true, ...(config.team as object) },
    ...(config.rateLimit ? { rateLimit: config.rateLimit } : {}),
    store: extra.store,
    now: extra.now,
  } as never);
  return tk;
}

const ask = (t: Tokligence, options: Record<string, unknown> = {}, stream = false): Promise<unknown> =>
  t.chat.completions.create({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'hi' }], max_tokens: 100, ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}) } as never, options as never);

describe('in-process governance: the ledger', () => {
  it('records each call with user, session, tags, model, tokens and cost', async () => {
    const store = new MemoryStore();
    const t = await client({}, { store });
    await ask(t, { user: 'alice', session: 'run-1', tags: { agent: 'planner' } });
    await t.governance?.ledger?.flush();
    const page = await store.ledger.list({ userId: 'alice' });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      userId: 'alice',
      session: 'run-1',
      tags: { agent: 'planner' },
      dialect: 'openai-chat',
      provider: 'openai',
      model: 'gpt-4o',
      alias: 'openai/gpt-4o',
      inputTokens: 10,
      outputTokens: 3,
      status: 'completed',
      cacheHit: false,
    });
    expect(page.items[0]?.costUsd).toBeCloseTo(CALL_COST, 12);
  });

  it('records a stream when it ends, and a stream the caller stopped as cancelled', async () => {
    const store = new MemoryStore();
    const t = await client({}, { store });
    const stream = (await ask(t, { user: 'bob' }, true)) as AsyncIterable<unknown>;
    for await (const _ of stream) {
      // read to the end
    }
    const cut = (await ask(t, { user: 'bob', session: 'cut' }, true)) as AsyncIterable<unknown>;
    for await (const _ of cut) break;
    await t.governance?.ledger?.flush();
    const rows = (await store.ledger.list({ userId: 'bob' })).items;
    expect(rows.map((r) => r.status).sort()).toEqual(['cancelled', 'completed']);
    expect(rows.find((r) => r.status === 'completed')).toMatchObject({ inputTokens: 10, outputTokens: 3 });
    expect(rows.find((r) => r.status === 'cancelled')?.session).toBe('cut');
  });

  it('records a failed call with its error kind', async () => {
    const store = new MemoryStore();
    const t = await client({}, { store });
    fake!.handler = () => ({ status: 400, json: { error: { message: 'bad thing', type: 'invalid_request_error', param: null, code: null } } });
    await expect(ask(t, { user: 'carol' })).rejects.toThrow(/bad thing/);
    await t.governance?.ledger?.flush();
    expect((await store.ledger.list({ userId: 'carol' })).items[0]).toMatchObject({ status: 'failed', errorKind: 'invalid_request', costUsd: 0 });
  });
});

describe('in-process governance: budgets', () => {
  it('a daily budget refuses with a 429 naming it and its reset, and resets the next UTC day (fake clock)', async () => {
    let now = Date.UTC(2026, 11, 7, 23, 0);
    const store = new MemoryStore(() => now);
    const t = await client({ team: { quotas: { perUserDaily: CALL_COST * 1.5 } } }, { store, now: () => now });
    await ask(t, { user: 'dana' });
    await t.governance?.ledger?.flush();
    await ask(t, { user: 'dana' });
    await t.governance?.ledger?.flush();
    const err = (await ask(t, { user: 'dana' }).catch((e) => e)) as TokligenceError;
    expect(err).toBeInstanceOf(TokligenceError);
    expect(err.status).toBe(429);
    expect(err.message).toMatch(/^Budget exceeded: the daily budget of user dana is \$0\.0001, \$0\.0001 spent; it resets at 2026-12-08T00:00:00\.000Z$/);
    expect(err.retryAfter).toBe(3600);
    expect(fake!.requests).toHaveLength(2);
    // Another user has a budget of their own.
    await ask(t, { user: 'erin' });
    now = Date.UTC(2026, 11, 8, 0, 0, 1);
    await ask(t, { user: 'dana' });
    expect(fake!.requests).toHaveLength(4);
  });

  it('a store user\u2019s own monthly quota wins over the default, and resets with the month', async () => {
    let now = Date.UTC(2026, 10, 30, 12);
    const store = new MemoryStore(() => now);
    await store.users.create({ name: 'frank', monthlyBudget: CALL_COST / 2 });
    const t = await client({ team: { quotas: { perUserMonthly: 100 } } }, { store, now: () => now });
    await ask(t, { user: 'frank' });
    await t.governance?.ledger?.flush();
    await expect(ask(t, { user: 'frank' })).rejects.toThrow(/monthly budget of user usr_\w+ is \$0\.0000, \$0\.0001 spent; it resets at 2026-12-01T00:00:00\.000Z/);
    now = Date.UTC(2026, 11, 1);
    await ask(t, { user: 'frank' });
  });

  it('a session budget does not reset', async () => {
    const store = new MemoryStore();
    const t = await client({ team: { quotas: { perSession: CALL_COST / 2 } } }, { store });
    await ask(t, { session: 'agent-run-7' });
    await t.governance?.ledger?.flush();
    await expect(ask(t, { session: 'agent-run-7' })).rejects.toThrow(/budget of session agent-run-7 .*it does not reset/);
    await ask(t, { session: 'agent-run-8' });
  });

  it('a disabled user is refused; a model outside the user\u2019s list is refused before any upstream call', async () => {
    const store = new MemoryStore();
    const u = await store.users.create({ name: 'gil', models: ['gpt-4o-mini'] });
    const t = await client({}, { store });
    await expect(ask(t, { user: 'gil' })).rejects.toMatchObject({ status: 403, message: `User ${u.id} may not use model "openai/gpt-4o" (allowed: gpt-4o-mini)` });
    await store.users.update(u.id, { disabled: true });
    await expect(ask(t, { user: 'gil' })).rejects.toMatchObject({ status: 403, kind: 'permission' });
    expect(fake!.requests).toHaveLength(0);
  });
});

describe('in-process governance: rate limits', () => {
  it('requests per minute per user: a 429 with the seconds to wait, then the next window admits', async () => {
    let now = Date.UTC(2026, 11, 7, 12, 0, 10);
    const t = await client({ rateLimit: { enabled: true, perUser: { rpm: 2 } } }, { now: () => now });
    await ask(t, { user: 'hal' });
    await ask(t, { user: 'hal' });
    const err = (await ask(t, { user: 'hal' }).catch((e) => e)) as TokligenceError;
    expect(err).toMatchObject({ status: 429, kind: 'rate_limit', retryAfter: 50 });
    expect(err.message).toBe('Rate limit reached: 2 requests per minute for user hal; retry in 50 s');
    await ask(t, { user: 'ivy' });
    now += 50_000;
    await ask(t, { user: 'hal' });
  });
});
