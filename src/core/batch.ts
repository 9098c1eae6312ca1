/**
 * Batched streams (see contracts/batched): reading any stream a batch at a time, and transforms
 * that keep batches whole, so a stream costs one async step per upstream read, not per event.
 */
import { BATCHES, type Batched, type StreamCoder } from './contracts/batched.js';

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });
const NONE: readonly never[] = Object.freeze([]);

/** Read a stream a batch at a time: natively when it is batched, else one item per batch. */
export function batchesOf<T>(source: AsyncIterable<T>): AsyncIterator<readonly T[]> {
  const native = (source as Partial<Batched<T>>)[BATCHES];
  if (native) return native.call(source);
  const it = source[Symbol.asyncIterator]();
  return {
    next: () => it.next().then((r) => (r.done ? DONE : { done: false, value: [r.value] })),
    return: async () => {
      await it.return?.();
      return DONE;
    },
  };
}

/** A batched stream over a batch iterator (opened when the stream is read, either way). */
export function batched<T>(open: () => AsyncIterator<readonly T[]>): Batched<T> {
  return {
    [BATCHES]: open,
    [Symbol.asyncIterator]: () => itemsOf(open()),
  };
}

/** A batched stream of items already at hand (a cached answer, a replay): one batch. */
export function batchOf<T>(items: readonly T[]): Batched<T> {
  return batched(() => {
    let sent = items.length === 0;
    return {
      next: async () => {
        if (sent) return DONE;
        sent = true;
        return { done: false, value: items };
      },
      return: async () => {
        sent = true;
        return DONE;
      },
    };
  });
}

/** One item at a time from a batch iterator: an item already at hand costs a resolved promise, not a pull. */
function itemsOf<T>(it: AsyncIterator<readonly T[]>): AsyncIterator<T> {
  let batch: readonly T[] = NONE;
  let i = 0;
  const pull = (): Promise<IteratorResult<T>> =>
    it.next().then((r) => {
      if (r.done) return DONE;
      batch = r.value;
      i = 0;
      return i < batch.length ? { done: false, value: batch[i++] as T } : pull();
    });
  return {
    next: () => (i < batch.length ? Promise.resolve({ done: false, value: batch[i++] as T }) : pull()),
    return: async () => {
      batch = NONE;
      i = 0;
      await it.return?.();
      return DONE;
    },
  };
}

/**
 * One step of a batch transform: the output for an input batch. It may end the stream early
 * (`done`: the input is closed, `end()` output follows) or fail it after the output so far
 * (`failure`: thrown once that output is read, the input closed).
 */
export interface BatchStep<In, Out> {
  push(batch: readonly In[]): readonly Out[];
  /** Output at the end of the input (or once `done`). */
  end?(): readonly Out[];
  /** Output when the input fails; throws (the default) when the failure goes on. */
  fail?(error: unknown): readonly Out[];
  done?: boolean;
  failure?: { error: unknown };
}

export interface StreamHooks {
  /** Once, when the stream ends, fails, or its consumer stops. */
  onEnd?: () => void;
  /** May replace an error on its way out. */
  onError?: (error: unknown) => unknown;
}

/** Transform a stream a batch at a time (batched out, whatever came in). */
export function transformBatches<In, Out>(source: AsyncIterable<In>, step: () => BatchStep<In, Out>, hooks: StreamHooks = {}): Batched<Out> {
  return batched(() => {
    const it = batchesOf(source);
    const s = step();
    let finished = false;
    let ended = false;
    let pending: { error: unknown } | undefined;
    const end = () => {
      if (ended) return;
      ended = true;
      hooks.onEnd?.();
    };
    const fail = (error: unknown): never => {
      finished = true;
      end();
      throw hooks.onError ? hooks.onError(error) : error;
    };
    const close = () => {
      void Promise.resolve()
        .then(() => it.return?.())
        .catch(() => {});
    };
    const finish = (out: readonly Out[]): IteratorResult<readonly Out[]> => {
      finished = true;
      if (out.length > 0) return { done: false, value: out };
      end();
      return DONE;
    };
    const onBatch = (r: IteratorResult<readonly In[]>): IteratorResult<readonly Out[]> | Promise<IteratorResult<readonly Out[]>> => {
      if (r.done) return finish(s.end ? s.end() : NONE);
      let out: readonly Out[];
      try {
        out = s.push(r.value);
      } catch (error) {
        close();
        return fail(error);
      }
      if (s.failure) {
        finished = true;
        close();
        if (out.length === 0) return fail(s.failure.error);
        pending = s.failure;
        return { done: false, value: out };
      }
      if (s.done) {
        close();
        const rest = s.end ? s.end() : NONE;
        return finish(rest.length === 0 ? out : out.length === 0 ? rest : [...out, ...rest]);
      }
      // Nothing came of this batch (a skimmed stream's deltas): read on rather than hand out nothing.
      return out.length > 0 ? { done: false, value: out } : it.next().then(onBatch, onFailure);
    };
    const onFailure = (error: unknown): IteratorResult<readonly Out[]> => {
      if (!s.fail) return fail(error);
      let out: readonly Out[];
      try {
        out = s.fail(error);
      } catch (err) {
        return fail(err);
      }
      return finish(out);
    };
    return {
      next: () => {
        if (pending) {
          const { error } = pending;
          pending = undefined;
          return Promise.reject(fail(error));
        }
        if (finished) {
          end();
          return Promise.resolve(DONE);
        }
        return it.next().then(onBatch, onFailure);
      },
      return: async () => {
        finished = true;
        pending = undefined;
        end();
        await it.return?.();
        return DONE;
      },
    };
  }) as Batched<Out>;
}

/**
 * Pass a stream through a per-item `map` (which may observe, replace or throw), batches kept whole.
 * An item `map` throws on fails the stream after the items before it.
 */
export function mapBatched<In, Out>(source: AsyncIterable<In>, map: (item: In) => Out, hooks: StreamHooks = {}): Batched<Out> {
  return transformBatches(
    source,
    () => {
      const s: BatchStep<In, Out> = {
        push(batch) {
          const out: Out[] = [];
          for (const item of batch) {
            try {
              out.push(map(item));
            } catch (error) {
              s.failure = { error };
              break;
            }
          }
          return out;
        },
      };
      return s;
    },
    hooks,
  );
}

/** Look at each batch as it passes (unchanged): `observe` may throw to fail the stream. */
export function tapBatches<T>(source: AsyncIterable<T>, observe: (batch: readonly T[]) => void, hooks: StreamHooks = {}): Batched<T> {
  return transformBatches(
    source,
    () => ({
      push(batch) {
        observe(batch);
        return batch;
      },
    }),
    hooks,
  );
}

/** Drive a stateful coder (a dialect's stream decoder or encoder) over a stream, a batch at a time. */
export function codeStream<In, Out>(source: AsyncIterable<In>, coder: StreamCoder<In, Out>, hooks: StreamHooks = {}): Batched<Out> {
  return transformBatches(
    source,
    () => {
      const s: BatchStep<In, Out> = {
        push(batch) {
          if (batch.length === 1) {
            const out = coder.push(batch[0] as In);
            s.done = coder.done;
            return out;
          }
          let out: Out[] | undefined;
          let only: readonly Out[] = NONE;
          for (const item of batch) {
            const produced = coder.push(item);
            if (produced.length > 0) {
              // Most inputs produce one short array: copy only when a second one comes.
              if (out) out.push(...produced);
              else if (only.length === 0) only = produced;
              else out = [...only, ...produced];
            }
            if (coder.done) {
              s.done = true;
              break;
            }
          }
          return out ?? only;
        },
        end: () => coder.end(),
        fail: (error) => coder.fail(error),
      };
      return s;
    },
    hooks,
  );
}

/** What a coroutine yields to ask for its next input item. */
export const NEXT: unique symbol = Symbol('next');
/** What a coroutine receives at the end of its input. */
export const END: unique symbol = Symbol('end');

/**
 * A stream coder written as a plain (synchronous) generator, the way a pull-style transform reads:
 * `for (let x = yield NEXT; x !== END; x = yield NEXT) { …; yield out; }`. A failure of the input
 * is thrown into it at its `yield NEXT`, so its own try/catch decides what it becomes.
 */
export type Coroutine<In, Out> = Generator<Out | typeof NEXT, void, In | typeof END>;

/** A coroutine as a StreamCoder: each input resumes it until it asks for the next one (or returns). */
export function coroutineCoder<In, Out>(gen: Coroutine<In, Out>): StreamCoder<In, Out> {
  let done = false;
  let out: Out[] = [];
  const run = (r: IteratorResult<Out | typeof NEXT, void>): void => {
    while (!r.done && r.value !== NEXT) {
      out.push(r.value as Out);
      r = gen.next(undefined as never);
    }
    if (r.done) done = true;
  };
  const collect = (r: IteratorResult<Out | typeof NEXT, void>): readonly Out[] => {
    run(r);
    if (out.length === 0) return NONE;
    const produced = out;
    out = [];
    return produced;
  };
  // Up to its first `yield NEXT` (anything it says before that goes out with the first input).
  run(gen.next(undefined as never));
  return {
    get done() {
      return done;
    },
    push: (item) => (done ? NONE : collect(gen.next(item))),
    end: () => (done ? NONE : collect(gen.next(END))),
    fail: (error) => {
      if (done) throw error;
      return collect(gen.throw(error));
    },
  };
}
