/**
 * Issue 20 item 4, through the server: a translated Anthropic stream's `message_start` carries the
 * best input count there is (the upstream's when its first event has it, as Gemini's does; else our
 * tokenizer's count, as count_tokens gives, not the ~4-chars-a-token estimate); translated answers
 * get their dialect's own id prefix (`msg_…`, not the upstream's `chatcmpl-…`); translated
 * Responses answers echo the request's instructions, tools and store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { anthropicCodec } from '../../src/dialects/index.js';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { estimateRequestTokens } from '../../src/tokens/estimate.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function gateway(type: 'openai-compatible' | 'google', options: Parameters<typeof startFakeUpstream>[0] & {}) {
  const fake = await startFakeUpstream(options);
  const tk = new Tokligence({
    env: {},
    configFile: false,
    providers: { up: { type, baseUrl: type === 'google' ? fake.url : `${fake.url}/v1`, apiKey: 'k' } },
    models: { 'claude-*': 'up/*', 'gpt-*': 'up/*', '*': 'up/*' },
  } as never);
  const server = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
  closers.push(
    () => server.close(0),
    () => fake.close(),
  );
  return { url: server.url, tk };
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body: JSON.stringify(body) });
const events = (text: string) =>
  text
    .split('\n\n')
    .map((f) => f.split('\n').find((l) => l.startsWith('data: '))?.slice(6))
    .filter((d): d is string => !!d)
    .map((d) => JSON.parse(d) as Record<string, unknown>);

// Long enough that the estimate (chars / 4) and a real count differ clearly.
const messages = {
  model: 'claude-sonnet-4-5',
  max_tokens: 100,
  system: 'You are a careful assistant. '.repeat(20),
  messages: [{ role: 'user', content: 'Explain tokenization of https://example.com/a/b?c=d&e=f in 3 words. '.repeat(30) }],
};

describe('translated Anthropic answers', () => {
  it("message_start from an OpenAI chat upstream (no usage at start) carries our tokenizer's count, and a msg_ id", async () => {
    const { url, tk } = await gateway('openai-compatible', { handler: chatCompletionReply('hi') });
    const res = await post(`${url}/v1/messages`, { ...messages, stream: true });
    const all = events(await res.text());
    const start = all[0] as { type: string; message: { id: string; usage: { input_tokens: number } } };
    expect(start.type).toBe('message_start');
    const counted = await tk.countTokens('anthropic', messages);
    const estimate = estimateRequestTokens(anthropicCodec.decodeRequest(messages));
    expect(start.message.usage.input_tokens).toBe(counted);
    expect(Math.abs(counted - estimate)).toBeGreaterThan(20);
    expect(start.message.id).toMatch(/^msg_/);
    // The upstream's own count still arrives at the end (message_delta).
    const delta = all.find((e) => e.type === 'message_delta') as { usage: { input_tokens?: number } };
    expect(delta.usage.input_tokens).toBe(10);

    const json = (await (await post(`${url}/v1/messages`, messages)).json()) as { id: string };
    expect(json.id).toMatch(/^msg_/);
  });

  it("message_start from a Gemini upstream carries the upstream's prompt count from its first chunk", async () => {
    const chunk = (parts: unknown[], extra: object = {}) => ({
      candidates: [{ content: { role: 'model', parts }, index: 0, ...extra }],
      usageMetadata: { promptTokenCount: 777, totalTokenCount: 777 },
      modelVersion: 'gemini-x',
      responseId: 'gem-resp-1',
    });
    const { url } = await gateway('google', {
      handler: () => ({
        chunks: sseFrames([
          { data: chunk([{ text: 'Hel' }]) },
          { data: { ...chunk([{ text: 'lo' }], { finishReason: 'STOP' }), usageMetadata: { promptTokenCount: 777, candidatesTokenCount: 2, totalTokenCount: 779 } } },
        ]),
      }),
    });
    const res = await post(`${url}/v1/messages`, { ...messages, stream: true });
    const start = events(await res.text())[0] as { message: { id: string; usage: { input_tokens: number } } };
    expect(start.message.usage.input_tokens).toBe(777);
    expect(start.message.id).toMatch(/^msg_/);
  });
});

describe('translated Responses answers echo the request', () => {
  const tools = [{ type: 'function', name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false }];
  const request = { model: 'gpt-5', instructions: 'Be terse.', input: 'hi', tools, tool_choice: 'auto', temperature: 0.3 };

  it('instructions, tools and store (the default true, or the false sent), streamed and not', async () => {
    const { url } = await gateway('openai-compatible', { handler: chatCompletionReply('hi there') });
    const plain = (await (await post(`${url}/v1/responses`, request)).json()) as Record<string, unknown>;
    expect(plain).toMatchObject({ id: expect.stringMatching(/^resp_/), instructions: 'Be terse.', tools, store: true, temperature: 0.3 });
    const unstored = (await (await post(`${url}/v1/responses`, { ...request, store: false })).json()) as Record<string, unknown>;
    expect(unstored.store).toBe(false);
    const streamed = events(await (await post(`${url}/v1/responses`, { ...request, stream: true })).text());
    const completed = streamed.find((e) => e.type === 'response.completed') as { response: Record<string, unknown> };
    expect(completed.response).toMatchObject({ id: expect.stringMatching(/^resp_/), instructions: 'Be terse.', tools, store: true });
  });
});
