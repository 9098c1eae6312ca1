/** Strategies pick the first target: weighted (seeded random), cheapest (model table), lowest-latency, least-busy. */
import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../src/core/types.js';
import type { CallContext } from '../../src/core/contracts/index.js';
import { lookupModel } from '../../src/routing/model-table.js';
import { Router, type RouterOptions } from '../../src/routing/router.js';
import { checkSimpleTask } from '../../src/routing/simple-task.js';
import { estimateCost } from '../../src/routing/strategies.js';
import type { RouteTarget } from '../../src/routing/types.js';
import { ScriptedProvider, seeded } from './helpers.js';

const request = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'alias',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hello there' }] }],
  ...extra,
});

const ctx = (req: ChatRequest = request()): CallContext => ({
  requestId: 'r',
  dialect: 'openai-chat',
  request: req,
  rewritten: false,
  route: [],
  startedAt: 0,
});

function router(targets: RouteTarget[], providers: ScriptedProvider[], options: Partial<RouterOptions> = {}) {
  return new Router({
    providers: new Map(providers.map((p) => [p.name, p])),
    resolve: () => targets,
    workMode: 'translate',
    retry: { attempts: 0 },
    ...options,
  });
}

describe('weighted', () => {
  it('spreads first picks by weight (seeded random, 6000 calls)', async () => {
    const p = new ScriptedProvider('p');
    const r = router(
      [
        { provider: 'p', model: 'a', weight: 1 },
        { provider: 'p', model: 'b', weight: 2 },
        { provider: 'p', model: 'c', weight: 3 },
      ],
      [p],
      { routing: { strategy: 'weighted' }, random: seeded(42) },
    );
    for (let i = 0; i < 6000; i++) await r.route(ctx());
    const counts = { a: 0, b: 0, c: 0 } as Record<string, number>;
    for (const c of p.calls) counts[c.model]!++;
    expect(counts.a! / 6000).toBeCloseTo(1 / 6, 1);
    expect(counts.b! / 6000).toBeCloseTo(2 / 6, 1);
    expect(counts.c! / 6000).toBeCloseTo(3 / 6, 1);
    // Tight enough to fail if weights were ignored (uniform would give 2000 each).
    expect(counts.c).toBeGreaterThan(2700);
    expect(counts.a).toBeLessThan(1300);
  });

  it('the same seed gives the same order; the reason names the weight', async () => {
    const targets = [
      { provider: 'p', model: 'a', weight: 1 },
      { provider: 'p', model: 'b', weight: 9 },
    ];
    const picks = async (seed: number) => {
      const p = new ScriptedProvider('p');
      const r = router(targets, [p], { routing: { strategy: 'weighted' }, random: seeded(seed) });
      const c = ctx();
      for (let i = 0; i < 20; i++) await r.route(c);
      return { models: p.calls.map((x) => x.model).join(''), route: c.route };
    };
    const one = await picks(7);
    expect((await picks(7)).models).toBe(one.models);
    expect(one.route.find((x) => x.model === 'b')?.reason).toMatch(/weighted: weight 9 \(90%\)/);
    expect(one.route[0]?.strategy).toBe('weighted');
  });
});

describe('cheapest (shipped model table)', () => {
  it('the table knows well-known models, dated ids included', () => {
    expect(lookupModel('gpt-4o-mini')).toMatchObject({ input: 0.15, output: 0.6, maxOutput: 16_384 });
    expect(lookupModel('claude-sonnet-4-5-20250929')).toMatchObject({ input: 3, output: 15 });
    expect(lookupModel('openai/gpt-4.1-mini-2025-04-14')).toMatchObject({ input: 0.4 });
    expect(lookupModel('my-private-model')).toBeUndefined();
  });

  it('picks the cheapest target first, unknown prices last', async () => {
    const p = new ScriptedProvider('p');
    const targets = [
      { provider: 'p', model: 'claude-opus-4-1' },
      { provider: 'p', model: 'unknown-model' },
      { provider: 'p', model: 'gpt-4o-mini' },
      { provider: 'p', model: 'claude-haiku-4-5' },
    ];
    const c = ctx();
    await router(targets, [p], { routing: { strategy: 'cheapest' } }).route(c);
    expect(p.calls[0]?.model).toBe('gpt-4o-mini');
    expect(c.route[0]?.reason).toMatch(/^cheapest: est\. \$.* \(\$0\.15\/\$0\.6 per 1M in\/out\)/);
    const cost = (m: string) => estimateCost({ provider: 'p', model: m }, request())!;
    expect(cost('gpt-4o-mini')).toBeLessThan(cost('claude-haiku-4-5'));
    expect(cost('claude-haiku-4-5')).toBeLessThan(cost('claude-opus-4-1'));
  });

  it('a target’s own price wins over the table; cost_aware means cheapest when no strategy is set', async () => {
    const p = new ScriptedProvider('p');
    const targets = [
      { provider: 'p', model: 'gpt-4o-mini' },
      { provider: 'p', model: 'local-llama', price: { input: 0, output: 0 } },
    ];
    await router(targets, [p], { routing: { costAware: true } }).route(ctx());
    expect(p.calls[0]?.model).toBe('local-llama');
    const q = new ScriptedProvider('p');
    await router(targets, [q]).route(ctx());
    expect(q.calls[0]?.model).toBe('gpt-4o-mini'); // priority by default
  });
});

describe('prefer_cheaper_for_simple_tasks', () => {
  it('defines "simple": no tools, no media, no reasoning, short prompt, small max_tokens', () => {
    expect(checkSimpleTask(request())).toMatchObject({ simple: true });
    expect(checkSimpleTask(request({ tools: [{ kind: 'function', name: 't', inputSchema: { type: 'object' } }] as never }))).toEqual({ simple: false, why: 'tools offered' });
    expect(checkSimpleTask(request({ messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://x/y.png' } }] }] as never })).why).toBe('image input');
    expect(checkSimpleTask(request({ reasoning: { effort: 'high' } } as never)).why).toBe('reasoning requested');
    expect(checkSimpleTask(request({ maxTokens: 4000 })).why).toBe('max_tokens 4000 > 1024');
    const long = request({ messages: [{ role: 'user', content: [{ type: 'text', text: 'x'.repeat(8000) }] }] });
    expect(checkSimpleTask(long).why).toBe('~2000 prompt tokens > 1000');
    expect(checkSimpleTask(long, { maxInputTokens: 5000, maxOutputTokens: 1024 }).simple).toBe(true);
  });

  it('sends a simple request to the cheapest target and a tool request by priority', async () => {
    const p = new ScriptedProvider('p');
    const targets = [
      { provider: 'p', model: 'claude-sonnet-4-5' },
      { provider: 'p', model: 'claude-haiku-4-5' },
    ];
    const r = router(targets, [p], { routing: { preferCheaperForSimpleTasks: true } });
    const simple = ctx();
    await r.route(simple);
    expect(p.calls[0]?.model).toBe('claude-haiku-4-5');
    expect(simple.route[0]?.reason).toMatch(/simple task \(no tools, no media, ~\d+ prompt tokens\); cheapest/);
    await r.route(ctx(request({ tools: [{ kind: 'function', name: 't', inputSchema: { type: 'object' } }] as never })));
    expect(p.calls[1]?.model).toBe('claude-sonnet-4-5');
  });
});

describe('lowest-latency', () => {
  it('measures every target, then prefers the faster one (moving average)', async () => {
    const p = new ScriptedProvider('p', async ({ model }) => {
      await new Promise((r) => setTimeout(r, model === 'slow' ? 40 : 2));
      return model;
    });
    const r = router(
      [
        { provider: 'p', model: 'slow' },
        { provider: 'p', model: 'fast' },
      ],
      [p],
      { routing: { strategy: 'lowest-latency' } },
    );
    for (let i = 0; i < 8; i++) await r.route(ctx());
    const models = p.calls.map((c) => c.model);
    expect(models.slice(0, 2).sort()).toEqual(['fast', 'slow']); // one sample each first
    expect(models.slice(2)).toEqual(Array(6).fill('fast'));
    expect(r.stats.averageLatency('p/slow')).toBeGreaterThan(r.stats.averageLatency('p/fast')!);
  });

  it('for streams, the latency is the time to first content, not the whole stream', async () => {
    const p = new ScriptedProvider('p');
    const r = router([{ provider: 'p', model: 'x' }, { provider: 'p', model: 'y' }], [p], { routing: { strategy: 'lowest-latency' } });
    const c = ctx(request({ stream: true }));
    const result = await r.route(c);
    expect(result.type).toBe('stream');
    expect(r.stats.averageLatency('p/x')).toBeDefined();
  });
});

describe('least-busy', () => {
  it('sends a call to the target with fewer calls in flight', async () => {
    const gates: Array<() => void> = [];
    const p = new ScriptedProvider('p', ({ model }) =>
      model === 'one' && gates.length === 0 ? new Promise<string>((resolve) => gates.push(() => resolve('late'))) : model,
    );
    const r = router(
      [
        { provider: 'p', model: 'one' },
        { provider: 'p', model: 'two' },
      ],
      [p],
      { routing: { strategy: 'least-busy' } },
    );
    const pending = r.route(ctx()); // goes to "one" (tie → list order) and hangs
    await new Promise((res) => setTimeout(res, 5));
    expect(r.stats.inFlight('p/one')).toBe(1);
    const c = ctx();
    await r.route(c);
    expect(p.calls.map((x) => x.model)).toEqual(['one', 'two']);
    expect(c.route[0]?.reason).toBe('least-busy: 0 in flight for "alias"');
    gates[0]!();
    await pending;
    expect(r.stats.inFlight('p/one')).toBe(0);
  });
});

describe('max_tokens clamping', () => {
  it('clamps max_tokens to the target’s max output (table, or the target’s own max_tokens)', async () => {
    const p = new ScriptedProvider('p');
    const c = ctx(request({ maxTokens: 100_000 }));
    await router([{ provider: 'p', model: 'gpt-4o' }], [p]).route(c);
    expect(p.calls[0]?.request.maxTokens).toBe(16_384);
    expect(c.route[0]?.reason).toMatch(/max_tokens 100000 clamped to 16384/);
    const q = new ScriptedProvider('p');
    await router([{ provider: 'p', model: 'local', maxTokens: 2048 }], [q]).route(ctx(request({ maxTokens: 4096 })));
    expect(q.calls[0]?.request.maxTokens).toBe(2048);
    const s = new ScriptedProvider('p');
    await router([{ provider: 'p', model: 'gpt-4o' }], [s]).route(ctx(request({ maxTokens: 500 })));
    expect(s.calls[0]?.request.maxTokens).toBe(500);
  });
});
