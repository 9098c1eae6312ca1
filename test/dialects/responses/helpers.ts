import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SseMessage } from '../../../src/core/sse.js';
import { readSse } from '../../../src/core/sse.js';
import type { ChatEvent } from '../../../src/core/types.js';
import type { WireEvent } from '../../../src/core/contracts/index.js';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/responses');

/** A `.chunks.txt` fixture as one string per SSE event block. */
export function fixtureChunks(name: string): string[] {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  return text
    .split(/\n\n/)
    .filter((b) => b.trim() !== '')
    .map((b) => `${b}\n\n`);
}

export async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

/** SSE text chunks → parsed SSE messages, through the real parser. */
export function sse(chunks: string[]): AsyncIterable<SseMessage> {
  return readSse(fromArray(chunks));
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

/** Wire events (as an encoder yields them) → SSE text frames. */
export function frames(events: WireEvent[]): string[] {
  return events.map((e) => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
}

/** Check the canonical stream rules; returns problems. */
export function canonicalProblems(events: ChatEvent[]): string[] {
  const problems: string[] = [];
  if (events[0]?.type !== 'start') problems.push('first event is not start');
  let open: number | undefined;
  let next = 0;
  let ended = false;
  for (const e of events) {
    if (ended) problems.push(`event after finish/error: ${e.type}`);
    if (e.type === 'part_start') {
      if (open !== undefined) problems.push(`part ${e.index} opened while ${open} open`);
      if (e.index !== next) problems.push(`part index ${e.index}, expected ${next}`);
      open = e.index;
      next++;
    } else if (e.type === 'delta') {
      if (e.index !== open) problems.push(`delta for ${e.index} while ${open} open`);
    } else if (e.type === 'part_end') {
      if (e.index !== open) problems.push(`end for ${e.index} while ${open} open`);
      open = undefined;
    } else if (e.type === 'finish' || e.type === 'error') {
      // An error may cut a part short; a finish may not.
      if (e.type === 'finish' && open !== undefined) problems.push(`finish with part ${open} open`);
      ended = true;
    }
  }
  if (!ended) problems.push('no finish or error');
  return problems;
}
