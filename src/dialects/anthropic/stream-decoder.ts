/**
 * Anthropic SSE → canonical ChatEvents, as an explicit state machine.
 *
 * States: `idle` (before message_start) → `message` (blocks open and close) → `done` (after
 * message_stop or an error). Wire blocks are queued in start order; only the head block streams
 * live, so canonical parts never interleave even if an upstream did. Canonical indices are our own
 * ordinals: blocks without a canonical form (server_tool_use, web_search_tool_result…) and text or
 * thinking blocks that stay empty get none.
 */
import { codeStream } from '../../core/batch.js';
import { TokligenceError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { SseMessage } from '../../core/sse.js';
import type { ChatEvent, Usage } from '../../core/types.js';
import { emptyUsage } from '../../core/types.js';
import { namedContentDeltas } from '../shared/content-delta.js';
import { fromWireName } from '../shared/tool-names.js';
import { noteSkipped, type StreamCoder, type WireContext } from '../../core/contracts/index.js';
import { KNOWN_OPAQUE_BLOCK, ranToolIds } from './decode-content.js';
import { streamError } from './errors.js';
import { mapStopReason } from './map-finish-reason.js';

type Kind = 'text' | 'tool' | 'thinking' | 'redacted' | 'skip';

type Item =
  | { t: 'text'; text: string }
  | { t: 'json'; json: string }
  | { t: 'thinking'; text: string }
  | { t: 'signature'; signature: string }
  | { t: 'stop' };

interface Block {
  wireIndex: number;
  kind: Kind;
  /** Canonical ordinal once the part was opened. */
  ordinal?: number;
  /** Events that arrived while another block was streaming. */
  buffer: Item[];
  stopped: boolean;
  id?: string;
  name?: string;
  /** Wrapped custom tool: the `{input}` JSON is gathered and sent as one raw-input delta. */
  custom?: boolean;
  json?: string;
  argsSent?: boolean;
  initialInput?: Record<string, unknown>;
  redactedData?: string;
}

type Obj = Record<string, unknown>;


class AnthropicStreamDecoder {
  private state: 'idle' | 'message' | 'done' = 'idle';
  private readonly queue: Block[] = [];
  private readonly byWireIndex = new Map<number, Block>();
  private next = 0;
  private startUsage: Usage = emptyUsage();
  private deltaUsage: Obj | undefined;
  private stopReason: string | null | undefined;
  private stopSequence: string | null | undefined;
  private sawDelta = false;
  private out: ChatEvent[] = [];

  constructor(private readonly context?: WireContext) {}

  get finished(): boolean {
    return this.state === 'done';
  }

  /** Feed one SSE message; returns the canonical events it produced. */
  feed(msg: SseMessage): ChatEvent[] {
    this.out = [];
    if (this.state === 'done') return this.out;
    let data: Obj;
    try {
      data = JSON.parse(msg.data) as Obj;
    } catch {
      this.fail(new TokligenceError('api_error', `Anthropic stream sent unreadable data: ${msg.data.slice(0, 200)}`, { status: 502 }));
      return this.out;
    }
    const type = (typeof data.type === 'string' ? data.type : msg.event) ?? '';
    switch (type) {
      case 'message_start':
        this.onMessageStart(data);
        break;
      case 'content_block_start':
        this.ensureStarted();
        this.onBlockStart(data);
        break;
      case 'content_block_delta':
        this.ensureStarted();
        this.onBlockDelta(data);
        break;
      case 'content_block_stop':
        this.ensureStarted();
        this.push(this.byWireIndex.get(Number(data.index)), { t: 'stop' });
        break;
      case 'message_delta':
        this.ensureStarted();
        this.onMessageDelta(data);
        break;
      case 'message_stop':
        this.ensureStarted();
        this.finish();
        break;
      case 'error':
        this.fail(streamError(data));
        break;
      case 'ping':
        break;
      default:
        // Future events carry nothing we can translate: skipped and counted, never fatal.
        noteSkipped(this.context, `event:${type || '(untyped)'}`);
        break;
    }
    return this.out;
  }

  /** The upstream closed the stream. */
  end(): ChatEvent[] {
    this.out = [];
    if (this.state === 'done') return this.out;
    if (this.sawDelta) this.finish();
    else this.fail(new TokligenceError('api_error', 'Anthropic stream ended before message_stop', { status: 502 }));
    return this.out;
  }

  private fail(error: TokligenceError): void {
    this.out.push({ type: 'error', error });
    this.state = 'done';
  }

  private ensureStarted(): void {
    if (this.state === 'idle') this.onMessageStart({});
  }

  private onMessageStart(data: Obj): void {
    if (this.state !== 'idle') return;
    const message = (data.message ?? {}) as Obj;
    const u = (message.usage ?? {}) as Obj;
    const num = (v: unknown) => (typeof v === 'number' ? v : 0);
    this.startUsage = {
      inputTokens: num(u.input_tokens),
      outputTokens: num(u.output_tokens),
      cacheReadTokens: num(u.cache_read_input_tokens),
      cacheWriteTokens: num(u.cache_creation_input_tokens),
    };
    this.state = 'message';
    this.out.push({
      type: 'start',
      id: typeof message.id === 'string' ? message.id : newId('msg_'),
      model: typeof message.model === 'string' ? message.model : (this.context?.model ?? ''),
      usage: { ...this.startUsage },
    });
    this.onPrecompleted(message);
  }

  /**
   * Blocks already complete in `message_start` (programmatic tool calling sends its tool_use blocks
   * there, with `stop_reason: tool_use` and no message_delta): each is a whole block, under a wire
   * index of its own so later content_block events cannot collide with it. A call whose result is
   * in the same answer already ran and is not handed on as pending.
   */
  private onPrecompleted(message: Obj): void {
    const content = Array.isArray(message.content) ? (message.content as Obj[]) : [];
    const ran = ranToolIds(content);
    content.forEach((block, i) => {
      if (block?.type === 'tool_use' && ran.has(String(block.id))) return;
      const wireIndex = -1 - i;
      this.onBlockStart({ index: wireIndex, content_block: block });
      this.push(this.byWireIndex.get(wireIndex), { t: 'stop' });
    });
    if (typeof message.stop_reason === 'string') {
      this.stopReason = message.stop_reason;
      this.sawDelta = true;
    }
    if (typeof message.stop_sequence === 'string') this.stopSequence = message.stop_sequence;
  }

  private onBlockStart(data: Obj): void {
    const wireIndex = Number(data.index);
    const cb = (data.content_block ?? {}) as Obj;
    const block: Block = { wireIndex, kind: 'skip', buffer: [], stopped: false };
    const initial: Item[] = [];
    switch (cb.type) {
      case 'text':
        block.kind = 'text';
        if (typeof cb.text === 'string' && cb.text !== '') initial.push({ t: 'text', text: cb.text });
        break;
      case 'tool_use': {
        block.kind = 'tool';
        block.id = String(cb.id ?? newId('toolu_'));
        block.name = fromWireName(String(cb.name ?? ''), this.context);
        block.custom = this.context?.wrappedCustomTools.has(block.name) ?? false;
        block.json = '';
        if (cb.input && typeof cb.input === 'object' && Object.keys(cb.input).length > 0) block.initialInput = cb.input as Obj;
        break;
      }
      case 'thinking':
        block.kind = 'thinking';
        if (typeof cb.thinking === 'string' && cb.thinking !== '') initial.push({ t: 'thinking', text: cb.thinking });
        if (typeof cb.signature === 'string' && cb.signature !== '') initial.push({ t: 'signature', signature: cb.signature });
        break;
      case 'redacted_thinking':
        block.kind = 'redacted';
        block.redactedData = String(cb.data ?? '');
        break;
      default:
        // server_tool_use, *_tool_result…: no canonical part (dropped on purpose, see README);
        // a type we have never seen is counted.
        if (!KNOWN_OPAQUE_BLOCK.test(String(cb.type))) noteSkipped(this.context, `part:${String(cb.type)}`);
        break;
    }
    this.byWireIndex.set(wireIndex, block);
    this.queue.push(block);
    if (this.queue.length === 1) this.activate(block);
    for (const item of initial) this.push(block, item);
  }

  private onBlockDelta(data: Obj): void {
    const block = this.byWireIndex.get(Number(data.index));
    const d = (data.delta ?? {}) as Obj;
    switch (d.type) {
      case 'text_delta':
        if (typeof d.text === 'string' && d.text !== '') this.push(block, { t: 'text', text: d.text });
        break;
      case 'input_json_delta':
        if (typeof d.partial_json === 'string' && d.partial_json !== '') this.push(block, { t: 'json', json: d.partial_json });
        break;
      case 'thinking_delta':
        if (typeof d.thinking === 'string' && d.thinking !== '') this.push(block, { t: 'thinking', text: d.thinking });
        break;
      case 'signature_delta':
        if (typeof d.signature === 'string' && d.signature !== '') this.push(block, { t: 'signature', signature: d.signature });
        break;
      case 'citations_delta':
        // No canonical stream delta for citations (the non-stream answer keeps them).
        break;
      default:
        noteSkipped(this.context, `delta:${String(d.type)}`);
        break;
    }
  }

  private onMessageDelta(data: Obj): void {
    this.sawDelta = true;
    const d = (data.delta ?? {}) as Obj;
    if (d.stop_reason !== undefined) this.stopReason = d.stop_reason as string | null;
    if (d.stop_sequence !== undefined) this.stopSequence = d.stop_sequence as string | null;
    if (data.usage && typeof data.usage === 'object') this.deltaUsage = data.usage as Obj;
  }

  /** Route an item to its block: live when the block is the head of the queue, else buffered. */
  private push(block: Block | undefined, item: Item): void {
    if (!block || block.stopped) return;
    if (this.queue[0] !== block) {
      block.buffer.push(item);
      if (item.t === 'stop') block.stopped = true;
      return;
    }
    this.apply(block, item);
    if (item.t === 'stop') this.advance();
  }

  /** The head finished: move to the next block and replay what it buffered. */
  private advance(): void {
    this.queue.shift();
    while (this.queue.length > 0) {
      const head = this.queue[0];
      this.activate(head);
      const items = head.buffer;
      head.buffer = [];
      head.stopped = false;
      let stopped = false;
      for (const item of items) {
        this.apply(head, item);
        if (item.t === 'stop') stopped = true;
      }
      if (!stopped) return;
      this.queue.shift();
    }
  }

  /** A block became the head: parts that always exist open now. */
  private activate(block: Block): void {
    if (block.kind === 'tool') {
      this.open(block, { type: 'tool_call', id: block.id ?? '', name: block.name ?? '', ...(block.custom ? { kind: 'custom' as const } : {}) });
    } else if (block.kind === 'redacted') {
      this.open(block, { type: 'reasoning', redactedData: block.redactedData, origin: 'anthropic' });
    }
  }

  private open(block: Block, part: Extract<ChatEvent, { type: 'part_start' }>['part']): void {
    if (block.ordinal !== undefined) return;
    block.ordinal = this.next++;
    this.out.push({ type: 'part_start', index: block.ordinal, part });
  }

  private apply(block: Block, item: Item): void {
    switch (item.t) {
      case 'text':
        if (block.kind !== 'text') return;
        this.open(block, { type: 'text' });
        this.out.push({ type: 'delta', index: block.ordinal as number, delta: { type: 'text', text: item.text } });
        return;
      case 'thinking':
      case 'signature':
        if (block.kind !== 'thinking') return;
        this.open(block, { type: 'reasoning', origin: 'anthropic' });
        this.out.push({
          type: 'delta',
          index: block.ordinal as number,
          delta: item.t === 'thinking' ? { type: 'reasoning', text: item.text } : { type: 'signature', signature: item.signature },
        });
        return;
      case 'json':
        if (block.kind !== 'tool') return;
        if (block.custom) block.json += item.json;
        else {
          block.argsSent = true;
          this.out.push({ type: 'delta', index: block.ordinal as number, delta: { type: 'tool_arguments', json: item.json } });
        }
        return;
      case 'stop':
        block.stopped = true;
        if (block.ordinal === undefined) return;
        if (block.kind === 'tool') this.flushTool(block);
        this.out.push({ type: 'part_end', index: block.ordinal });
        return;
    }
  }

  /** End of a tool block: a custom call's raw input, or arguments only given at block start. */
  private flushTool(block: Block): void {
    const index = block.ordinal as number;
    if (block.custom) {
      const raw = block.json || (block.initialInput ? JSON.stringify(block.initialInput) : '');
      let input = raw;
      try {
        const parsed = JSON.parse(raw) as Obj;
        if (parsed && typeof parsed.input === 'string') input = parsed.input;
      } catch {
        // Not the wrapper we asked for: hand the text over as it came.
      }
      if (input !== '') this.out.push({ type: 'delta', index, delta: { type: 'tool_arguments', json: input } });
    } else if (!block.argsSent && block.initialInput) {
      // Arguments given whole at block start. None at all (a tool without parameters) stays no
      // delta: the canonical call's arguments are {} and every encoder writes a JSON object for it
      // (here no delta also means nothing, when a skimmed pass-through dropped the fragments).
      this.out.push({ type: 'delta', index, delta: { type: 'tool_arguments', json: JSON.stringify(block.initialInput) } });
    }
  }

  private finish(): void {
    if (this.state === 'done') return;
    // Close whatever the upstream left open, in order.
    while (this.queue.length > 0) {
      const head = this.queue[0];
      if (head.stopped) this.queue.shift();
      else this.push(head, { t: 'stop' });
    }
    const usage = { ...this.startUsage };
    const du = this.deltaUsage ?? {};
    const pos = (v: unknown): v is number => typeof v === 'number' && v > 0;
    // USG-8: input/cache from message_start unless message_delta carries non-zero values; output
    // from the (cumulative) message_delta.
    if (pos(du.input_tokens)) usage.inputTokens = du.input_tokens;
    if (pos(du.cache_read_input_tokens)) usage.cacheReadTokens = du.cache_read_input_tokens;
    if (pos(du.cache_creation_input_tokens)) usage.cacheWriteTokens = du.cache_creation_input_tokens;
    if (typeof du.output_tokens === 'number') usage.outputTokens = du.output_tokens;
    const event: Extract<ChatEvent, { type: 'finish' }> = {
      type: 'finish',
      finishReason: mapStopReason(this.stopReason),
      usage,
    };
    if (this.stopSequence) event.stopSequence = this.stopSequence;
    if (this.stopReason) event.rawFinishReason = this.stopReason;
    this.out.push(event);
    this.state = 'done';
  }
}

/** Text, thinking, signature and tool-input fragments: everything else decodes (see DialectCodec). */
export const isContentDelta = namedContentDeltas(['content_block_delta']);

/** Decode an Anthropic upstream's SSE stream into canonical events. */
export function decodeStream(messages: AsyncIterable<SseMessage>, context?: WireContext): AsyncIterable<ChatEvent> {
  return codeStream(messages, streamDecoder(context));
}

/** The decoder one message at a time (see StreamCoder); a transport failure goes on as it is. */
export function streamDecoder(context?: WireContext): StreamCoder<SseMessage, ChatEvent> {
  const decoder = new AnthropicStreamDecoder(context);
  return {
    push: (msg) => decoder.feed(msg),
    end: () => decoder.end(),
    fail: (error) => {
      throw error;
    },
    get done() {
      return decoder.finished;
    },
  };
}

export { AnthropicStreamDecoder };
