import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeStream } from '../../../src/core/batch.js';
import type { WireEvent } from '../../../src/core/contracts/index.js';
import type { ChatEvent } from '../../../src/core/types.js';
import { anthropicCodec, openaiChatCodec } from '../../../src/dialects/index.js';

/** A stream of text deltas (any text: quotes, escapes, emoji, lone surrogates) split over parts. */
const streams = fc.record({
  id: fc.string({ minLength: 1 }),
  model: fc.string(),
  alias: fc.option(fc.string(), { nil: undefined }),
  parts: fc.array(fc.array(fc.string({ unit: 'binary' }), { maxLength: 6 }), { minLength: 1, maxLength: 3 }),
});

function events(s: { id: string; model: string; parts: string[][] }): ChatEvent[] {
  const out: ChatEvent[] = [{ type: 'start', id: s.id, model: s.model }];
  s.parts.forEach((texts, index) => {
    out.push({ type: 'part_start', index, part: { type: 'text' } });
    for (const text of texts) out.push({ type: 'delta', index, delta: { type: 'text', text } });
    out.push({ type: 'part_end', index });
  });
  out.push({ type: 'finish', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0 } });
  return out;
}

async function encode(codec: typeof openaiChatCodec, evs: ChatEvent[], options: object): Promise<WireEvent[]> {
  const out: WireEvent[] = [];
  for await (const ev of codeStream((async function* () {
    yield* evs;
  })(), codec.streamEncoder(options)))
    out.push(ev);
  return out;
}

describe('text-delta frame templates (EncodeResponseOptions.serialized)', () => {
  for (const codec of [openaiChatCodec, anthropicCodec]) {
    it(`${codec.name}: a templated frame's JSON text is exactly JSON.stringify of its data, and the frames are those of the plain encoder`, async () => {
      await fc.assert(
        fc.asyncProperty(streams, async (s) => {
          const options = { model: s.alias, includeUsage: true };
          const plain = await encode(codec, events(s), options);
          const framed = await encode(codec, events(s), { ...options, serialized: true });
          expect(plain.some((e) => e.json !== undefined)).toBe(false);
          const texts = s.parts.flat().filter((t) => t !== '').length;
          expect(framed.filter((e) => e.json !== undefined)).toHaveLength(texts);
          for (const e of framed) if (e.json !== undefined) expect(e.json).toBe(JSON.stringify(e.data));
          // Ids and timestamps aside (minted per stream), the two streams say the same.
          const strip = (es: WireEvent[]) => es.map((e) => JSON.stringify({ event: e.event, data: e.data }).replace(/"created":\d+/g, '').replace(/"msg_[0-9a-f]{24}"/g, '"msg_"'));
          expect(strip(framed)).toEqual(strip(plain));
        }),
        { numRuns: 200 },
      );
    });
  }
});
