import { type Coroutine, END, NEXT, codeStream, coroutineCoder } from '../../core/batch.js';
import { newId } from '../../core/ids.js';
import type { ChatEvent } from '../../core/types.js';
import type { EncodeResponseOptions, StreamCoder, WireEvent } from '../../core/contracts/index.js';
import { errorBody } from './errors.js';
import { encodeFinishReason } from './map-finish-reason.js';
import { encodeUsage } from './usage.js';

interface ToolSlot {
  /** 0-based ordinal among the response's tool calls: the chat `index` (§3.13). */
  ordinal: number;
  custom: boolean;
  sentArgs: boolean;
}

/**
 * Canonical events → `chat.completion.chunk` data events (no `event:` names), then `[DONE]`.
 * One id for the whole stream; `role:"assistant"` once, in the first chunk; tool calls start
 * with id, type, name and `arguments:""`, then carry argument fragments. An error event becomes
 * an `{error}` data event and the stream ends without `[DONE]`, so clients see it failed.
 */
export function encodeStream(events: AsyncIterable<ChatEvent>, options: EncodeResponseOptions = {}): AsyncIterable<WireEvent> {
  return codeStream(events, streamEncoder(options));
}

/** The encoder one event at a time (see StreamCoder). */
export function streamEncoder(options: EncodeResponseOptions = {}): StreamCoder<ChatEvent, WireEvent> {
  return coroutineCoder(encoding(options));
}

function* encoding(options: EncodeResponseOptions): Coroutine<ChatEvent, WireEvent> {
  let id = '';
  let model = options.model ?? '';
  const created = Math.floor(Date.now() / 1000);
  let started = false;
  const tools = new Map<number, ToolSlot>();
  let nextOrdinal = 0;

  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): WireEvent => ({
    data: {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    },
  });
  // A text delta's frame as JSON text from a template (see EncodeResponseOptions.serialized):
  // everything but the text is the same in every chunk of the stream.
  let textFrame: [string, string] | undefined;
  const textChunk = (text: string): WireEvent => {
    const event = chunk({ content: text });
    if (!options.serialized) return event;
    textFrame ??= [
      `{"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"choices":[{"index":0,"delta":{"content":`,
      '},"logprobs":null,"finish_reason":null}]}',
    ];
    event.json = textFrame[0] + JSON.stringify(text) + textFrame[1];
    return event;
  };
  // Called before anything else goes out, so even a stream without `start` opens properly.
  function* begin(startId?: string, startModel?: string): Generator<WireEvent> {
    if (started) return;
    started = true;
    id = startId || newId('chatcmpl-');
    model = options.model ?? startModel ?? model;
    yield chunk({ role: 'assistant', content: '' });
  }

  for (let ev = yield NEXT; ev !== END; ev = yield NEXT) {
    switch (ev.type) {
      case 'start':
        yield* begin(ev.id, ev.model);
        break;
      case 'part_start': {
        yield* begin();
        const p = ev.part;
        if (p.type !== 'tool_call') break; // text and reasoning go out with their first delta
        const slot: ToolSlot = { ordinal: nextOrdinal++, custom: p.kind === 'custom', sentArgs: false };
        tools.set(ev.index, slot);
        yield chunk({
          tool_calls: [
            slot.custom
              ? { index: slot.ordinal, id: p.id, type: 'custom', custom: { name: p.name, input: '' } }
              : { index: slot.ordinal, id: p.id, type: 'function', function: { name: p.name, arguments: '' } },
          ],
        });
        break;
      }
      case 'delta': {
        yield* begin();
        const d = ev.delta;
        if (d.type === 'text') {
          if (d.text !== '') yield textChunk(d.text);
        } else if (d.type === 'reasoning') {
          if (d.text !== '') yield chunk({ reasoning_content: d.text });
        } else if (d.type === 'tool_arguments') {
          const slot = tools.get(ev.index);
          if (!slot || d.json === '') break;
          slot.sentArgs = true;
          yield chunk({
            tool_calls: [
              slot.custom ? { index: slot.ordinal, custom: { input: d.json } } : { index: slot.ordinal, function: { arguments: d.json } },
            ],
          });
        }
        // Signatures have no place in a chat stream.
        break;
      }
      case 'part_end': {
        const slot = tools.get(ev.index);
        // A function call that streamed no arguments still has to accumulate to valid JSON.
        if (slot && !slot.custom && !slot.sentArgs) yield chunk({ tool_calls: [{ index: slot.ordinal, function: { arguments: '{}' } }] });
        break;
      }
      case 'finish':
        yield* begin();
        yield chunk({}, encodeFinishReason(ev.finishReason, tools.size > 0));
        if (options.includeUsage) {
          yield { data: { id, object: 'chat.completion.chunk', created, model, choices: [], usage: encodeUsage(ev.usage) } };
        }
        yield { data: '[DONE]' };
        return;
      case 'error':
        yield { data: errorBody(ev.error) };
        return;
    }
  }
}
