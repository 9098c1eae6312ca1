/**
 * Routing overhead per call, in-process: the router (strategy, circuit breaker, retry wrapper,
 * concurrency limiter, decision log) around the built-in mock provider, against calling the mock
 * directly with the same canonical request. Reports µs per call and the difference.
 * Run: npm run bench:routing
 */
import type { ChatRequest } from '../src/core/types.js';
import type { CallContext } from '../src/core/contracts/index.js';
import { MockProvider } from '../src/providers/mock.js';
import { Router, type RouterOptions } from '../src/routing/router.js';
import type { RouteTarget } from '../src/routing/types.js';

const request: ChatRequest = {
  model: 'smart',
  system: [{ type: 'text', text: 'You are terse.' }],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hello to the benchmark.' }] }],
  maxTokens: 256,
};
const targets: RouteTarget[] = [
  { provider: 'mock', model: 'gpt-4o-mini', weight: 3 },
  { provider: 'mock', model: 'claude-haiku-4-5', weight: 1 },
  { provider: 'mock', model: 'gemini-2.5-flash', weight: 1 },
];
const mock = new MockProvider();
const providers = new Map([['mock', mock]]);

function makeRouter(extra: Partial<RouterOptions>): Router {
  return new Router({ providers, resolve: () => targets, workMode: 'translate', ...extra });
}
const ctx = (): CallContext => ({ requestId: 'r', dialect: 'openai-chat', request, rewritten: false, route: [], startedAt: 0 });

async function time(label: string, n: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 2000; i++) await fn(); // warm up
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1000 / n);
  }
  console.log(`  ${label.padEnd(62)} ${best.toFixed(2).padStart(8)} µs/call`);
  return best;
}

const n = 20_000;
console.log(`routing overhead, best of 5 × ${n} calls, Node ${process.version}`);
const direct = await time('direct: mock.chat(request)', n, () => mock.chat(request, { model: 'gpt-4o-mini' }));
const rows: Array<[string, number]> = [];
for (const [label, options] of [
  ['router, priority (breaker on, no limiter)', {}],
  ['router, priority + max_concurrent_requests 64', { concurrency: { max: 64, maxQueue: 100, queueTimeoutMs: 30_000 } }],
  ['router, weighted', { routing: { strategy: 'weighted' } }],
  ['router, cheapest (model table + cost estimate)', { routing: { strategy: 'cheapest' } }],
  ['router, lowest-latency', { routing: { strategy: 'lowest-latency' } }],
  ['router, prefer_cheaper_for_simple_tasks (simple check + cheapest)', { routing: { preferCheaperForSimpleTasks: true } }],
] as Array<[string, Partial<RouterOptions>]>) {
  const router = makeRouter(options);
  rows.push([label, await time(label, n, () => router.route(ctx()))]);
}
console.log('\n  overhead over direct (µs/call):');
for (const [label, us] of rows) console.log(`  ${label.padEnd(62)} ${(us - direct).toFixed(2).padStart(8)}`);
