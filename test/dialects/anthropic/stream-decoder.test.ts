import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokligenceError } from '../../../src/core/errors.js';
import { collectStream } from '../../../src/core/stream.js';
import type { ChatEvent } from '../../../src/core/types.js';
import { newWireContext } from '../../../src/core/contracts/index.js';
import { rechunk, sseFrames } from '../../helpers/fake-upstream.js';
import { decodeChunks, iter, loadFrames } from './helpers.js';

type Obj = Record<string, unknown>;
const frames = (events: Obj[]) => sseFrames(events.map((data) => ({ event: String(data.type), data })));
const start = (usage: Obj = { input_tokens: 5, output_tokens: 1 }): Obj => ({
  type: 'message_start',
  message: { id: 'msg_t', type: 'message', role: 'assistant', content: [], model: 'claude-x', stop_reason: null, stop_sequence: null, usage },
});
const end = (stop = 'end_turn', usage: Obj = { output_tokens: 9 }): Obj[] => [
  { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage },
  { type: 'message_stop' },
];
const cbStart = (index: number, content_block: Obj): Obj => ({ type: 'content_block_start', index, content_block });
const cbDelta = (index: number, delta: Obj): Obj => ({ type: 'content_block_delta', index, delta });
const cbStop = (index: number): Obj => ({ type: 'content_block_stop', index });

describe('anthropic decodeStream', () => {
  it('golden A-stream (§3.13): text then a tool call with fragmented arguments', async () => {
    const events = await decodeChunks(loadFrames('golden-a-tool.chunks.txt'));
    expect(events).toEqual([
      { type: 'start', id: 'msg_golden_a', model: 'claude-sonnet-4-5', usage: { inputTokens: 10, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 } },
      { type: 'part_start', index: 0, part: { type: 'text' } },
      { type: 'delta', index: 0, delta: { type: 'text', text: 'Let me check.' } },
      { type: 'part_end', index: 0 },
      { type: 'part_start', index: 1, part: { type: 'tool_call', id: 'toolu_1', name: 'get_weather' } },
      { type: 'delta', index: 1, delta: { type: 'tool_arguments', json: '{"loc' } },
      { type: 'delta', index: 1, delta: { type: 'tool_arguments', json: 'ation":"Boston"}' } },
      { type: 'part_end', index: 1 },
      {
        type: 'finish',
        finishReason: 'tool_calls',
        rawFinishReason: 'tool_use',
        usage: { inputTokens: 10, outputTokens: 30, cacheReadTokens: 0, cacheWriteTokens: 0 },
      },
    ]);
    const r = await collectStream(iter(events));
    expect(r.content[1]).toMatchObject({ type: 'tool_call', arguments: { location: 'Boston' } });
  });

  it('long fixture: thinking + signature + text + 2 tool calls; ping dropped; USG-8 usage', async () => {
    const events = await decodeChunks(loadFrames('thinking-text-two-tools.chunks.txt'));
    expect(events.filter((e) => e.type === 'part_start').map((e) => (e as { index: number }).index)).toEqual([0, 1, 2, 3]);
    const r = await collectStream(iter(events));
    expect(r.content.map((p) => p.type)).toEqual(['reasoning', 'text', 'tool_call', 'tool_call']);
    expect(r.content[0]).toMatchObject({ origin: 'anthropic', signature: expect.stringMatching(/^EqQB/) });
    expect(r.content[2]).toMatchObject({ id: 'toolu_01A', arguments: { city: 'Boston', unit: 'celsius' } });
    expect(r.content[3]).toMatchObject({ id: 'toolu_01B', arguments: { city: 'Paris (Île-de-France)', unit: 'celsius' } });
    expect(r.usage).toEqual({ inputTokens: 1200, outputTokens: 245, cacheReadTokens: 4000, cacheWriteTokens: 50 });
  });

  it('property: the same collected message whatever the chunk boundaries', async () => {
    const chunks = loadFrames('thinking-text-two-tools.chunks.txt');
    const expected = await collectStream(iter(await decodeChunks(chunks)));
    const length = chunks.join('').length;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: length }), { maxLength: 60 }), async (cuts) => {
        const got = await collectStream(iter(await decodeChunks(rechunk(chunks, cuts))));
        expect(got).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('server-tool blocks get no canonical index; citations_delta dropped; text still streams', async () => {
    const events = await decodeChunks(loadFrames('web-search-server-tool.chunks.txt'));
    const starts = events.filter((e) => e.type === 'part_start');
    expect(starts).toEqual([{ type: 'part_start', index: 0, part: { type: 'text' } }]);
    const r = await collectStream(iter(events));
    expect(r.content).toEqual([{ type: 'text', text: 'It is sunny.' }]);
    expect(r.finishReason).toBe('stop');
  });

  it('a tool with no streamed arguments emits no delta (collects to {})', async () => {
    const events = await decodeChunks(frames([start(), cbStart(0, { type: 'tool_use', id: 't', name: 'now', input: {} }), cbStop(0), ...end('tool_use')]));
    expect(events.filter((e) => e.type === 'delta')).toEqual([]);
    expect((await collectStream(iter(events))).content[0]).toMatchObject({ arguments: {} });
  });

  it('arguments given only in content_block_start are not lost', async () => {
    const events = await decodeChunks(frames([start(), cbStart(0, { type: 'tool_use', id: 't', name: 'f', input: { a: 1 } }), cbStop(0), ...end('tool_use')]));
    expect((await collectStream(iter(events))).content[0]).toMatchObject({ arguments: { a: 1 } });
  });

  it('wrapped custom tools: input_json buffered, one raw-input delta at the block end', async () => {
    const ctx = newWireContext('m');
    ctx.wrappedCustomTools.add('apply_patch');
    const events = await decodeChunks(
      frames([
        start(),
        cbStart(0, { type: 'tool_use', id: 't', name: 'apply_patch', input: {} }),
        cbDelta(0, { type: 'input_json_delta', partial_json: '{"input":"*** Begin' }),
        cbDelta(0, { type: 'input_json_delta', partial_json: ' Patch\\n"}' }),
        cbStop(0),
        ...end('tool_use'),
      ]),
      ctx,
    );
    expect(events.filter((e) => e.type !== 'start' && e.type !== 'finish')).toEqual([
      { type: 'part_start', index: 0, part: { type: 'tool_call', id: 't', name: 'apply_patch', kind: 'custom' } },
      { type: 'delta', index: 0, delta: { type: 'tool_arguments', json: '*** Begin Patch\n' } },
      { type: 'part_end', index: 0 },
    ]);
    expect((await collectStream(iter(events))).content[0]).toMatchObject({ kind: 'custom', input: '*** Begin Patch\n' });
  });

  it('tool names read back through the reverse map', async () => {
    const ctx = newWireContext('m');
    ctx.toolNames.set('a_b', 'a/b');
    const events = await decodeChunks(frames([start(), cbStart(0, { type: 'tool_use', id: 't', name: 'a_b', input: {} }), cbStop(0), ...end('tool_use')]), ctx);
    expect(events[1]).toMatchObject({ part: { name: 'a/b' } });
  });

  it('redacted_thinking and empty text blocks', async () => {
    const events = await decodeChunks(
      frames([start(), cbStart(0, { type: 'redacted_thinking', data: 'RED' }), cbStop(0), cbStart(1, { type: 'text', text: '' }), cbStop(1), ...end()]),
    );
    expect(events.filter((e) => e.type === 'part_start')).toEqual([{ type: 'part_start', index: 0, part: { type: 'reasoning', redactedData: 'RED', origin: 'anthropic' } }]);
  });

  it('interleaved upstream blocks come out one at a time, in start order', async () => {
    const events = await decodeChunks(
      frames([
        start(),
        cbStart(0, { type: 'text', text: '' }),
        cbStart(1, { type: 'tool_use', id: 't', name: 'f', input: {} }),
        cbDelta(1, { type: 'input_json_delta', partial_json: '{"a":' }),
        cbDelta(0, { type: 'text_delta', text: 'hi' }),
        cbDelta(1, { type: 'input_json_delta', partial_json: '2}' }),
        cbStop(1),
        cbDelta(0, { type: 'text_delta', text: '!' }),
        cbStop(0),
        ...end('tool_use'),
      ]),
    );
    const kinds = events.map((e) => `${e.type}${'index' in e ? e.index : ''}`);
    expect(kinds).toEqual(['start', 'part_start0', 'delta0', 'delta0', 'part_end0', 'part_start1', 'delta1', 'delta1', 'part_end1', 'finish']);
    const r = await collectStream(iter(events));
    expect(r.content).toEqual([{ type: 'text', text: 'hi!' }, { type: 'tool_call', id: 't', name: 'f', arguments: { a: 2 } }]);
  });

  it('USG-8: non-zero input/cache counts in message_delta override message_start', async () => {
    const events = await decodeChunks(
      frames([
        start({ input_tokens: 0, output_tokens: 0 }),
        cbStart(0, { type: 'text', text: 'x' }),
        cbStop(0),
        ...end('end_turn', { input_tokens: 70, cache_read_input_tokens: 30, output_tokens: 12 }),
      ]),
    );
    expect(events.at(-1)).toMatchObject({ usage: { inputTokens: 70, cacheReadTokens: 30, cacheWriteTokens: 0, outputTokens: 12 } });
  });

  it('stop_sequence kept on finish', async () => {
    const events = await decodeChunks(
      frames([start(), cbStart(0, { type: 'text', text: 'a' }), cbStop(0), { type: 'message_delta', delta: { stop_reason: 'stop_sequence', stop_sequence: 'END' }, usage: { output_tokens: 1 } }, { type: 'message_stop' }]),
    );
    expect(events.at(-1)).toMatchObject({ finishReason: 'stop', stopSequence: 'END', rawFinishReason: 'stop_sequence' });
  });

  const errorCases: Array<[string, string, number]> = [
    ['overloaded_error', 'overloaded', 529],
    ['rate_limit_error', 'rate_limit', 429],
    ['api_error', 'api_error', 500],
    ['invalid_request_error', 'invalid_request', 400],
  ];
  for (const [type, kind, status] of errorCases) {
    it(`error event ${type} → ${kind} ${status}, and nothing after it`, async () => {
      const events = await decodeChunks(
        frames([start(), cbStart(0, { type: 'text', text: 'par' }), { type: 'error', error: { type, message: 'boom' } }, cbStop(0), ...end()]),
      );
      const last = events.at(-1) as Extract<ChatEvent, { type: 'error' }>;
      expect(last.type).toBe('error');
      expect(last.error).toBeInstanceOf(TokligenceError);
      expect([last.error.kind, last.error.status, last.error.providerType]).toEqual([kind, status, type]);
      expect(events.some((e) => e.type === 'finish')).toBe(false);
    });
  }

  it('a stream cut before message_stop: finish when message_delta came, else an error', async () => {
    const withDelta = await decodeChunks(frames([start(), cbStart(0, { type: 'text', text: 'a' }), { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 1 } }]));
    expect(withDelta.map((e) => e.type)).toEqual(['start', 'part_start', 'delta', 'part_end', 'finish']);
    const cut = await decodeChunks(frames([start(), cbStart(0, { type: 'text', text: 'a' })]));
    expect(cut.at(-1)?.type).toBe('error');
  });

  it('unreadable data is an error event, not a crash', async () => {
    const events = await decodeChunks([...frames([start()]), 'event: content_block_delta\ndata: {not json\n\n']);
    expect(events.at(-1)).toMatchObject({ type: 'error' });
  });
});
