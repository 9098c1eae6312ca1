/**
 * Canonical ChatEvents → Anthropic SSE events (§3.14). Guarantees, whatever the input:
 * one `message_start` first; block indices 0, 1, 2… with start → deltas of the matching type →
 * stop, never overlapping; no empty text or thinking blocks (opened lazily on the first
 * non-empty delta); exactly one `message_delta` (with `stop_reason`) and then `message_stop`;
 * or an `error` event that ends the stream (no `message_stop`).
 */
import { batched, batchesOf, codeStream } from '../../core/batch.js';
import { type TokligenceError, toTokligenceError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { ChatEvent, DialectName, Usage } from '../../core/types.js';
import { emptyUsage } from '../../core/types.js';
import { ToolIdMapper } from '../shared/tool-ids.js';
import type { EncodeResponseOptions, StreamCoder, WireEvent } from '../../core/contracts/index.js';
import { errorBody } from './errors.js';
import { toStopReason } from './map-finish-reason.js';
import { encodeUsage } from './usage.js';

type WireBlockType = 'text' | 'tool_use' | 'thinking' | 'redacted_thinking';

interface Open {
  /** Canonical part index this wire block belongs to. */
  part: number;
  wireIndex: number;
  type: WireBlockType;
  custom?: boolean;
  rawInput?: string;
  foreign?: boolean;
}

interface Pending {
  part: number;
  type: 'text' | 'thinking';
  foreign: boolean;
}

const ev = (event: string, data: Record<string, unknown>): WireEvent => ({ event, data });

class AnthropicStreamEncoder {
  private started = false;
  /** Our own count of the input, when the upstream's first event gave none (see encodeStream). */
  private counted: number | undefined;
  private done = false;
  private open: Open | undefined;
  private pending: Pending | undefined;
  private nextWire = 0;
  private sawToolUse = false;
  private readonly ids = new ToolIdMapper();

  constructor(private readonly options: EncodeResponseOptions = {}) {}

  get finished(): boolean {
    return this.done;
  }

  /** Whether `message_start` is still to come and this event will not give it the upstream's input count. */
  needsCount(e: ChatEvent): boolean {
    return !this.started && !this.done && e.type !== 'error' && !(e.type === 'start' && (e.usage?.inputTokens ?? 0) > 0);
  }

  setCount(tokens: number): void {
    this.counted = tokens;
  }

  feed(e: ChatEvent): WireEvent[] {
    const out: WireEvent[] = [];
    if (this.done) return out;
    if (e.type === 'error') {
      out.push(...this.error(e.error));
      return out;
    }
    if (e.type === 'start') {
      out.push(...this.start(e.id, e.model, e.usage));
      return out;
    }
    out.push(...this.start('', '', undefined));
    switch (e.type) {
      case 'part_start': {
        out.push(...this.close());
        const p = e.part;
        if (p.type === 'text') this.pending = { part: e.index, type: 'text', foreign: false };
        else if (p.type === 'tool_call') {
          this.sawToolUse = true;
          out.push(
            ...this.openBlock(e.index, 'tool_use', { id: this.ids.toWire(p.id), name: p.name, input: {} }, { custom: p.kind === 'custom', rawInput: '' }),
          );
        } else if (p.redactedData) {
          if (!isForeign(p.origin)) out.push(...this.openBlock(e.index, 'redacted_thinking', { data: p.redactedData }));
        } else this.pending = { part: e.index, type: 'thinking', foreign: isForeign(p.origin) };
        break;
      }
      case 'delta': {
        const d = e.delta;
        if (d.type === 'text') {
          if (d.text === '') break;
          out.push(...this.ensureOpen(e.index, 'text'));
          if (this.open?.part === e.index && this.open.type === 'text') out.push(this.textDelta(this.open.wireIndex, d.text));
        } else if (d.type === 'reasoning') {
          if (d.text === '') break;
          out.push(...this.ensureOpen(e.index, 'thinking'));
          if (this.open?.part === e.index && this.open.type === 'thinking')
            out.push(
              ev('content_block_delta', { type: 'content_block_delta', index: this.open.wireIndex, delta: { type: 'thinking_delta', thinking: d.text } }),
            );
        } else if (d.type === 'signature') {
          out.push(...this.signature(e.index, d.signature));
        } else if (d.type === 'tool_arguments') {
          const o = this.open;
          if (!o || o.part !== e.index || o.type !== 'tool_use' || d.json === '') break;
          if (o.custom) o.rawInput = (o.rawInput ?? '') + d.json;
          else
            out.push(
              ev('content_block_delta', { type: 'content_block_delta', index: o.wireIndex, delta: { type: 'input_json_delta', partial_json: d.json } }),
            );
        }
        break;
      }
      case 'part_end':
        if (e.signature) out.push(...this.signature(e.index, e.signature));
        if (this.pending?.part === e.index) this.pending = undefined;
        if (this.open?.part === e.index) out.push(...this.close());
        break;
      case 'finish': {
        out.push(...this.close());
        const delta: Record<string, unknown> = {
          stop_reason: toStopReason(e.finishReason, {
            hasToolUse: this.sawToolUse,
            stopSequence: e.stopSequence,
            rawFinishReason: e.rawFinishReason,
          }),
          stop_sequence: e.stopSequence ?? null,
        };
        out.push(ev('message_delta', { type: 'message_delta', delta, usage: encodeUsage(e.usage) }));
        out.push(ev('message_stop', { type: 'message_stop' }));
        this.done = true;
        break;
      }
    }
    return out;
  }

  /** A text delta, with its JSON text from a template when the stream is written as SSE. */
  private textDelta(index: number, text: string): WireEvent {
    const event = ev('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text } });
    if (this.options.serialized) event.json = `{"type":"content_block_delta","index":${index},"delta":{"type":"text_delta","text":${JSON.stringify(text)}}}`;
    return event;
  }

  /** The canonical stream ended without finish or error: say so rather than end silently. */
  end(): WireEvent[] {
    if (this.done) return [];
    return this.error(toTokligenceError(new Error('stream ended before it finished')));
  }

  private start(id: string, model: string, usage: Partial<Usage> | undefined): WireEvent[] {
    if (this.started) return [];
    this.started = true;
    const u = { ...emptyUsage(), ...usage };
    // USG-4: clients size their context meter from message_start (LangChain reads only this one):
    // the upstream's count when its first event has it, else our tokenizer's, else the estimate.
    const input = u.inputTokens > 0 ? u.inputTokens : (this.counted ?? this.options.estimatedInputTokens ?? 0);
    return [
      ev('message_start', {
        type: 'message_start',
        message: {
          // A translated answer's id gets Anthropic's own prefix (not the upstream's `chatcmpl-…`).
          id: id.startsWith('msg_') ? id : newId('msg_'),
          type: 'message',
          role: 'assistant',
          content: [],
          model: this.options.model ?? model,
          stop_reason: null,
          stop_sequence: null,
          usage: {
            input_tokens: input,
            output_tokens: u.outputTokens,
            cache_creation_input_tokens: u.cacheWriteTokens,
            cache_read_input_tokens: u.cacheReadTokens,
          },
        },
      }),
    ];
  }

  private openBlock(part: number, type: WireBlockType, fields: Record<string, unknown>, extra: Partial<Open> = {}): WireEvent[] {
    const wireIndex = this.nextWire++;
    this.open = { part, wireIndex, type, ...extra };
    this.pending = undefined;
    return [ev('content_block_start', { type: 'content_block_start', index: wireIndex, content_block: { type, ...fields } })];
  }

  /** Open the lazily pending text / thinking block of this part on its first real content. */
  private ensureOpen(part: number, type: 'text' | 'thinking'): WireEvent[] {
    if (this.open?.part === part) return [];
    const p = this.pending;
    if (!p || p.part !== part || p.type !== type) return [];
    const foreign = p.foreign;
    const out = this.openBlock(part, type, type === 'text' ? { text: '' } : { thinking: '', signature: '' });
    if (this.open) this.open.foreign = foreign;
    return out;
  }

  /** A signature only means something to Anthropic when Anthropic made it. */
  private signature(part: number, signature: string): WireEvent[] {
    if (signature === '') return [];
    if (this.pending?.part === part && this.pending.foreign) return [];
    const out = this.ensureOpen(part, 'thinking');
    const o = this.open;
    if (!o || o.part !== part || o.type !== 'thinking' || o.foreign) return out;
    out.push(ev('content_block_delta', { type: 'content_block_delta', index: o.wireIndex, delta: { type: 'signature_delta', signature } }));
    return out;
  }

  private close(): WireEvent[] {
    const o = this.open;
    this.pending = undefined;
    if (!o) return [];
    const out: WireEvent[] = [];
    if (o.custom) {
      // A freeform call reaches an Anthropic caller as its `{ input }` wrapper, in one piece.
      out.push(
        ev('content_block_delta', {
          type: 'content_block_delta',
          index: o.wireIndex,
          delta: { type: 'input_json_delta', partial_json: JSON.stringify({ input: o.rawInput ?? '' }) },
        }),
      );
    }
    out.push(ev('content_block_stop', { type: 'content_block_stop', index: o.wireIndex }));
    this.open = undefined;
    return out;
  }

  private error(error: TokligenceError): WireEvent[] {
    this.done = true;
    return [ev('error', errorBody(error) as unknown as Record<string, unknown>)];
  }
}

function isForeign(origin: DialectName | undefined): boolean {
  return origin !== undefined && origin !== 'anthropic';
}

/** Encode canonical events as Anthropic SSE events (`event:` name + JSON data). */
export function encodeStream(events: AsyncIterable<ChatEvent>, options: EncodeResponseOptions = {}): AsyncIterable<WireEvent> {
  const encoder = new AnthropicStreamEncoder(options);
  const count = options.countInputTokens;
  return codeStream(count ? countFirst(events, encoder, count) : events, coderOf(encoder));
}

/**
 * The input, with our token count asked (once, asynchronously) before the first event is encoded
 * when that event will not give `message_start` the upstream's own count.
 */
function countFirst(events: AsyncIterable<ChatEvent>, encoder: AnthropicStreamEncoder, count: () => Promise<number>): AsyncIterable<ChatEvent> {
  return batched(() => {
    const it = batchesOf(events);
    let first = true;
    return {
      next: async () => {
        const r = await it.next();
        if (first && !r.done) {
          first = false;
          const e = r.value[0];
          if (e && encoder.needsCount(e)) encoder.setCount(await count());
        }
        return r;
      },
      return: async () => {
        await it.return?.();
        return { done: true, value: undefined };
      },
    };
  });
}

/** The encoder one event at a time (see StreamCoder); a failing input ends in an `error` event. */
export function streamEncoder(options: EncodeResponseOptions = {}): StreamCoder<ChatEvent, WireEvent> {
  return coderOf(new AnthropicStreamEncoder(options));
}

function coderOf(encoder: AnthropicStreamEncoder): StreamCoder<ChatEvent, WireEvent> {
  return {
    push: (e) => encoder.feed(e),
    end: () => encoder.end(),
    fail: (err) => encoder.feed({ type: 'error', error: toTokligenceError(err) }),
    get done() {
      return encoder.finished;
    },
  };
}

export { AnthropicStreamEncoder };
