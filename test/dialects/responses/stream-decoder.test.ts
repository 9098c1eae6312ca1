import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokligenceError } from '../../../src/core/errors.js';
import { collectStream } from '../../../src/core/stream.js';
import type { ChatEvent, ReasoningPart } from '../../../src/core/types.js';
import { decodeStream } from '../../../src/dialects/responses/index.js';
import { newWireContext } from '../../../src/core/contracts/index.js';
import { rechunk, sseFrames } from '../../helpers/fake-upstream.js';
import { canonicalProblems, collect, fixtureChunks, fromArray, sse } from './helpers.js';

const LONG = 'codex-reasoning-text-patch-exec.chunks.txt';

async function decode(chunks: string[]) {
  const events = await collect(decodeStream(sse(chunks)));
  expect(canonicalProblems(events)).toEqual([]);
  return events;
}

describe('responses decodeStream', () => {
  it('decodes reasoning (2 summary parts + encrypted) → text → custom call → function call with usage', async () => {
    const events = await decode(fixtureChunks(LONG));
    const r = await collectStream(fromArray(events));
    expect(r.id).toBe('resp_fixture01');
    expect(r.model).toBe('gpt-5.5');
    expect(r.content.map((p) => p.type)).toEqual(['reasoning', 'reasoning', 'text', 'tool_call', 'tool_call']);
    const [s1, s2] = r.content as ReasoningPart[];
    expect(s1).toMatchObject({ text: '**Planning the change**\n\nI need to look at the file first.', id: 'rs_fixture01', origin: 'responses' });
    expect(s1?.encryptedContent).toBeUndefined();
    expect(s2?.encryptedContent).toBe(`gAAAAABo-fixture-encrypted+/==${'x'.repeat(40)}`);
    expect(r.content[2]).toEqual({ type: 'text', text: "I'll create the file and then list the directory — ünïcödé ✓." });
    expect(r.content[3]).toMatchObject({
      type: 'tool_call',
      kind: 'custom',
      id: 'call_patch01',
      name: 'apply_patch',
      itemId: 'ctc_fixture01',
      input: '*** Begin Patch\n*** Add File: hello.txt\n+hi from fixture\n*** End Patch\n',
    });
    expect(r.content[4]).toMatchObject({
      type: 'tool_call',
      id: 'call_exec01',
      name: 'exec_command',
      itemId: 'fc_fixture01',
      arguments: { cmd: 'ls -la', workdir: '/home/dev/project', yield_time_ms: 1000 },
    });
    expect(r.finishReason).toBe('tool_calls');
    expect(r.usage).toEqual({ inputTokens: 1104, outputTokens: 310, cacheReadTokens: 4096, cacheWriteTokens: 0, reasoningTokens: 128 });
  });

  it('the tool index is the canonical part ordinal', async () => {
    const events = await decode(fixtureChunks(LONG));
    const starts = events.filter((e): e is Extract<ChatEvent, { type: 'part_start' }> => e.type === 'part_start');
    expect(starts.map((s) => [s.index, s.part.type])).toEqual([
      [0, 'reasoning'],
      [1, 'reasoning'],
      [2, 'text'],
      [3, 'tool_call'],
      [4, 'tool_call'],
    ]);
  });

  it('property: the same response whatever the chunk boundaries', async () => {
    const chunks = fixtureChunks(LONG);
    const expected = await collectStream(decodeStream(sse(chunks)));
    const total = chunks.join('').length;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: total }), { maxLength: 60 }), async (cuts) => {
        const events = await collect(decodeStream(sse(rechunk(chunks, cuts))));
        expect(canonicalProblems(events)).toEqual([]);
        expect(await collectStream(fromArray(events))).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('failure mode #1 (repro): arguments delivered only in function_call_arguments.done are not lost', async () => {
    const r = await collectStream(decodeStream(sse(fixtureChunks('repro-args-only-in-done.chunks.txt'))));
    expect(r.content).toEqual([{ type: 'tool_call', id: 'call_d1', name: 'exec_command', itemId: 'fc_d1', arguments: { cmd: 'echo hi' } }]);
    expect(r.finishReason).toBe('tool_calls');
  });

  it('arguments only in output_item.done (no .done event) are not lost either, and never doubled', async () => {
    const item = { id: 'fc_1', type: 'function_call', call_id: 'c1', name: 'f', arguments: '' };
    const events = [
      { type: 'response.created', response: { id: 'resp_x', model: 'm' } },
      { type: 'response.output_item.added', output_index: 0, item },
      { type: 'response.function_call_arguments.delta', output_index: 0, item_id: 'fc_1', delta: '{"a":' },
      { type: 'response.function_call_arguments.delta', output_index: 0, item_id: 'fc_1', delta: '1}' },
      { type: 'response.function_call_arguments.done', output_index: 0, item_id: 'fc_1', arguments: '{"a":1}' },
      { type: 'response.output_item.done', output_index: 0, item: { ...item, arguments: '{"a":1}' } },
      { type: 'response.output_item.added', output_index: 1, item: { ...item, id: 'fc_2', call_id: 'c2' } },
      { type: 'response.output_item.done', output_index: 1, item: { ...item, id: 'fc_2', call_id: 'c2', arguments: '{"b":2}' } },
      { type: 'response.completed', response: { id: 'resp_x', status: 'completed', output: [] } },
    ];
    const r = await collectStream(decodeStream(sse(sseFrames(events.map((data) => ({ event: data.type, data }))))));
    expect(r.content).toMatchObject([
      { id: 'c1', arguments: { a: 1 } },
      { id: 'c2', arguments: { b: 2 } },
    ]);
  });

  it('a backend that sends only the final snapshot still gives its text and calls', async () => {
    const events = await decode(fixtureChunks('final-snapshot-only.chunks.txt'));
    const r = await collectStream(fromArray(events));
    expect(r.content).toEqual([
      { type: 'text', text: 'Hello there' },
      { type: 'tool_call', id: 'call_f1', name: 'get_weather', itemId: 'fc_f1', arguments: { city: 'Paris' } },
    ]);
    expect(r.usage.inputTokens).toBe(20);
  });

  it('§3.16 E bugs: parallel calls get distinct indexes and names come from item.name', async () => {
    const call = (n: number) => ({ id: `fc_${n}`, type: 'function_call', call_id: `call_${n}`, name: `tool_${n}`, arguments: '' });
    const events = [
      { type: 'response.created', response: { id: 'resp_p', model: 'm' } },
      { type: 'response.output_item.added', output_index: 0, item: call(0) },
      { type: 'response.output_item.added', output_index: 1, item: call(1) },
      // interleaved deltas: item 1 before item 0 finished
      { type: 'response.function_call_arguments.delta', output_index: 1, item_id: 'fc_1', delta: '{"y":2}' },
      { type: 'response.function_call_arguments.delta', output_index: 0, item_id: 'fc_0', delta: '{"x":1}' },
      { type: 'response.output_item.done', output_index: 1, item: { ...call(1), arguments: '{"y":2}' } },
      { type: 'response.output_item.done', output_index: 0, item: { ...call(0), arguments: '{"x":1}' } },
      { type: 'response.completed', response: { status: 'completed', output: [] } },
    ];
    const decoded = await decode(sseFrames(events.map((data) => ({ data }))));
    const r = await collectStream(fromArray(decoded));
    expect(r.content).toMatchObject([
      { type: 'tool_call', id: 'call_0', name: 'tool_0', arguments: { x: 1 } },
      { type: 'tool_call', id: 'call_1', name: 'tool_1', arguments: { y: 2 } },
    ]);
  });

  it('a text delta for an item never announced (LM Studio) still opens a text part', async () => {
    const events = [
      { type: 'response.created', response: { id: 'resp_l', model: 'm' } },
      { type: 'response.output_text.delta', output_index: 0, item_id: 'msg_1', content_index: 0, delta: 'hi' },
      { type: 'response.completed', response: { status: 'completed', output: [] } },
    ];
    const r = await collectStream(decodeStream(sse(sseFrames(events.map((data) => ({ data }))))));
    expect(r.content).toEqual([{ type: 'text', text: 'hi' }]);
  });

  it('response.incomplete → length with usage; empty text never opens a part', async () => {
    const events = [
      { type: 'response.created', response: { id: 'resp_i', model: 'm' } },
      { type: 'response.output_item.added', output_index: 0, item: { id: 'msg_1', type: 'message', role: 'assistant', content: [] } },
      { type: 'response.content_part.added', output_index: 0, item_id: 'msg_1', content_index: 0, part: { type: 'output_text', text: '' } },
      { type: 'response.output_text.delta', output_index: 0, item_id: 'msg_1', content_index: 0, delta: '' },
      { type: 'response.output_text.delta', output_index: 0, item_id: 'msg_1', content_index: 0, delta: 'cut' },
      {
        type: 'response.incomplete',
        response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, usage: { input_tokens: 5, output_tokens: 16 } },
      },
    ];
    const decoded = await decode(sseFrames(events.map((data) => ({ event: data.type, data }))));
    const r = await collectStream(fromArray(decoded));
    expect(r).toMatchObject({ finishReason: 'length', rawFinishReason: 'max_output_tokens', content: [{ type: 'text', text: 'cut' }] });
    expect(r.usage).toMatchObject({ inputTokens: 5, outputTokens: 16 });
  });

  it('response.failed and error events end the stream with a TokligenceError', async () => {
    const failed = [
      { type: 'response.created', response: { id: 'resp_f', model: 'm' } },
      { type: 'response.failed', response: { status: 'failed', error: { code: 'rate_limit_exceeded', message: 'slow down' } } },
      { type: 'response.completed', response: { status: 'completed' } },
    ];
    const events = await decode(sseFrames(failed.map((data) => ({ data }))));
    const last = events.at(-1);
    expect(last?.type).toBe('error');
    const err = (last as Extract<ChatEvent, { type: 'error' }>).error;
    expect(err).toBeInstanceOf(TokligenceError);
    expect(err).toMatchObject({ kind: 'rate_limit', status: 429, message: 'slow down' });
    const errorEvent = [{ type: 'error', code: 'server_error', message: 'boom', param: null }];
    const e2 = await decode(sseFrames(errorEvent.map((data) => ({ event: 'error', data }))));
    expect((e2.at(-1) as Extract<ChatEvent, { type: 'error' }>).error).toMatchObject({ kind: 'api_error', status: 500, message: 'boom' });
  });

  it('a stream cut before response.completed is an error, not a silent stop', async () => {
    const chunks = fixtureChunks(LONG).slice(0, 20);
    const events = await decode(chunks);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'connection' } });
  });

  it('refusal content is text with content_filter / refusal', async () => {
    const events = [
      { type: 'response.created', response: { id: 'resp_r', model: 'm' } },
      { type: 'response.output_item.added', output_index: 0, item: { id: 'msg_1', type: 'message', role: 'assistant', content: [] } },
      { type: 'response.refusal.delta', output_index: 0, item_id: 'msg_1', content_index: 0, delta: 'I cannot help.' },
      { type: 'response.output_item.done', output_index: 0, item: { id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'refusal', refusal: 'I cannot help.' }] } },
      { type: 'response.completed', response: { status: 'completed', output: [] } },
    ];
    const r = await collectStream(decodeStream(sse(sseFrames(events.map((data) => ({ data }))))));
    expect(r).toMatchObject({ finishReason: 'content_filter', rawFinishReason: 'refusal', content: [{ type: 'text', text: 'I cannot help.' }] });
  });

  it('mapped tool names and namespaces are restored from the wire context', async () => {
    const ctx = newWireContext('gpt-5');
    ctx.toolNames.set('a_b', 'a/b');
    const item = { id: 'fc_1', type: 'function_call', call_id: 'c1', name: 'a_b', arguments: '{}' };
    const ns = { id: 'fc_2', type: 'function_call', call_id: 'c2', namespace: 'multi_agent_v1', name: 'wait', arguments: '{}' };
    const events = [
      { type: 'response.created', response: { id: 'resp_n', model: 'm' } },
      { type: 'response.output_item.added', output_index: 0, item },
      { type: 'response.output_item.done', output_index: 0, item },
      { type: 'response.output_item.added', output_index: 1, item: ns },
      { type: 'response.output_item.done', output_index: 1, item: ns },
      { type: 'response.completed', response: { status: 'completed', output: [] } },
    ];
    const r = await collectStream(decodeStream(sse(sseFrames(events.map((data) => ({ data })))), ctx));
    expect(r.content.map((p) => (p.type === 'tool_call' ? p.name : ''))).toEqual(['a/b', 'multi_agent_v1.wait']);
  });
});
