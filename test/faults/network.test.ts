/**
 * Issue 22, item 3, the network under the upstream: an upstream that resets the connection (TCP
 * RST) before answering or in the middle of a stream, and one whose process is frozen (SIGSTOP:
 * connections are accepted and held, nothing answers) before answering, mid-stream, and under
 * load. Each call ends in the caller's own dialect (an HTTP error before the first byte, the
 * dialect's error event after it, as a valid stream) within the configured deadlines
 * (`gateway.request_timeout` 2 s here, 1 retry); none hangs. The half-open store and Redis
 * (their processes frozen the same way) are in store-outage and redis-outage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEvents } from '../../src/core/sse.js';
import type { DialectName } from '../../src/core/types.js';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { sleep, startLoad } from '../helpers/load.js';
import { startUpstreamProcess, type UpstreamProcess } from '../helpers/upstream-process.js';
import { readAnswer, streamProblems } from '../helpers/validators/streams.js';

const TIMEOUT_S = 2;
let upstream: UpstreamProcess;
let tk: Tokligence;
let gateway: { url: string; close(ms?: number): Promise<void> };

beforeAll(async () => {
  upstream = await startUpstreamProcess();
  tk = new Tokligence({
    env: {},
    // openai-compatible: a Responses caller is translated too (the upstream speaks chat completions only).
    providers: { openai: { type: 'openai-compatible', baseUrl: `${upstream.url}/v1`, apiKey: 'sk-test' } },
    models: { fast: 'openai/gpt-4o' },
    gateway: { requestTimeout: TIMEOUT_S },
    retry: { attempts: 1, minDelayMs: 50, maxDelayMs: 100 },
    // Each case on its own: the target's circuit breaker would otherwise skip it after the first failures.
    routing: { cooldown: { enabled: false } },
  } as never);
  gateway = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
}, 30_000);

afterAll(async () => {
  upstream?.resume();
  await gateway?.close(0);
  await tk?.close();
  await upstream?.close();
});

/** One call in `dialect` saying `text`; streamed or not. */
function call(dialect: DialectName, text: string, stream: boolean): Promise<Response> {
  const signal = AbortSignal.timeout(30_000);
  const json = { 'content-type': 'application/json' };
  if (dialect === 'openai-chat')
    return fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: json, signal, body: JSON.stringify({ model: 'fast', stream, messages: [{ role: 'user', content: text }] }) });
  if (dialect === 'anthropic')
    return fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { ...json, 'anthropic-version': '2023-06-01' },
      signal,
      body: JSON.stringify({ model: 'fast', max_tokens: 50, stream, messages: [{ role: 'user', content: text }] }),
    });
  if (dialect === 'responses') return fetch(`${gateway.url}/v1/responses`, { method: 'POST', headers: json, signal, body: JSON.stringify({ model: 'fast', stream, input: text }) });
  return fetch(`${gateway.url}/v1beta/models/fast:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`, {
    method: 'POST',
    headers: json,
    signal,
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text }] }] }),
  });
}

/** The error body's shape in each dialect: its type/status field. */
function errorType(dialect: DialectName, body: unknown): string | undefined {
  const b = body as { type?: string; error?: { type?: string; status?: string; message?: string } };
  if (dialect === 'anthropic') return b.type === 'error' ? b.error?.type : undefined;
  if (dialect === 'gemini') return b.error?.status;
  return b.error?.type;
}

/** Read a streamed answer; `onFirst` runs once the first bytes are in. Returns its events. */
async function readStream(res: Response, onFirst?: () => void) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  let first = true;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (first && text.includes('\n\n')) {
      first = false;
      onFirst?.();
    }
  }
  return parseEvents(text).map((e) => {
    let data: unknown = e.data;
    try {
      data = JSON.parse(e.data);
    } catch {
      // [DONE]
    }
    return { event: e.event, data };
  });
}

const DIALECTS: DialectName[] = ['openai-chat', 'anthropic', 'responses', 'gemini'];
/** Two tries of request_timeout each, the backoff, and room for a loaded machine. */
const BOUND_MS = 2 * TIMEOUT_S * 1000 + 4000;

describe('an upstream that resets the connection', () => {
  it.each(DIALECTS)('%s caller, reset before the answer: an error in its dialect, fast', async (dialect) => {
    const t0 = performance.now();
    const res = await call(dialect, 'reset-before', false);
    const body = await res.json();
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(errorType(dialect, body)).toBeTruthy();
    expect(performance.now() - t0).toBeLessThan(BOUND_MS);
  });

  it.each(DIALECTS)('%s caller, reset mid-stream: the stream ends with its dialect error event, as a valid stream', async (dialect) => {
    const t0 = performance.now();
    const res = await call(dialect, 'reset-mid', true);
    expect(res.status).toBe(200);
    const events = await readStream(res);
    expect(performance.now() - t0).toBeLessThan(BOUND_MS);
    const answer = readAnswer(dialect, events);
    expect(answer.text).toBe('Hel');
    expect(answer.error).toBeTruthy();
    expect(streamProblems(dialect, events)).toEqual([]);
  });
});

describe('an upstream whose process is frozen (SIGSTOP)', () => {
  it.each(['openai-chat', 'anthropic'] as DialectName[])('%s caller, frozen before the answer: a timeout error in its dialect within the deadlines', async (dialect) => {
    upstream.pause();
    try {
      const t0 = performance.now();
      const res = await call(dialect, 'hi', false);
      const body = await res.json();
      const took = performance.now() - t0;
      expect(res.status).toBeGreaterThanOrEqual(500);
      expect(errorType(dialect, body)).toBeTruthy();
      expect(JSON.stringify(body)).toMatch(/no answer within 2s|timed? ?out/i);
      // Both tries waited for their timeout: not less, and not much more.
      expect(took).toBeGreaterThanOrEqual(2 * TIMEOUT_S * 1000 - 100);
      expect(took).toBeLessThan(BOUND_MS);
    } finally {
      upstream.resume();
    }
  });

  it.each(DIALECTS)('%s caller, frozen mid-stream: the stream ends with its dialect error event within request_timeout of silence', async (dialect) => {
    const res = await call(dialect, 'hi', true);
    expect(res.status).toBe(200);
    let pausedAt = 0;
    try {
      const events = await readStream(res, () => {
        upstream.pause();
        pausedAt = performance.now();
      });
      const took = performance.now() - pausedAt;
      expect(pausedAt).toBeGreaterThan(0);
      expect(took).toBeGreaterThanOrEqual(TIMEOUT_S * 1000 - 100);
      expect(took).toBeLessThan(TIMEOUT_S * 1000 + 4000);
      expect(readAnswer(dialect, events).error).toBeTruthy();
      expect(streamProblems(dialect, events)).toEqual([]);
    } finally {
      upstream.resume();
    }
  });

  it('under load, frozen 3 s then thawed: no call hangs, calls are answered again after', { timeout: 60_000 }, async () => {
    const load = startLoad({ url: gateway.url, key: 'none', workers: 4, deadlineMs: 15_000 });
    await sleep(500);
    upstream.pause();
    await sleep(3000);
    upstream.resume();
    const before = load.report.answered.length;
    const deadline = Date.now() + 20_000;
    while (load.report.answered.length < before + 10 && Date.now() < deadline) await sleep(100);
    const report = await load.stop();
    expect(report.hung).toBe(0);
    expect(report.failed).toBe(0);
    expect(report.answered.length).toBeGreaterThanOrEqual(before + 10);
    // What the freeze cost: timeouts and the errors of streams it cut, as HTTP errors (5xx) only.
    expect([...report.refused.keys()].every((s) => s >= 500)).toBe(true);
    expect(report.slowestMs).toBeLessThan(BOUND_MS);
  });
});
