/** The decision log on the in-process result, through the facades (onRoute), and on the server (headers, metrics). */
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import type { RouteAttempt } from '../../src/core/contracts/index.js';
import { createServer } from '../../src/server/index.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { okReply, wantsStream } from './helpers.js';

const fakes: FakeUpstream[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function gateway(aFails: (n: number) => boolean, extra: Record<string, unknown> = {}) {
  const a = await startFakeUpstream();
  const b = await startFakeUpstream();
  fakes.push(a, b);
  let n = 0;
  a.handler = (req) => (aFails(++n) ? { status: 503, json: { error: { message: 'down', type: 'server_error' } } } : okReply('from a', wantsStream(req.body)));
  b.handler = (req) => okReply('from b', wantsStream(req.body));
  const tk = new Tokligence({
    env: {},
    configFile: false,
    providers: { a: { type: 'openai-compatible', baseUrl: `${a.url}/v1` }, b: { type: 'openai-compatible', baseUrl: `${b.url}/v1` } },
    models: { smart: [{ target: 'a/m1', weight: 3, price: { input: 1, output: 2 }, maxTokens: 1000 }, 'b/m2'] },
    retry: { attempts: 1, minDelayMs: 1, maxDelayMs: 2 },
    routing: { cooldown: { minRequests: 2, failureRatio: 1 } },
    ...extra,
  } as never);
  return { a, b, tk };
}

describe('decision log', () => {
  it('the object form of a target reaches the router (max_tokens clamped, price used)', async () => {
    const { a, tk } = await gateway(() => false, { routing: { strategy: 'cheapest' } });
    const result = await tk.call('anthropic', { model: 'smart', max_tokens: 5000, messages: [{ role: 'user', content: 'hi' }] });
    expect(result.route[0]).toMatchObject({ provider: 'a', model: 'm1', outcome: 'ok', strategy: 'cheapest', retries: 0 });
    expect(result.route[0]?.reason).toMatch(/cheapest: est\. .*\(\$1\/\$2 per 1M in\/out\).*max_tokens 5000 clamped to 1000/);
    const sent = a.requests[0]!.body as { max_tokens?: number; max_completion_tokens?: number };
    expect(sent.max_tokens ?? sent.max_completion_tokens).toBe(1000);
    expect(result.route[0]?.ms).toBeGreaterThan(0);
  });

  it('the facades report the route through RequestOptions.onRoute, per call (no shared state)', async () => {
    const { tk } = await gateway((n) => n <= 2, { routing: { cooldown: { enabled: false } } });
    const seen: RouteAttempt[][] = [];
    const reply = await tk.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] }, { onRoute: (r) => seen.push(r) });
    expect(reply.choices[0]?.message.content).toBe('from b');
    expect(Object.keys(reply)).not.toContain('route'); // the SDK object stays as the SDK types it
    expect(seen).toHaveLength(1);
    expect(seen[0]?.map((r) => [r.provider, r.outcome, r.retries, r.status])).toEqual([
      ['a', 'error', 1, 503],
      ['b', 'ok', 0, undefined],
    ]);
    const stream = await tk.messages.create({ model: 'smart', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'hi' }] }, { onRoute: (r) => seen.push(r) });
    for await (const _ of stream);
    expect(seen[1]?.[0]).toMatchObject({ provider: 'a', outcome: 'ok' });
  });

  it('the server sends x-tokligence-route / -attempts and counts retries, fallbacks and cooldowns', async () => {
    const { tk } = await gateway(() => true);
    const server = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
    closers.push(() => server.close(0));
    const post = () =>
      fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] }),
      });
    const res = await post();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-tokligence-route')).toBe('a/m1;error;503, b/m2;ok');
    expect(res.headers.get('x-tokligence-attempts')).toBe('2');
    await res.text();
    // a failed its try and its retry: 2 of 2 calls in the window (min 2, ratio 1), so its circuit opened.
    const second = await post();
    expect(second.headers.get('x-tokligence-route')).toBe('a/m1;skipped, b/m2;ok');
    await second.text();
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/tokligence_retries_total\{provider="a",model="m1"\} 1\n/);
    expect(metrics).toMatch(/tokligence_fallbacks_total\{provider="b",model="m2"\} 2\n/);
    expect(metrics).toMatch(/tokligence_cooldowns_total\{provider="a",model="m1"\} 1/);
  });

  it('an exhausted chain answers the caller’s dialect error: 529 overloaded_error for Anthropic, 503 for OpenAI', async () => {
    const { b, tk } = await gateway(() => true, { routing: { cooldown: { enabled: false } } });
    b.handler = () => ({ status: 503, json: { error: { message: 'b down too', type: 'server_error' } } });
    const server = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
    closers.push(() => server.close(0));
    const anthropic = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'smart', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(anthropic.status).toBe(529);
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    const openai = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'smart', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(openai.status).toBe(503);
    expect(await openai.json()).toMatchObject({ error: { message: expect.stringContaining('b down too') } });
  });
});
