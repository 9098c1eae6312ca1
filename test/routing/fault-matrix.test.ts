/**
 * The fault matrix: every fault × caller dialect × stream/non-stream, over HTTP against the fake
 * upstream. Target "a" misbehaves, target "b" is healthy. Each case is bounded in time and checks
 * the outcome (retry on a, fallback to b), the text the caller got and the decision log.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DialectName } from '../../src/core/types.js';
import { Tokligence } from '../../src/index.js';
import { type FakeReply, type FakeUpstream, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';
import { DIALECTS, bodyFor, collectWire, contentThenCutFrames, okReply, roleOnlyFrames, textOfJson, wantsStream } from './helpers.js';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

const fakes: FakeUpstream[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
  // Let any stray rejection surface before checking.
  await new Promise((r) => setTimeout(r, 5));
  expect(unhandled).toEqual([]);
});

/** What a fault does on target a's n-th request. */
type Fault = (n: number, stream: boolean) => FakeReply;

interface FaultCase {
  name: string;
  fault: Fault;
  /** `retry`: a succeeds on its second try. `fallback`: a keeps failing, b answers. */
  expect: 'retry' | 'fallback';
  /** The error kind a's failure is recorded as (per mode when they differ). */
  kind: string | { stream: string; json: string };
  status?: number;
}

const errorJson = (status: number, message: string, type = 'server_error', headers: Record<string, string> = {}): FakeReply => ({
  status,
  headers,
  json: { error: { message, type } },
});

const FAULTS: FaultCase[] = [
  {
    name: '429 + Retry-After',
    fault: (n, s) => (n === 1 ? errorJson(429, 'slow down', 'rate_limit_error', { 'retry-after-ms': '60' }) : okReply('from a', s)),
    expect: 'retry',
    kind: 'rate_limit',
    status: 429,
  },
  { name: '503', fault: () => errorJson(503, 'unavailable'), expect: 'fallback', kind: 'overloaded', status: 503 },
  {
    name: '529 overloaded',
    fault: (n, s) => (n === 1 ? errorJson(529, 'Overloaded', 'overloaded_error') : okReply('from a', s)),
    expect: 'retry',
    kind: 'overloaded',
    status: 529,
  },
  { name: 'connection reset', fault: () => ({ reset: true }), expect: 'fallback', kind: 'connection' },
  {
    name: 'malformed JSON',
    fault: () => ({ status: 200, headers: { 'content-type': 'application/json' }, chunks: ['{"id": "chatcmpl-1", "choices": [tru'] }),
    expect: 'fallback',
    kind: 'api_error',
    status: 502,
  },
  {
    name: 'truncated SSE (no content, no finish)',
    // Non-stream: the JSON body is cut short instead.
    fault: (_n, s) => (s ? { chunks: roleOnlyFrames() } : { headers: { 'content-type': 'application/json' }, chunks: ['{"id":"chatcmpl-1","object":"chat.comp'] }),
    expect: 'fallback',
    kind: { stream: 'connection', json: 'api_error' },
  },
  {
    name: 'in-band error before content',
    // Stream: an error event after the role chunk; non-stream: 200 with an error object.
    fault: (n, s) =>
      n > 1
        ? okReply('from a', s)
        : s
          ? { chunks: [...roleOnlyFrames(), ...sseFrames([{ data: { error: { message: 'overloaded', type: 'server_error', code: 'overloaded' } } }])] }
          : { json: { error: { message: 'upstream hiccup', type: 'server_error' } } },
    expect: 'retry',
    kind: 'any',
  },
  { name: 'slow first byte', fault: () => ({ delayMs: 1500, ...errorJson(200, 'never seen') }), expect: 'fallback', kind: 'timeout' },
];

async function setup(fault: Fault) {
  const a = await startFakeUpstream();
  const b = await startFakeUpstream();
  fakes.push(a, b);
  let n = 0;
  a.handler = (req) => fault(++n, wantsStream(req.body));
  b.handler = (req) => okReply('from b', wantsStream(req.body));
  const tk = new Tokligence({
    env: {},
    configFile: false,
    gateway: { firstByteTimeout: 0.25 },
    providers: {
      a: { type: 'openai-compatible', baseUrl: `${a.url}/v1`, timeout: 0.25 },
      b: { type: 'openai-compatible', baseUrl: `${b.url}/v1` },
    },
    models: { smart: ['a/m1', 'b/m2'] },
    retry: { attempts: 1, minDelayMs: 1, maxDelayMs: 5 },
  } as never);
  return { a, b, tk };
}

async function run(tk: Tokligence, dialect: DialectName, stream: boolean) {
  const result = await tk.call(dialect, bodyFor(dialect, 'smart', stream));
  if (result.type === 'json') return { result, text: textOfJson(dialect, result.body), error: undefined };
  const { text, error } = await collectWire(dialect, result.events);
  return { result, text, error };
}

describe('fault matrix: fault × caller dialect × stream/non-stream', () => {
  for (const f of FAULTS)
    for (const dialect of DIALECTS)
      for (const stream of [false, true])
        it(`${f.name} · ${dialect} · ${stream ? 'stream' : 'non-stream'} → ${f.expect}`, { timeout: 5000 }, async () => {
          const { a, b, tk } = await setup(f.fault);
          const started = performance.now();
          const { result, text, error } = await run(tk, dialect, stream);
          const ms = performance.now() - started;
          expect(ms).toBeLessThan(2500);
          expect(error).toBeUndefined();
          const [first, second] = result.route;
          const kind = typeof f.kind === 'string' ? f.kind : stream ? f.kind.stream : f.kind.json;
          if (f.expect === 'retry') {
            expect(text).toBe('from a');
            expect(result.route).toHaveLength(1);
            expect(first).toMatchObject({ provider: 'a', model: 'm1', outcome: 'ok', retries: 1 });
            if (kind !== 'any') expect(first?.lastRetryError).toBe(`${kind}${f.status ? ` ${f.status}` : ''}`);
            expect(a.requests).toHaveLength(2);
            expect(b.requests).toHaveLength(0);
            if (f.name.startsWith('429')) {
              // Retry-After (60 ms) was honoured instead of the 1–5 ms backoff.
              expect(first?.retryDelaysMs).toEqual([60]);
              expect(ms).toBeGreaterThanOrEqual(55);
            }
          } else {
            expect(text).toBe('from b');
            expect(result.route).toHaveLength(2);
            expect(first).toMatchObject({ provider: 'a', model: 'm1', outcome: 'error', retries: 1, kind });
            if (f.status) expect(first?.status).toBe(f.status);
            expect(second).toMatchObject({ provider: 'b', model: 'm2', outcome: 'ok', retries: 0 });
            expect(second?.reason).toMatch(new RegExp(`^fallback after ${kind}`));
            expect(a.requests).toHaveLength(2);
            expect(b.requests).toHaveLength(1);
          }
          // Every entry says why it was picked.
          for (const r of result.route) expect(r.reason).toMatch(/priority #\d of 2/);
        });
});

describe('when every target fails, or content already reached the caller', () => {
  for (const dialect of DIALECTS)
    for (const stream of [false, true])
      it(`both targets 503 · ${dialect} · ${stream ? 'stream' : 'non-stream'} → a clean overloaded error in the caller's dialect`, { timeout: 5000 }, async () => {
        const { a, b, tk } = await setup(() => errorJson(503, 'unavailable'));
        b.handler = () => errorJson(503, 'also unavailable');
        const routes: unknown[] = [];
        const err = await tk.call(dialect, bodyFor(dialect, 'smart', stream), { onRoute: (r) => routes.push(r) }).catch((e) => e);
        expect(err).toMatchObject({ kind: 'overloaded', status: 503 });
        const { codecFor } = await import('../../src/dialects/index.js');
        const encoded = codecFor(dialect).encodeError(err);
        expect(encoded.status).toBe(dialect === 'anthropic' ? 529 : 503);
        expect(JSON.stringify(encoded.body)).toContain('also unavailable');
        expect(a.requests.length + b.requests.length).toBe(4);
        // The decision log reaches the caller even on failure.
        expect(routes).toHaveLength(1);
        expect((routes[0] as Array<{ outcome: string }>).map((r) => r.outcome)).toEqual(['error', 'error']);
      });

  for (const dialect of DIALECTS)
    it(`stream cut after content · ${dialect} → the content, then an error frame; no fallback`, { timeout: 5000 }, async () => {
      const { a, b, tk } = await setup(() => ({ chunks: contentThenCutFrames('partial') }));
      // Translated (not passed through) so the caller's own encoder writes the error frame.
      const result = await tk.call(dialect, bodyFor(dialect, 'smart', true), {});
      expect(result.type).toBe('stream');
      if (result.type !== 'stream') return;
      const { text, error } = await collectWire(dialect, result.events);
      expect(text).toBe('partial');
      expect(error).toBeDefined();
      expect(JSON.stringify(error)).toMatch(/ended before finish/);
      expect(a.requests).toHaveLength(1);
      expect(b.requests).toHaveLength(0);
      expect(result.route).toEqual([expect.objectContaining({ provider: 'a', outcome: 'ok' })]);
    });
});
