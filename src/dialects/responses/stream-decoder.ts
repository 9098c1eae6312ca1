import { type Coroutine, END, NEXT, codeStream, coroutineCoder } from '../../core/batch.js';
import { TokligenceError } from '../../core/errors.js';
import type { SseMessage } from '../../core/sse.js';
import type { ChatEvent, StreamDelta, StreamPartStart } from '../../core/types.js';
import { namedContentDeltas } from '../shared/content-delta.js';
import { noteSkipped, type StreamCoder, type WireContext } from '../../core/contracts/index.js';
import { streamError } from './errors.js';
import { finishFromStatus } from './map-finish-reason.js';
import { CLIENT_ACTION_ITEMS, callName } from './tools.js';
import { usageFromResponses } from './usage.js';
import { OPAQUE_ITEM_TYPES, type ResponseObjectRead, responseObjectSchema } from './wire.js';

type Json = Record<string, unknown>;

/** Events we know and read nothing from: part/summary openings, annotations, hosted-tool progress. */
const KNOWN_SILENT_EVENT =
  /^response\.((content_part|reasoning_summary_part)\.added|output_text\.annotation\.added|(web_search_call|file_search_call|code_interpreter_call|code_interpreter_call_code|image_generation_call|mcp_call|mcp_call_arguments|mcp_list_tools|custom_tool_call_input|function_call_arguments|reasoning_summary|reasoning)\.[a-z_.]+|audio(_transcript)?\.[a-z]+)$|^keepalive$/;

/** A canonical operation waiting for its item's turn (indexes are given when it is emitted). */
type Op = { op: 'start'; part: StreamPartStart } | { op: 'delta'; delta: StreamDelta } | { op: 'end'; encryptedContent?: string };

interface ItemState {
  outputIndex: number;
  type: string;
  id?: string;
  ops: Op[];
  done: boolean;
  /** Canonical index of this item's part currently being emitted. */
  index?: number;
  /** Whether the last part this item queued is still open, and which sub-part it is for. */
  open: boolean;
  openKey?: string;
  /** Sub-parts (content / summary indices, or `args`) that received text from a delta. */
  seen: Set<string>;
  /** Whether any part of this item was queued at all. */
  started: boolean;
  refusal: boolean;
}

/**
 * Responses SSE → canonical events. An explicit state machine:
 *
 * - each output item becomes its parts (message → one text part per content part, reasoning →
 *   one part per summary entry, function_call / custom_tool_call → one tool_call part);
 * - items are emitted strictly one after another in `output_index` order, whatever the upstream
 *   interleaves (later items wait in a queue), so canonical parts never overlap;
 * - a `.done` event (or the item in `output_item.done`, or the final snapshot) that carries text
 *   or arguments no delta delivered is emitted in full (failure mode #1: args only in `.done`);
 * - `encrypted_content` (only in `output_item.done`) rides on the item's last reasoning part_end;
 * - `response.completed` / `response.incomplete` finish with usage, `response.failed` and `error`
 *   end the stream with an error event; a stream cut before any of these is an error too.
 */
/**
 * Text, reasoning and tool-input fragments (see DialectCodec). Refusal deltas decode: they turn the
 * finish reason into `content_filter`.
 */
export const isContentDelta = namedContentDeltas([
  'response.output_text.delta',
  'response.reasoning_summary_text.delta',
  'response.reasoning_text.delta',
  'response.function_call_arguments.delta',
  'response.custom_tool_call_input.delta',
]);

export function decodeStream(messages: AsyncIterable<SseMessage>, context?: WireContext): AsyncIterable<ChatEvent> {
  return codeStream(messages, streamDecoder(context));
}

/** The decoder one message at a time (see StreamCoder). */
export function streamDecoder(context?: WireContext): StreamCoder<SseMessage, ChatEvent> {
  return coroutineCoder(decoding(context));
}

function* decoding(context?: WireContext): Coroutine<SseMessage, ChatEvent> {
  const items: ItemState[] = [];
  const byIndex = new Map<number, ItemState>();
  let nextIndex = 0;
  let started = false;
  let id = '';
  let model = context?.model ?? '';
  let toolCalls = 0;
  let refusal = false;

  function* startIfNeeded(): Generator<ChatEvent> {
    if (!started) {
      started = true;
      yield { type: 'start', id, model };
    }
  }

  /** Emit everything that may go out now: the head item's ops, then the next item once it is done. */
  function* flush(): Generator<ChatEvent> {
    while (items.length > 0) {
      const head = items[0] as ItemState;
      for (const op of head.ops) {
        yield* startIfNeeded();
        if (op.op === 'start') {
          head.index = nextIndex++;
          if (op.part.type === 'tool_call') toolCalls++;
          yield { type: 'part_start', index: head.index, part: op.part };
        } else if (op.op === 'delta') yield { type: 'delta', index: head.index as number, delta: op.delta };
        else
          yield {
            type: 'part_end',
            index: head.index as number,
            ...(op.encryptedContent !== undefined ? { encryptedContent: op.encryptedContent } : {}),
          };
      }
      head.ops = [];
      if (!head.done) return;
      if (head.refusal) refusal = true;
      items.shift();
    }
  }

  const itemFor = (ev: Json, fallbackType?: string): ItemState | undefined => {
    const idx = typeof ev.output_index === 'number' ? ev.output_index : undefined;
    let item = idx !== undefined ? byIndex.get(idx) : undefined;
    if (!item && typeof ev.item_id === 'string') item = [...byIndex.values()].find((i) => i.id === ev.item_id);
    if (!item && fallbackType) item = addItem(idx ?? byIndex.size, { type: fallbackType, id: ev.item_id });
    return item;
  };

  function addItem(outputIndex: number, raw: Json): ItemState {
    const item: ItemState = {
      outputIndex,
      type: String(raw.type ?? ''),
      ops: [],
      done: false,
      open: false,
      seen: new Set(),
      started: false,
      refusal: false,
    };
    if (typeof raw.id === 'string') item.id = raw.id;
    byIndex.set(outputIndex, item);
    // Upstreams add items in output order; each waits behind the ones added before it.
    items.push(item);
    if (item.type === 'function_call' || item.type === 'custom_tool_call') startCall(item, raw);
    else if (item.type !== 'message' && item.type !== 'reasoning' && (CLIENT_ACTION_ITEMS.has(item.type) || !OPAQUE_ITEM_TYPES.has(item.type)))
      // Only a Responses caller could have asked for it (README, drops): skipped, counted.
      noteSkipped(context, `item:${item.type}`);
    return item;
  }

  function startCall(item: ItemState, raw: Json): void {
    const custom = item.type === 'custom_tool_call';
    const part: StreamPartStart = {
      type: 'tool_call',
      id: String(raw.call_id ?? raw.id ?? ''),
      name: callName(raw.namespace as string | undefined, String(raw.name ?? ''), context),
      ...(custom ? { kind: 'custom' as const } : {}),
      ...(typeof raw.id === 'string' ? { itemId: raw.id } : {}),
    };
    item.ops.push({ op: 'start', part });
    item.started = true;
    item.open = true;
    item.openKey = 'args';
    const initial = custom ? raw.input : raw.arguments;
    if (typeof initial === 'string' && initial !== '') argsText(item, initial);
  }

  const argsText = (item: ItemState, text: string) => {
    if (text === '') return;
    item.ops.push({ op: 'delta', delta: { type: 'tool_arguments', json: text } });
    item.seen.add('args');
  };

  /** Open (closing the previous) the text or reasoning part for sub-part `key` of a message/reasoning item. */
  const ensureOpen = (item: ItemState, key: string) => {
    if (item.open && item.openKey === key) return;
    if (item.open) item.ops.push({ op: 'end' });
    const part: StreamPartStart =
      item.type === 'reasoning'
        ? { type: 'reasoning', origin: 'responses', ...(item.id ? { id: item.id } : {}) }
        : { type: 'text' };
    item.ops.push({ op: 'start', part });
    item.started = true;
    item.open = true;
    item.openKey = key;
  };

  const text = (item: ItemState, key: string, value: unknown) => {
    if (typeof value !== 'string' || value === '') return;
    ensureOpen(item, key);
    item.ops.push({
      op: 'delta',
      delta: item.type === 'reasoning' ? { type: 'reasoning', text: value } : { type: 'text', text: value },
    });
    item.seen.add(key);
  };

  /** Text from a `.done` event, used only when no delta carried it. */
  const doneText = (item: ItemState, key: string, value: unknown) => {
    if (!item.seen.has(key)) text(item, key, value);
  };

  /** Close an item, filling in from its final form what the deltas did not deliver. */
  function finishItem(item: ItemState, raw: Json | undefined): void {
    if (item.done) return;
    if (raw?.type && !item.type) item.type = String(raw.type);
    if (typeof raw?.id === 'string' && !item.id) item.id = raw.id;
    if (item.type === 'function_call' || item.type === 'custom_tool_call') {
      if (!item.started && raw) startCall(item, raw);
      if (item.started) {
        if (!item.seen.has('args') && raw) argsText(item, String((item.type === 'custom_tool_call' ? raw.input : raw.arguments) ?? ''));
        item.ops.push({ op: 'end' });
      }
    } else if (item.type === 'message') {
      const anySeen = [...item.seen].length > 0;
      ((raw?.content as Json[] | undefined) ?? []).forEach((c, ci) => {
        if (c.type === 'refusal') item.refusal = true;
        if (!anySeen) text(item, `c${ci}`, c.type === 'refusal' ? c.refusal : c.text);
      });
      if (item.open) item.ops.push({ op: 'end' });
    } else if (item.type === 'reasoning') {
      if (!item.started) {
        ((raw?.summary as Json[] | undefined) ?? []).forEach((s, si) => {
          text(item, `s${si}`, s.text);
        });
        ((raw?.content as Json[] | undefined) ?? []).forEach((c, ci) => {
          text(item, `r${ci}`, c.text);
        });
      }
      const encrypted = typeof raw?.encrypted_content === 'string' ? raw.encrypted_content : undefined;
      if (!item.open && (encrypted !== undefined || item.id)) ensureOpen(item, 'empty');
      if (item.open) item.ops.push({ op: 'end', ...(encrypted !== undefined ? { encryptedContent: encrypted } : {}) });
    }
    item.open = false;
    item.done = true;
  }

  let terminal: ChatEvent | undefined;
  for (let message = yield NEXT; message !== END; message = yield NEXT) {
    let ev: Json;
    try {
      ev = JSON.parse(message.data) as Json;
    } catch {
      continue; // keep-alives and comments carry no JSON
    }
    if (!ev || typeof ev !== 'object') continue;
    const type = (ev.type as string | undefined) ?? message.event;
    switch (type) {
      case 'response.created':
      case 'response.in_progress':
      case 'response.queued': {
        const r = ev.response as Json | undefined;
        if (!started) {
          if (typeof r?.id === 'string') id = r.id;
          if (typeof r?.model === 'string') model = r.model;
          yield* startIfNeeded();
        }
        break;
      }
      case 'response.output_item.added': {
        const raw = (ev.item ?? {}) as Json;
        const idx = typeof ev.output_index === 'number' ? ev.output_index : byIndex.size;
        if (!byIndex.has(idx)) addItem(idx, raw);
        break;
      }
      case 'response.output_text.delta':
      case 'response.refusal.delta': {
        const item = itemFor(ev, 'message');
        if (item && type === 'response.refusal.delta') item.refusal = true;
        if (item) text(item, `c${ev.content_index ?? 0}`, ev.delta);
        break;
      }
      case 'response.output_text.done':
      case 'response.refusal.done': {
        const item = itemFor(ev, 'message');
        if (item) doneText(item, `c${ev.content_index ?? 0}`, type === 'response.refusal.done' ? ev.refusal : ev.text);
        break;
      }
      case 'response.content_part.done': {
        const item = itemFor(ev);
        const part = ev.part as Json | undefined;
        if (item && item.type === 'message' && part)
          doneText(item, `c${ev.content_index ?? 0}`, part.type === 'refusal' ? part.refusal : part.text);
        break;
      }
      case 'response.reasoning_summary_text.delta': {
        const item = itemFor(ev, 'reasoning');
        if (item) text(item, `s${ev.summary_index ?? 0}`, ev.delta);
        break;
      }
      case 'response.reasoning_summary_text.done': {
        const item = itemFor(ev, 'reasoning');
        if (item) doneText(item, `s${ev.summary_index ?? 0}`, ev.text);
        break;
      }
      case 'response.reasoning_summary_part.done': {
        const item = itemFor(ev, 'reasoning');
        if (item) doneText(item, `s${ev.summary_index ?? 0}`, (ev.part as Json | undefined)?.text);
        break;
      }
      case 'response.reasoning_text.delta': {
        const item = itemFor(ev, 'reasoning');
        if (item) text(item, `r${ev.content_index ?? 0}`, ev.delta);
        break;
      }
      case 'response.reasoning_text.done': {
        const item = itemFor(ev, 'reasoning');
        if (item) doneText(item, `r${ev.content_index ?? 0}`, ev.text);
        break;
      }
      case 'response.function_call_arguments.delta':
      case 'response.custom_tool_call_input.delta': {
        const item = itemFor(ev);
        if (item?.started && typeof ev.delta === 'string') argsText(item, ev.delta);
        break;
      }
      case 'response.function_call_arguments.done':
      case 'response.custom_tool_call_input.done': {
        const item = itemFor(ev);
        const full = type === 'response.function_call_arguments.done' ? ev.arguments : ev.input;
        // Backends that stream nothing but `.done` still deliver the arguments (failure mode #1).
        if (item?.started && !item.seen.has('args') && typeof full === 'string') argsText(item, full);
        break;
      }
      case 'response.output_item.done': {
        const raw = (ev.item ?? {}) as Json;
        const idx = typeof ev.output_index === 'number' ? ev.output_index : undefined;
        const item = (idx !== undefined ? byIndex.get(idx) : undefined) ?? addItem(idx ?? byIndex.size, raw);
        finishItem(item, raw);
        break;
      }
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed': {
        const parsed = responseObjectSchema.safeParse(ev.response ?? {});
        const r: ResponseObjectRead = parsed.success ? parsed.data : {};
        // Items only the final snapshot holds (a backend that streams nothing else), and items
        // never closed, are completed from the snapshot.
        ((r.output ?? []) as Json[]).forEach((raw, i) => {
          const known = byIndex.get(i) ?? [...byIndex.values()].find((it) => it.id && it.id === raw.id);
          finishItem(known ?? addItem(i, raw), raw);
        });
        for (const item of items) finishItem(item, undefined);
        if (!started) {
          if (r.id) id = r.id;
          if (r.model) model = r.model;
        }
        yield* flush();
        yield* startIfNeeded();
        if (type === 'response.failed') {
          terminal = { type: 'error', error: streamError(r.error) };
        } else {
          const status = type === 'response.incomplete' ? 'incomplete' : (r.status ?? 'completed');
          const reason = r.incomplete_details?.reason ?? undefined;
          terminal = {
            type: 'finish',
            finishReason: finishFromStatus(status, reason, toolCalls > 0, refusal),
            usage: usageFromResponses(r.usage),
            rawFinishReason: status === 'incomplete' ? (reason ?? 'incomplete') : refusal ? 'refusal' : status,
          };
        }
        yield terminal;
        break;
      }
      case 'error': {
        yield* startIfNeeded();
        const e = (ev.error as Json | undefined) ?? ev;
        terminal = { type: 'error', error: streamError(e) };
        yield terminal;
        break;
      }
      default:
        // Hosted-tool progress and other known events carry nothing canonical; anything newer is
        // skipped and counted, never fatal.
        if (!KNOWN_SILENT_EVENT.test(String(type))) noteSkipped(context, `event:${String(type)}`);
        break;
    }
    // Nothing after the terminal event matters: stop reading.
    if (terminal) return;
    yield* flush();
  }
  if (!terminal) {
    yield* startIfNeeded();
    yield {
      type: 'error',
      error: new TokligenceError('connection', 'Responses stream ended before response.completed', { status: 502 }),
    };
  }
}
