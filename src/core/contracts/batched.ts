/**
 * Streams inside the gateway travel a batch at a time: the events decoded from one upstream read
 * go through decoder, middleware, encoder and writer together, one async step per batch instead of
 * one per event (per-event async-iterator hops were most of a stream's cost). A batched stream is
 * still an ordinary `AsyncIterable` of single items for whoever reads it that way (an app's own
 * middleware, a caller of the facades); `batchesOf` (core/batch) reads any stream a batch at a
 * time, one item per batch when it is not batched. Every stream in `ChatResult` may be batched.
 */
export const BATCHES: unique symbol = Symbol.for('tokligence.batches');

export interface Batched<T> extends AsyncIterable<T> {
  /**
   * The same items a batch at a time (never an empty batch). Either this or
   * `[Symbol.asyncIterator]` is read, once: a stream has one consumer.
   */
  [BATCHES](): AsyncIterator<readonly T[]>;
}

/**
 * One step of a stream transform that keeps state (a dialect's stream decoder or encoder): fed one
 * item at a time, it answers with the items that item produced. The batch machinery (core/batch)
 * drives it over whole batches without an async step per item.
 */
export interface StreamCoder<In, Out> {
  /** What one input item produces. */
  push(item: In): readonly Out[];
  /** What the end of the input produces (called once: at the input's end, or once `done`). */
  end(): readonly Out[];
  /** What a failure of the input produces; throws when the failure goes on as it is. */
  fail(error: unknown): readonly Out[];
  /** True once nothing more is read (finished, failed): the input is closed and `end()` follows. */
  readonly done: boolean;
}
