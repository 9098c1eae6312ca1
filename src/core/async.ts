/**
 * Split one async iterable into two that each see every item. The source is pulled by whichever
 * consumer is ahead; the other's items wait in its queue. Used to forward a passed-through stream
 * byte for byte while the canonical decoder reads the same messages for usage and metrics.
 */
export function tee<T>(source: AsyncIterable<T>): [AsyncIterable<T>, AsyncIterable<T>] {
  const iterator = source[Symbol.asyncIterator]();
  const queues: [T[], T[]] = [[], []];
  let done = false;
  let failure: { error: unknown } | undefined;
  let pulling: Promise<void> | undefined;

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
      for (;;) {
        if (queue.length > 0) {
          yield queue.shift() as T;
          continue;
        }
        if (done) {
          if (failure) throw failure.error;
          return;
        }
        await pull();
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
