import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OverloadedError } from '../../../src/core/errors.js';
import { collectStream } from '../../../src/core/stream.js';
import type { ChatEvent, ContentPart, Usage } from '../../../src/core/types.js';
import { encodeStream } from '../../../src/dialects/anthropic/index.js';
import type { WireEvent } from '../../../src/core/contracts/index.js';
import { newWireContext } from '../../../src/core/contracts/index.js';
import { checkAnthropicSse, collect, decodeChunks, iter, toSseText } from './helpers.js';

type Obj = Record<string, unknown>;
const usage = (over: Partial<Usage> = {}): Usage => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, ...over });
const enc = (events: ChatEvent[], opts = {}) => collect(encodeStream(iter(events), opts));
const data = (events: WireEvent[]) => events.map((e) => e.data as Obj);

describe('anthropic encodeStream', () => {
  it('golden B-stream (§3.14): text then two parallel tools, usage in message_delta', async () => {
    const out = await enc([
      { type: 'start', id: 'msg_b', model: 'gpt-x' },
      { type: 'part_start', index: 0, part: { type: 'text' } },
      { type: 'delta', index: 0, delta: { type: 'text', text: 'Hi' } },
      { type: 'part_end', index: 0 },
      { type: 'part_start', index: 1, part: { type: 'tool_call', id: 'call_a', name: 'f' } },
      { type: 'delta', index: 1, delta: { type: 'tool_arguments', json: '{"x":1}' } },
      { type: 'part_end', index: 1 },
      { type: 'part_start', index: 2, part: { type: 'tool_call', id: 'call_b', name: 'g' } },
      { type: 'delta', index: 2, delta: { type: 'tool_arguments', json: '{}' } },
      { type: 'part_end', index: 2 },
      { type: 'finish', finishReason: 'tool_calls', usage: usage({ inputTokens: 40, outputTokens: 20, cacheReadTokens: 60 }) },
    ], { model: 'claude-alias' });
    expect(checkAnthropicSse(out)).toEqual([]);
    expect(out.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const d = data(out);
    expect(d[0]).toEqual({
      type: 'message_start',
      message: {
        id: 'msg_b',
        type: 'message',
        role: 'assistant',
        content: [],
        model: 'claude-alias',
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      },
    });
    expect(d[1]).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    expect(d[2]).toEqual({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } });
    expect(d[4]).toEqual({ type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'call_a', name: 'f', input: {} } });
    expect(d[5]).toEqual({ type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"x":1}' } });
    expect(d[7]).toEqual({ type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'call_b', name: 'g', input: {} } });
    expect(d[10]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { input_tokens: 40, output_tokens: 20, cache_read_input_tokens: 60 },
    });
  });

  it('USG-4: message_start carries the estimated input tokens when the upstream gave none', async () => {
    const out = await enc([{ type: 'start', id: 'm', model: 'x' }, { type: 'finish', finishReason: 'stop', usage: usage() }], { estimatedInputTokens: 1234 });
    expect((data(out)[0].message as Obj).usage).toMatchObject({ input_tokens: 1234 });
    const real = await enc([{ type: 'start', id: 'm', model: 'x', usage: { inputTokens: 50 } }, { type: 'finish', finishReason: 'stop', usage: usage() }], { estimatedInputTokens: 1234 });
    expect((data(real)[0].message as Obj).usage).toMatchObject({ input_tokens: 50 });
  });

  it('no empty text block: a text part with only empty deltas opens nothing', async () => {
    const out = await enc([
      { type: 'start', id: 'm', model: 'x' },
      { type: 'part_start', index: 0, part: { type: 'text' } },
      { type: 'delta', index: 0, delta: { type: 'text', text: '' } },
      { type: 'part_end', index: 0 },
      { type: 'finish', finishReason: 'stop', usage: usage() },
    ]);
    expect(out.map((e) => e.event)).toEqual(['message_start', 'message_delta', 'message_stop']);
  });

  it('thinking with thinking_delta and signature_delta; redacted_thinking carries data; foreign signatures dropped', async () => {
    const out = await enc([
      { type: 'start', id: 'm', model: 'x' },
      { type: 'part_start', index: 0, part: { type: 'reasoning', origin: 'anthropic' } },
      { type: 'delta', index: 0, delta: { type: 'reasoning', text: 'hmm' } },
      { type: 'delta', index: 0, delta: { type: 'signature', signature: 'SIG' } },
      { type: 'part_end', index: 0 },
      { type: 'part_start', index: 1, part: { type: 'reasoning', redactedData: 'RED', origin: 'anthropic' } },
      { type: 'part_end', index: 1 },
      { type: 'part_start', index: 2, part: { type: 'reasoning', origin: 'gemini' } },
      { type: 'delta', index: 2, delta: { type: 'reasoning', text: 'g' } },
      { type: 'delta', index: 2, delta: { type: 'signature', signature: 'GEMINI_SIG' } },
      { type: 'part_end', index: 2 },
      { type: 'finish', finishReason: 'stop', usage: usage() },
    ]);
    expect(checkAnthropicSse(out)).toEqual([]);
    const d = data(out);
    expect(d[1]).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } });
    expect(d[2]).toEqual({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hmm' } });
    expect(d[3]).toEqual({ type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'SIG' } });
    expect(d[5]).toEqual({ type: 'content_block_start', index: 1, content_block: { type: 'redacted_thinking', data: 'RED' } });
    expect(JSON.stringify(d)).not.toContain('GEMINI_SIG');
  });

  it('a mid-stream error becomes an error frame with the Anthropic type, and no message_stop', async () => {
    const out = await enc([
      { type: 'start', id: 'm', model: 'x' },
      { type: 'part_start', index: 0, part: { type: 'text' } },
      { type: 'delta', index: 0, delta: { type: 'text', text: 'par' } },
      { type: 'error', error: new OverloadedError('busy') },
      { type: 'finish', finishReason: 'stop', usage: usage() },
    ]);
    expect(checkAnthropicSse(out)).toEqual([]);
    expect(out.at(-1)).toEqual({ event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'busy' } } });
    expect(out.some((e) => e.event === 'message_stop')).toBe(false);
  });

  it('a canonical stream that just ends (or throws) ends with an error frame', async () => {
    const ended = await enc([{ type: 'start', id: 'm', model: 'x' }]);
    expect(ended.at(-1)?.event).toBe('error');
    async function* throws(): AsyncGenerator<ChatEvent> {
      yield { type: 'start', id: 'm', model: 'x' };
      throw new Error('socket hang up');
    }
    const thrown = await collect(encodeStream(throws()));
    expect(thrown.at(-1)).toMatchObject({ event: 'error', data: { error: { type: 'api_error', message: 'socket hang up' } } });
  });

  it('tool calls present ⇒ stop_reason tool_use; stop sequence kept; ids normalised', async () => {
    const out = await enc([
      { type: 'start', id: 'm', model: 'x' },
      { type: 'part_start', index: 0, part: { type: 'tool_call', id: 'functions.f:0', name: 'f' } },
      { type: 'part_end', index: 0 },
      { type: 'finish', finishReason: 'stop', usage: usage() },
    ]);
    expect(checkAnthropicSse(out)).toEqual([]);
    expect(data(out)[1]).toMatchObject({ content_block: { id: 'functions_f_0' } });
    expect(data(out).at(-2)).toMatchObject({ delta: { stop_reason: 'tool_use' } });
    const seq = await enc([{ type: 'start', id: 'm', model: 'x' }, { type: 'finish', finishReason: 'stop', stopSequence: 'END', usage: usage() }]);
    expect(data(seq).at(-2)).toMatchObject({ delta: { stop_reason: 'stop_sequence', stop_sequence: 'END' } });
  });

  it('custom calls go out as one {input} JSON delta at the block end', async () => {
    const out = await enc([
      { type: 'start', id: 'm', model: 'x' },
      { type: 'part_start', index: 0, part: { type: 'tool_call', id: 'c', name: 'apply_patch', kind: 'custom' } },
      { type: 'delta', index: 0, delta: { type: 'tool_arguments', json: '*** Begin' } },
      { type: 'delta', index: 0, delta: { type: 'tool_arguments', json: ' Patch' } },
      { type: 'part_end', index: 0 },
      { type: 'finish', finishReason: 'tool_calls', usage: usage() },
    ]);
    expect(checkAnthropicSse(out)).toEqual([]);
    expect(data(out)[2]).toEqual({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"input":"*** Begin Patch"}' } });
  });

  it('the invariant checker catches broken transcripts (so the property below can fail)', () => {
    const e = (d: Obj): WireEvent => ({ event: String(d.type), data: d });
    const broken = [
      e({ type: 'message_start', message: { role: 'assistant', content: [], usage: { input_tokens: 0 } } }),
      e({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }),
      e({ type: 'content_block_delta', index: 1, delta: { type: 'thinking_delta', thinking: 'x' } }),
      e({ type: 'content_block_stop', index: 1 }),
      e({ type: 'message_stop' }),
    ];
    const problems = checkAnthropicSse(broken);
    expect(problems.join('\n')).toMatch(/expected 0/);
    expect(problems.join('\n')).toMatch(/thinking_delta inside a text block/);
    expect(problems.join('\n')).toMatch(/empty text block/);
    expect(problems.join('\n')).toMatch(/message_delta/);
  });
});

/** Random canonical streams: parts of every kind, fragments that may be empty, a finish or an error. */
const textPart = fc.record({ kind: fc.constant('text' as const), chunks: fc.array(fc.oneof(fc.constant(''), fc.string({ minLength: 1, maxLength: 8 })), { maxLength: 4 }) });
const toolPart = fc.record({
  kind: fc.constant('tool' as const),
  id: fc.stringMatching(/^[a-zA-Z0-9_-]{1,12}$/),
  custom: fc.boolean(),
  args: fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), fc.oneof(fc.integer(), fc.string({ maxLength: 6 })), { maxKeys: 3 }),
  cuts: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }),
});
const reasoningPart = fc.record({
  kind: fc.constant('reasoning' as const),
  chunks: fc.array(fc.oneof(fc.constant(''), fc.string({ minLength: 1, maxLength: 8 })), { maxLength: 3 }),
  signature: fc.option(fc.stringMatching(/^[A-Za-z0-9+/=]{4,20}$/), { nil: undefined }),
  origin: fc.constantFrom('anthropic' as const, 'openai-chat' as const),
});
const redactedPart = fc.record({ kind: fc.constant('redacted' as const), data: fc.stringMatching(/^[A-Za-z0-9]{1,12}$/) });
const streamArb = fc.record({
  parts: fc.array(fc.oneof(textPart, toolPart, reasoningPart, redactedPart), { maxLength: 6 }),
  end: fc.constantFrom('stop', 'length', 'tool_calls', 'content_filter', 'pause', 'error'),
  usage: fc.record({ inputTokens: fc.nat(5000), outputTokens: fc.nat(5000), cacheReadTokens: fc.nat(5000), cacheWriteTokens: fc.nat(5000) }),
});

function split(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const p of points) {
    out.push(text.slice(last, p));
    last = p;
  }
  out.push(text.slice(last));
  return out;
}

type StreamSpec = typeof streamArb extends fc.Arbitrary<infer T> ? T : never;

function buildEvents(s: StreamSpec): { events: ChatEvent[]; expected: ContentPart[]; argsSent: Map<number, boolean> } {
  const events: ChatEvent[] = [{ type: 'start', id: 'msg_p', model: 'm' }];
  const expected: ContentPart[] = [];
  const argsSent = new Map<number, boolean>();
  let wire = 0;
  s.parts.forEach((p, index) => {
    if (p.kind === 'text') {
      events.push({ type: 'part_start', index, part: { type: 'text' } });
      for (const c of p.chunks) events.push({ type: 'delta', index, delta: { type: 'text', text: c } });
      events.push({ type: 'part_end', index });
      const text = p.chunks.join('');
      if (text !== '') {
        expected.push({ type: 'text', text });
        wire++;
      }
    } else if (p.kind === 'tool') {
      events.push({ type: 'part_start', index, part: { type: 'tool_call', id: p.id, name: 'tool_x', ...(p.custom ? { kind: 'custom' as const } : {}) } });
      const raw = p.custom ? `raw ${JSON.stringify(p.args)}` : Object.keys(p.args).length > 0 ? JSON.stringify(p.args) : '';
      for (const c of split(raw, p.cuts)) events.push({ type: 'delta', index, delta: { type: 'tool_arguments', json: c } });
      events.push({ type: 'part_end', index });
      argsSent.set(wire++, raw !== '');
      expected.push(
        p.custom
          ? { type: 'tool_call', id: p.id, name: 'tool_x', kind: 'custom', input: raw, arguments: {} }
          : { type: 'tool_call', id: p.id, name: 'tool_x', arguments: p.args },
      );
    } else if (p.kind === 'reasoning') {
      events.push({ type: 'part_start', index, part: { type: 'reasoning', origin: p.origin } });
      for (const c of p.chunks) events.push({ type: 'delta', index, delta: { type: 'reasoning', text: c } });
      if (p.signature) events.push({ type: 'delta', index, delta: { type: 'signature', signature: p.signature } });
      events.push({ type: 'part_end', index });
      const text = p.chunks.join('');
      const signature = p.origin === 'anthropic' ? p.signature : undefined;
      if (text !== '' || signature) {
        expected.push({ type: 'reasoning', text, origin: 'anthropic', ...(signature ? { signature } : {}) });
        wire++;
      }
    } else {
      events.push({ type: 'part_start', index, part: { type: 'reasoning', redactedData: p.data, origin: 'anthropic' } });
      events.push({ type: 'part_end', index });
      expected.push({ type: 'reasoning', text: '', redactedData: p.data, origin: 'anthropic' });
      wire++;
    }
  });
  if (s.end === 'error') events.push({ type: 'error', error: new OverloadedError('gone') });
  else events.push({ type: 'finish', finishReason: s.end as 'stop', usage: s.usage });
  return { events, expected, argsSent };
}

describe('anthropic encodeStream properties', () => {
  it('§3.14 invariants hold for random canonical streams', async () => {
    await fc.assert(
      fc.asyncProperty(streamArb, async (s) => {
        const { events, argsSent } = buildEvents(s);
        const out = await enc(events);
        expect(checkAnthropicSse(out, { toolArgsSent: argsSent })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('encode → SSE bytes → decode gives back the same message (tool ids, args, thinking, usage)', async () => {
    const ctx = newWireContext('m');
    ctx.wrappedCustomTools.add('tool_x_custom');
    await fc.assert(
      fc.asyncProperty(streamArb.filter((s) => s.end !== 'error'), async (s) => {
        const { events, expected } = buildEvents(s);
        const out = await enc(events);
        const decoded = await collectStream(iter(await decodeChunks([toSseText(out)], ctx)));
        // Custom calls come back as their {input} wrapper without a context that knows them.
        const want = expected.map((p) => (p.type === 'tool_call' && p.kind === 'custom' ? { type: 'tool_call', id: p.id, name: p.name, arguments: { input: p.input } } : p));
        expect(decoded.content).toEqual(want);
        expect(decoded.usage).toEqual(s.usage);
        const hasTool = expected.some((p) => p.type === 'tool_call');
        expect(decoded.finishReason).toBe(hasTool ? 'tool_calls' : s.end === 'tool_calls' ? 'stop' : s.end);
      }),
      { numRuns: 200 },
    );
  });
});
