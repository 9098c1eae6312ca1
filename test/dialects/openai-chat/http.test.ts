import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSse } from '../../../src/core/sse.js';
import { collectStream } from '../../../src/core/stream.js';
import type { ChatEvent, ChatRequest } from '../../../src/core/types.js';
import { openaiChatCodec as codec } from '../../../src/dialects/openai-chat/index.js';
import type { WireContext } from '../../../src/core/contracts/index.js';
import { type FakeUpstream, rechunk, sseFrames, startFakeUpstream } from '../../helpers/fake-upstream.js';
import { openaiValidationError, validateOpenAIChatRequest } from '../../helpers/validators/openai-chat.js';
import { fixtureFrames, streamViolations } from './helpers.js';

let fake: FakeUpstream;
beforeEach(async () => {
  fake = await startFakeUpstream({ validator: (b) => validateOpenAIChatRequest(b), validationError: openaiValidationError });
});
afterEach(async () => {
  await fake.close();
});

/** What an Anthropic caller's tool round trip looks like canonically (mid-conversation). */
const request: ChatRequest = {
  model: 'qwen3:8b',
  system: [{ type: 'text', text: 'You are terse.', cacheControl: { type: 'ephemeral' } }],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'Weather in Boston and Paris?' }] },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'need tools', signature: 'SIG', origin: 'anthropic' },
        { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: { city: 'Boston' } },
        { type: 'tool_call', id: 'toolu_2', name: 'get_weather', arguments: { city: 'Paris' } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', toolCallId: 'toolu_1', content: [{ type: 'text', text: '12C' }] },
        { type: 'tool_result', toolCallId: 'toolu_2', content: [{ type: 'text', text: 'timeout' }], isError: true },
        { type: 'text', text: 'And tomorrow?', cacheControl: { type: 'ephemeral' } },
      ],
    },
  ],
  tools: [{ kind: 'function', name: 'get_weather', description: 'Weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }],
  toolChoice: 'auto',
  maxTokens: 1024,
  stop: ['a', 'b', 'c', 'd', 'e'],
  topK: 5,
  metadata: { user: 'user_abc' },
  reasoning: { enabled: true, budgetTokens: 4096 },
};

async function post(body: unknown): Promise<Response> {
  return fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function events(res: Response, context: WireContext): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const ev of codec.decodeStream(readSse(res.body as ReadableStream<Uint8Array>), context)) out.push(ev);
  return out;
}

describe('openai-chat over HTTP (fake upstream with the real-API validator)', () => {
  it('non-stream: encode → POST → JSON → decode', async () => {
    fake.replies.push({
      json: {
        id: 'chatcmpl-9',
        object: 'chat.completion',
        created: 1750000000,
        model: 'qwen3:8b',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Tomorrow: 14C.', reasoning_content: 'easy' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 80, completion_tokens: 9, total_tokens: 89, prompt_tokens_details: { cached_tokens: 64 } },
      },
    });
    const { body, context } = codec.encodeRequest(request);
    const res = await post(body);
    expect(res.status).toBe(200);
    const sent = fake.requests[0]?.body as Record<string, unknown>;
    expect(sent.stop).toEqual(['a', 'b', 'c', 'd']);
    expect(sent.reasoning_effort).toBe('high');
    expect(sent.user).toBe('user_abc');
    expect((sent.messages as Array<Record<string, unknown>>).map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'tool', 'user']);
    expect((sent.messages as Array<Record<string, unknown>>)[4]?.content).toBe('Error: timeout');
    const response = codec.decodeResponse(await res.json(), context);
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'easy' },
      { type: 'text', text: 'Tomorrow: 14C.' },
    ]);
    expect(response.usage).toEqual({ inputTokens: 16, outputTokens: 9, cacheReadTokens: 64, cacheWriteTokens: 0 });
  });

  it('stream: encode → POST → SSE (golden B) → readSse → decode', async () => {
    fake.replies.push({ chunks: fixtureFrames('golden-b.chunks.txt') });
    const { body, context } = codec.encodeRequest({ ...request, stream: true });
    expect(body.stream_options).toEqual({ include_usage: true });
    const res = await post(body);
    expect(res.status).toBe(200);
    const evs = await events(res, context);
    expect(streamViolations(evs)).toEqual([]);
    const r = await collectStream((async function* () {
      yield* evs;
    })());
    expect(r.content).toEqual([
      { type: 'text', text: 'Hi' },
      { type: 'tool_call', id: 'call_a', name: 'f', arguments: { x: 1 } },
      { type: 'tool_call', id: 'call_b', name: 'g', arguments: {} },
    ]);
    expect(r.usage.cacheReadTokens).toBe(60);
  });

  it('stream: a long answer cut into odd TCP writes decodes the same', async () => {
    const frames = fixtureFrames('text-and-parallel-tools.chunks.txt');
    fake.replies.push({ chunks: rechunk(frames, [1, 7, 50, 51, 333, 334, 335, 1000, 4000, 9000, 12000]) });
    const { body, context } = codec.encodeRequest({ ...request, stream: true });
    const evs = await events(await post(body), context);
    expect(streamViolations(evs)).toEqual([]);
    const r = await collectStream((async function* () {
      yield* evs;
    })());
    expect(r.content.map((p) => p.type)).toEqual(['text', 'tool_call', 'tool_call']);
  });

  it('a same-dialect caller request decodes, re-encodes, passes the validator and streams back as chat chunks', async () => {
    const callerBody = {
      model: 'gpt-4o',
      stream: true,
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: 'weather?' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } }],
      tool_choice: { type: 'auto' },
      parallel_tool_calls: false,
    };
    const canonical = codec.decodeRequest(callerBody);
    const { body, context } = codec.encodeRequest(canonical);
    fake.replies.push({
      chunks: sseFrames([
        { data: { id: 'c', choices: [{ index: 0, delta: { role: 'assistant', content: 'Sunny.' } }] } },
        { data: { id: 'c', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] } },
        { data: { id: 'c', choices: [], usage: { prompt_tokens: 5, completion_tokens: 2 } } },
        { data: '[DONE]' },
      ]),
    });
    const evs = await events(await post(body), context);
    const wire = [];
    for await (const w of codec.encodeStream((async function* () {
      yield* evs;
    })(), { includeUsage: canonical.includeUsage })) wire.push(w);
    expect(wire.at(-1)).toEqual({ data: '[DONE]' });
    // the caller did not ask for include_usage, so no usage chunk goes back although we asked upstream
    expect(wire.some((w) => typeof w.data === 'object' && (w.data as { choices: unknown[] }).choices.length === 0)).toBe(false);
  });

  it('an upstream 400 (the validator’s verdict) decodes as invalid_request', async () => {
    const bad = { model: 'm', messages: [{ role: 'tool', tool_call_id: 'x', content: 'orphan' }] };
    const res = await post(bad);
    expect(res.status).toBe(400);
    const err = codec.decodeError(res.status, await res.json(), res.headers);
    expect(err.kind).toBe('invalid_request');
    expect(err.message).toMatch(/must be a response to a preceding message with 'tool_calls'/);
  });

  it('an upstream 429 with Retry-After decodes as a retryable rate limit', async () => {
    fake.replies.push({ status: 429, headers: { 'retry-after': '3' }, json: { error: { message: 'Rate limit reached for requests', type: 'requests', param: null, code: 'rate_limit_exceeded' } } });
    const { body } = codec.encodeRequest(request);
    const res = await post(body);
    const err = codec.decodeError(res.status, await res.json(), res.headers);
    expect(err.kind).toBe('rate_limit');
    expect(err.retryAfter).toBe(3);
    expect(err.retryable).toBe(true);
  });
});
