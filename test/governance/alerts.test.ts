import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { MemoryStore } from '../../src/store/index.js';

let hook: Server | undefined;
let tk: Tokligence | undefined;
afterEach(async () => {
  await tk?.close();
  await new Promise((r) => (hook ? hook.close(r) : r(undefined)));
});

/** A webhook receiver on loopback that keeps what it was sent. */
async function webhook(): Promise<{ url: string; posts: Array<{ text: string; alert: Record<string, unknown> }> }> {
  const posts: Array<{ text: string; alert: Record<string, unknown> }> = [];
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      posts.push(JSON.parse(body));
      res.end('ok');
    });
  });
  await new Promise<void>((r) => hook!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`, posts };
}

describe('team.cost_tracking.alert_threshold', () => {
  it('posts one alert when the month\u2019s spend crosses the threshold, not one per call after', async () => {
    const { url, posts } = await webhook();
    tk = new Tokligence({
      env: {},
      store: new MemoryStore(),
      team: { enabled: true, costTracking: { enabled: true, alertThreshold: 0.001, webhookUrl: url } },
      // The mock is free unless priced: $100 per 1M input and output tokens here.
      prices: { 'mock-1': { input: 100, output: 100 } },
    } as never);
    const ask = () => tk!.chat.completions.create({ model: 'mock/mock-1', messages: [{ role: 'user', content: 'a short question' }] });
    for (let i = 0; i < 6; i++) {
      await ask();
      await tk.governance?.ledger?.flush();
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(posts).toHaveLength(1);
    expect(posts[0]?.alert).toMatchObject({ type: 'cost_threshold', tenant: 'default', threshold: 0.001 });
    expect(posts[0]?.text).toMatch(/^:money_with_wings: Tokligence spend for \d{4}-\d{2} reached \$0\.00\d\d, past the alert threshold of \$0\.0010 \(tenant default\)$/);
  });
});

describe('tokens per minute', () => {
  it('a full minute of tokens refuses the next call until the window turns', async () => {
    let now = Date.UTC(2026, 11, 7, 12, 0, 0);
    tk = new Tokligence({ env: {}, rateLimit: { enabled: true, perUser: { tpm: 10 } }, now: () => now } as never);
    const ask = () => tk!.chat.completions.create({ model: 'mock/mock-1', messages: [{ role: 'user', content: 'hello there' }] }, { user: 'tess' });
    const first = await ask();
    expect(first.usage?.total_tokens).toBeGreaterThanOrEqual(10);
    // The tokens are counted once the call's usage is known (in the background).
    await new Promise((r) => setTimeout(r, 20));
    await expect(ask()).rejects.toMatchObject({ status: 429, message: 'Rate limit reached: 10 tokens per minute for user tess; retry in 60 s' });
    now += 60_000;
    await ask();
  });
});
