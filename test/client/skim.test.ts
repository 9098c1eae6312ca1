/**
 * Skimmed pass-through streams: when no middleware reads stream content, the decoded copy of a
 * passed-through stream skips content deltas after the first. The caller still gets the
 * upstream's bytes, usage, and the error frame for a broken stream; a middleware that reads
 * content still sees all of it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SseMessage } from '../../src/core/sse.js';
import type { ChatEvent, ChatRequest } from '../../src/core/types.js';
import { anthropicCodec } from '../../src/dialects/anthropic/index.js';
import { openaiChatCodec } from '../../src/dialects/openai-chat/index.js';
import { responsesCodec } from '../../src/dialects/responses/index.js';
import { Tokligence } from '../../src/index.js';
import type { Middleware } from '../../src/core/contracts/index.js';
import { createProvider } from '../../src/providers/index.js';
import type { ChatResult, Provider, ProviderCallOptions } from '../../src/core/contracts/index.js';
import { type FakeUpstream, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';

let fake: FakeUpstream | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const msg = (data: unknown, event?: string): SseMessage => ({ event, data: typeof data === 'string' ? data : JSON.stringify(data) });
const chatChunk = (delta: unknown, finish: string | null = null, extra: object = {}) => ({
  id: 'c',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  ...extra,
});

describe('isContentDelta: only messages that are certainly nothing but content', () => {
  const chat = openaiChatCodec.isContentDelta!;
  it('OpenAI chat: text and reasoning deltas are; finish, usage, errors, tool calls, refusals and [DONE] are not', () => {
    expect(chat(msg(chatChunk({ content: 'hi' })))).toBe(true);
    expect(chat(msg(chatChunk({ reasoning_content: 'hm' })))).toBe(true);
    expect(chat(msg(chatChunk({ content: 'hi' }, null, { usage: null })))).toBe(true);
    // Python's json.dumps spacing
    expect(chat(msg('{"choices": [{"index": 0, "delta": {"content": "x"}, "finish_reason": null}], "usage": null}'))).toBe(true);
    expect(chat(msg('{"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}'))).toBe(false);
    expect(chat(msg(chatChunk({}, 'length')))).toBe(false);
    expect(chat(msg({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }))).toBe(false);
    expect(chat(msg('{"id":"c","choices":[{"index":0,"delta":{"content":"x"}}],"usage" : {"total_tokens":3}}'))).toBe(false);
    expect(chat(msg({ error: { message: 'boom' } }))).toBe(false);
    expect(chat(msg(chatChunk({ tool_calls: [{ index: 0, function: { arguments: '{"a"' } }] })))).toBe(false);
    expect(chat(msg(chatChunk({ refusal: 'no' })))).toBe(false);
    expect(chat(msg('[DONE]'))).toBe(false);
    expect(chat(msg(chatChunk({ content: 'hi' }), 'error'))).toBe(false);
    // A key spelled inside text is escaped, so it cannot look like a key: still a delta.
    expect(chat(msg(chatChunk({ content: '"usage": {"x":1}, "finish_reason": "stop"' })))).toBe(true);
  });

  it('Anthropic: content_block_delta events are; every other event, and a delta that mentions "error", are not', () => {
    const ant = anthropicCodec.isContentDelta!;
    expect(ant(msg({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'hi' } }, 'content_block_delta'))).toBe(true);
    expect(ant(msg({ type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"a' } }, 'content_block_delta'))).toBe(true);
    for (const event of ['message_start', 'content_block_start', 'content_block_stop', 'message_delta', 'message_stop', 'error', 'ping'])
      expect(ant(msg({ type: event }, event))).toBe(false);
    expect(ant(msg({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'hi' } }))).toBe(false); // no event name: decode
    expect(ant(msg({ type: 'error', error: { type: 'overloaded_error' } }, 'content_block_delta'))).toBe(false);
  });

  it('Responses: text, reasoning and argument deltas are; refusals, item and lifecycle events are not', () => {
    const res = responsesCodec.isContentDelta!;
    for (const event of ['response.output_text.delta', 'response.reasoning_summary_text.delta', 'response.function_call_arguments.delta', 'response.custom_tool_call_input.delta'])
      expect(res(msg({ type: event, delta: 'x' }, event))).toBe(true);
    for (const event of ['response.created', 'response.output_item.added', 'response.output_text.done', 'response.refusal.delta', 'response.completed', 'response.failed', 'error'])
      expect(res(msg({ type: event }, event))).toBe(false);
  });
});

const request: ChatRequest = { model: 'up/m', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], stream: true };
const chatBody = { model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] };
const chatFrames = [
  ...sseFrames([
    { data: chatChunk({ role: 'assistant', content: '' }) },
    ...['a', 'b', 'c', 'd', 'e'].map((t) => ({ data: chatChunk({ content: t }) })),
    { data: chatChunk({}, 'stop') },
    { data: { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage: { prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 } } },
  ]),
  'data: [DONE]\n\n',
];

async function decoded(provider: Provider, options: ProviderCallOptions): Promise<{ events: ChatEvent[]; bytes: string }> {
  const result = (await provider.chat(request, options)) as Extract<ChatResult, { type: 'stream' }>;
  const chunks: string[] = [];
  const bytes = (async () => {
    for await (const c of result.raw?.bytes ?? []) chunks.push(Buffer.from(c).toString('utf8'));
  })();
  const events: ChatEvent[] = [];
  for await (const ev of result.events) events.push(ev);
  await bytes;
  return { events, bytes: chunks.join('') };
}

describe('a skimmed pass-through stream (provider over HTTP)', () => {
  it('decodes start, the first content, finish and usage, and skips the later deltas; the raw bytes are whole', async () => {
    fake = await startFakeUpstream();
    fake.replies.push({ chunks: chatFrames }, { chunks: chatFrames });
    const provider = createProvider('up', { type: 'openai-compatible', base_url: `${fake.url}/v1` } as never, { requestTimeout: 30, maxTokensDefault: 4096 });
    const full = await decoded(provider, { model: 'm', passthrough: { dialect: 'openai-chat', body: chatBody } });
    const skim = await decoded(provider, { model: 'm', passthrough: { dialect: 'openai-chat', body: chatBody, skim: true } });
    const texts = (evs: ChatEvent[]) => evs.flatMap((e) => (e.type === 'delta' && e.delta.type === 'text' ? [e.delta.text] : []));
    expect(texts(full.events)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(texts(skim.events)).toEqual(['a']);
    expect(skim.events[0]).toEqual(full.events[0]);
    expect(skim.events.at(-1)).toEqual(full.events.at(-1));
    expect(skim.events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop', usage: { inputTokens: 7, outputTokens: 5 } });
    expect(skim.bytes).toBe(chatFrames.join(''));
    expect(full.bytes).toBe(chatFrames.join(''));
  });

  it('Anthropic tool use: input_json deltas skipped, the finish keeps its stop reason and usage', async () => {
    fake = await startFakeUpstream();
    const frames = sseFrames([
      { event: 'message_start', data: { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [], stop_reason: null, usage: { input_tokens: 9, output_tokens: 1 } } } },
      { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Let me' } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' look.' } } },
      { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
      { event: 'content_block_start', data: { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'Bash', input: {} } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"command":' } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '"echo hi"}' } } },
      { event: 'content_block_stop', data: { type: 'content_block_stop', index: 1 } },
      { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 21 } } },
      { event: 'message_stop', data: { type: 'message_stop' } },
    ]);
    fake.replies.push({ chunks: frames });
    const provider = createProvider('ant', { type: 'anthropic', base_url: fake.url, api_key: 'k' } as never, { requestTimeout: 30, maxTokensDefault: 4096 });
    const body = { model: 'claude', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'hi' }] };
    const { events, bytes } = await decoded(provider, { model: 'claude', passthrough: { dialect: 'anthropic', body, skim: true } });
    expect(bytes).toBe(frames.join(''));
    expect(events.filter((e) => e.type === 'delta')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool_calls', usage: { inputTokens: 9, outputTokens: 21 } });
  });
});

describe('skimming through the client', () => {
  /** A provider speaking OpenAI chat that records how it was asked, then answers through the real HTTP provider. */
  function recording(url: string, seen: Array<boolean | undefined>): Provider {
    const inner = createProvider('up', { type: 'openai-compatible', base_url: `${url}/v1` } as never, { requestTimeout: 30, maxTokensDefault: 4096 });
    const chat: Provider['chat'] = (r, o) => {
      seen.push(o.passthrough?.skim);
      return inner.chat(r, o);
    };
    return { name: 'up', type: 'openai-compatible', dialects: ['openai-chat'], models: () => [], chat };
  }
  const ask = async (tk: Tokligence) => {
    const r = await tk.call('openai-chat', { model: 'up/m', stream: true, messages: [{ role: 'user', content: 'hi' }] }, { sseBytes: true });
    let text = '';
    if (r.type === 'sse') for await (const c of r.chunks) text += Buffer.from(c).toString('utf8');
    return { text, usage: await r.usage };
  };

  it('is on with no middleware or only the tool-loop guard, off once a middleware may read content', async () => {
    fake = await startFakeUpstream();
    for (let i = 0; i < 4; i++) fake.replies.push({ chunks: chatFrames });
    const seen: Array<boolean | undefined> = [];
    const texts: string[] = [];
    const client = (extra: object) => new Tokligence({ env: {}, configFile: false, providers: { up: { type: 'mock' } }, drivers: [recording(fake!.url, seen)], ...extra } as never);
    const deltas: string[] = [];
    const reader: Middleware = async (_ctx, next) => {
      const result = await next();
      if (result.type !== 'stream') return result;
      const events = result.events;
      return {
        ...result,
        events: (async function* () {
          for await (const ev of events) {
            if (ev.type === 'delta' && ev.delta.type === 'text') deltas.push(ev.delta.text);
            yield ev;
          }
        })(),
      };
    };
    const ignorer: Middleware = Object.assign((async (_ctx, next) => next()) as Middleware, { ignoresStreamContent: true });
    for (const extra of [{}, { tool_calling: { enabled: true } }, { middleware: [reader] }, { middleware: [ignorer] }]) {
      const { text, usage } = await ask(client(extra));
      texts.push(text);
      expect(usage).toMatchObject({ inputTokens: 7, outputTokens: 5 });
    }
    expect(seen).toEqual([true, true, undefined, true]);
    expect(deltas).toEqual(['a', 'b', 'c', 'd', 'e']);
    for (const t of texts) expect(t).toBe(chatFrames.join(''));
  });

  it.each([
    ['OpenAI chat, no finish_reason', chatFrames.slice(0, 6), 'openai-chat'],
    [
      'Anthropic, no message_stop',
      sseFrames([
        { event: 'message_start', data: { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [], usage: { input_tokens: 9, output_tokens: 1 } } } },
        { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
        ...['a', 'b', 'c'].map((t) => ({ event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: t } } })),
      ]),
      'anthropic',
    ],
  ] as const)('an upstream that stops mid-answer (%s) still gets the error frame appended', async (_label, frames, dialect) => {
    fake = await startFakeUpstream();
    fake.replies.push({ chunks: [...frames] });
    const providers =
      dialect === 'anthropic' ? { up: { type: 'anthropic', baseUrl: fake.url, apiKey: 'k' } } : { up: { type: 'openai-compatible', baseUrl: `${fake.url}/v1` } };
    const tk = new Tokligence({ env: {}, configFile: false, retry: { attempts: 0 }, providers } as never);
    const body = dialect === 'anthropic' ? { model: 'up/m', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'hi' }] } : { model: 'up/m', stream: true, messages: [{ role: 'user', content: 'hi' }] };
    const r = await tk.call(dialect, body, { sseBytes: true });
    let text = '';
    if (r.type === 'sse') for await (const c of r.chunks) text += Buffer.from(c).toString('utf8');
    expect(text.startsWith(frames.join(''))).toBe(true);
    const tail = text.slice(frames.join('').length);
    expect(tail).toMatch(dialect === 'anthropic' ? /^event: error\ndata: \{"type":"error"/ : /^data: \{"error":/);
  });
});
