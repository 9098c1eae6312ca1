import { createParser } from 'eventsource-parser';

/** One server-sent event as read off the wire. */
export interface SseMessage {
  event?: string;
  data: string;
  id?: string;
}

/**
 * Read SSE messages from a byte stream. A real parser, so `data:` lines split across reads,
 * multi-line data and comments (`: ping`) are handled whatever the chunk boundaries.
 */
export async function* readSse(
  body: AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>,
): AsyncGenerator<SseMessage> {
  const queue: SseMessage[] = [];
  const parser = createParser({
    onEvent(ev) {
      queue.push({ event: ev.event, data: ev.data, id: ev.id });
    },
  });
  const decoder = new TextDecoder();
  const iterable = (
    Symbol.asyncIterator in body ? body : streamToIterable(body as ReadableStream<Uint8Array>)
  ) as AsyncIterable<Uint8Array | string>;
  for await (const chunk of iterable) {
    parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    while (queue.length > 0) yield queue.shift() as SseMessage;
  }
  parser.feed(`${decoder.decode()}\n\n`);
  while (queue.length > 0) yield queue.shift() as SseMessage;
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
