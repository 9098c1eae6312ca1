import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSse } from '../../../src/core/sse.js';
import { collectStream, responseToEvents } from '../../../src/core/stream.js';
import type { ChatEvent } from '../../../src/core/types.js';
import { assembleParts, decodeGeminiResponse, decodeGeminiStream, encodeGeminiRequest, encodeGeminiStream } from '../../../src/dialects/gemini/index.js';
import { newWireContext } from '../../../src/core/contracts/index.js';
import { rechunk, sseFrames } from '../../helpers/fake-upstream.js';
import { fixtureChunks, fixtureJson, postGemini, startFakeGemini } from './helpers.js';

async function toArray<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  for (const x of items) yield x;
}

/** Decode SSE text chunks (no HTTP). */
function decodeChunks(chunks: string[], ctx = newWireContext('gemini-2.5-flash')): Promise<ChatEvent[]> {
  return toArray(decodeGeminiStream(readSse(fromArray(chunks)), ctx));
}

/** The canonical stream invariants: start first, one part open at a time, indices 0..n, one finish last. */
function assertCanonicalOrder(events: ChatEvent[]): void {
  expect(events[0]?.type).toBe('start');
  const last = events[events.length - 1]!;
  expect(['finish', 'error']).toContain(last.type);
  let open: number | undefined;
  let next = 0;
  for (const ev of events.slice(1, -1)) {
    if (ev.type === 'part_start') {
      expect(open).toBeUndefined();
      expect(ev.index).toBe(next++);
      open = ev.index;
    } else if (ev.type === 'delta') expect(ev.index).toBe(open);
    else if (ev.type === 'part_end') {
      expect(ev.index).toBe(open);
      open = undefined;
    } else throw new Error(`unexpected ${ev.type} in the middle`);
  }
  expect(open).toBeUndefined();
}

const weatherRequest = () =>
  encodeGeminiRequest({
    model: 'gemini-2.5-flash',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Boston?' }] }],
    tools: [{ kind: 'function', name: 'get_weather', inputSchema: { type: 'object', properties: { location: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['location'] } }],
    stream: true,
  });

describe('gemini decodeStream', () => {
  it('text then a function call over HTTP: text closed before the call opens, args whole, signature on part_end, usage last', async () => {
    const fake = await startFakeGemini();
    try {
      fake.replies.push({ chunks: fixtureChunks('text-and-function-call.chunks.txt') });
      const { body, context } = weatherRequest();
      const res = await postGemini(fake, 'gemini-2.5-flash', body, true);
      expect(res.status).toBe(200);
      const events = await toArray(decodeGeminiStream(readSse(res.body!), context));
      assertCanonicalOrder(events);
      expect(events.map((e) => e.type)).toEqual(['start', 'part_start', 'delta', 'delta', 'part_end', 'part_start', 'delta', 'part_end', 'finish']);
      expect(events[0]).toEqual({ type: 'start', id: 'resp-abc123', model: 'gemini-2.5-flash', usage: { inputTokens: 120, cacheReadTokens: 0 } });
      expect(events[5]).toMatchObject({ type: 'part_start', index: 1, part: { type: 'tool_call', name: 'get_weather' } });
      expect(JSON.parse((events[6] as { delta: { json: string } }).delta.json)).toEqual({ location: 'Boston, MA', unit: 'celsius' });
      expect(events[7]).toEqual({ type: 'part_end', index: 1, signature: 'CiQBcsjafSIGNATURE0001==' });
      expect(events[8]).toEqual({
        type: 'finish',
        finishReason: 'tool_calls',
        rawFinishReason: 'STOP',
        usage: { inputTokens: 20, outputTokens: 42, cacheReadTokens: 100, cacheWriteTokens: 0, reasoningTokens: 12 },
      });
      const collected = await collectStream(fromArray(events));
      expect(collected.content[0]).toEqual({ type: 'text', text: 'Let me check the weather.' });
      expect(collected.content[1]).toMatchObject({ type: 'tool_call', name: 'get_weather', arguments: { location: 'Boston, MA', unit: 'celsius' } });
      // The Gemini assembler keeps the call's signature (core collectStream has no slot for it).
      expect(assembleParts(events)[1]).toMatchObject({ signature: 'CiQBcsjafSIGNATURE0001==', origin: 'gemini' });
    } finally {
      await fake.close();
    }
  });

  it('property: the same events whatever the chunk boundaries (fast-check rechunk)', async () => {
    const chunks = fixtureChunks('text-and-function-call.chunks.txt');
    const expected = await decodeChunks(chunks);
    const total = chunks.join('').length;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: total }), { maxLength: 40 }), async (cuts) => {
        const events = await decodeChunks(rechunk(chunks, cuts));
        expect(stripIds(events)).toEqual(stripIds(expected));
      }),
      { numRuns: 60 },
    );
  });

  it('property over HTTP: rechunked bytes from the fake upstream collect to the same answer', async () => {
    const chunks = fixtureChunks('thinking-text.chunks.txt');
    const fake = await startFakeGemini();
    try {
      const total = chunks.join('').length;
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 0, max: total }), { maxLength: 25 }), async (cuts) => {
          fake.replies.push({ chunks: rechunk(chunks, cuts) });
          const res = await postGemini(fake, 'gemini-3-pro-preview', weatherRequest().body, true);
          const collected = await collectStream(decodeGeminiStream(readSse(res.body!)));
          expect(collected.content).toEqual([
            { type: 'reasoning', text: '**Planning** I should greet the user briefly.', origin: 'gemini' },
            { type: 'text', text: 'Hello there!' },
            { type: 'reasoning', text: '', signature: 'EpYBAbcdSIG2==', origin: 'gemini' },
          ]);
          expect(collected.usage).toEqual({ inputTokens: 10, outputTokens: 23, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 20 });
        }),
        { numRuns: 25 },
      );
    } finally {
      await fake.close();
    }
  });

  it('the stream and the non-stream decoders agree on the same answer', async () => {
    const wire = fixtureJson<{ candidates: Array<{ content: { parts: unknown[] } }> }>('parallel-calls.response.json');
    // Stream it one part per chunk, then the finish chunk.
    const parts = wire.candidates[0]!.content.parts;
    const frames = sseFrames([
      ...parts.map((p) => ({ data: { candidates: [{ content: { role: 'model', parts: [p] }, index: 0 }], responseId: 'resp-par-1', modelVersion: 'gemini-2.5-pro' } })),
      { data: { candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 }], usageMetadata: (wire as Record<string, unknown>).usageMetadata } },
    ]);
    const events = await decodeChunks(frames);
    const nonStream = decodeGeminiResponse(wire);
    expect(stripIdsFromContent(assembleParts(events))).toEqual(stripIdsFromContent(nonStream.content));
    const finish = events[events.length - 1];
    expect(finish).toMatchObject({ type: 'finish', finishReason: nonStream.finishReason, usage: nonStream.usage });
  });

  it('a stream cut off before finishReason ends with an error event, not a short answer', async () => {
    const chunks = fixtureChunks('text-and-function-call.chunks.txt').slice(0, 2);
    const events = await decodeChunks(chunks);
    expect(events[events.length - 1]).toMatchObject({ type: 'error', error: { kind: 'connection' } });
    expect(events.filter((e) => e.type === 'part_end')).toHaveLength(1);
  });

  it('an error chunk mid-stream becomes an error event with the mapped kind', async () => {
    const chunks = [...fixtureChunks('text-and-function-call.chunks.txt').slice(0, 1), ...sseFrames([{ data: { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } } }])];
    const events = await decodeChunks(chunks);
    expect(events[events.length - 1]).toMatchObject({ type: 'error', error: { kind: 'overloaded', status: 503 } });
  });

  it('a prompt blocked before any candidate finishes as content_filter', async () => {
    const events = await decodeChunks(sseFrames([{ data: { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 4 } } }]));
    expect(events.map((e) => e.type)).toEqual(['start', 'finish']);
    expect(events[1]).toMatchObject({ finishReason: 'content_filter', rawFinishReason: 'SAFETY' });
  });

  it('MAX_TOKENS mid tool-free text → length', async () => {
    const events = await decodeChunks(sseFrames([{ data: { candidates: [{ content: { role: 'model', parts: [{ text: 'abc' }] }, finishReason: 'MAX_TOKENS' }] } }]));
    expect(events[events.length - 1]).toMatchObject({ type: 'finish', finishReason: 'length' });
  });
});

describe('gemini encodeStream', () => {
  it('emits data-only chunks: text pieces, thoughts, a whole functionCall with its signature, then finish + usage', async () => {
    const events: ChatEvent[] = [
      { type: 'start', id: 'resp-1', model: 'gemini-2.5-pro' },
      { type: 'part_start', index: 0, part: { type: 'reasoning', origin: 'gemini' } },
      { type: 'delta', index: 0, delta: { type: 'reasoning', text: 'hmm' } },
      { type: 'delta', index: 0, delta: { type: 'signature', signature: 'CiQthought==' } },
      { type: 'part_end', index: 0 },
      { type: 'part_start', index: 1, part: { type: 'text' } },
      { type: 'delta', index: 1, delta: { type: 'text', text: 'Hi' } },
      { type: 'part_end', index: 1 },
      { type: 'part_start', index: 2, part: { type: 'tool_call', id: 'call_gm_1', name: 'f' } },
      { type: 'delta', index: 2, delta: { type: 'tool_arguments', json: '{"a":' } },
      { type: 'delta', index: 2, delta: { type: 'tool_arguments', json: '1}' } },
      { type: 'part_end', index: 2, signature: 'CiQcall==' },
      { type: 'finish', finishReason: 'tool_calls', usage: { inputTokens: 5, outputTokens: 7, cacheReadTokens: 0, cacheWriteTokens: 0 } },
    ];
    const wire = await toArray(encodeGeminiStream(fromArray(events)));
    expect(wire.every((w) => w.event === undefined)).toBe(true);
    expect(wire.map((w) => (w.data as { candidates: Array<{ content: { parts: unknown[] } }> }).candidates[0]!.content.parts[0])).toEqual([
      { text: 'hmm', thought: true },
      { text: '', thought: true, thoughtSignature: 'CiQthought==' },
      { text: 'Hi' },
      { functionCall: { name: 'f', args: { a: 1 } }, thoughtSignature: 'CiQcall==' },
      { text: '' },
    ]);
    expect(wire[wire.length - 1]!.data).toMatchObject({
      candidates: [{ finishReason: 'STOP' }],
      usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 7, totalTokenCount: 12 },
      responseId: 'resp-1',
      modelVersion: 'gemini-2.5-pro',
    });
  });

  it('round trip: Gemini SSE → canonical → Gemini SSE → canonical gives the same events', async () => {
    for (const name of ['text-and-function-call.chunks.txt', 'thinking-text.chunks.txt']) {
      const first = await decodeChunks(fixtureChunks(name));
      const reencoded = await toArray(encodeGeminiStream(fromArray(first)));
      const second = await decodeChunks(sseFrames(reencoded));
      expect(stripIds(second)).toEqual(stripIds(first));
    }
  });

  it('a foreign answer (Anthropic thinking with signature, custom call) streams without foreign signatures', async () => {
    const wire = await toArray(
      encodeGeminiStream(
        responseToEvents({
          id: 'msg_1',
          model: 'claude',
          content: [
            { type: 'reasoning', text: 'think', signature: 'anthropic-sig', origin: 'anthropic' },
            { type: 'tool_call', id: 'toolu_1', name: 'apply_patch', kind: 'custom', input: '*** patch', arguments: {} },
          ],
          finishReason: 'tool_calls',
          usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
        }),
      ),
    );
    const text = JSON.stringify(wire);
    expect(text).not.toContain('anthropic-sig');
    expect(text).toContain('"functionCall":{"id":"toolu_1","name":"apply_patch","args":{"input":"*** patch"}}');
  });

  it('an error event becomes a Gemini error chunk', async () => {
    const { TokligenceError } = await import('../../../src/core/errors.js');
    const wire = await toArray(
      encodeGeminiStream(fromArray<ChatEvent>([{ type: 'start', id: 'x', model: 'm' }, { type: 'error', error: new TokligenceError('rate_limit', 'slow down', { retryAfter: 7 }) }])),
    );
    expect(wire).toEqual([{ data: { error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' }] } } }]);
  });
});

/** Minted call ids differ per decode; compare everything else. */
function stripIds(events: ChatEvent[]): unknown[] {
  return events.map((e) => {
    if (e.type === 'part_start' && e.part.type === 'tool_call' && e.part.id.startsWith('call_gm')) return { ...e, part: { ...e.part, id: 'minted' } };
    if (e.type === 'start') return { ...e, id: e.id.startsWith('gen_') ? 'minted' : e.id };
    return e;
  });
}

function stripIdsFromContent(content: unknown[]): unknown[] {
  return content.map((p) => {
    const part = p as { type: string; id?: string };
    return part.type === 'tool_call' && part.id?.startsWith('call_gm') ? { ...part, id: 'minted' } : part;
  });
}
