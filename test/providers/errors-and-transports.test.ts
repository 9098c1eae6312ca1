/** Upstream failures through each real transport become the right TokligenceError. */
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence, TokligenceError } from '../../src/index.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';

let fake: FakeUpstream | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const client = (type: 'anthropic' | 'openai' | 'openai-compatible' | 'google', baseUrl: string, timeout?: number, transport: 'http' | 'fetch' | 'sdk' = 'http') =>
  new Tokligence({
    env: {},
    configFile: false,
    retry: { attempts: 0 },
    providers: { up: { type, baseUrl, apiKey: 'k', transport, ...(timeout ? { timeout } : {}) } },
  } as never);

const ask = (tk: Tokligence, model = 'up/m') => tk.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });

async function failure(p: Promise<unknown>): Promise<TokligenceError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(TokligenceError);
    return err as TokligenceError;
  }
  throw new Error('expected a failure');
}

describe('upstream errors through each transport', () => {
  it.each(['http', 'fetch', 'sdk'] as const)('Anthropic (%s transport): 529 overloaded_error → overloaded, 429 → rate_limit with Retry-After', async (transport) => {
    fake = await startFakeUpstream();
    fake.replies.push({ status: 529, json: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
    fake.replies.push({ status: 429, headers: { 'retry-after': '7' }, json: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } } });
    const tk = client('anthropic', fake.url, undefined, transport);
    const a = await failure(ask(tk));
    expect(a).toMatchObject({ kind: 'overloaded', status: 529, provider: 'up' });
    expect(a.retryable).toBe(true);
    const b = await failure(ask(tk));
    expect(b).toMatchObject({ kind: 'rate_limit', status: 429, retryAfter: 7 });
    expect(fake.requests.length).toBe(2); // no hidden retries in the transport
    expect(fake.requests[0]?.url).toBe('/v1/messages');
  });

  it.each(['http', 'fetch', 'sdk'] as const)('OpenAI (%s transport): 400 context_length_exceeded → context_window, not retryable', async (transport) => {
    fake = await startFakeUpstream();
    fake.replies.push({ status: 400, json: { error: { message: "This model's maximum context length is 128000 tokens", type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' } } });
    const err = await failure(ask(client('openai', `${fake.url}/v1`, undefined, transport)));
    expect(err).toMatchObject({ kind: 'context_window', status: 400 });
    expect(err.retryable).toBe(false);
    expect(fake.requests[0]?.url).toBe('/v1/chat/completions');
  });

  it.each(['http', 'fetch'] as const)('OpenAI-compatible (%s): 503 → overloaded; invalid JSON body → 502 api_error', async (transport) => {
    fake = await startFakeUpstream();
    fake.replies.push({ status: 503, json: { error: { message: 'busy' } } });
    fake.replies.push({ status: 200, headers: { 'content-type': 'application/json' }, chunks: ['{"id": "x", oops'] });
    const tk = client('openai-compatible', `${fake.url}/v1`, undefined, transport);
    expect(await failure(ask(tk))).toMatchObject({ kind: 'overloaded', status: 503 });
    expect(await failure(ask(tk))).toMatchObject({ kind: 'api_error', status: 502 });
  });

  it('Gemini (http): RESOURCE_EXHAUSTED → rate_limit, and the model and key go where Gemini wants them', async () => {
    fake = await startFakeUpstream();
    fake.replies.push({ status: 429, json: { error: { code: 429, message: 'quota', status: 'RESOURCE_EXHAUSTED' } } });
    const err = await failure(ask(client('google', fake.url), 'up/gemini-2.5-flash'));
    expect(err).toMatchObject({ kind: 'rate_limit', status: 429 });
    expect(fake.requests[0]?.url).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(fake.requests[0]?.headers['x-goog-api-key']).toBe('k');
  });

  it('a refused connection → connection error; no answer in time → timeout', async () => {
    fake = await startFakeUpstream();
    const url = fake.url;
    await fake.close();
    fake = undefined;
    expect(await failure(ask(client('openai-compatible', `${url}/v1`)))).toMatchObject({ kind: 'connection' });
    expect(await failure(ask(client('openai-compatible', `${url}/v1`, undefined, 'fetch')))).toMatchObject({ kind: 'connection' });
    expect(await failure(ask(client('anthropic', url)))).toMatchObject({ kind: 'connection' });
    expect(await failure(ask(client('anthropic', url, undefined, 'sdk')))).toMatchObject({ kind: 'connection' });

    fake = await startFakeUpstream();
    fake.replies.push({ delayMs: 2000, json: {} });
    fake.replies.push({ delayMs: 2000, json: {} });
    const slow = await failure(ask(client('openai-compatible', `${fake.url}/v1`, 0.3)));
    expect(slow).toMatchObject({ kind: 'timeout' });
    expect(await failure(ask(client('openai-compatible', `${fake.url}/v1`, 0.3, 'fetch')))).toMatchObject({ kind: 'timeout' });
  });

  it('fetch transport: a stream that keeps talking outlives the timeout; a silence longer than it times out', async () => {
    fake = await startFakeUpstream();
    const frame = (content: string) => `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
    fake.replies.push({ chunkDelayMs: 150, chunks: [...Array.from({ length: 6 }, (_, i) => frame(`t${i}`)), 'data: [DONE]\n\n'] });
    fake.replies.push({ chunkDelayMs: 1200, chunks: [frame('a'), frame('b'), 'data: [DONE]\n\n'] });
    const tk = client('openai-compatible', `${fake.url}/v1`, 0.5, 'fetch');
    let text = '';
    for await (const c of await tk.chat.completions.create({ model: 'up/m', stream: true, messages: [{ role: 'user', content: 'hi' }] })) text += c.choices[0]?.delta.content ?? '';
    expect(text).toBe('t0t1t2t3t4t5');
    const drained = async () => {
      for await (const _ of await tk.chat.completions.create({ model: 'up/m', stream: true, messages: [{ role: 'user', content: 'hi' }] }));
    };
    await expect(drained()).rejects.toMatchObject({ kind: 'timeout' });
  });

  it.each(['http', 'fetch'] as const)('an AbortSignal cancels the upstream call (%s)', async (transport) => {
    fake = await startFakeUpstream();
    fake.replies.push({ delayMs: 3000, json: {} });
    const tk = client('anthropic', fake.url, undefined, transport);
    const controller = new AbortController();
    const pending = tk.chat.completions.create({ model: 'up/m', messages: [{ role: 'user', content: 'hi' }] }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(pending).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
