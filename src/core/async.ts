import { mapBatched } from './batch.js';

/**
 * Split one async iterable into two that each see every item. The source is pulled by whichever
 * consumer is ahead; the other's items wait in its queue. Used to forward a passed-through stream
 * byte for byte while the canonical decoder reads the same messages for usage and metrics.
 *
 * Backpressure: once a consumer has started reading, the other may run at most `maxLead` items
 * ahead of it, then waits for it, so a caller that stops reading stops the source too (instead
 * of its copy piling up). A consumer that has not started yet (the caller's copy while the
 * router peeks at the decoder's for the first content) holds nobody back.
 */
export function tee<T>(source: AsyncIterable<T>, maxLead = 64): [AsyncIterable<T>, AsyncIterable<T>] {
  const iterator = source[Symbol.asyncIterator]();
  const queues: [T[], T[]] = [[], []];
  const closed = [false, false];
  const started = [false, false];
  let done = false;
  let failure: { error: unknown } | undefined;
  let pulling: Promise<void> | undefined;
  // The leader waiting for the other consumer to take items (or stop).
  let waiting: (() => void) | undefined;
  const wake = () => {
    const w = waiting;
    waiting = undefined;
    w?.();
  };

  const pull = (): Promise<void> => {
    pulling ??= iterator.next().then(
      (r) => {
        pulling = undefined;
        if (r.done) done = true;
        else for (const q of queues) q.push(r.value);
      },
      (error) => {
        pulling = undefined;
        failure = { error };
        done = true;
      },
    );
    return pulling;
  };

  const branch = (i: 0 | 1): AsyncIterable<T> => ({
    async *[Symbol.asyncIterator]() {
      const queue = queues[i];
      const other = 1 - i;
      started[i] = true;
      try {
        for (;;) {
          if (queue.length > 0) {
            const item = queue.shift() as T;
            wake();
            yield item;
            continue;
          }
          if (done) {
            if (failure) throw failure.error;
            return;
          }
          if (started[other] && !closed[other] && queues[other].length >= maxLead) {
            await new Promise<void>((resolve) => {
              waiting = resolve;
            });
            continue;
          }
          await pull();
        }
      } finally {
        // Once neither copy is read any more, close the source (an upstream stops sending).
        closed[i] = true;
        queue.length = 0;
        wake();
        if (closed[0] && closed[1] && !done) {
          done = true;
          await iterator.return?.();
        }
      }
    },
  });
  return [branch(0), branch(1)];
}

/** Consume an iterable to its end, ignoring its items and errors (a background tap). */
export async function drain(source: AsyncIterable<unknown>): Promise<void> {
  try {
    for await (const _ of source) {
      // nothing: the iterable's own side effects are the point
    }
  } catch {
    // a tap never fails the call it observes
  }
}

/**
 * Pass an async iterable through a per-item `map` (which may observe, replace or throw). Batches
 * stay whole (core/batch): one async step per batch, however many wrappers stack up on the stream
 * path. `onEnd` runs once when the source ends, fails, `map` throws or the consumer stops;
 * `onError` may replace an error.
 */
export function mapAsync<T, U>(
  source: AsyncIterable<T>,
  map: (item: T) => U,
  hooks: { onEnd?: () => void; onError?: (error: unknown) => unknown } = {},
): AsyncIterable<U> {
  return mapBatched(source, map, hooks);
}
