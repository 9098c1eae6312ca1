import { describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../../src/core/types.js';
import { decodeResponse, decodeUsage, encodeResponse, encodeUsage } from '../../../src/dialects/openai-chat/index.js';
import { newWireContext } from '../../../src/core/contracts/index.js';

const completion = (message: Record<string, unknown>, finish_reason: string | null = 'stop', usage?: Record<string, unknown>) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1750000000,
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason, logprobs: null }],
  ...(usage ? { usage } : {}),
});

describe('openai-chat decodeResponse', () => {
  it('TU-7: text, tool calls (ids kept as sent) and usage', () => {
    const r = decodeResponse(
      completion(
        { content: 'Let me check.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Boston"}' } }] },
        'tool_calls',
        { prompt_tokens: 10, completion_tokens: 30, total_tokens: 40 },
      ),
    );
    expect(r).toEqual({
      id: 'chatcmpl-1',
      model: 'gpt-4o',
      created: 1750000000,
      content: [
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { location: 'Boston' } },
      ],
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_calls',
      usage: { inputTokens: 10, outputTokens: 30, cacheReadTokens: 0, cacheWriteTokens: 0 },
    });
  });

  it('TU-6: arguments "" → {}; broken JSON kept under _raw', () => {
    const r = decodeResponse(
      completion({ content: null, tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '' } }, { id: 'b', type: 'function', function: { name: 'f', arguments: '{"x":' } }] }, 'length'),
    );
    expect(r.content).toEqual([
      { type: 'tool_call', id: 'a', name: 'f', arguments: {} },
      { type: 'tool_call', id: 'b', name: 'f', arguments: { _raw: '{"x":' } },
    ]);
    expect(r.finishReason).toBe('length');
  });

  it('TU-8: content "" next to tool calls gives no empty text part', () => {
    const r = decodeResponse(completion({ content: '', tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } }] }, 'tool_calls'));
    expect(r.content.map((p) => p.type)).toEqual(['tool_call']);
  });

  it('§3.8 finish_reason map, incl. Ollama tool calls with "stop" (#34692) → tool_calls', () => {
    const fr = (finish: string | null, calls = false) =>
      decodeResponse(completion({ content: 'x', ...(calls ? { tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } }] } : {}) }, finish)).finishReason;
    expect(fr('stop')).toBe('stop');
    expect(fr('length')).toBe('length');
    expect(fr('tool_calls', true)).toBe('tool_calls');
    expect(fr('function_call', true)).toBe('tool_calls');
    expect(fr('content_filter')).toBe('content_filter');
    expect(fr('stop', true)).toBe('tool_calls');
    expect(fr(null)).toBe('stop');
    expect(fr('eos')).toBe('stop');
  });

  it('a refusal becomes text and a content_filter finish', () => {
    const r = decodeResponse(completion({ content: null, refusal: "I can't help with that." }));
    expect(r.content).toEqual([{ type: 'text', text: "I can't help with that." }]);
    expect(r.finishReason).toBe('content_filter');
  });

  it('TH-12/13: thinking_blocks → signed reasoning first; redacted kept', () => {
    const r = decodeResponse(
      completion({
        content: 'answer',
        reasoning_content: 'step 1',
        thinking_blocks: [{ type: 'thinking', thinking: 'step 1', signature: 'SIG==' }, { type: 'redacted_thinking', data: 'ENC' }, { type: 'thinking', thinking: '', signature: null }],
      }),
    );
    expect(r.content).toEqual([
      { type: 'reasoning', text: 'step 1', signature: 'SIG==', origin: 'anthropic' },
      { type: 'reasoning', text: '', redactedData: 'ENC', origin: 'anthropic' },
      { type: 'text', text: 'answer' },
    ]);
  });

  it('TH-14: reasoning_content alone (DeepSeek/vLLM) → unsigned reasoning without origin', () => {
    const r = decodeResponse(completion({ content: '4', reasoning_content: '2+2=4' }));
    expect(r.content[0]).toEqual({ type: 'reasoning', text: '2+2=4' });
    expect(r.content[0]).not.toHaveProperty('origin');
    expect(decodeResponse(completion({ content: '4', reasoning: 'via reasoning field' })).content[0]).toEqual({ type: 'reasoning', text: 'via reasoning field' });
  });

  it('tool names are reverse-mapped through the context', () => {
    const ctx = newWireContext('m');
    ctx.toolNames.set('actions_download-logs', 'actions/download-logs');
    const r = decodeResponse(completion({ tool_calls: [{ id: 'a', type: 'function', function: { name: 'actions_download-logs', arguments: '{}' } }] }, 'tool_calls'), ctx);
    expect(r.content[0]).toMatchObject({ name: 'actions/download-logs' });
  });

  it('native custom tool calls decode as custom', () => {
    const r = decodeResponse(completion({ tool_calls: [{ id: 'a', type: 'custom', custom: { name: 'apply_patch', input: 'PATCH' } }] }, 'tool_calls'));
    expect(r.content[0]).toEqual({ type: 'tool_call', id: 'a', name: 'apply_patch', arguments: {}, kind: 'custom', input: 'PATCH' });
  });

  it('an error body or a body without choices is an error, not a crash', () => {
    expect(() => decodeResponse({ error: { message: 'bad', type: 'invalid_request_error' } })).toThrow(/bad/);
    expect(() => decodeResponse({ id: 'x', choices: [] })).toThrow(/without choices/);
    expect(() => decodeResponse('nope')).toThrow(/not a JSON object/);
  });
});

describe('openai-chat usage', () => {
  it('USG-1: prompt_tokens = input + cacheRead + cacheWrite; cached_tokens; reasoning_tokens', () => {
    expect(encodeUsage({ inputTokens: 40, outputTokens: 20, cacheReadTokens: 60, cacheWriteTokens: 5, reasoningTokens: 7 })).toEqual({
      prompt_tokens: 105,
      completion_tokens: 20,
      total_tokens: 125,
      prompt_tokens_details: { cached_tokens: 60, cache_creation_tokens: 5 },
      completion_tokens_details: { reasoning_tokens: 7 },
    });
  });

  it('USG-2: input = prompt − cache read − cache write; LiteLLM top-level and DeepSeek fields', () => {
    expect(decodeUsage({ prompt_tokens: 100, completion_tokens: 20, prompt_tokens_details: { cached_tokens: 60 } })).toEqual({
      inputTokens: 40,
      outputTokens: 20,
      cacheReadTokens: 60,
      cacheWriteTokens: 0,
    });
    expect(decodeUsage({ prompt_tokens: 100, completion_tokens: 1, cache_read_input_tokens: 30, cache_creation_input_tokens: 50 })).toMatchObject({
      inputTokens: 20,
      cacheReadTokens: 30,
      cacheWriteTokens: 50,
    });
    expect(decodeUsage({ prompt_tokens: 100, completion_tokens: 1, prompt_cache_hit_tokens: 64, prompt_cache_miss_tokens: 36 })).toMatchObject({
      inputTokens: 36,
      cacheReadTokens: 64,
    });
    expect(decodeUsage({ prompt_tokens: 5, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 9 } }).inputTokens).toBe(0);
  });

  it('USG-3: canonical → chat → canonical is the identity with cache reads and writes', () => {
    const u = { inputTokens: 13, outputTokens: 8, cacheReadTokens: 1000, cacheWriteTokens: 250, reasoningTokens: 3 };
    expect(decodeUsage(encodeUsage(u) as never)).toEqual(u);
  });
});

describe('openai-chat encodeResponse', () => {
  const response: ChatResponse = {
    id: 'msg_1',
    model: 'claude-x',
    content: [
      { type: 'reasoning', text: 'think', signature: 'S1', origin: 'anthropic' },
      { type: 'text', text: 'a' },
      { type: 'tool_call', id: 'toolu_1', name: 'f', arguments: { a: 1 } },
      { type: 'text', text: 'b' },
      { type: 'tool_call', id: 'toolu_2', name: 'apply_patch', arguments: {}, kind: 'custom', input: 'P' },
    ],
    finishReason: 'tool_calls',
    usage: { inputTokens: 10, outputTokens: 30, cacheReadTokens: 0, cacheWriteTokens: 0 },
    created: 1700000000,
  };

  it('TU-5 / TH-12: the chat.completion shape, text joined, tool calls, reasoning_content + thinking_blocks', () => {
    expect(encodeResponse(response, { model: 'alias' })).toEqual({
      id: 'msg_1',
      object: 'chat.completion',
      created: 1700000000,
      model: 'alias',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'ab',
            refusal: null,
            tool_calls: [
              { id: 'toolu_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
              { id: 'toolu_2', type: 'custom', custom: { name: 'apply_patch', input: 'P' } },
            ],
            reasoning_content: 'think',
            thinking_blocks: [{ type: 'thinking', thinking: 'think', signature: 'S1' }],
          },
          finish_reason: 'tool_calls',
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 30, total_tokens: 40, prompt_tokens_details: { cached_tokens: 0 } },
    });
  });

  it('content null without text; model defaults to the response model; finish reasons (§3.8)', () => {
    const base: ChatResponse = { id: 'r', model: 'm', content: [], finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 } };
    const msg = (r: ChatResponse) => (encodeResponse(r) as { choices: Array<{ message: Record<string, unknown>; finish_reason: string }>; model: string });
    expect(msg(base).choices[0]!.message.content).toBeNull();
    expect(msg(base).model).toBe('m');
    expect(msg({ ...base, finishReason: 'length' }).choices[0]!.finish_reason).toBe('length');
    expect(msg({ ...base, finishReason: 'content_filter' }).choices[0]!.finish_reason).toBe('content_filter');
    expect(msg({ ...base, finishReason: 'pause' }).choices[0]!.finish_reason).toBe('stop');
    expect(msg({ ...base, finishReason: 'error' }).choices[0]!.finish_reason).toBe('stop');
    // Tool calls present but the source said stop: the chat caller must see tool_calls.
    expect(msg({ ...base, content: [{ type: 'tool_call', id: 'a', name: 'f', arguments: {} }] }).choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('unsigned reasoning gives reasoning_content only; broken upstream args are handed back verbatim', () => {
    const r = encodeResponse({
      id: 'r',
      model: 'm',
      content: [{ type: 'reasoning', text: 'plain' }, { type: 'tool_call', id: 'a', name: 'f', arguments: { _raw: '{"x":' } }],
      finishReason: 'length',
      usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
    }) as { choices: Array<{ message: Record<string, unknown> }> };
    expect(r.choices[0]!.message.reasoning_content).toBe('plain');
    expect(r.choices[0]!.message).not.toHaveProperty('thinking_blocks');
    expect((r.choices[0]!.message.tool_calls as Array<{ function: { arguments: string } }>)[0]!.function.arguments).toBe('{"x":');
  });

  it('decode(encode(response)) keeps the content, text joined ahead of the calls (TU-5 normalisation)', () => {
    const back = decodeResponse(encodeResponse(response));
    const [reasoning, , call1, , call2] = response.content;
    expect(back.content).toEqual([reasoning, { type: 'text', text: 'ab' }, call1, call2]);
    expect(back.usage).toEqual(response.usage);
    expect(back.finishReason).toBe('tool_calls');
  });
});
