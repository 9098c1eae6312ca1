/**
 * Replay a recorded upstream stream (a `.chunks.txt` fixture: SSE text as the provider sent it)
 * through the real SSE parser, the upstream dialect's decoder and a caller dialect's encoder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DialectCodec, WireContext, WireEvent } from '../../src/core/contracts/index.js';
import { newWireContext } from '../../src/core/contracts/index.js';
import { readSse } from '../../src/core/sse.js';
import type { ChatEvent, DialectName } from '../../src/core/types.js';
import { anthropicCodec } from '../../src/dialects/anthropic/index.js';
import { geminiCodec } from '../../src/dialects/gemini/index.js';
import { openaiChatCodec } from '../../src/dialects/openai-chat/index.js';
import { responsesCodec } from '../../src/dialects/responses/index.js';

export const FIXTURES = join(import.meta.dirname, '../fixtures');
export const DIALECTS: DialectName[] = ['anthropic', 'openai-chat', 'responses', 'gemini'];
export const CODECS: Record<DialectName, DialectCodec> = {
  anthropic: anthropicCodec as DialectCodec,
  'openai-chat': openaiChatCodec as DialectCodec,
  responses: responsesCodec as DialectCodec,
  gemini: geminiCodec as DialectCodec,
};

/** A fixture's text (path below test/fixtures). */
export function fixtureText(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

/** Text cut into pieces at the given byte offsets (sorted, deduplicated). */
export function cut(text: string, offsets: number[] = []): string[] {
  const points = [...new Set(offsets.filter((o) => o > 0 && o < text.length))].sort((a, b) => a - b);
  const out: string[] = [];
  let at = 0;
  for (const p of points) {
    out.push(text.slice(at, p));
    at = p;
  }
  out.push(text.slice(at));
  return out;
}

async function* chunksOf(pieces: string[]): AsyncGenerator<Uint8Array> {
  const enc = new TextEncoder();
  for (const p of pieces) yield enc.encode(p);
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export interface Replayed {
  canonical: ChatEvent[];
  wire: WireEvent[];
  context: WireContext;
}

/** Decode `text` as `upstream` SSE (cut at `offsets`) and encode it for a `caller`. */
export async function replay(
  upstream: DialectName,
  text: string,
  caller: DialectName,
  opts: { offsets?: number[]; declaredTools?: string[]; model?: string } = {},
): Promise<Replayed> {
  const context = newWireContext(opts.model ?? 'recorded-model');
  if (opts.declaredTools) context.declaredTools = new Set(opts.declaredTools);
  const canonical = await collect(CODECS[upstream].decodeStream(readSse(chunksOf(cut(text, opts.offsets))), context));
  const wire = await collect(CODECS[caller].encodeStream(chunksOfEvents(canonical), { model: 'alias', includeUsage: true }));
  return { canonical, wire, context };
}

async function* chunksOfEvents(events: ChatEvent[]): AsyncGenerator<ChatEvent> {
  for (const e of events) yield e;
}
