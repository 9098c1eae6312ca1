import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastEventEnd, parseEvents, wholeEvents } from '../../src/core/sse.js';

async function collect(chunks: Array<string | Buffer>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of wholeEvents((async function* () {
    for (const c of chunks) yield typeof c === 'string' ? Buffer.from(c) : c;
  })()))
    out.push(c.toString('utf8'));
  return out;
}

/** Cut a text's UTF-8 bytes at the given offsets (anywhere, also inside a character). */
function cut(text: string, offsets: number[]): Buffer[] {
  const bytes = Buffer.from(text);
  const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let at = 0;
  for (const p of points) {
    out.push(bytes.subarray(at, p));
    at = p;
  }
  out.push(bytes.subarray(at));
  return out.filter((c) => c.length > 0);
}

describe('lastEventEnd', () => {
  it('finds the end of the last blank line in every line-ending style', () => {
    expect(lastEventEnd(Buffer.from('data: a\n\ndata: b'))).toBe(9);
    expect(lastEventEnd(Buffer.from('data: a\r\n\r\ndata: b'))).toBe(11);
    expect(lastEventEnd(Buffer.from('data: a\r\rdata: b'))).toBe(9);
    expect(lastEventEnd(Buffer.from('data: a\n\r\n'))).toBe(10);
    expect(lastEventEnd(Buffer.from('data: a\ndata: b\n'))).toBe(0);
    expect(lastEventEnd(Buffer.from(''))).toBe(0);
  });
});

describe('wholeEvents', () => {
  const events = fc.array(
    fc.record({ event: fc.option(fc.constantFrom('message_start', 'content_block_delta', 'error'), { nil: undefined }), data: fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ' ')) }),
    { minLength: 1, maxLength: 12 },
  );
  const ending = fc.constantFrom('\n', '\r\n');

  it('passes every byte on, each chunk ending on an event boundary, however the upstream cut it', async () => {
    await fc.assert(
      fc.asyncProperty(events, ending, fc.array(fc.nat(), { maxLength: 10 }), async (evs, eol, offsets) => {
        const text = evs.map((e) => `${e.event ? `event: ${e.event}${eol}` : ''}data: ${e.data}${eol}${eol}`).join('');
        const out = await collect(cut(text, offsets));
        expect(out.join('')).toBe(text);
        for (const chunk of out) {
          // Whole events (a CRLF cut after its CR leaves a lone LF for the next chunk).
          if (/^[\r\n]+$/.test(chunk)) continue;
          expect(lastEventEnd(Buffer.from(chunk))).toBe(Buffer.byteLength(chunk));
          expect(parseEvents(chunk).length).toBeGreaterThan(0);
        }
        expect(out.flatMap((c) => parseEvents(c)).map((m) => m.data)).toEqual(evs.map((e) => e.data));
      }),
      { numRuns: 300 },
    );
  });

  it('completes a final event the upstream left without its blank line', async () => {
    expect(await collect(['data: a\n\nda', 'ta: [DONE]'])).toEqual(['data: a\n\n', 'data: [DONE]\n\n']);
  });

  it('keeps multi-byte characters whole across cuts', async () => {
    const text = 'data: {"t":"héllo 🌍"}\n\n';
    const bytes = Buffer.from(text);
    const out: string[] = [];
    for await (const c of wholeEvents((async function* () {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    })()))
      out.push(c.toString('utf8'));
    expect(out).toEqual([text]);
  });
});
