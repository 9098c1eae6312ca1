import { createParser } from 'eventsource-parser';
import { transformBatches } from './batch.js';

/** One server-sent event as read off the wire. */
export interface SseMessage {
  event?: string;
  data: string;
  id?: string;
}

/**
 * Read SSE messages from a byte stream. A real parser, so `data:` lines split across reads,
 * multi-line data and comments (`: ping`) are handled whatever the chunk boundaries. Batched
 * (core/batch): the messages of one read travel on together.
 */
export function readSse(body: AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>): AsyncIterable<SseMessage> {
  const iterable = (Symbol.asyncIterator in body ? body : streamToIterable(body as ReadableStream<Uint8Array>)) as AsyncIterable<Uint8Array | string>;
  return transformBatches(iterable, () => {
    let queue: SseMessage[] = [];
    const parser = createParser({
      onEvent(ev) {
        queue.push({ event: ev.event, data: ev.data, id: ev.id });
      },
    });
    const decoder = new TextDecoder();
    const take = (): SseMessage[] => {
      const out = queue;
      if (out.length > 0) queue = [];
      return out;
    };
    return {
      push(chunks) {
        for (const chunk of chunks) parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
        return take();
      },
      end() {
        parser.feed(`${decoder.decode()}\n\n`);
        return take();
      },
    };
  });
}

/** The events in a text of whole SSE events (a final event without its blank line included). */
export function parseEvents(text: string): SseMessage[] {
  const out: SseMessage[] = [];
  const parser = createParser({
    onEvent(ev) {
      out.push({ event: ev.event, data: ev.data, id: ev.id });
    },
  });
  parser.feed(`${text}\n\n`);
  return out;
}

const parsedChunks = new WeakMap<Uint8Array, SseMessage[]>();

/**
 * The events in a chunk of whole SSE events (see `wholeEvents`), parsed once per chunk: a
 * passed-through stream's chunk is read by the decoder's copy, the in-process caller's copy and
 * the failure check alike, and they get the same messages (to read, not to change).
 */
export function messagesIn(chunk: Uint8Array): SseMessage[] {
  let messages = parsedChunks.get(chunk);
  if (!messages) {
    messages = parseEvents(asBuffer(chunk).toString('utf8'));
    parsedChunks.set(chunk, messages);
  }
  return messages;
}

/** The messages of a stream of whole-event chunks, a chunk's worth at a time (each parsed once). */
export function readWholeEvents(chunks: AsyncIterable<Uint8Array>): AsyncIterable<SseMessage> {
  return transformBatches(chunks, () => ({
    push: (batch) => (batch.length === 1 ? messagesIn(batch[0] as Uint8Array) : batch.flatMap(messagesIn)),
  }));
}

async function* streamToIterable(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Serialise one event the way every dialect frames it: optional `event:` line, one `data:` line. */
export function formatSse(event: string | undefined, data: unknown): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return event ? `event: ${event}\ndata: ${payload}\n\n` : `data: ${payload}\n\n`;
}

/** A byte chunk as a Buffer, without copying. */
export function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

const ERROR_MARKS = [Buffer.from('error'), Buffer.from('response.failed')];

/**
 * Whether SSE bytes may hold an error frame (`event: error`, an `"error"` member, Responses'
 * `response.failed`): a cheap byte check before anything is decoded. False means certainly not.
 */
export function mayHoldError(bytes: Uint8Array): boolean {
  const buf = asBuffer(bytes);
  return ERROR_MARKS.some((mark) => buf.includes(mark));
}

const LF_LF = Buffer.from('\n\n');
const CR_CR = Buffer.from('\r\r');
const LF_CR = Buffer.from('\n\r');

/**
 * Where the last complete event in `bytes` ends (0 if none): just past the last blank line, which
 * SSE ends with any two line terminators (`\n\n`, `\r\r`, or `\n\r` as in `\r\n\r\n`).
 */
export function lastEventEnd(bytes: Buffer): number {
  let end = Math.max(bytes.lastIndexOf(LF_LF) + 2, bytes.lastIndexOf(CR_CR) + 2);
  const lfcr = bytes.lastIndexOf(LF_CR);
  // `\n\r\n`: the blank line's CRLF ends after the `\n`.
  if (lfcr >= 0) end = Math.max(end, lfcr + (bytes[lfcr + 2] === 0x0a ? 3 : 2));
  return end < 2 ? 0 : end;
}

/**
 * An SSE byte stream re-cut so every chunk holds whole events: bytes after the last event
 * boundary wait for the rest of their event. So a frame appended after the stream (a gateway error
 * frame) never lands inside a half-sent event, and a per-chunk check (secret redaction) sees
 * whole frames. Bytes are passed on as they are, not decoded.
 */
export async function* wholeEvents(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  let pending: Buffer | undefined;
  for await (const chunk of bytes) {
    const data: Buffer = pending ? Buffer.concat([pending, chunk]) : asBuffer(chunk);
    const end = lastEventEnd(data);
    if (end === data.length) {
      pending = undefined;
      yield data;
    } else {
      pending = data.subarray(end);
      if (end > 0) yield data.subarray(0, end);
    }
  }
  if (!pending || pending.length === 0) return;
  // The rest of a line ending cut between reads (`\r` | `\n`): pass it on as it is.
  if (pending.every((b) => b === 0x0a || b === 0x0d)) yield pending;
  // A clean end without the final blank line: complete that event, as readSse does for the decoder.
  else yield Buffer.concat([pending, LF_LF]);
}
