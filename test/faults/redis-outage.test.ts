/**
 * Issue 22, items 1 and 3: Redis (shared rate limits, response cache) stopped, paused (SIGSTOP)
 * and brought back under load. fail_open serves calls (limits enforced per instance, the cache
 * skipped) and says so in `x-tokligence-degraded`; fail_closed refuses with a 503 in the caller's
 * dialect naming Redis; no call waits past Redis's timeout; `/readyz` names the part until it
 * answers again, and the gateway reconnects by itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { sleep, startLoad } from '../helpers/load.js';
import { hasRedisServer, type RedisProcess, startRedis } from '../helpers/redis.js';

let redis: RedisProcess | undefined;
let fake: FakeUpstream | undefined;
let tk: Tokligence | undefined;
let gateway: { url: string; close(ms?: number): Promise<void> } | undefined;
let logged: Array<{ level: string; msg: string; fields?: Record<string, unknown> }> = [];

afterEach(async () => {
  await gateway?.close(0);
  await tk?.close();
  await fake?.close();
  await redis?.stop();
  gateway = tk = fake = redis = undefined;
});

async function start(options: { rateLimit?: Record<string, unknown>; cache?: boolean; failureModes?: Record<string, unknown> }) {
  redis = await startRedis();
  fake = await startFakeUpstream({ handler: chatCompletionReply('ok') });
  const r = { url: redis.url, timeoutMs: 300 };
  tk = new Tokligence({
    env: {},
    gateway: { auth: { enabled: true, keys: [{ name: 'alice', key: 'tk-alice-secret-1' }] } },
    providers: { openai: { type: 'openai', baseUrl: `${fake.url}/v1`, apiKey: 'sk-test' } },
    ...(options.rateLimit ? { rateLimit: { enabled: true, type: 'redis', redis: r, ...options.rateLimit } } : {}),
    ...(options.cache ? { cache: { enabled: true, type: 'redis', redis: r } } : {}),
    failureModes: { probeIntervalMs: 200, ...options.failureModes },
  } as never);
  logged = [];
  const logger = { log: (level: string, msg: string, fields?: Record<string, unknown>) => logged.push({ level, msg, fields }), enabled: () => false };
  gateway = await createServer(tk, { logger }).listen(0, '127.0.0.1');
  return { redis, url: gateway.url };
}

const readyz = async (url: string) => {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as { status: string; parts?: Array<{ part: string; target?: string; failOpen: string[]; failClosed: string[] }> } };
};

async function until(check: () => Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(100);
  }
}

const chat = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer tk-alice-secret-1', ...headers },
    body: JSON.stringify({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
  });

describe.skipIf(!hasRedisServer())('Redis away under load', () => {
  it('rate limits, fail_open: served with limits per instance, marked degraded; reconnects after a restart', { timeout: 60_000 }, async () => {
    const { redis, url } = await start({ rateLimit: { perUserPerHour: 1_000_000 } });
    const load = startLoad({ url, key: 'tk-alice-secret-1', workers: 4, deadlineMs: 5000 });
    await sleep(800);
    await redis.stop();
    await until(async () => (await readyz(url)).body.status === 'degraded');
    const down = await readyz(url);
    // Every feature still serves: the instance stays ready, and says which part is away.
    expect(down.status).toBe(200);
    expect(down.body.parts).toEqual([expect.objectContaining({ part: 'rate_limit_redis', target: `Redis 127.0.0.1:${redis.port}`, failOpen: ['rate_limit'], failClosed: [] })]);
    const served = load.report.answered.length;
    await sleep(1500);
    expect(load.report.answered.length).toBeGreaterThan(served);
    await redis.restart();
    await until(async () => (await readyz(url)).body.status === 'ready');
    const report = await load.stop();
    expect(report.hung).toBe(0);
    expect(report.failed).toBe(0);
    expect([...report.refused.keys()]).toEqual([]);
    expect(report.degraded.get('rate_limit') ?? 0).toBeGreaterThan(0);
    // While Redis was away, no call waited for it longer than its timeout (300 ms) plus the call itself.
    expect(report.slowestMs).toBeLessThan(3000);
  });

  it('rate limits, fail_open: the limits still hold on the instance while Redis is away', { timeout: 30_000 }, async () => {
    const { redis, url } = await start({ rateLimit: { perUserPerHour: 3 } });
    await redis.stop();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await chat(url);
      statuses.push(res.status);
      if (res.status === 200) expect(res.headers.get('x-tokligence-degraded')).toBe('rate_limit');
      await res.text();
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('rate limits, fail_closed: a 503 in the caller dialect naming Redis, at once', { timeout: 30_000 }, async () => {
    const { redis, url } = await start({ rateLimit: { perUserPerHour: 1000 }, failureModes: { rateLimit: 'fail_closed' } });
    // Redis answers (the very first command may still be waiting for the connection).
    await until(async () => (await chat(url)).status === 200);
    const mark = logged.length;
    await redis.stop();
    const refused: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const res = await fetch(`${url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'tk-alice-secret-1', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'openai/gpt-4o', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
      });
      refused.push(performance.now() - t0);
      const body = (await res.json()) as { error: { type: string; message: string } };
      expect(res.status).toBe(529);
      expect(body.error.type).toBe('overloaded_error');
      expect(body.error.message).toMatch(/rate_limit_redis is unavailable.*failure_modes\.rate_limit is fail_closed/);
    }
    expect(Math.max(...refused)).toBeLessThan(1000);
    const down = await readyz(url);
    expect(down.status).toBe(503);
    expect(down.body.parts?.[0]?.failClosed).toEqual(['rate_limit']);
    await redis.restart();
    await until(async () => (await chat(url)).status === 200);
    // One line when the part went, one when it came back (not one per refused call).
    const lines = logged.slice(mark).filter((l) => l.msg.startsWith('dependency'));
    expect(lines.map((l) => [l.level, l.msg, l.fields?.part])).toEqual([
      ['warn', 'dependency unavailable', 'rate_limit_redis'],
      ['info', 'dependency recovered', 'rate_limit_redis'],
    ]);
    expect(lines[0]?.fields).toMatchObject({ target: `Redis 127.0.0.1:${redis.port}`, fail_closed: ['rate_limit'] });
  });

  it('paused (SIGSTOP): calls wait at most the Redis timeout, then go on degraded; resumed, the part comes back', { timeout: 60_000 }, async () => {
    const { redis, url } = await start({ rateLimit: { perUserPerHour: 1_000_000 }, cache: true });
    const load = startLoad({ url, key: 'tk-alice-secret-1', workers: 4, deadlineMs: 5000, headers: { 'cache-control': 'no-store' } });
    await sleep(800);
    redis.pause();
    await until(async () => (await readyz(url)).body.parts?.some((p) => p.part === 'rate_limit_redis') ?? false);
    await sleep(1500);
    redis.resume();
    await until(async () => (await readyz(url)).body.status === 'ready');
    const report = await load.stop();
    expect(report.hung).toBe(0);
    expect(report.failed).toBe(0);
    expect([...report.refused.keys()]).toEqual([]);
    expect(report.slowestMs).toBeLessThan(3000);
    expect(report.degraded.size).toBeGreaterThan(0);
  });

  it('response cache, fail_open (the default): calls go uncached while Redis is away, and hit again after', { timeout: 30_000 }, async () => {
    const { redis, url } = await start({ cache: true });
    expect((await chat(url)).headers.get('x-tokligence-cache')).toBe('miss');
    await until(async () => (await chat(url)).headers.get('x-tokligence-cache') === 'hit');
    await redis.stop();
    const res = await chat(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-tokligence-degraded')).toBe('cache');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/tokligence_dependency_up\{part="cache_redis"\} 0/);
    expect(metrics).toMatch(/tokligence_degraded_calls_total\{feature="cache"\} [1-9]/);
    await redis.restart();
    await until(async () => (await readyz(url)).body.status === 'ready');
    expect((await chat(url)).headers.get('x-tokligence-degraded')).toBeNull();
  });
});
