import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectStream } from '../../../src/core/stream.js';
import type { ChatEvent } from '../../../src/core/types.js';
import { newWireContext } from '../../../src/core/contracts/index.js';
import { rechunk, sseFrames } from '../../helpers/fake-upstream.js';
import { decodeChunks, fixtureFrames, fromArray, streamViolations } from './helpers.js';

const chunk = (delta: Record<string, unknown>, finish_reason: string | null = null) => ({
  id: 'chatcmpl-t',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-4o',
  choices: [{ index: 0, delta, finish_reason }],
});
const frames = (items: unknown[]) => sseFrames(items.map((data) => ({ data })));
const collect = (events: ChatEvent[]) => collectStream(fromArray(events));
const shape = (events: ChatEvent[]) =>
  events.map((e) => {
    if (e.type === 'part_start') return `start ${e.index} ${e.part.type}${e.part.type === 'tool_call' ? ` ${e.part.id} ${e.part.name}` : ''}`;
    if (e.type === 'delta') return `delta ${e.index} ${'text' in e.delta ? e.delta.text : 'json' in e.delta ? e.delta.json : e.delta.signature}`;
    if (e.type === 'part_end') return `end ${e.index}`;
    if (e.type === 'finish') return `finish ${e.finishReason}`;
    return e.type;
  });

describe('openai-chat decodeStream', () => {
  it('golden B-stream (§3.14): text then two parallel tools, usage after finish', async () => {
    const events = await decodeChunks(fixtureFrames('golden-b.chunks.txt'));
    expect(streamViolations(events)).toEqual([]);
    expect(shape(events)).toEqual([
      'start',
      'start 0 text',
      'delta 0 Hi',
      'end 0',
      'start 1 tool_call call_a f',
      'delta 1 {"x":1}',
      'end 1',
      'start 2 tool_call call_b g',
      'delta 2 {}',
      'end 2',
      'finish tool_calls',
    ]);
    const finish = events.at(-1);
    expect(finish).toEqual({
      type: 'finish',
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_calls',
      usage: { inputTokens: 40, outputTokens: 20, cacheReadTokens: 60, cacheWriteTokens: 0 },
    });
    expect(events[0]).toEqual({ type: 'start', id: 'chatcmpl-golden', model: 'gpt-4o' });
  });

  it('role-only and empty-content chunks open nothing', async () => {
    const events = await decodeChunks(frames([chunk({ role: 'assistant', content: '' }), chunk({ content: '' }), chunk({}, 'stop'), '[DONE]']));
    expect(shape(events)).toEqual(['start', 'finish stop']);
  });

  it('arguments bundled with the name in one chunk are not lost (§3.14 step 6)', async () => {
    const events = await decodeChunks(frames([chunk({ tool_calls: [{ index: 0, id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] }), chunk({}, 'tool_calls'), '[DONE]']));
    expect(shape(events)).toEqual(['start', 'start 0 tool_call c1 f', 'delta 0 {"a":1}', 'end 0', 'finish tool_calls']);
  });

  it('several calls in one chunk', async () => {
    const events = await decodeChunks(
      frames([
        chunk({
          tool_calls: [
            { index: 0, id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
            { index: 1, id: 'c2', type: 'function', function: { name: 'g', arguments: '{"b":2}' } },
          ],
        }),
        chunk({}, 'tool_calls'),
      ]),
    );
    expect(streamViolations(events)).toEqual([]);
    const r = await collect(events);
    expect(r.content).toEqual([
      { type: 'tool_call', id: 'c1', name: 'f', arguments: { a: 1 } },
      { type: 'tool_call', id: 'c2', name: 'g', arguments: { b: 2 } },
    ]);
  });

  it('an interleaved chunk for an earlier index is buffered, not lost', async () => {
    const events = await decodeChunks(
      frames([
        chunk({ tool_calls: [{ index: 0, id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":' } }] }),
        chunk({ tool_calls: [{ index: 1, id: 'c2', type: 'function', function: { name: 'g', arguments: '{"b":' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
        chunk({ tool_calls: [{ index: 1, function: { arguments: '2}' } }] }),
        chunk({}, 'tool_calls'),
        '[DONE]',
      ]),
    );
    expect(streamViolations(events)).toEqual([]);
    expect((await collect(events)).content).toEqual([
      { type: 'tool_call', id: 'c1', name: 'f', arguments: { a: 1 } },
      { type: 'tool_call', id: 'c2', name: 'g', arguments: { b: 2 } },
    ]);
  });

  it('a tool call whose name comes in a later chunk waits for it', async () => {
    const events = await decodeChunks(
      frames([chunk({ tool_calls: [{ index: 0, id: 'c1', function: { arguments: '' } }] }), chunk({ tool_calls: [{ index: 0, function: { name: 'late', arguments: '{}' } }] }), chunk({}, 'tool_calls')]),
    );
    expect(shape(events)).toEqual(['start', 'start 0 tool_call c1 late', 'delta 0 {}', 'end 0', 'finish tool_calls']);
  });

  it('#34692: Ollama streams tool calls then finish_reason "stop" → finish tool_calls', async () => {
    const events = await decodeChunks(fixtureFrames('ollama-tool-finish-stop.chunks.txt'));
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'stop' });
    expect((await collect(events)).content).toEqual([{ type: 'tool_call', id: 'call_k2x9', name: 'get_weather', arguments: { city: 'Paris' } }]);
  });

  it('TH-14 (stream): reasoning_content deltas → an unsigned reasoning part before the text', async () => {
    const events = await decodeChunks(fixtureFrames('deepseek-reasoning.chunks.txt'));
    expect(streamViolations(events)).toEqual([]);
    const r = await collect(events);
    expect(r.content).toEqual([
      { type: 'reasoning', text: 'The user asks 2+2. That is 4.' },
      { type: 'text', text: '2 + 2 = 4.' },
    ]);
    expect(r.usage).toEqual({ inputTokens: 20, outputTokens: 30, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 22 });
  });

  it('LiteLLM-style thinking_blocks signatures become signature deltas on an anthropic-origin reasoning part', async () => {
    const events = await decodeChunks(
      frames([
        chunk({ reasoning_content: 'hm', thinking_blocks: [{ type: 'thinking', thinking: 'hm', signature: '' }] }),
        chunk({ thinking_blocks: [{ type: 'thinking', thinking: '', signature: 'SIG' }] }),
        chunk({ content: 'ok' }, 'stop'),
      ]),
    );
    expect(streamViolations(events)).toEqual([]);
    expect((await collect(events)).content[0]).toEqual({ type: 'reasoning', text: 'hm', signature: 'SIG', origin: 'anthropic' });
  });

  it('text → reasoning → text switches parts in order (never interleaved)', async () => {
    const events = await decodeChunks(frames([chunk({ content: 'a' }), chunk({ reasoning_content: 'r' }), chunk({ content: 'b' }), chunk({}, 'stop')]));
    expect(streamViolations(events)).toEqual([]);
    expect(shape(events)).toEqual(['start', 'start 0 text', 'delta 0 a', 'end 0', 'start 1 reasoning', 'delta 1 r', 'end 1', 'start 2 text', 'delta 2 b', 'end 2', 'finish stop']);
  });

  it('USG-7: finish is held until the choice-less usage chunk', async () => {
    const events = await decodeChunks(
      frames([chunk({ content: 'x' }), chunk({}, 'length'), { id: 'chatcmpl-t', choices: [], usage: { prompt_tokens: 9, completion_tokens: 4 } }, '[DONE]']),
    );
    expect(events.at(-1)).toEqual({ type: 'finish', finishReason: 'length', rawFinishReason: 'length', usage: { inputTokens: 9, outputTokens: 4, cacheReadTokens: 0, cacheWriteTokens: 0 } });
  });

  it('no [DONE] after a finish_reason still finishes; a stream cut before finish_reason is a connection error', async () => {
    const ok = await decodeChunks(frames([chunk({ content: 'x' }), chunk({}, 'stop')]));
    expect(ok.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
    const cut = await decodeChunks(frames([chunk({ content: 'x' })]));
    const last = cut.at(-1);
    expect(last?.type).toBe('error');
    if (last?.type === 'error') {
      expect(last.error.kind).toBe('connection');
      expect(last.error.retryable).toBe(true);
    }
    const empty = await decodeChunks([]);
    expect(empty.map((e) => e.type)).toEqual(['error']);
  });

  it('[DONE] without finish_reason finishes with stop (tool_calls when calls were seen)', async () => {
    const events = await decodeChunks(frames([chunk({ tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '{}' } }] }), '[DONE]']));
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool_calls' });
  });

  it('an error object in the stream becomes an error event with its kind', async () => {
    const events = await decodeChunks(
      frames([chunk({ content: 'x' }), { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }, chunk({ content: 'ignored' })]),
    );
    const last = events.at(-1);
    expect(last?.type).toBe('error');
    if (last?.type === 'error') {
      expect(last.error.kind).toBe('rate_limit');
      expect(last.error.message).toBe('Rate limit reached');
    }
    const ctx = await decodeChunks(frames([{ error: { message: "This model's maximum context length is 8192 tokens", type: 'invalid_request_error', code: 'context_length_exceeded' } }]));
    expect(ctx[0]?.type === 'error' && ctx[0].error.kind).toBe('context_window');
  });

  it('a transport failure mid-stream becomes a connection error event', async () => {
    async function* broken() {
      yield { data: JSON.stringify(chunk({ content: 'x' })) };
      throw new Error('socket hang up');
    }
    const { decodeStream } = await import('../../../src/dialects/openai-chat/index.js');
    const events: ChatEvent[] = [];
    for await (const e of decodeStream(broken())) events.push(e);
    const last = events.at(-1);
    expect(last?.type === 'error' && last.error.kind).toBe('connection');
  });

  it('tool names are reverse-mapped and wrapped custom calls are unwrapped into raw input', async () => {
    const ctx = newWireContext('m');
    ctx.toolNames.set('actions_x', 'actions/x');
    ctx.wrappedCustomTools.add('apply_patch');
    const events = await decodeChunks(
      frames([
        chunk({ tool_calls: [{ index: 0, id: 'c1', function: { name: 'actions_x', arguments: '' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] }),
        chunk({ tool_calls: [{ index: 1, id: 'c2', function: { name: 'apply_patch', arguments: '{"input":' } }] }),
        chunk({ tool_calls: [{ index: 1, function: { arguments: '"*** Begin Patch\\n"}' } }] }),
        chunk({}, 'tool_calls'),
      ]),
      ctx,
    );
    expect(streamViolations(events)).toEqual([]);
    const custom = events.find((e) => e.type === 'part_start' && e.index === 1);
    expect(custom).toMatchObject({ part: { type: 'tool_call', name: 'apply_patch', kind: 'custom' } });
    expect((await collect(events)).content).toEqual([
      { type: 'tool_call', id: 'c1', name: 'actions/x', arguments: {} },
      { type: 'tool_call', id: 'c2', name: 'apply_patch', arguments: {}, kind: 'custom', input: '*** Begin Patch\n' },
    ]);
  });

  it('property: any rechunking of a long SSE fixture gives the same events and message', async () => {
    const original = fixtureFrames('text-and-parallel-tools.chunks.txt');
    const total = original.join('').length;
    const expected = await decodeChunks(original);
    expect(streamViolations(expected)).toEqual([]);
    const message = await collect(expected);
    expect(message.content).toHaveLength(3);
    expect(message.usage).toEqual({ inputTokens: 176, outputTokens: 85, cacheReadTokens: 1024, cacheWriteTokens: 0, reasoningTokens: 0 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: total }), { maxLength: 60 }), async (cuts) => {
        const events = await decodeChunks(rechunk(original, cuts));
        expect(streamViolations(events)).toEqual([]);
        expect(await collect(events)).toEqual(message);
      }),
      { numRuns: 150 },
    );
  });

  it('property: tool-argument fragments split at random points reassemble exactly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.oneof(fc.string(), fc.integer(), fc.boolean()), { maxKeys: 6 }),
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 20 }),
        async (args, sizes) => {
          const json = JSON.stringify(args);
          const pieces: string[] = [];
          let at = 0;
          for (let i = 0; at < json.length; i++) {
            const size = sizes[i % sizes.length] ?? 1;
            pieces.push(json.slice(at, at + size));
            at += size;
          }
          const events = await decodeChunks(
            frames([
              chunk({ tool_calls: [{ index: 0, id: 'c', type: 'function', function: { name: 'f', arguments: '' } }] }),
              ...pieces.map((p) => chunk({ tool_calls: [{ index: 0, function: { arguments: p } }] })),
              chunk({}, 'tool_calls'),
            ]),
          );
          const r = await collect(events);
          expect(r.content).toEqual([{ type: 'tool_call', id: 'c', name: 'f', arguments: args }]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
