/** An async iterable of stream events with an `AbortController`, like the official SDKs' `Stream`. */
export class TokligenceStream<T> implements AsyncIterable<T> {
  constructor(
    private readonly source: AsyncIterable<T>,
    readonly controller: AbortController,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.source[Symbol.asyncIterator]();
  }
}
