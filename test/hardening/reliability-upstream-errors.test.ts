/**
 * Issue 7, items 7 and 8, over real HTTP through the gateway server (not just tk.call):
 *
 * 7. Status before headers: the server never commits a 200 before it knows the upstream's status.
 *    A 429 or 503 before the body is retried or failed over (the caller gets the fallback's 200),
 *    or, with no fallback, becomes a proper 429 / 503 (529 for Anthropic callers) error in the
 *    caller's dialect: never a 200 with an error inside. Stream and non-stream, pass-through and
 *    translated.
 * 8. In-band stream errors: for each upstream dialect's in-band error shape (Anthropic
 *    `event: error`, OpenAI chat `{"error":{…}}` data chunk, Responses `response.failed` and
 *    `error`) and every caller dialect that reaches it: an error after `message_start` /
 *    role chunk / `response.created` but before content falls back; after content, the caller
 *    gets the content, then one clean error event in its own dialect, and no fallback.
 *    (test/routing/fault-matrix.test.ts covers the OpenAI chat shape through tk.call only.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DialectName } from '../../src/core/types.js';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { type FakeReply, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';
import { IN_BAND_ERRORS, type UpstreamDialect, contentFrames, healthyReply, providerFor, startFrames, statusError } from './upstream-frames.js';

const CALLERS: DialectName[] = ['openai-chat', 'anthropic', 'responses'];
const PATH: Record<DialectName, string> = { 'openai-chat': '/v1/chat/completions', anthropic: '/v1/messages', responses: '/v1/responses', gemini: '' };

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((f) => f()));
});

const wantsStream = (body: unknown) => (body as { stream?: boolean } | undefined)?.stream === true;

/** Gateway over HTTP with target a (scripted) and, when `fallback`, a healthy target b. */
async function gateway(upstream: UpstreamDialect, a: (n: number, stream: boolean) => FakeReply, opts: { fallback: boolean; workMode?: 'auto' | 'translate' }) {
  const fa = await startFakeUpstream();
  const fb = await startFakeUpstream();
  let n = 0;
  fa.handler = (req) => a(++n, wantsStream(req.body));
  fb.handler = (req) => healthyReply(upstream, 'from b', wantsStream(req.body));
  const tk = new Tokligence({
    env: {},
    configFile: false,
    gateway: { workMode: opts.workMode ?? 'auto' },
    providers: { a: providerFor(upstream, fa.url), ...(opts.fallback ? { b: providerFor(upstream, fb.url) } : {}) },
    models: { smart: opts.fallback ? ['a/m1', 'b/m2'] : ['a/m1'] },
    retry: { attempts: 1, minDelayMs: 1, maxDelayMs: 5, maxRetryAfterS: 1 },
    routing: { cooldown: { enabled: false } },
  } as never);
  const server = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
  cleanup.push(async () => {
    await server.close(0);
    await fa.close();
    await fb.close();
  });
  return { url: server.url, a: fa, b: fb };
}

function body(caller: DialectName, stream: boolean, upstream?: UpstreamDialect): Record<string, unknown> {
  if (caller === 'anthropic') return { model: 'smart', max_tokens: 32, stream, messages: [{ role: 'user', content: 'hi' }] };
  // A Responses-only field keeps a translated Responses call on OpenAI's /v1/responses.
  if (caller === 'responses') return { model: 'smart', stream, input: 'hi', ...(upstream === 'responses' ? { store: false } : {}) };
  return { model: 'smart', stream, messages: [{ role: 'user', content: 'hi' }] };
}

interface Parsed {
  text: string;
  errors: Array<{ event?: string; data: Record<string, unknown> }>;
  /** Frames other than errors after the first error frame (should be none; `[DONE]` is not counted). */
  afterError: number;
}

/** Read a caller-dialect SSE body: its text and its error frames. */
function parseSse(caller: DialectName, raw: string): Parsed {
  let text = '';
  const errors: Parsed['errors'] = [];
  let afterError = 0;
  for (const block of raw.split('\n\n')) {
    if (!block.trim()) continue;
    const event = /^event: (.*)$/m.exec(block)?.[1];
    const dataText = block
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => l.slice(6))
      .join('\n');
    if (!dataText || dataText === '[DONE]' || event === 'ping') continue;
    const data = JSON.parse(dataText) as Record<string, unknown> & { error?: unknown; delta?: { text?: string } | string; choices?: Array<{ delta?: { content?: string } }> };
    if (event === 'error' || data.type === 'error' || data.type === 'response.failed' || (data.error && !data.object && !data.type)) {
      errors.push({ event, data });
      continue;
    }
    if (errors.length > 0) afterError++;
    if (caller === 'anthropic' && data.type === 'content_block_delta') text += (data.delta as { text?: string }).text ?? '';
    else if (caller === 'responses' && data.type === 'response.output_text.delta') text += data.delta as string;
    else if (caller === 'openai-chat') text += data.choices?.[0]?.delta?.content ?? '';
  }
  return { text, errors, afterError };
}

function textOf(caller: DialectName, json: Record<string, unknown>): string {
  if (caller === 'anthropic') return (json.content as Array<{ text?: string }>).map((c) => c.text ?? '').join('');
  if (caller === 'responses')
    return (json.output as Array<{ content?: Array<{ text?: string }> }>)
      .flatMap((o) => o.content ?? [])
      .map((c) => c.text ?? '')
      .join('');
  return (json.choices as Array<{ message: { content: string } }>)[0]?.message.content ?? '';
}

/** The caller's dialect error envelope, with its kind. */
function expectErrorEnvelope(caller: DialectName, data: Record<string, unknown>, kind: RegExp): void {
  if (caller === 'anthropic') {
    expect(data.type).toBe('error');
    expect((data.error as { type: string }).type).toMatch(kind);
    expect(typeof (data.error as { message: unknown }).message).toBe('string');
  } else if (caller === 'responses' && typeof data.type === 'string') {
    // A Responses stream's own error event: {type:'error', code, message}.
    expect(data.type).toBe('error');
    expect(typeof data.message).toBe('string');
  } else {
    expect(typeof (data.error as { message: unknown }).message).toBe('string');
    expect((data.error as { type: string }).type).toMatch(kind);
  }
}

/** Upstream dialects a caller's request can reach (a Responses upstream only serves Responses callers). */
const UPSTREAMS: UpstreamDialect[] = ['openai-chat', 'anthropic', 'responses'];
const reaches = (caller: DialectName, upstream: UpstreamDialect) => upstream !== 'responses' || caller === 'responses';

describe('item 7: status before headers — no 200 before the upstream status is known', () => {
  for (const upstream of UPSTREAMS)
    for (const caller of CALLERS.filter((c) => reaches(c, upstream)))
      for (const stream of [false, true])
        for (const status of [429, 503]) {
          const mode = `${caller} → ${upstream} upstream · ${stream ? 'stream' : 'json'} · ${status}`;

          it(`${mode}: with a fallback, the caller gets the fallback's 200`, async () => {
            const { url, a, b } = await gateway(upstream, () => statusError(upstream, status, { 'retry-after': '0' }), { fallback: true });
            const res = await fetch(`${url}${PATH[caller]}`, { method: 'POST', body: JSON.stringify(body(caller, stream, upstream)) });
            expect(res.status).toBe(200);
            const raw = await res.text();
            if (stream) {
              const parsed = parseSse(caller, raw);
              expect(parsed.errors).toEqual([]);
              expect(parsed.text).toBe('from b');
            } else expect(textOf(caller, JSON.parse(raw))).toBe('from b');
            expect(a.requests).toHaveLength(2); // tried and retried once
            expect(b.requests).toHaveLength(1);
            expect(res.headers.get('x-tokligence-route')).toMatch(new RegExp(`^a/m1;error;${status}, b/m2;ok$`));
          });

          it(`${mode}: with no fallback, a ${status} error in the caller's dialect, never a 200`, async () => {
            const { url, a } = await gateway(upstream, () => statusError(upstream, status, { 'retry-after': '0' }), { fallback: false });
            const res = await fetch(`${url}${PATH[caller]}`, { method: 'POST', body: JSON.stringify(body(caller, stream, upstream)) });
            const expected = status === 503 && caller === 'anthropic' ? 529 : status;
            expect(res.status).toBe(expected);
            expect(res.headers.get('content-type')).toContain('application/json');
            const err = await res.json();
            expectErrorEnvelope(caller, err, status === 429 ? /rate_limit|^requests$/ : /overloaded|server_error/);
            expect(a.requests).toHaveLength(2);
          });
        }
});

describe('item 8: in-band stream errors, per upstream shape and caller dialect', () => {
  for (const shape of IN_BAND_ERRORS)
    for (const caller of CALLERS.filter((c) => reaches(c, shape.upstream)))
      for (const workMode of caller === shape.upstream ? (['auto', 'translate'] as const) : (['auto'] as const)) {
        const mode = `${shape.upstream} ${shape.name} → ${caller} caller${caller === shape.upstream ? (workMode === 'auto' ? ' (pass-through)' : ' (translated)') : ''}`;

        it(`${mode}: before any content → falls back to the next target`, async () => {
          const { url, a, b } = await gateway(shape.upstream, () => ({ chunks: sseFrames([...startFrames(shape.upstream), ...shape.frames]) }), { fallback: true, workMode });
          const res = await fetch(`${url}${PATH[caller]}`, { method: 'POST', body: JSON.stringify(body(caller, true, shape.upstream)) });
          expect(res.status).toBe(200);
          const parsed = parseSse(caller, await res.text());
          expect(parsed.errors).toEqual([]);
          expect(parsed.text).toBe('from b');
          expect(a.requests.length).toBeGreaterThanOrEqual(1);
          expect(b.requests).toHaveLength(1);
          expect(a.requests[0]?.url).toBe(shape.upstream === 'anthropic' ? '/v1/messages' : shape.upstream === 'responses' ? '/v1/responses' : '/v1/chat/completions');
        });

        it(`${mode}: after content → the content, then one clean error event in the caller's dialect; no fallback`, async () => {
          const { url, a, b } = await gateway(
            shape.upstream,
            () => ({ chunks: sseFrames([...startFrames(shape.upstream), ...contentFrames(shape.upstream, 'partial'), ...shape.frames]) }),
            { fallback: true, workMode },
          );
          const res = await fetch(`${url}${PATH[caller]}`, { method: 'POST', body: JSON.stringify(body(caller, true, shape.upstream)) });
          expect(res.status).toBe(200);
          const raw = await res.text();
          const parsed = parseSse(caller, raw);
          expect(parsed.text).toBe('partial');
          expect(parsed.errors.length, raw).toBeGreaterThanOrEqual(1);
          // One failure, reported once (Responses may say it as response.failed, an error event or both).
          const failed = parsed.errors.filter((e) => e.data.type === 'response.failed');
          expect(parsed.errors.length - failed.length, raw).toBeLessThanOrEqual(1);
          expect(failed.length).toBeLessThanOrEqual(1);
          const last = parsed.errors[parsed.errors.length - 1] as { event?: string; data: Record<string, unknown> };
          if (caller === 'anthropic') expect(last.event).toBe('error');
          if (caller === 'openai-chat') expect(last.event).toBeUndefined();
          if (last.data.type === 'response.failed') {
            expect(last.event).toBe('response.failed');
            expect(last.data.response).toMatchObject({ status: 'failed', error: { message: expect.any(String) } });
          } else expectErrorEnvelope(caller, last.data, /overloaded|server_error|api_error/);
          expect(parsed.afterError).toBe(0);
          expect(a.requests).toHaveLength(1);
          expect(b.requests).toHaveLength(0);
        });
      }
});
