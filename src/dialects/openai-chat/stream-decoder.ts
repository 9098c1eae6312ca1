import { codeStream } from '../../core/batch.js';
import { ConnectionError, TokligenceError, toTokligenceError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { SseMessage } from '../../core/sse.js';
import type { ChatEvent, DialectName, Usage } from '../../core/types.js';
import { emptyUsage } from '../../core/types.js';
import { fromWireName } from '../shared/tool-names.js';
import { noteSkipped, type StreamCoder, type WireContext } from '../../core/contracts/index.js';
import { statusForOpenAiError } from '../shared/openai-error-status.js';
import { decodeError } from './errors.js';
import { decodeFinishReason } from './map-finish-reason.js';
import { decodeUsage } from './usage.js';
import type { ChatAssistantMessageWire, ChatChunkWire, ChatToolCallWire } from './wire.js';

/** One tool call being assembled from `delta.tool_calls` entries sharing an `index`. */
interface ToolState {
  id?: string;
  name?: string;
  /** Native chat custom call (raw input fragments). */
  custom: boolean;
  /** All argument text received so far. */
  args: string;
  /** How much of `args` went out as deltas. */
  emitted: number;
  state: 'new' | 'queued' | 'open' | 'closed';
  /** Canonical part index once opened. */
  index?: number;
}

type Open = { kind: 'text' | 'reasoning'; index: number } | { kind: 'tool'; index: number; tool: ToolState };

/**
 * The chat-chunk → canonical-event state machine. Parts are opened, filled and closed one at a
 * time whatever the upstream does: a tool call that starts while another one is still
 * incomplete is held back (with everything it receives) until the open one is done, so a late
 * fragment for an earlier `index` is never lost. `finish_reason` is held until the usage chunk
 * or the end of the stream (USG-7).
 */
export class ChatStreamDecoder {
  private started = false;
  private nextIndex = 0;
  private open: Open | undefined;
  private readonly tools = new Map<number, ToolState>();
  private readonly queue: ToolState[] = [];
  private finishSeen = false;
  private rawFinish: string | undefined;
  private usage: Usage = emptyUsage();
  private sawToolCalls = false;
  private sawRefusal = false;
  /** True after `[DONE]`, an error, or the finish event. */
  done = false;
  private doneSeen = false;
  private lastToolKey = -1;

  constructor(private readonly context?: WireContext) {}

  /** Events for one SSE message. */
  push(msg: SseMessage): ChatEvent[] {
    const out: ChatEvent[] = [];
    if (this.done) return out;
    const data = msg.data.trim();
    if (data === '') return out;
    if (data === '[DONE]') {
      this.doneSeen = true;
      this.done = true;
      return out;
    }
    let chunk: ChatChunkWire;
    try {
      chunk = JSON.parse(data) as ChatChunkWire;
    } catch {
      return this.fail(new TokligenceError('api_error', `upstream sent a malformed stream chunk: ${data.slice(0, 200)}`, { status: 502 }));
    }
    if (!chunk || typeof chunk !== 'object') return out;
    if (chunk.error || msg.event === 'error') {
      const status = statusForOpenAiError(chunk.error);
      return this.fail(decodeError(status, chunk));
    }
    this.ensureStart(chunk, out);
    const usage = chunk.usage ?? chunk.x_groq?.usage;
    if (usage) this.usage = decodeUsage(usage);
    const choice = chunk.choices?.find((c) => (c.index ?? 0) === 0);
    if (!choice) return out;
    const delta: ChatAssistantMessageWire = choice.delta ?? {};
    // Fields we do not translate (audio, newer ones): skipped and counted, never fatal.
    for (const key in delta) if (!KNOWN_DELTA_KEYS.has(key) && (delta as Record<string, unknown>)[key] != null) noteSkipped(this.context, `delta:${key}`);

    const reasoning = delta.reasoning_content ?? (typeof delta.reasoning === 'string' ? delta.reasoning : undefined);
    const blocks = Array.isArray(delta.thinking_blocks) ? delta.thinking_blocks : [];
    if (reasoning) {
      const index = this.ensureOpen('reasoning', out, blocks.length > 0 ? 'anthropic' : undefined);
      out.push({ type: 'delta', index, delta: { type: 'reasoning', text: reasoning } });
    }
    for (const b of blocks) {
      if (b.type === 'redacted_thinking' && typeof b.data === 'string') {
        this.closeAll(out);
        const index = this.nextIndex++;
        out.push({ type: 'part_start', index, part: { type: 'reasoning', redactedData: b.data, origin: 'anthropic' } });
        out.push({ type: 'part_end', index });
      } else if (b.signature) {
        const index = this.ensureOpen('reasoning', out, 'anthropic');
        out.push({ type: 'delta', index, delta: { type: 'signature', signature: b.signature } });
      }
    }
    const text = (typeof delta.content === 'string' ? delta.content : '') + (delta.refusal ?? '');
    if (delta.refusal) this.sawRefusal = true;
    if (text !== '') {
      const index = this.ensureOpen('text', out);
      out.push({ type: 'delta', index, delta: { type: 'text', text } });
    }
    if (Array.isArray(delta.tool_calls)) for (const tc of delta.tool_calls) this.toolDelta(tc, out);
    if (delta.function_call) {
      const fc = delta.function_call;
      this.toolDelta({ index: 0, function: { name: fc.name, arguments: fc.arguments } }, out);
    }
    if (choice.finish_reason) {
      // Close everything now; the finish event waits for the usage chunk.
      this.finishSeen = true;
      this.rawFinish = choice.finish_reason;
      this.closeAll(out);
    }
    return out;
  }

  /** Events at the end of the upstream stream (or after `[DONE]`). */
  end(): ChatEvent[] {
    const out: ChatEvent[] = [];
    if (this.done && !this.doneSeen) return out; // already failed or finished
    if (!this.finishSeen && !this.doneSeen) {
      return this.fail(
        new ConnectionError(
          this.started ? 'upstream stream ended before finish_reason' : 'upstream stream ended without any data',
          { status: 502 },
        ),
      );
    }
    if (!this.started) this.ensureStart({}, out);
    this.closeAll(out);
    let finishReason = decodeFinishReason(this.rawFinish, this.sawToolCalls);
    if (this.sawRefusal && finishReason === 'stop') finishReason = 'content_filter';
    out.push({
      type: 'finish',
      finishReason,
      usage: this.usage,
      ...(this.rawFinish ? { rawFinishReason: this.rawFinish } : {}),
    });
    this.done = true;
    this.doneSeen = false;
    return out;
  }

  /** The stream broke (transport error): finish if the upstream already said it was done. */
  interrupted(err: unknown): ChatEvent[] {
    if (this.finishSeen) return this.end();
    const e = err instanceof TokligenceError ? err : toTokligenceError(err);
    return this.fail(
      e.kind === 'api_error' && !(err instanceof TokligenceError)
        ? new ConnectionError(`upstream stream failed: ${e.message}`, { status: 502, cause: err })
        : e,
    );
  }

  private fail(error: TokligenceError): ChatEvent[] {
    this.done = true;
    this.doneSeen = false;
    return [{ type: 'error', error }];
  }

  private ensureStart(chunk: ChatChunkWire, out: ChatEvent[]): void {
    if (this.started) return;
    this.started = true;
    out.push({ type: 'start', id: chunk.id || newId('chatcmpl-'), model: chunk.model || this.context?.model || '' });
  }

  /** Index of an open text/reasoning part of `kind`, opening one (after closing others) if needed. */
  private ensureOpen(kind: 'text' | 'reasoning', out: ChatEvent[], origin?: DialectName): number {
    if (this.open?.kind === kind) return this.open.index;
    this.closeAll(out);
    const index = this.nextIndex++;
    out.push({
      type: 'part_start',
      index,
      part: kind === 'text' ? { type: 'text' } : { type: 'reasoning', ...(origin ? { origin } : {}) },
    });
    this.open = { kind, index };
    return index;
  }

  private isWrapped(t: ToolState): boolean {
    return !t.custom && t.name !== undefined && (this.context?.wrappedCustomTools.has(fromWireName(t.name, this.context)) ?? false);
  }

  /** Whether an open tool call has received all its arguments (a complete JSON value). */
  private isComplete(t: ToolState): boolean {
    if (t.args.trim() === '') return false;
    if (t.custom) return true;
    try {
      JSON.parse(t.args);
      return true;
    } catch {
      return false;
    }
  }

  private toolDelta(tc: ChatToolCallWire, out: ChatEvent[]): void {
    // Servers that omit `index` send one call after the other: a new id starts a new call.
    let key = typeof tc.index === 'number' ? tc.index : undefined;
    if (key === undefined) {
      const last = this.tools.get(this.lastToolKey);
      const isNew = !last || (tc.id != null && last.id !== undefined && tc.id !== last.id);
      key = isNew ? (this.tools.size === 0 ? 0 : Math.max(...this.tools.keys()) + 1) : this.lastToolKey;
    }
    this.lastToolKey = key;
    this.sawToolCalls = true;
    const name = tc.function?.name ?? tc.custom?.name ?? undefined;
    const fragment = tc.function?.arguments ?? tc.custom?.input ?? '';
    let t = this.tools.get(key);
    if (!t) {
      t = { custom: tc.type === 'custom' || tc.custom != null, args: '', emitted: 0, state: 'new' };
      this.tools.set(key, t);
    }
    if (tc.id && !t.id) t.id = tc.id;
    if (name && !t.name) t.name = name;
    t.args += fragment;

    if (t.state === 'open') this.emitArgs(t, out);
    else if (t.state === 'new') {
      t.state = 'queued';
      this.queue.push(t);
    }
    // state 'closed': a fragment after the call was flushed; nothing valid can follow a complete value.
    this.pump(out);
  }

  /** Open queued tool calls while the one in front may go: it has a name and nothing incomplete is open. */
  private pump(out: ChatEvent[]): void {
    for (;;) {
      const head = this.queue[0];
      if (!head || head.name === undefined) return;
      if (this.open?.kind === 'tool' && !this.isComplete(this.open.tool)) return;
      this.queue.shift();
      this.closeOpen(out);
      this.openTool(head, out);
    }
  }

  private openTool(t: ToolState, out: ChatEvent[]): void {
    const index = this.nextIndex++;
    t.index = index;
    t.state = 'open';
    const custom = t.custom || this.isWrapped(t);
    out.push({
      type: 'part_start',
      index,
      part: {
        type: 'tool_call',
        id: t.id || newId('call_'),
        name: fromWireName(t.name ?? '', this.context),
        ...(custom ? { kind: 'custom' as const } : {}),
      },
    });
    this.open = { kind: 'tool', index, tool: t };
    this.emitArgs(t, out);
  }

  private emitArgs(t: ToolState, out: ChatEvent[]): void {
    // A wrapped custom call's `{"input":…}` JSON is unwrapped when it closes.
    if (this.isWrapped(t) || t.index === undefined) return;
    const pending = t.args.slice(t.emitted);
    t.emitted = t.args.length;
    if (pending !== '') out.push({ type: 'delta', index: t.index, delta: { type: 'tool_arguments', json: pending } });
  }

  private closeOpen(out: ChatEvent[]): void {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    if (open.kind === 'tool') {
      const t = open.tool;
      if (this.isWrapped(t) && t.index !== undefined) {
        const input = unwrapInput(t.args);
        if (input !== '') out.push({ type: 'delta', index: t.index, delta: { type: 'tool_arguments', json: input } });
      }
      t.state = 'closed';
    }
    out.push({ type: 'part_end', index: open.index });
  }

  /** Close the open part and flush every held tool call, in order. */
  private closeAll(out: ChatEvent[]): void {
    this.closeOpen(out);
    while (this.queue.length > 0) {
      const t = this.queue.shift() as ToolState;
      this.openTool(t, out);
      this.closeOpen(out);
    }
  }
}

function unwrapInput(args: string): string {
  try {
    const v = JSON.parse(args);
    if (v && typeof v === 'object' && typeof v.input === 'string') return v.input;
  } catch {
    // not JSON: hand over what the model wrote
  }
  return args;
}

/**
 * A key whose value (anything but `null`) matters beyond content: finish, usage, errors, tool calls
 * (they open parts) and refusals (they change the finish reason). Inside a JSON string a quote is
 * escaped, so `"key":` in the text can only be a key.
 */
const NOT_ONLY_CONTENT = /"(?:finish_reason|usage|error|x_groq|tool_calls|function_call|refusal)"\s*:\s*(?!\s|null)/;

/** A chunk carrying only text or reasoning deltas (see DialectCodec.isContentDelta). */
export function isContentDelta(message: SseMessage): boolean {
  return message.event === undefined && message.data !== '[DONE]' && !NOT_ONLY_CONTENT.test(message.data);
}

/** Decode an upstream's chat-completion SSE stream into canonical events. */
export function decodeStream(messages: AsyncIterable<SseMessage>, context?: WireContext): AsyncIterable<ChatEvent> {
  return codeStream(messages, streamDecoder(context));
}

/** The decoder one message at a time (see StreamCoder). */
export function streamDecoder(context?: WireContext): StreamCoder<SseMessage, ChatEvent> {
  const decoder = new ChatStreamDecoder(context);
  return {
    push: (msg) => decoder.push(msg),
    end: () => decoder.end(),
    fail: (error) => decoder.interrupted(error),
    get done() {
      return decoder.done;
    },
  };
}

/** Delta fields the decoder reads (or that carry nothing: role, annotations on text, vendor ids). */
const KNOWN_DELTA_KEYS = new Set([
  'role',
  'content',
  'refusal',
  'tool_calls',
  'function_call',
  'reasoning_content',
  'reasoning',
  'thinking_blocks',
  'annotations',
  'name',
  'id',
  'provider_specific_fields',
]);
