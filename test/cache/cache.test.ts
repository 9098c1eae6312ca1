/** Response cache through the client and the server, against a fake OpenAI-compatible upstream over HTTP. */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';
import { openaiValidationError, validateOpenAIChatRequest } from '../helpers/validators/openai-chat.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function upstream(text = 'Sunny, 21 degrees.'): Promise<FakeUpstream> {
  const fake = await startFakeUpstream({ validator: validateOpenAIChatRequest, validationError: openaiValidationError, handler: chatCompletionReply(text) });
  cleanup.push(() => fake.close());
  return fake;
}

function gateway(fake: FakeUpstream, extra: Record<string, unknown> = {}) {
  const tk = new Tokligence({
    env: {},
    configFile: false,
    providers: { up: { type: 'openai-compatible', baseUrl: `${fake.url}/v1` } },
    cache: { enabled: true, type: 'memory' },
    ...extra,
  } as never);
  cleanup.push(() => tk.close());
  return tk;
}

async function serve(tk: Tokligence) {
  const server = createServer(tk, { logLevel: 'silent' });
  const listening = await server.listen(0, '127.0.0.1');
  cleanup.push(() => listening.close(0));
  return { url: listening.url, metrics: server.metrics };
}

const chatBody = { model: 'up/llama', messages: [{ role: 'user', content: 'Weather in Paris?' }], temperature: 0 };

describe('response cache: hits skip the upstream', () => {
  it('a repeated request is answered from the cache: one upstream request, same answer, cache metadata', async () => {
    const fake = await upstream();
    const tk = gateway(fake);
    const first = await tk.call('openai-chat', chatBody);
    const second = await tk.call('openai-chat', chatBody);
    expect(fake.requests).toHaveLength(1);
    expect(first.cache).toBe('miss');
    expect(second.cache).toBe('hit');
    expect(second.route).toEqual([expect.objectContaining({ provider: 'cache', outcome: 'ok' })]);
    const a = (first as { body: unknown }).body as { choices: Array<{ message: { content: string } }> };
    const b = (second as { body: unknown }).body as typeof a;
    expect(b.choices[0]?.message.content).toBe('Sunny, 21 degrees.');
    expect(b.choices[0]?.message.content).toBe(a.choices[0]?.message.content);
    expect(tk.cacheStats()).toMatchObject({ hits: 1, misses: 1 });
  });

  it('a hit never reaches the router: it answers even after the upstream is gone', async () => {
    const fake = await upstream();
    const tk = gateway(fake);
    await tk.chat.completions.create(chatBody as never);
    await fake.close();
    const again = await tk.chat.completions.create(chatBody as never);
    expect(again.choices[0]?.message.content).toBe('Sunny, 21 degrees.');
  });

  it('the key ignores `stream` but not temperature, tools or the messages', async () => {
    const fake = await upstream();
    const tk = gateway(fake);
    await tk.call('openai-chat', chatBody);
    expect((await tk.call('openai-chat', { ...chatBody, stream: true, stream_options: { include_usage: true } })).cache).toBe('hit');
    expect((await tk.call('openai-chat', { ...chatBody, temperature: 0.7 })).cache).toBe('miss');
    const tools = [{ type: 'function', function: { name: 'weather', parameters: { type: 'object', properties: {} } } }];
    expect((await tk.call('openai-chat', { ...chatBody, tools })).cache).toBe('miss');
    expect((await tk.call('openai-chat', { ...chatBody, messages: [{ role: 'user', content: 'Weather in Rome?' }] })).cache).toBe('miss');
    expect(fake.requests).toHaveLength(4);
    expect((await tk.call('openai-chat', { ...chatBody, temperature: 0.7 })).cache).toBe('hit');
  });

  it('an answer passed through raw (same dialect both sides) is cached and replays as a stream', async () => {
    const fake = await upstream();
    const tk = gateway(fake);
    const first = await tk.call('openai-chat', chatBody);
    expect(first.route[0]?.reason).toContain('pass-through');
    const stream = await tk.chat.completions.create({ ...chatBody, stream: true } as never);
    let text = '';
    let finish: string | null = null;
    for await (const chunk of stream as unknown as AsyncIterable<{ choices: Array<{ delta: { content?: string }; finish_reason: string | null }> }>) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toBe('Sunny, 21 degrees.');
    expect(finish).toBe('stop');
    expect(fake.requests).toHaveLength(1);
  });

  it('a streamed answer is stored as it passes, and replays as JSON', async () => {
    const fake = await upstream();
    const tk = gateway(fake);
    const stream = await tk.chat.completions.create({ ...chatBody, stream: true } as never);
    for await (const _ of stream as unknown as AsyncIterable<unknown>) void _;
    await tk.flushCache();
    const again = await tk.call('openai-chat', chatBody);
    expect(again.cache).toBe('hit');
    expect(((again as { body: unknown }).body as { choices: Array<{ message: { content: string } }> }).choices[0]?.message.content).toBe('Sunny, 21 degrees.');
    expect(fake.requests).toHaveLength(1);
  });
});

describe('response cache: a hit replays a valid stream in each caller dialect (official SDKs over HTTP)', () => {
  it('OpenAI chat, Anthropic messages and OpenAI responses', async () => {
    const fake = await upstream('Cached answer.');
    const { url } = await serve(gateway(fake));
    const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'x', maxRetries: 0 });
    const anthropic = new Anthropic({ baseURL: url, apiKey: 'x', maxRetries: 0 });

    // OpenAI chat: JSON first (miss), then a stream (hit).
    await openai.chat.completions.create({ model: 'up/llama', messages: [{ role: 'user', content: 'q1' }] });
    const { data: chunks, response } = await openai.chat.completions.create({ model: 'up/llama', messages: [{ role: 'user', content: 'q1' }], stream: true }).withResponse();
    expect(response.headers.get('x-tokligence-cache')).toBe('hit');
    let text = '';
    for await (const c of chunks) text += c.choices[0]?.delta.content ?? '';
    expect(text).toBe('Cached answer.');

    // Anthropic: the SDK's MessageStream checks the event order.
    await anthropic.messages.create({ model: 'up/llama', max_tokens: 50, messages: [{ role: 'user', content: 'q2' }] });
    const message = await anthropic.messages.stream({ model: 'up/llama', max_tokens: 50, messages: [{ role: 'user', content: 'q2' }] }).finalMessage();
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'Cached answer.' })]);
    expect(message.stop_reason).toBe('end_turn');

    // Responses.
    await openai.responses.create({ model: 'up/llama', input: 'q3' });
    const final = await openai.responses.stream({ model: 'up/llama', input: 'q3' }).finalResponse();
    expect(final.output_text).toBe('Cached answer.');
    expect(final.status).toBe('completed');

    expect(fake.requests).toHaveLength(3);
  });
});

describe('response cache: a streamed hit for an Anthropic caller', () => {
  it("starts with the stored input count in message_start, not a token count of its own", async () => {
    const fake = await upstream('Cached answer.');
    const { url } = await serve(gateway(fake));
    // Long enough that our o200k count (~400) cannot be mistaken for the upstream's 10.
    const body = { model: 'up/llama', max_tokens: 50, messages: [{ role: 'user', content: 'Tell me about the weather in Paris. '.repeat(50) }], stream: true };
    const post = async () => {
      const res = await fetch(`${url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body: JSON.stringify(body) });
      return { cache: res.headers.get('x-tokligence-cache'), text: await res.text() };
    };
    const inputAtStart = (sse: string) => JSON.parse(/event: message_start\ndata: (.*)\n/.exec(sse)?.[1] ?? 'null')?.message.usage.input_tokens;
    const miss = await post();
    expect(miss.cache).toBe('miss');
    // The miss is translated from an OpenAI stream, which has no count before its end: ours.
    expect(inputAtStart(miss.text)).toBeGreaterThan(300);
    const hit = await post();
    expect(hit.cache).toBe('hit');
    expect(hit.text).toContain('Cached answer.');
    expect(inputAtStart(hit.text)).toBe(10);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('response cache: per-request bypass', () => {
  it('x-tokligence-cache: no-store answers but stores nothing; no-cache does not read but stores', async () => {
    const fake = await upstream();
    const { url } = await serve(gateway(fake));
    const post = (headers: Record<string, string> = {}) =>
      fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(chatBody) });
    expect((await post({ 'x-tokligence-cache': 'no-store' })).headers.get('x-tokligence-cache')).toBe('miss');
    expect((await post()).headers.get('x-tokligence-cache')).toBe('miss'); // nothing was stored
    expect(fake.requests).toHaveLength(2);
    const hit = await post();
    expect(hit.headers.get('x-tokligence-cache')).toBe('hit');
    expect((await hit.json()).choices[0].message.content).toBe('Sunny, 21 degrees.');
    expect(fake.requests).toHaveLength(2);
    const noCache = await post({ 'x-tokligence-cache': 'no-cache' });
    expect(noCache.headers.get('x-tokligence-cache')).toBe('bypass');
    expect(fake.requests).toHaveLength(3);
    expect((await post({ 'x-tokligence-cache': 'no-store' })).headers.get('x-tokligence-cache')).toBe('hit');
    expect(fake.requests).toHaveLength(3);
  });

  it('`cache: false` in RequestOptions neither reads nor writes', async () => {
    const fake = await upstream();
    const tk = gateway(fake);
    await tk.chat.completions.create(chatBody as never);
    const r = await tk.call('openai-chat', chatBody, { cache: false });
    expect(r.cache).toBe('bypass');
    expect(fake.requests).toHaveLength(2);
    await tk.chat.completions.create({ ...chatBody, temperature: 1 } as never, { cache: false });
    expect((await tk.call('openai-chat', { ...chatBody, temperature: 1 })).cache).toBe('miss');
  });

  it('metrics count hits, misses and bypasses', async () => {
    const fake = await upstream();
    const { url } = await serve(gateway(fake));
    const post = (headers: Record<string, string> = {}) =>
      fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(chatBody) });
    await post();
    await post();
    await post();
    await post({ 'x-tokligence-cache': 'no-cache, no-store' });
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toContain('tokligence_cache_requests_total{result="miss"} 1');
    expect(text).toContain('tokligence_cache_requests_total{result="hit"} 2');
    expect(text).toContain('tokligence_cache_requests_total{result="bypass"} 1');
  });
});

describe('response cache: only complete successful answers are stored', () => {
  it('an upstream error is not stored', async () => {
    const fake = await upstream();
    fake.replies.push({ status: 400, json: { error: { message: 'bad', type: 'invalid_request_error' } } });
    const tk = gateway(fake);
    await expect(tk.chat.completions.create(chatBody as never)).rejects.toThrow();
    expect((await tk.call('openai-chat', chatBody)).cache).toBe('miss');
    expect(fake.requests).toHaveLength(2);
  });

  it('a stream cut off before its finish is not stored', async () => {
    const fake = await upstream();
    const chunk = (delta: unknown) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'llama', choices: [{ index: 0, delta, finish_reason: null }] });
    fake.replies.push({ chunks: sseFrames([{ data: chunk({ role: 'assistant', content: '' }) }, { data: chunk({ content: 'Sun' }) }]) });
    const tk = gateway(fake, { gateway: { workMode: 'translate' } });
    const result = await tk.call('openai-chat', { ...chatBody, stream: true });
    if (result.type !== 'stream') throw new Error('expected a stream');
    for await (const _ of result.events) void _;
    await tk.flushCache();
    expect((await tk.call('openai-chat', chatBody)).cache).toBe('miss');
    expect(fake.requests).toHaveLength(2);
  });

  it('a stream with an error event mid-way is not stored', async () => {
    const fake = await upstream();
    const chunk = (delta: unknown) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'llama', choices: [{ index: 0, delta, finish_reason: null }] });
    fake.replies.push({
      chunks: sseFrames([{ data: chunk({ role: 'assistant', content: '' }) }, { data: chunk({ content: 'Sun' }) }, { data: { error: { message: 'upstream broke', type: 'server_error' } } }]),
    });
    const tk = gateway(fake, { gateway: { workMode: 'translate' } });
    const result = await tk.call('openai-chat', { ...chatBody, stream: true });
    if (result.type !== 'stream') throw new Error('expected a stream');
    for await (const _ of result.events) void _;
    await tk.flushCache();
    expect((await tk.call('openai-chat', chatBody)).cache).toBe('miss');
  });

  it('a content-filtered answer is not stored', async () => {
    const fake = await startFakeUpstream({ handler: chatCompletionReply('', 'content_filter') });
    cleanup.push(() => fake.close());
    const tk = gateway(fake);
    await tk.call('openai-chat', chatBody);
    expect((await tk.call('openai-chat', chatBody)).cache).toBe('miss');
  });
});

describe('response cache: TTL and tenants', () => {
  it('an entry expires after `ttl` seconds', async () => {
    const fake = await upstream();
    const tk = gateway(fake, { cache: { enabled: true, type: 'memory', ttl: 0.05 } });
    await tk.call('openai-chat', chatBody);
    expect((await tk.call('openai-chat', chatBody)).cache).toBe('hit');
    await new Promise((r) => setTimeout(r, 80));
    expect((await tk.call('openai-chat', chatBody)).cache).toBe('miss');
    expect(fake.requests).toHaveLength(2);
  });

  it('answers are kept per API key: one user never gets another user’s cached answer', async () => {
    const fake = await upstream();
    const tk = gateway(fake, {
      gateway: { auth: { enabled: true, keys: [{ name: 'alice', key: 'tk-a' }, { name: 'bob', key: 'tk-b' }] } },
    });
    const { url } = await serve(tk);
    const post = (key: string) =>
      fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: JSON.stringify(chatBody) });
    expect((await post('tk-a')).headers.get('x-tokligence-cache')).toBe('miss');
    expect((await post('tk-b')).headers.get('x-tokligence-cache')).toBe('miss');
    expect((await post('tk-a')).headers.get('x-tokligence-cache')).toBe('hit');
    expect(fake.requests).toHaveLength(2);
  });
});
