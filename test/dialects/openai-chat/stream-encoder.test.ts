import { describe, expect, it } from 'vitest';
import { OverloadedError } from '../../../src/core/errors.js';
import { readSse } from '../../../src/core/sse.js';
import { collectStream, responseToEvents } from '../../../src/core/stream.js';
import type { ChatEvent, ChatResponse } from '../../../src/core/types.js';
import { decodeStream, encodeStream } from '../../../src/dialects/openai-chat/index.js';
import type { WireEvent } from '../../../src/core/contracts/index.js';
import { fromArray, toArray } from './helpers.js';

/** The canonical events of §3.13's Anthropic input (golden A-stream). */
const goldenA: ChatEvent[] = [
  { type: 'start', id: 'msg_1', model: 'claude-sonnet-4-5', usage: { inputTokens: 10, outputTokens: 1 } },
  { type: 'part_start', index: 0, part: { type: 'text' } },
  { type: 'delta', index: 0, delta: { type: 'text', text: 'Let me check.' } },
  { type: 'part_end', index: 0 },
  { type: 'part_start', index: 1, part: { type: 'tool_call', id: 'toolu_1', name: 'get_weather' } },
  { type: 'delta', index: 1, delta: { type: 'tool_arguments', json: '{"loc' } },
  { type: 'delta', index: 1, delta: { type: 'tool_arguments', json: 'ation":"Boston"}' } },
  { type: 'part_end', index: 1 },
  { type: 'finish', finishReason: 'tool_calls', usage: { inputTokens: 10, outputTokens: 30, cacheReadTokens: 0, cacheWriteTokens: 0 } },
];

type Chunk = { id: string; object: string; model: string; created: number; choices: Array<{ index: number; delta: Record<string, unknown>; finish_reason: string | null }>; usage?: unknown };

describe('openai-chat encodeStream', () => {
  it('golden A-stream (§3.13): chunk sequence, tool index = tool ordinal, [DONE] last', async () => {
    const out = await toArray(encodeStream(fromArray(goldenA), { includeUsage: true, model: 'my-alias' }));
    expect(out.every((e) => e.event === undefined)).toBe(true);
    expect(out.at(-1)).toEqual({ data: '[DONE]' });
    const chunks = out.slice(0, -1).map((e) => e.data as Chunk);
    expect(new Set(chunks.map((c) => c.id))).toEqual(new Set(['msg_1']));
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.model === 'my-alias')).toBe(true);
    expect(chunks.map((c) => (c.choices[0] ? { delta: c.choices[0].delta, finish: c.choices[0].finish_reason } : { usage: c.usage }))).toEqual([
      { delta: { role: 'assistant', content: '' }, finish: null },
      { delta: { content: 'Let me check.' }, finish: null },
      { delta: { tool_calls: [{ index: 0, id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] }, finish: null },
      { delta: { tool_calls: [{ index: 0, function: { arguments: '{"loc' } }] }, finish: null },
      { delta: { tool_calls: [{ index: 0, function: { arguments: 'ation":"Boston"}' } }] }, finish: null },
      { delta: {}, finish: 'tool_calls' },
      { usage: { prompt_tokens: 10, completion_tokens: 30, total_tokens: 40, prompt_tokens_details: { cached_tokens: 0 } } },
    ]);
    const args = chunks.flatMap((c) => (c.choices[0]?.delta.tool_calls as Array<{ function: { arguments: string } }> | undefined) ?? []).map((t) => t.function.arguments).join('');
    expect(JSON.parse(args)).toEqual({ location: 'Boston' });
    expect(chunks.filter((c) => c.choices[0]?.delta.role !== undefined)).toHaveLength(1);
  });

  it('USG-8: no usage chunk unless includeUsage', async () => {
    const out = await toArray(encodeStream(fromArray(goldenA)));
    expect(out.some((e) => typeof e.data === 'object' && (e.data as Chunk).choices.length === 0)).toBe(false);
  });

  it('a tool call with no streamed arguments gets "{}" so the accumulated JSON is valid', async () => {
    const out = await toArray(
      encodeStream(
        fromArray<ChatEvent>([
          { type: 'start', id: 'x', model: 'm' },
          { type: 'part_start', index: 0, part: { type: 'tool_call', id: 'c', name: 'f' } },
          { type: 'part_end', index: 0 },
          { type: 'finish', finishReason: 'stop', usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 } },
        ]),
      ),
    );
    const deltas = out.slice(0, -1).map((e) => (e.data as Chunk).choices[0]);
    expect(deltas[2]).toMatchObject({ delta: { tool_calls: [{ index: 0, function: { arguments: '{}' } }] } });
    // tool calls present ⇒ the chat caller sees tool_calls even if the source said stop
    expect(deltas[3]?.finish_reason).toBe('tool_calls');
  });

  it('reasoning deltas go out as reasoning_content; signatures are not streamed', async () => {
    const out = await toArray(
      encodeStream(
        fromArray<ChatEvent>([
          { type: 'start', id: 'x', model: 'm' },
          { type: 'part_start', index: 0, part: { type: 'reasoning', origin: 'anthropic' } },
          { type: 'delta', index: 0, delta: { type: 'reasoning', text: 'think' } },
          { type: 'delta', index: 0, delta: { type: 'signature', signature: 'SIG' } },
          { type: 'part_end', index: 0 },
          { type: 'finish', finishReason: 'stop', usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 } },
        ]),
      ),
    );
    expect(out.map((e) => (e.data === '[DONE]' ? '[DONE]' : (e.data as Chunk).choices[0]?.delta))).toEqual([{ role: 'assistant', content: '' }, { reasoning_content: 'think' }, {}, '[DONE]']);
  });

  it('§3.13 error row: an error event becomes an {error} data event and no [DONE]', async () => {
    const out = await toArray(
      encodeStream(
        fromArray<ChatEvent>([
          { type: 'start', id: 'x', model: 'm' },
          { type: 'part_start', index: 0, part: { type: 'text' } },
          { type: 'delta', index: 0, delta: { type: 'text', text: 'par' } },
          { type: 'error', error: new OverloadedError('Overloaded', { providerType: 'overloaded_error' }) },
        ]),
      ),
    );
    expect(out.at(-1)).toEqual({ data: { error: { message: 'Overloaded', type: 'server_error', param: null, code: 'overloaded' } } });
    expect(out.some((e) => e.data === '[DONE]')).toBe(false);
  });

  it('custom tool calls stream as type "custom" with raw input fragments', async () => {
    const out = await toArray(
      encodeStream(
        fromArray<ChatEvent>([
          { type: 'start', id: 'x', model: 'm' },
          { type: 'part_start', index: 0, part: { type: 'tool_call', id: 'c', name: 'apply_patch', kind: 'custom' } },
          { type: 'delta', index: 0, delta: { type: 'tool_arguments', json: '*** Begin' } },
          { type: 'part_end', index: 0 },
          { type: 'finish', finishReason: 'tool_calls', usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 } },
        ]),
      ),
    );
    const d = out.slice(1, 3).map((e) => (e.data as Chunk).choices[0]?.delta);
    expect(d).toEqual([
      { tool_calls: [{ index: 0, id: 'c', type: 'custom', custom: { name: 'apply_patch', input: '' } }] },
      { tool_calls: [{ index: 0, custom: { input: '*** Begin' } }] },
    ]);
  });

  it('encode → SSE text → decode gives back the same response (text, reasoning, 2 tools, usage)', async () => {
    const response: ChatResponse = {
      id: 'chatcmpl-rt',
      model: 'm',
      content: [
        { type: 'reasoning', text: 'plan' },
        { type: 'text', text: 'Checking both.' },
        { type: 'tool_call', id: 'a', name: 'f', arguments: { x: 1 } },
        { type: 'tool_call', id: 'b', name: 'g', arguments: { y: [1, 2] } },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 5, outputTokens: 6, cacheReadTokens: 7, cacheWriteTokens: 0 },
    };
    const wire = await toArray(encodeStream(responseToEvents(response), { includeUsage: true }));
    const text = wire.map((e: WireEvent) => `data: ${typeof e.data === 'string' ? e.data : JSON.stringify(e.data)}\n\n`).join('');
    const back = await collectStream(decodeStream(readSse(fromArray([text]))));
    expect(back.content).toEqual(response.content);
    expect(back.usage).toEqual(response.usage);
    expect(back.finishReason).toBe('tool_calls');
  });
});
