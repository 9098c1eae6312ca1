import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSse } from '../../../src/core/sse.js';
import type { ChatEvent } from '../../../src/core/types.js';
import { decodeStream } from '../../../src/dialects/anthropic/index.js';
import type { WireContext, WireEvent } from '../../../src/core/contracts/index.js';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/anthropic');

/** A `.chunks.txt` fixture as one string per SSE event. */
export function loadFrames(name: string): string[] {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  return text
    .split('\n\n')
    .filter((s) => s.trim() !== '')
    .map((s) => `${s}\n\n`);
}

export function loadJson<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as T;
}

export async function* iter<T>(items: T[]): AsyncGenerator<T> {
  for (const i of items) yield i;
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** SSE text chunks → canonical events through the real SSE reader and our decoder. */
export function decodeChunks(chunks: string[], context?: WireContext): Promise<ChatEvent[]> {
  return collect(decodeStream(readSse(iter(chunks)), context));
}

/** Wire events → SSE text, the way the server writes them. */
export function toSseText(events: WireEvent[]): string {
  return events.map((e) => `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`).join('');
}

type Obj = Record<string, unknown>;

/**
 * The §3.14 invariants of an Anthropic SSE transcript (what Claude Code rejects with "Content
 * block not found" and friends). Returns the violations; empty = valid. An `error` event is a
 * valid ending (then there is no message_delta / message_stop).
 */
export function checkAnthropicSse(events: WireEvent[], opts: { toolArgsSent?: Map<number, boolean> } = {}): string[] {
  const p: string[] = [];
  if (events.length === 0) return ['no events'];
  const types = events.map((e) => (e.data as Obj).type);
  events.forEach((e, i) => {
    if (e.event !== types[i]) p.push(`event ${i}: event name ${e.event} ≠ data.type ${String(types[i])}`);
  });
  const endedByError = types[types.length - 1] === 'error';
  if (types.filter((t) => t === 'error').length > (endedByError ? 1 : 0)) p.push('error event not last');
  if (types[0] !== 'message_start' && !(endedByError && types.length === 1)) p.push('first event is not message_start');
  if (types.filter((t) => t === 'message_start').length > 1) p.push('more than one message_start');
  if (!endedByError) {
    if (types[types.length - 1] !== 'message_stop') p.push('last event is not message_stop');
    if (types.filter((t) => t === 'message_stop').length !== 1) p.push('not exactly one message_stop');
    if (types.filter((t) => t === 'message_delta').length !== 1) p.push('not exactly one message_delta');
  } else if (types.includes('message_stop')) p.push('message_stop after an error');
  let nextIndex = 0;
  let open: { index: number; type: string; text: string; json: string; deltas: number } | undefined;
  let sawDelta = false;
  events.forEach((e, i) => {
    const d = e.data as Obj;
    switch (d.type) {
      case 'content_block_start': {
        if (sawDelta) p.push(`event ${i}: block after message_delta`);
        if (open) p.push(`event ${i}: block ${String(d.index)} starts while ${open.index} is open`);
        if (d.index !== nextIndex) p.push(`event ${i}: block index ${String(d.index)}, expected ${nextIndex}`);
        nextIndex++;
        const cb = d.content_block as Obj;
        open = { index: d.index as number, type: String(cb.type), text: String(cb.text ?? ''), json: '', deltas: 0 };
        if (cb.type === 'tool_use' && (JSON.stringify(cb.input) !== '{}' || typeof cb.id !== 'string' || !/^[a-zA-Z0-9_-]+$/.test(cb.id)))
          p.push(`event ${i}: tool_use start must carry input {} and a valid id`);
        if (cb.type === 'redacted_thinking' && (typeof cb.data !== 'string' || cb.data === '')) p.push(`event ${i}: redacted_thinking without data`);
        break;
      }
      case 'content_block_delta': {
        if (!open || open.index !== d.index) {
          p.push(`event ${i}: delta for block ${String(d.index)} which is not open`);
          break;
        }
        const delta = d.delta as Obj;
        const ok: Record<string, string[]> = {
          text: ['text_delta', 'citations_delta'],
          tool_use: ['input_json_delta'],
          thinking: ['thinking_delta', 'signature_delta'],
          redacted_thinking: [],
        };
        if (!(ok[open.type] ?? []).includes(String(delta.type))) p.push(`event ${i}: ${String(delta.type)} inside a ${open.type} block`);
        const payload = delta.text ?? delta.partial_json ?? delta.thinking ?? delta.signature;
        if (payload === '') p.push(`event ${i}: empty ${String(delta.type)}`);
        if (delta.type === 'text_delta') open.text += String(delta.text);
        if (delta.type === 'input_json_delta') open.json += String(delta.partial_json);
        open.deltas++;
        break;
      }
      case 'content_block_stop': {
        if (!open || open.index !== d.index) {
          p.push(`event ${i}: stop for block ${String(d.index)} which is not open`);
          break;
        }
        if (open.type === 'text' && open.text === '') p.push(`event ${i}: empty text block`);
        if (open.type === 'tool_use') {
          if (open.json !== '') {
            try {
              const v = JSON.parse(open.json);
              if (!v || typeof v !== 'object' || Array.isArray(v)) p.push(`event ${i}: tool input is not a JSON object`);
              else if (opts.toolArgsSent?.get(open.index) && Object.keys(v).length === 0) p.push(`event ${i}: tool input {} although args were sent`);
            } catch {
              p.push(`event ${i}: tool input does not parse: ${open.json}`);
            }
          } else if (opts.toolArgsSent?.get(open.index)) p.push(`event ${i}: tool args lost`);
        }
        open = undefined;
        break;
      }
      case 'message_delta': {
        if (open) p.push(`event ${i}: message_delta while block ${open.index} is open`);
        sawDelta = true;
        const delta = d.delta as Obj;
        if (typeof delta?.stop_reason !== 'string') p.push(`event ${i}: message_delta without stop_reason`);
        if (!d.usage || typeof (d.usage as Obj).output_tokens !== 'number') p.push(`event ${i}: message_delta without usage`);
        break;
      }
      case 'message_start': {
        const m = d.message as Obj | undefined;
        if (m?.role !== 'assistant' || !Array.isArray(m.content) || typeof (m.usage as Obj | undefined)?.input_tokens !== 'number')
          p.push(`event ${i}: malformed message_start`);
        break;
      }
    }
  });
  if (open && !endedByError) p.push(`block ${open.index} never stopped`);
  return p;
}
