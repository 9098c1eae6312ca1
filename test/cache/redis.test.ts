/**
 * The Redis cache against a real redis-server (`.ci/run` installs it: apt-get install -y
 * redis-server). Skipped, with a message, only when the binary is missing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { hasRedisServer, type RedisProcess, startRedis } from '../helpers/redis.js';

const available = hasRedisServer();
if (!available) console.warn('test/cache/redis.test.ts: SKIPPED, redis-server is not installed (apt-get install -y redis-server)');

let redis: RedisProcess;
let fake: FakeUpstream;
const cleanup: Array<() => Promise<void>> = [];

beforeAll(async () => {
  if (!available) return;
  redis = await startRedis();
  fake = await startFakeUpstream({ handler: chatCompletionReply('From the upstream.') });
});
afterAll(async () => {
  await fake?.close();
  await redis?.stop();
});
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function gateway(redisConfig: Record<string, unknown>, prefix: string) {
  const tk = new Tokligence({
    env: {},
    configFile: false,
    providers: { up: { type: 'openai-compatible', baseUrl: `${fake.url}/v1` } },
    cache: { enabled: true, type: 'redis', ttl: 60, redis: { keyPrefix: prefix, timeoutMs: 300, ...redisConfig } },
  } as never);
  cleanup.push(() => tk.close());
  return tk;
}

const body = (q: string) => ({ model: 'up/llama', messages: [{ role: 'user', content: q }] });

describe.skipIf(!available)('Redis response cache', () => {
  it('two gateway instances share one Redis: the second one hits', async () => {
    const prefix = `t1:${Date.now()}:`;
    const a = gateway({ url: redis.url }, prefix);
    const b = gateway({ host: '127.0.0.1', port: redis.port }, prefix);
    const before = fake.requests.length;
    expect((await a.call('openai-chat', body('shared?'))).cache).toBe('miss');
    await a.flushCache();
    const fromB = await b.call('openai-chat', body('shared?'));
    expect(fromB.cache).toBe('hit');
    expect(fromB.route[0]?.reason).toContain('redis');
    expect(((fromB as { body: unknown }).body as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content).toBe('From the upstream.');
    expect(fake.requests.length - before).toBe(1);
  });

  it('a hit from Redis replays as a stream', async () => {
    const prefix = `t2:${Date.now()}:`;
    const a = gateway({ url: redis.url }, prefix);
    await a.call('openai-chat', body('stream me'));
    await a.flushCache();
    const stream = await gateway({ url: redis.url }, prefix).chat.completions.create({ ...body('stream me'), stream: true } as never);
    let text = '';
    for await (const c of stream as unknown as AsyncIterable<{ choices: Array<{ delta: { content?: string } }> }>) text += c.choices[0]?.delta.content ?? '';
    expect(text).toBe('From the upstream.');
  });

  it('the key prefix separates caches', async () => {
    const a = gateway({ url: redis.url }, `t3a:${Date.now()}:`);
    await a.call('openai-chat', body('prefixed'));
    await a.flushCache();
    expect((await gateway({ url: redis.url }, `t3b:${Date.now()}:`).call('openai-chat', body('prefixed'))).cache).toBe('miss');
  });

  it('Redis unreachable: calls still succeed, quickly, and the failures are counted (stats and /metrics)', async () => {
    const dead = await startRedis();
    await dead.stop(); // a port where nothing listens any more
    const tk = gateway({ url: dead.url }, 'dead:');
    const server = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
    cleanup.push(() => server.close(0));
    const started = performance.now();
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(body('redis down')) });
      expect(res.status).toBe(200);
      expect((await res.json()).choices[0].message.content).toBe('From the upstream.');
      expect(res.headers.get('x-tokligence-cache')).toBe('miss');
    }
    await tk.flushCache();
    expect(performance.now() - started).toBeLessThan(3000);
    const stats = tk.cacheStats();
    expect(stats?.errors.get).toBe(3);
    expect(stats?.errors.set).toBe(3);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('tokligence_cache_errors_total{op="get"} 3');
    expect(metrics).toContain('tokligence_cache_errors_total{op="set"} 3');
  });

  it('Redis going away mid-life: the next call goes to the upstream and succeeds', async () => {
    const own = await startRedis();
    const tk = gateway({ url: own.url }, 'mid:');
    await tk.call('openai-chat', body('before'));
    await tk.flushCache();
    expect((await tk.call('openai-chat', body('before'))).cache).toBe('hit');
    await own.stop();
    await new Promise((r) => setTimeout(r, 100));
    const after = await tk.call('openai-chat', body('before'));
    expect(after.cache).toBe('miss');
    expect(((after as { body: unknown }).body as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content).toBe('From the upstream.');
    expect(tk.cacheStats()?.errors.get).toBeGreaterThanOrEqual(1);
  });
});
