/**
 * An async iterable of stream events with an `AbortController`, like the official SDKs' `Stream`:
 * `toReadableStream()` gives newline-delimited JSON (e.g. to send to a browser), which
 * `TokligenceStream.fromReadableStream()` turns back into a stream of events.
 */
export class TokligenceStream<T> implements AsyncIterable<T> {
  constructor(
    private readonly source: AsyncIterable<T>,
    readonly controller: AbortController,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.source[Symbol.asyncIterator]();
  }

  /** The events as a byte stream of newline-delimited JSON, as the SDKs' `Stream.toReadableStream()`. */
  toReadableStream(): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    let it: AsyncIterator<T> | undefined;
    return new ReadableStream({
      start: () => {
        it = this[Symbol.asyncIterator]();
      },
      async pull(ctrl) {
        try {
          const { value, done } = await it!.next();
          if (done) ctrl.close();
          else ctrl.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
        } catch (err) {
          ctrl.error(err);
        }
      },
      cancel: async () => {
        await it?.return?.();
        this.controller.abort();
      },
    });
  }

  /** A stream of the events in newline-delimited JSON made by `toReadableStream()`. */
  static fromReadableStream<T>(stream: ReadableStream<Uint8Array>, controller = new AbortController()): TokligenceStream<T> {
    async function* lines(): AsyncGenerator<T> {
      const reader = stream.getReader();
      const decoder = new TextDecoder();
      let buffered = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          buffered += done ? decoder.decode() : decoder.decode(value, { stream: true });
          let nl = buffered.indexOf('\n');
          while (nl >= 0) {
            const line = buffered.slice(0, nl).trim();
            buffered = buffered.slice(nl + 1);
            if (line) yield JSON.parse(line) as T;
            nl = buffered.indexOf('\n');
          }
          if (done) break;
        }
        if (buffered.trim()) yield JSON.parse(buffered) as T;
      } finally {
        reader.releaseLock();
      }
    }
    return new TokligenceStream(lines(), controller);
  }
}
