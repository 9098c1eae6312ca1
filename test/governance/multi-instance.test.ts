/**
 * Two `tokligence serve` processes behind one (imaginary) load balancer: one Redis holds their
 * shared rate limit, one PostgreSQL their ledger and budgets. A burst spread over both stays
 * within the limit exactly, and every answered call is in the shared ledger.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { createDatabase } from '../helpers/postgres.js';
import { hasRedisServer, type RedisProcess, startRedis } from '../helpers/redis.js';
import { type ServeProcess, startServe } from '../helpers/serve.js';

const pgUrl = inject('postgresUrl');
const LIMIT = 12;

let fake: FakeUpstream;
let redis: RedisProcess;
let dbUrl: string;
const servers: ServeProcess[] = [];

describe.skipIf(!pgUrl || !hasRedisServer())('two gateway instances', () => {
  beforeAll(async () => {
    fake = await startFakeUpstream({ handler: chatCompletionReply('ok') });
    redis = await startRedis();
    dbUrl = await createDatabase(pgUrl);
    const dir = mkdtempSync(join(tmpdir(), 'tk-multi-'));
    writeFileSync(
      join(dir, 'tokligence.yaml'),
      [
        'gateway:',
        '  auth: { enabled: true, keys: [{ name: alice, key: tk-alice-secret-1 }, { name: bob, key: tk-bob-secret-1 }] }',
        'providers:',
        `  openai: { type: openai, base_url: "${fake.url}/v1", api_key: sk-test }`,
        'database:',
        '  type: postgresql',
        `  url: ${dbUrl}`,
        `  spool_dir: ${join(dir, 'spool')}`,
        'team: { enabled: true }',
        'rate_limit:',
        '  enabled: true',
        `  per_user_per_hour: ${LIMIT}`,
        '  type: redis',
        `  redis: { url: "${redis.url}", timeout_ms: 5000 }`,
        // Exactness needs every check answered: refuse (503) rather than admit when Redis fails.
        'failure_modes: { rate_limit: fail_closed }',
      ].join('\n'),
    );
    // Both start at once: the migrations run once (an advisory lock), not twice.
    servers.push(...(await Promise.all([startServe([], {}, dir), startServe([], {}, dir)])));
  }, 60_000);
  afterAll(async () => {
    for (const s of servers) await s.kill9();
    await redis?.stop();
    await fake?.close();
  });

  it('share one rate limit exactly and one ledger', { timeout: 60_000 }, async () => {
    // An hour window: do not start a burst in the last seconds of one.
    const now = new Date();
    if (now.getUTCMinutes() === 59 && now.getUTCSeconds() > 50) await new Promise((r) => setTimeout(r, 11_000));
    const send = (i: number) =>
      fetch(`${servers[i % 2]!.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer tk-alice-secret-1', 'x-request-id': `burst-${i}` },
        body: JSON.stringify({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
      }).then(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), body: await r.text(), i }));
    // One call through each instance first (which of a burst's calls win is a race one warm
    // instance can take entirely), then the burst over both.
    const first = [await send(0), await send(1)];
    const burst = [...first, ...(await Promise.all(Array.from({ length: LIMIT * 3 - 2 }, (_, i) => send(i + 2))))];
    const ok = burst.filter((r) => r.status === 200);
    expect(ok).toHaveLength(LIMIT);
    // Both instances admitted some of them: the limit is shared, not one per instance.
    expect(new Set(ok.map((r) => r.i % 2)).size).toBe(2);
    const refused = burst.filter((r) => r.status === 429);
    expect(refused).toHaveLength(LIMIT * 2);
    expect(Number(refused[0]?.retryAfter)).toBeGreaterThan(0);
    expect(JSON.parse(refused[0]!.body).error.message).toMatch(/^Rate limit reached: 12 requests per hour for user alice; retry in \d+ s$/);
    // Another user has a limit of their own.
    const bob = await fetch(`${servers[1]!.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer tk-bob-secret-1' },
      body: JSON.stringify({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(bob.status).toBe(200);

    for (const s of servers) await s.stop();
    const store = await openStore({ type: 'postgresql', url: dbUrl });
    try {
      for (const r of ok) expect(await store.ledger.get(`burst-${r.i}`)).toMatchObject({ userId: 'alice', status: 'completed', provider: 'openai' });
      const [total] = await store.ledger.totals({ userId: 'alice' });
      expect(total?.requests).toBe(LIMIT);
    } finally {
      await store.close();
    }
  });
});
