import type {
  ContentBlock,
  Message,
  MessageParam,
  MessageStreamEvent,
  TextCitation,
} from '@anthropic-ai/sdk/resources/messages';
import type { TokligenceStream } from './stream.js';

/** The events of `messages.stream()`, as `@anthropic-ai/sdk`'s `MessageStream` emits them. */
export interface MessageStreamEvents {
  connect: () => void;
  streamEvent: (event: MessageStreamEvent, snapshot: Message) => void;
  text: (textDelta: string, textSnapshot: string) => void;
  citation: (citation: TextCitation, citationsSnapshot: TextCitation[]) => void;
  inputJson: (partialJson: string, jsonSnapshot: unknown) => void;
  thinking: (thinkingDelta: string, thinkingSnapshot: string) => void;
  signature: (signature: string) => void;
  message: (message: Message) => void;
  contentBlock: (content: ContentBlock) => void;
  finalMessage: (message: Message) => void;
  error: (error: Error) => void;
  abort: (error: Error) => void;
  end: () => void;
}

type Listener = (...args: never[]) => void;

/**
 * `tk.messages.stream()`: the Anthropic SDK's `MessageStream` helper over an in-process call. It
 * accumulates the message from the stream events and emits `text`, `inputJson`, `thinking`,
 * `contentBlock`, `message`, `finalMessage`, … as the SDK does; `finalMessage()` / `finalText()`
 * wait for the end; iterating it yields the raw events.
 *
 * @example
 * ```ts
 * const stream = tk.messages.stream({ model: 'openai/gpt-4o', max_tokens: 256, messages });
 * stream.on('text', (delta) => process.stdout.write(delta));
 * const message = await stream.finalMessage();
 * ```
 */
export class MessageStream implements AsyncIterable<MessageStreamEvent> {
  /** The request's messages, then (as in the SDK) the answer appended. */
  messages: MessageParam[];
  receivedMessages: Message[] = [];
  readonly controller = new AbortController();
  private snapshot?: Message;
  private readonly listeners = new Map<keyof MessageStreamEvents, Array<{ fn: Listener; once: boolean }>>();
  private readonly queue: MessageStreamEvent[] = [];
  private wake?: () => void;
  private iterating = false;
  private ended = false;
  private failure?: Error;
  private readonly endPromise: Promise<void>;
  private requestId: string | null = null;

  constructor(messages: MessageParam[], start: (signal: AbortSignal) => Promise<{ stream: TokligenceStream<MessageStreamEvent>; requestId: string }>) {
    this.messages = [...messages];
    this.endPromise = this.run(start);
    // `done()` / `finalMessage()` surface the error; an unobserved failure is not an unhandled rejection.
    this.endPromise.catch(() => {});
  }

  /** The request id (`x-request-id`), once the call has started. */
  get request_id(): string | null {
    return this.requestId;
  }

  /** The message as received so far. */
  get currentMessage(): Message | undefined {
    return this.snapshot;
  }

  on<E extends keyof MessageStreamEvents>(event: E, listener: MessageStreamEvents[E]): this {
    this.listenersOf(event).push({ fn: listener as Listener, once: false });
    return this;
  }

  once<E extends keyof MessageStreamEvents>(event: E, listener: MessageStreamEvents[E]): this {
    this.listenersOf(event).push({ fn: listener as Listener, once: true });
    return this;
  }

  off<E extends keyof MessageStreamEvents>(event: E, listener: MessageStreamEvents[E]): this {
    const list = this.listenersOf(event);
    const i = list.findIndex((l) => l.fn === (listener as Listener));
    if (i >= 0) list.splice(i, 1);
    return this;
  }

  /** A promise of the next emission of `event` (its first argument); rejects if the stream fails. */
  emitted<E extends keyof MessageStreamEvents>(event: E): Promise<Parameters<MessageStreamEvents[E]>[0]> {
    return new Promise((resolve, reject) => {
      if (event !== 'error') this.once('error', reject);
      this.once(event, ((arg: never) => resolve(arg)) as MessageStreamEvents[E]);
    });
  }

  /** Resolves when the stream has ended; rejects with its error. */
  async done(): Promise<void> {
    await this.endPromise;
  }

  abort(): void {
    this.controller.abort();
  }

  /** The complete message, once the stream ends. */
  async finalMessage(): Promise<Message> {
    await this.endPromise;
    const last = this.receivedMessages.at(-1);
    if (!last) throw new Error('stream ended without producing a Message with role=assistant');
    return last;
  }

  /** The text of the complete message (its text blocks joined by a space, as the SDK does). */
  async finalText(): Promise<string> {
    const message = await this.finalMessage();
    const texts = message.content.filter((b): b is Extract<ContentBlock, { type: 'text' }> => b.type === 'text').map((b) => b.text);
    if (!texts.length) throw new Error('stream ended without producing a content block with type=text');
    return texts.join(' ');
  }

  /** The raw events, as they arrive (the helper events fire as well). */
  [Symbol.asyncIterator](): AsyncIterator<MessageStreamEvent> {
    this.iterating = true;
    return {
      next: async () => {
        for (;;) {
          const ev = this.queue.shift();
          if (ev) return { done: false, value: ev };
          if (this.failure) throw this.failure;
          if (this.ended) return { done: true, value: undefined };
          await new Promise<void>((r) => (this.wake = r));
        }
      },
      return: async () => {
        this.abort();
        return { done: true, value: undefined };
      },
    };
  }

  /** Newline-delimited JSON of the raw events, as the SDK's `toReadableStream()`. */
  toReadableStream(): ReadableStream<Uint8Array> {
    const it = this[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    return new ReadableStream({
      async pull(ctrl) {
        try {
          const { value, done } = await it.next();
          if (done) ctrl.close();
          else ctrl.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
        } catch (err) {
          ctrl.error(err);
        }
      },
      async cancel() {
        await it.return?.();
      },
    });
  }

  private listenersOf(event: keyof MessageStreamEvents) {
    let list = this.listeners.get(event);
    if (!list) this.listeners.set(event, (list = []));
    return list;
  }

  private emit<E extends keyof MessageStreamEvents>(event: E, ...args: Parameters<MessageStreamEvents[E]>): void {
    const list = this.listeners.get(event);
    if (!list) return;
    for (const l of [...list]) {
      if (l.once) list.splice(list.indexOf(l), 1);
      (l.fn as (...a: unknown[]) => void)(...args);
    }
  }

  private push(ev: MessageStreamEvent): void {
    if (this.iterating) this.queue.push(ev);
    this.wakeReader();
  }

  private wakeReader(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private async run(start: (signal: AbortSignal) => Promise<{ stream: TokligenceStream<MessageStreamEvent>; requestId: string }>): Promise<void> {
    // Listeners are attached right after `messages.stream()` returns: start on the next tick.
    await Promise.resolve();
    try {
      const { stream, requestId } = await start(this.controller.signal);
      this.requestId = requestId;
      this.emit('connect');
      for await (const event of stream) this.accumulate(event);
      if (!this.snapshot && !this.receivedMessages.length) throw new Error('request ended without sending any chunks');
      this.ended = true;
      this.wakeReader();
      const final = this.receivedMessages.at(-1);
      if (final) this.emit('finalMessage', final);
      this.emit('end');
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      this.failure = error;
      this.ended = true;
      this.wakeReader();
      if (this.controller.signal.aborted) this.emit('abort', error);
      if (this.listeners.get('error')?.length) this.emit('error', error);
      this.emit('end');
      throw error;
    }
  }

  private accumulate(event: MessageStreamEvent): void {
    let snapshot = this.snapshot;
    if (event.type === 'message_start') snapshot = this.snapshot = structuredClone(event.message);
    if (!snapshot) throw new Error(`unexpected event order: got ${event.type} before "message_start"`);
    switch (event.type) {
      case 'content_block_start':
        snapshot.content.push(structuredClone(event.content_block));
        break;
      case 'content_block_delta': {
        const block = snapshot.content[event.index] as ContentBlock & Record<string, unknown>;
        const d = event.delta;
        if (d.type === 'text_delta' && block?.type === 'text') block.text += d.text;
        else if (d.type === 'citations_delta' && block?.type === 'text') (block.citations ??= []).push(d.citation);
        else if (d.type === 'input_json_delta' && block && 'input' in block) {
          const raw = `${(block.__json as string | undefined) ?? ''}${d.partial_json}`;
          Object.defineProperty(block, '__json', { value: raw, enumerable: false, writable: true });
          try {
            block.input = raw ? JSON.parse(raw) : {};
          } catch {
            // Partial JSON: the input is complete at content_block_stop.
          }
        } else if (d.type === 'thinking_delta' && block?.type === 'thinking') block.thinking += d.thinking;
        else if (d.type === 'signature_delta' && block?.type === 'thinking') block.signature = d.signature;
        break;
      }
      case 'message_delta':
        Object.assign(snapshot, { stop_reason: event.delta.stop_reason, stop_sequence: event.delta.stop_sequence });
        snapshot.usage = { ...snapshot.usage, ...(event.usage as object) } as Message['usage'];
        break;
    }
    this.emit('streamEvent', event, snapshot);
    this.push(event);
    if (event.type === 'content_block_delta') {
      const block = snapshot.content[event.index] as ContentBlock & Record<string, unknown>;
      const d = event.delta;
      if (d.type === 'text_delta' && block?.type === 'text') this.emit('text', d.text, block.text);
      else if (d.type === 'citations_delta' && block?.type === 'text') this.emit('citation', d.citation, block.citations ?? []);
      else if (d.type === 'input_json_delta' && block && 'input' in block) this.emit('inputJson', d.partial_json, block.input);
      else if (d.type === 'thinking_delta' && block?.type === 'thinking') this.emit('thinking', d.thinking, block.thinking);
      else if (d.type === 'signature_delta' && block?.type === 'thinking') this.emit('signature', block.signature);
    } else if (event.type === 'content_block_stop') {
      const block = snapshot.content[event.index];
      if (block) this.emit('contentBlock', block);
    } else if (event.type === 'message_stop') {
      this.receivedMessages.push(snapshot);
      this.messages.push({ role: snapshot.role, content: snapshot.content } as MessageParam);
      this.emit('message', snapshot);
      this.snapshot = undefined;
    }
  }
}
