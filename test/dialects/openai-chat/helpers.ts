import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSse } from '../../../src/core/sse.js';
import type { ChatEvent } from '../../../src/core/types.js';
import { decodeStream } from '../../../src/dialects/openai-chat/index.js';
import type { WireContext } from '../../../src/core/contracts/index.js';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/openai-chat');

/** A `.chunks.txt` fixture as one string per SSE event. */
export function fixtureFrames(name: string): string[] {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  return text
    .split(/\n\n/)
    .filter((b) => b.trim() !== '')
    .map((b) => `${b}\n\n`);
}

async function* bytes(chunks: string[]): AsyncGenerator<Uint8Array> {
  const enc = new TextEncoder();
  for (const c of chunks) yield enc.encode(c);
}

/** Decode SSE text pieces through readSse and the chat stream decoder. */
export async function decodeChunks(chunks: string[], context?: WireContext): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const ev of decodeStream(readSse(bytes(chunks)), context)) out.push(ev);
  return out;
}

export async function toArray<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of it) out.push(v);
  return out;
}

export async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  for (const i of items) yield i;
}

/**
 * The canonical stream rules: `start` first; parts opened, filled and closed one at a time with
 * indices 0,1,2…; deltas match their part; exactly one `finish` last (or an `error`). Returns
 * the violations found.
 */
export function streamViolations(events: ChatEvent[]): string[] {
  const problems: string[] = [];
  if (events[0]?.type !== 'start') problems.push('first event is not start');
  let open: { index: number; type: string } | undefined;
  let next = 0;
  let finishes = 0;
  events.forEach((ev, i) => {
    if (finishes > 0) problems.push(`event ${i} (${ev.type}) after finish`);
    if (ev.type === 'start' && i !== 0) problems.push(`start at ${i}`);
    if (ev.type === 'part_start') {
      if (open) problems.push(`part ${ev.index} opened while ${open.index} is open`);
      if (ev.index !== next) problems.push(`part index ${ev.index}, expected ${next}`);
      next = ev.index + 1;
      open = { index: ev.index, type: ev.part.type };
    }
    if (ev.type === 'delta') {
      if (!open || open.index !== ev.index) problems.push(`delta for ${ev.index} which is not open`);
      else {
        const ok =
          (open.type === 'text' && ev.delta.type === 'text') ||
          (open.type === 'tool_call' && ev.delta.type === 'tool_arguments') ||
          (open.type === 'reasoning' && (ev.delta.type === 'reasoning' || ev.delta.type === 'signature'));
        if (!ok) problems.push(`${ev.delta.type} delta in a ${open.type} part`);
        if ((ev.delta.type === 'text' || ev.delta.type === 'reasoning') && ev.delta.text === '') problems.push('empty delta');
      }
    }
    if (ev.type === 'part_end') {
      if (!open || open.index !== ev.index) problems.push(`part_end for ${ev.index} which is not open`);
      open = undefined;
    }
    if (ev.type === 'finish') {
      finishes++;
      if (open) problems.push('finish while a part is open');
    }
  });
  const last = events.at(-1);
  if (last?.type !== 'finish' && last?.type !== 'error') problems.push('stream does not end with finish or error');
  return problems;
}
