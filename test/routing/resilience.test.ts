/** Circuit breaker, concurrency queue, retry policy and the fallback maps. */
import { describe, expect, it } from 'vitest';
import { TokligenceError } from '../../src/core/errors.js';
import type { ChatRequest } from '../../src/core/types.js';
import { codecFor } from '../../src/dialects/index.js';
import { Tokligence } from '../../src/index.js';
import type { CallContext } from '../../src/core/contracts/index.js';
import { CircuitBreaker } from '../../src/routing/circuit-breaker.js';
import { ConcurrencyLimiter } from '../../src/routing/concurrency.js';
import { DEFAULT_RETRY, noRetryReason, retryDelayMs } from '../../src/routing/retry.js';
import { Router, type RouterOptions } from '../../src/routing/router.js';
import type { RouteTarget } from '../../src/routing/types.js';
import { ScriptedProvider, fail } from './helpers.js';

const ctx = (extra: Partial<ChatRequest> = {}): CallContext => ({
  requestId: 'r',
  dialect: 'openai-chat',
  request: { model: 'alias', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], ...extra },
  rewritten: false,
  route: [],
  startedAt: 0,
});

function router(targets: RouteTarget[] | ((model: string) => RouteTarget[]), providers: ScriptedProvider[], options: Partial<RouterOptions> = {}) {
  return new Router({
    providers: new Map(providers.map((p) => [p.name, p])),
    resolve: typeof targets === 'function' ? targets : () => targets,
    workMode: 'translate',
    retry: { attempts: 0, minDelayMs: 1, maxDelayMs: 2 },
    ...options,
  });
}

describe('circuit breaker', () => {
  it('opens at the failure ratio after the minimum volume, rejects while open, lets one probe through, closes on success', () => {
    let now = 0;
    const b = new CircuitBreaker({ failureRatio: 0.5, minRequests: 4, windowMs: 10_000, cooldownMs: 5_000 }, () => now);
    b.success('t');
    b.success('t');
    expect(b.failure('t')).toBe(false); // 1/3: below minimum volume
    expect(b.failure('t')).toBe(true); // 2/4 = 0.5 → open
    expect(b.state('t')).toBe('open');
    expect(b.check('t')).toEqual({ allowed: false, retryInMs: 5000 });
    now = 4_999;
    expect(b.check('t').allowed).toBe(false);
    now = 5_000;
    expect(b.state('t')).toBe('half_open');
    expect(b.check('t')).toEqual({ allowed: true, probe: true });
    expect(b.check('t').allowed).toBe(false); // only one probe at a time
    b.success('t');
    expect(b.state('t')).toBe('closed');
    expect(b.check('t')).toEqual({ allowed: true, probe: false });
  });

  it('a failed probe opens the circuit again for a full cooldown; old outcomes leave the window', () => {
    let now = 0;
    const b = new CircuitBreaker({ failureRatio: 0.5, minRequests: 2, windowMs: 1_000, cooldownMs: 100 }, () => now);
    b.failure('t');
    now = 2_000; // the first failure slid out of the window
    expect(b.failure('t')).toBe(false);
    expect(b.failure('t')).toBe(true);
    now += 100;
    expect(b.check('t')).toMatchObject({ allowed: true, probe: true });
    expect(b.failure('t')).toBe(true);
    expect(b.check('t')).toEqual({ allowed: false, retryInMs: 100 });
    b.release('x'); // unknown key: harmless
  });

  it('the window slides by time slices: outcomes inside it count, those a slice past it do not', () => {
    let now = 0;
    // window 10 s in 20 slices of 500 ms
    const b = new CircuitBreaker({ failureRatio: 0.5, minRequests: 4, windowMs: 10_000, cooldownMs: 100 }, () => now);
    b.failure('t');
    b.failure('t');
    now = 9_000; // still inside the window
    b.success('t');
    expect(b.failure('t')).toBe(true); // 3 failures of 4
    const c = new CircuitBreaker({ failureRatio: 0.5, minRequests: 4, windowMs: 10_000, cooldownMs: 100 }, () => now);
    now = 0;
    c.failure('t');
    c.failure('t');
    now = 10_500; // the first slice [0, 500) is wholly out of the window
    c.success('t');
    c.success('t');
    expect(c.failure('t')).toBe(false); // 1 of 3: the early failures no longer count
  });

  it('holds a bounded number of counters however many calls it sees (not one entry per call)', () => {
    let now = 0;
    const b = new CircuitBreaker({ failureRatio: 0.5, minRequests: 5, windowMs: 60_000, cooldownMs: 30_000 }, () => now);
    for (let i = 0; i < 200_000; i++) {
      now = i * 3; // 10 minutes of calls, ~333 a second
      if (i % 4 === 0) b.failure('t');
      else b.success('t');
    }
    const circuit = (b as unknown as { circuits: Map<string, { buckets: unknown[] }> }).circuits.get('t');
    expect(circuit?.buckets.length).toBeLessThanOrEqual(21);
    expect(b.state('t')).toBe('closed'); // 25% failures stay under the 50% ratio
  });

  it('in the router: a failing target is cooled down, skipped, probed after the period, and closed again', async () => {
    let now = 1_000;
    let healthy = false;
    const a = new ScriptedProvider('a', () => (healthy ? 'from a' : fail(503)));
    const b = new ScriptedProvider('b', () => 'from b');
    const r = router(
      [
        { provider: 'a', model: 'm' },
        { provider: 'b', model: 'm' },
      ],
      [a, b],
      { cooldown: { failureRatio: 0.5, minRequests: 2, windowMs: 60_000, cooldownMs: 30_000 }, now: () => now },
    );
    const first = ctx();
    await r.route(first);
    expect(first.route[0]).toMatchObject({ provider: 'a', outcome: 'error' });
    expect(first.route[0]?.cooldown).toBeUndefined();
    const second = ctx();
    await r.route(second);
    expect(second.route[0]).toMatchObject({ provider: 'a', outcome: 'error', cooldown: true });
    const third = ctx();
    await r.route(third);
    expect(third.route[0]).toMatchObject({ provider: 'a', outcome: 'skipped', error: 'cooling down (circuit open, 30s left)' });
    expect(a.calls).toHaveLength(2);
    now += 30_000;
    healthy = true;
    const probe = ctx();
    await r.route(probe);
    expect(probe.route[0]).toMatchObject({ provider: 'a', outcome: 'ok' });
    expect(probe.route[0]?.reason).toMatch(/half-open probe/);
    expect(r.breaker?.state('a/m')).toBe('closed');
  });

  it('when every target is cooling down, the caller gets an overloaded error with Retry-After', async () => {
    let now = 0;
    const a = new ScriptedProvider('a', () => fail(503));
    const r = router([{ provider: 'a', model: 'm' }], [a], { cooldown: { minRequests: 1, cooldownMs: 10_000 }, now: () => now });
    await expect(r.route(ctx())).rejects.toMatchObject({ status: 503 });
    now = 2_500;
    await expect(r.route(ctx())).rejects.toMatchObject({ kind: 'overloaded', retryAfter: 8, message: expect.stringMatching(/cooling down/) });
    expect(a.calls).toHaveLength(1);
  });

  it('caller mistakes (400) do not count towards the cooldown', async () => {
    const a = new ScriptedProvider('a', () => fail(400, 'bad request'));
    const r = router([{ provider: 'a', model: 'm' }], [a], { cooldown: { minRequests: 1 } });
    for (let i = 0; i < 3; i++) await expect(r.route(ctx())).rejects.toMatchObject({ kind: 'invalid_request' });
    expect(a.calls).toHaveLength(3);
    expect(r.breaker?.state('a/m')).toBe('closed');
  });
});

describe('concurrency limit and queue', () => {
  it('runs max at once, queues up to max_queue, answers overloaded when the queue is full', async () => {
    const limiter = new ConcurrencyLimiter(1, 1, 5_000);
    const release1 = await limiter.acquire();
    const second = limiter.acquire();
    expect(limiter.queued).toBe(1);
    const err = await limiter.acquire().catch((e) => e);
    expect(err).toBeInstanceOf(TokligenceError);
    expect(err).toMatchObject({ kind: 'overloaded', retryAfter: 1 });
    expect(err.message).toMatch(/max_concurrent_requests 1.*max_queue 1/);
    release1();
    release1(); // twice is harmless
    const release2 = await second;
    expect(limiter.running).toBe(1);
    release2();
    expect(limiter.running).toBe(0);
  });

  it('a queued call gives up after queue_timeout, or when its caller aborts', async () => {
    const limiter = new ConcurrencyLimiter(1, 5, 30);
    const release = await limiter.acquire();
    const started = performance.now();
    await expect(limiter.acquire()).rejects.toMatchObject({ kind: 'overloaded', message: expect.stringMatching(/queue_timeout/) });
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ kind: 'aborted' });
    expect(limiter.queued).toBe(0);
    release();
  });

  it('through the client: a full queue is a 503 for OpenAI callers and a 529 for Anthropic callers; a stream holds its slot until it ends', async () => {
    let open: (() => void) | undefined;
    const slow = new ScriptedProvider('slow', () => new Promise<string>((resolve) => (open = () => resolve('done'))));
    const tk = new Tokligence({ env: {}, configFile: false, drivers: [slow], gateway: { maxConcurrentRequests: 1, maxQueue: 0 }, models: { m: 'slow/x' }, providers: { slow: { type: 'mock' } } } as never);
    const body = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
    const first = tk.call('openai-chat', body);
    await new Promise((r) => setTimeout(r, 5));
    const openaiErr = await tk.call('openai-chat', body).catch((e) => e);
    const anthropicErr = await tk.call('anthropic', { ...body, max_tokens: 5 }).catch((e) => e);
    expect(openaiErr.kind).toBe('overloaded');
    expect(codecFor('openai-chat').encodeError(openaiErr).status).toBe(503);
    expect(codecFor('anthropic').encodeError(anthropicErr)).toMatchObject({ status: 529, body: { type: 'error', error: { type: 'overloaded_error' } } });
    open?.();
    await first;
    // The slot is free again; a stream keeps it until consumed.
    const pendingStream = tk.call('openai-chat', { ...body, stream: true });
    await new Promise((r) => setTimeout(r, 5));
    open?.();
    const stream = await pendingStream;
    const blocked = await tk.call('openai-chat', body).catch((e) => e);
    expect(blocked.kind).toBe('overloaded');
    if (stream.type === 'stream') for await (const _ of stream.events);
    const again = tk.call('openai-chat', body);
    await new Promise((r) => setTimeout(r, 5));
    open?.();
    await expect(again).resolves.toMatchObject({ type: 'json' });
  });
});

describe('retry policy', () => {
  const err = (status: number, retryAfter?: number) => new TokligenceError(status === 429 ? 'rate_limit' : 'api_error', 'x', { status, retryAfter });

  it('retries 408, 409, 429, 5xx, 529, connection errors and timeouts; never other 4xx', () => {
    for (const s of [408, 409, 429, 500, 502, 503, 504, 529]) expect(noRetryReason(err(s), DEFAULT_RETRY), String(s)).toBeUndefined();
    expect(noRetryReason(new TokligenceError('connection', 'reset'), DEFAULT_RETRY)).toBeUndefined();
    expect(noRetryReason(new TokligenceError('timeout', 'slow'), DEFAULT_RETRY)).toBeUndefined();
    for (const s of [400, 401, 403, 404, 413, 422]) expect(noRetryReason(new TokligenceError('invalid_request', 'x', { status: s }), DEFAULT_RETRY)).toMatch(/not retryable/);
  });

  it('exponential backoff with jitter, capped; Retry-After wins; beyond max_retry_after_s no retry', () => {
    const s = { attempts: 3, minDelayMs: 100, maxDelayMs: 300, maxRetryAfterS: 5 };
    expect(retryDelayMs(err(503), 0, s, () => 0)).toBe(50);
    expect(retryDelayMs(err(503), 0, s, () => 0.999)).toBeCloseTo(100, 0);
    expect(retryDelayMs(err(503), 1, s, () => 1)).toBe(200);
    expect(retryDelayMs(err(503), 5, s, () => 1)).toBe(300); // capped
    expect(retryDelayMs(err(429, 2), 0, s, () => 0)).toBe(2000);
    expect(noRetryReason(err(429, 60), s)).toBe('Retry-After 60s exceeds max_retry_after_s 5');
  });

  it('in the router: retries with the computed waits, then falls back; a long Retry-After falls back at once', async () => {
    const waits: number[] = [];
    const a = new ScriptedProvider('a', ({ n }) => (n === 1 ? fail(429, 'slow down', 1.5) : fail(503)));
    const b = new ScriptedProvider('b', () => 'from b');
    const r = router(
      [
        { provider: 'a', model: 'm' },
        { provider: 'b', model: 'm' },
      ],
      [a, b],
      { retry: { attempts: 2, minDelayMs: 100, maxDelayMs: 1000 }, random: () => 0, sleep: async (ms) => void waits.push(ms), cooldown: false },
    );
    const c = ctx();
    await r.route(c);
    expect(waits).toEqual([1500, 100]); // Retry-After 1.5 s, then backoff 200 × ½ (jitter 0)
    expect(c.route[0]).toMatchObject({ provider: 'a', outcome: 'error', retries: 2, retryDelaysMs: [1500, 100] });
    expect(a.calls).toHaveLength(3);

    const tooLong = new ScriptedProvider('a', () => fail(429, 'come back in an hour', 3600));
    const r2 = router(
      [
        { provider: 'a', model: 'm' },
        { provider: 'b', model: 'm' },
      ],
      [tooLong, b],
      { retry: { attempts: 3, maxRetryAfterS: 30 }, sleep: async (ms) => void waits.push(ms) },
    );
    const c2 = ctx();
    await r2.route(c2);
    expect(tooLong.calls).toHaveLength(1);
    expect(c2.route.map((x) => [x.provider, x.outcome, x.retries])).toEqual([
      ['a', 'error', 0],
      ['b', 'ok', 0],
    ]);
  });

  it('a caller abort stops retries at once', async () => {
    const controller = new AbortController();
    const a = new ScriptedProvider('a', () => fail(503));
    const r = router([{ provider: 'a', model: 'm' }], [a], { retry: { attempts: 5, minDelayMs: 10_000, maxDelayMs: 10_000 } });
    const c = { ...ctx(), signal: controller.signal };
    const pending = r.route(c);
    setTimeout(() => controller.abort(), 20);
    const started = performance.now();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(a.calls).toHaveLength(1);
  });
});

describe('fallback maps', () => {
  const targetsOf = (model: string): RouteTarget[] => {
    const [provider, name] = model.includes('/') ? model.split('/') : ['p', model];
    return [{ provider: provider!, model: name! }];
  };

  it('routing.fallbacks.models is tried after the model’s own targets', async () => {
    const p = new ScriptedProvider('p', ({ model }) => (model === 'gpt-4' ? fail(503) : `from ${model}`));
    const r = router(targetsOf, [p], { fallbacks: { models: { 'gpt-4': ['claude-3-opus'] } } });
    const c = ctx();
    c.request.model = 'gpt-4';
    const result = await r.route(c);
    expect(result.type === 'response' && result.response.content[0]).toMatchObject({ text: 'from claude-3-opus' });
    expect(c.route[1]?.reason).toMatch(/^fallback after overloaded 503: fallbacks.models "gpt-4" → "claude-3-opus"/);
    // enabled: false switches the map off
    const off = router(targetsOf, [p], { fallbacks: { enabled: false, models: { 'gpt-4': ['claude-3-opus'] } } });
    const c2 = ctx();
    c2.request.model = 'gpt-4';
    await expect(off.route(c2)).rejects.toMatchObject({ status: 503 });
  });

  it('a context-window error switches to fallbacks.context_window; a content-policy refusal to fallbacks.content_policy', async () => {
    const p = new ScriptedProvider('p', ({ model }) => {
      if (model === 'small') throw new TokligenceError('context_window', 'prompt is too long', { status: 400 });
      if (model === 'strict') throw new TokligenceError('content_policy', 'flagged', { status: 400 });
      return `from ${model}`;
    });
    const r = router(targetsOf, [p], {
      fallbacks: { contextWindow: { small: ['big'] }, contentPolicy: { strict: ['lenient'] }, models: { small: ['never-used'] } },
    });
    const c = ctx();
    c.request.model = 'small';
    await r.route(c);
    expect(c.route.map((x) => [x.model, x.outcome])).toEqual([
      ['small', 'error'],
      ['big', 'ok'],
    ]);
    expect(c.route[1]?.reason).toMatch(/fallback after context_window 400: fallbacks.context_window "small" → "big"/);
    const c2 = ctx();
    c2.request.model = 'strict';
    await r.route(c2);
    expect(c2.route.map((x) => x.model)).toEqual(['strict', 'lenient']);
    // No map entry: the error is the caller's answer, not retried.
    const c3 = ctx();
    c3.request.model = 'small';
    const bare = router(targetsOf, [p]);
    await expect(bare.route(c3)).rejects.toMatchObject({ kind: 'context_window' });
  });

  it('a fallback name that does not resolve is logged as skipped', async () => {
    const p = new ScriptedProvider('p', () => fail(503));
    const r = router(
      (m) => {
        if (m === 'ghost') throw new TokligenceError('not_found', 'model "ghost" matches no alias');
        return targetsOf(m);
      },
      [p],
      { fallbacks: { models: { main: ['ghost'] } } },
    );
    const c = ctx();
    c.request.model = 'main';
    await expect(r.route(c)).rejects.toMatchObject({ status: 503 });
    expect(c.route[1]).toMatchObject({ provider: '-', model: 'ghost', outcome: 'skipped', error: 'model "ghost" matches no alias' });
  });
});
