/**
 * What a facade caller can see besides the SDK object: `.withMeta()` on the returned promise and the
 * `onResult` option give the route, cache outcome, usage, cost, security report and request id,
 * for plain answers and streams, against a fake upstream over HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type CallMeta, Tokligence } from '../../src/index.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { anthropicReply } from '../helpers/anthropic-upstream.js';
import { anthropicValidationError, validateAnthropicRequest } from '../helpers/validators/anthropic.js';

const fakes: FakeUpstream[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

async function claude(extra: Record<string, unknown> = {}) {
  const fake = await startFakeUpstream({ validator: (b) => validateAnthropicRequest(b), validationError: anthropicValidationError, handler: anthropicReply('Hi there.') });
  fakes.push(fake);
  return { fake, tk: new Tokligence({ env: {}, providers: { anthropic: { type: 'anthropic', baseUrl: fake.url, apiKey: 'sk-ant' } }, ...extra }) };
}

// anthropicReply: 12 input, 4 output tokens; claude-sonnet-4-5 lists at $3 / $15 per million.
const SONNET_COST = (12 * 3 + 4 * 15) / 1_000_000;

describe('withMeta()', () => {
  it('a plain answer: the SDK object, and the route, usage, cost and request id', async () => {
    const { tk } = await claude();
    const { data, meta } = await tk.chat.completions
      .create({ model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi' }] }, { requestId: 'req_meta_1' })
      .withMeta();
    expect(data.choices[0]?.message.content).toBe('Hi there.');
    expect(meta.requestId).toBe('req_meta_1');
    expect(meta.provider).toBe('anthropic');
    expect(meta.model).toBe('claude-sonnet-4-5');
    expect(meta.route.map((a) => a.outcome)).toEqual(['ok']);
    expect(await meta.usage).toMatchObject({ inputTokens: 12, outputTokens: 4 });
    expect(await meta.cost).toBeCloseTo(SONNET_COST, 12);
    expect(meta.cache).toBeUndefined();
  });

  it('awaiting the promise itself still gives the plain SDK object', async () => {
    const { tk } = await claude();
    const message = await tk.messages.create({ model: 'anthropic/claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    expect(message.content[0]).toEqual({ type: 'text', text: 'Hi there.' });
    expect('meta' in message).toBe(false);
  });

  it('a stream: usage and cost settle once the stream has been read', async () => {
    const { tk } = await claude();
    const { data: stream, meta } = await tk.responses.create({ model: 'anthropic/claude-sonnet-4-5', input: 'hi', stream: true }).withMeta();
    let settled = false;
    void meta.usage.then(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    const types: string[] = [];
    for await (const ev of stream) types.push(ev.type);
    expect(types.at(-1)).toBe('response.completed');
    expect(await meta.usage).toMatchObject({ outputTokens: 4 });
    expect(await meta.cost).toBeCloseTo(SONNET_COST, 12);
  });

  it('tells a cache hit from a miss', async () => {
    const { tk, fake } = await claude({ cache: { enabled: true } });
    const ask = () => tk.chat.completions.create({ model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'same question' }] }).withMeta();
    const first = await ask();
    await tk.flushCache();
    const second = await ask();
    expect(first.meta.cache).toBe('miss');
    expect(second.meta.cache).toBe('hit');
    expect(second.data.choices[0]?.message.content).toBe('Hi there.');
    expect(fake.requests).toHaveLength(1);
  });

  it('carries the security report when guardrails are on', async () => {
    const { tk } = await claude({ security: { pii_detection: { enabled: true, auto_redact: true } } });
    const { meta } = await tk.chat.completions.create({ model: 'anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'mail me at jo@example.com' }] }).withMeta();
    expect(meta.security?.scanned).toContain('user_text');
  });

  it('a failed call rejects withMeta() too (and nothing is left unhandled)', async () => {
    const fake = await startFakeUpstream({ handler: () => ({ status: 400, json: { error: { message: 'bad thing', type: 'invalid_request_error' } } }) });
    fakes.push(fake);
    const tk = new Tokligence({ env: {}, providers: { openai: { type: 'openai', baseUrl: fake.url, apiKey: 'sk' } } });
    const call = tk.chat.completions.create({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
    await expect(call.withMeta()).rejects.toMatchObject({ status: 400 });
    await expect(call).rejects.toMatchObject({ status: 400 });
  });
});

describe('onResult', () => {
  it('is called once per call with the same metadata', async () => {
    const fake = await startFakeUpstream({ handler: chatCompletionReply('pong') });
    fakes.push(fake);
    const tk = new Tokligence({ env: {}, providers: { openai: { type: 'openai', baseUrl: fake.url, apiKey: 'sk' } } });
    const seen: CallMeta[] = [];
    const stream = await tk.chat.completions.create(
      { model: 'openai/gpt-4o', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'ping' }] },
      { onResult: (m) => seen.push(m) },
    );
    for await (const _ of stream) {
      // drain
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]?.provider).toBe('openai');
    expect(seen[0]?.route[0]?.reason).toContain('pass-through');
    expect(await seen[0]?.usage).toMatchObject({ inputTokens: 10, outputTokens: 3 });
  });
});
