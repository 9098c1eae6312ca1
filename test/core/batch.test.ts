import { describe, expect, it } from 'vitest';
import { END, NEXT, type Coroutine, batchOf, batched, batchesOf, codeStream, coroutineCoder, mapBatched, transformBatches } from '../../src/core/batch.js';
import { BATCHES } from '../../src/core/contracts/index.js';

/** A batched source over fixed batches that logs how it is read and closed. */
function source<T>(batches: T[][], log: string[] = [], failAfter?: Error) {
  return batched(() => {
    let i = 0;
    return {
      next: async () => {
        if (i < batches.length) return { done: false, value: batches[i++] as T[] };
        if (failAfter) throw failAfter;
        log.push('source ended');
        return { done: true, value: undefined };
      },
      return: async () => {
        log.push('source closed');
        return { done: true, value: undefined };
      },
    };
  });
}

async function items<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of stream) out.push(x);
  return out;
}

async function batchList<T>(stream: AsyncIterable<T>): Promise<T[][]> {
  const it = batchesOf(stream);
  const out: T[][] = [];
  for (;;) {
    const r = await it.next();
    if (r.done) return out;
    out.push([...r.value]);
  }
}

describe('batched streams', () => {
  it('read item by item or batch by batch, they carry the same items; an unbatched stream reads one item per batch', async () => {
    expect(await items(source([[1, 2], [3], [4, 5, 6]]))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await batchList(source([[1, 2], [3]]))).toEqual([[1, 2], [3]]);
    expect(await batchList(batchOf([7, 8]))).toEqual([[7, 8]]);
    async function* plain() {
      yield 1;
      yield 2;
    }
    expect(await batchList(plain())).toEqual([[1], [2]]);
    expect(BATCHES in mapBatched(plain(), (x) => x)).toBe(true);
  });

  it('a transform keeps batches whole, reads on past batches that produce nothing, and runs onEnd once', async () => {
    const log: string[] = [];
    const odd = mapBatched(source([[1, 2, 3], [4], [5]], log), (x) => x * 10, { onEnd: () => log.push('end') });
    expect(await batchList(odd)).toEqual([[10, 20, 30], [40], [50]]);
    const dropping = transformBatches(source([[1], [2], [3]]), () => ({ push: (b: readonly number[]) => b.filter((x) => x !== 2) }));
    expect(await batchList(dropping)).toEqual([[1], [3]]);
    expect(log).toEqual(['source ended', 'end']);
  });

  it('a map that throws fails the stream after the items before it in the batch, and closes the source', async () => {
    const log: string[] = [];
    const stream = mapBatched(source([[1, 2, 3, 4]], log), (x) => {
      if (x === 3) throw new Error('boom');
      return x;
    }, { onEnd: () => log.push('end') });
    const seen: number[] = [];
    await expect((async () => {
      for await (const x of stream) seen.push(x);
    })()).rejects.toThrow('boom');
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([1, 2]);
    expect(log.sort()).toEqual(['end', 'source closed']);
  });

  it('a consumer that stops closes the source; a source failure reaches the consumer (through onError)', async () => {
    const log: string[] = [];
    for await (const x of mapBatched(source([[1, 2], [3]], log), (x) => x, { onEnd: () => log.push('end') })) if (x === 1) break;
    expect(log.sort()).toEqual(['end', 'source closed']);
    const failing = mapBatched(source([[1]], [], new Error('sk-secret')), (x) => x, { onError: () => new Error('redacted') });
    await expect(items(failing)).rejects.toThrow('redacted');
  });
});

describe('stream coders', () => {
  /** Sums its input until it sees 0 (then stops reading); a failure of the input becomes -1. */
  function* summing(): Coroutine<number, string> {
    let sum = 0;
    try {
      for (let x = yield NEXT; x !== END; x = yield NEXT) {
        if (x === 0) {
          yield `stop ${sum}`;
          return;
        }
        sum += x;
        yield `sum ${sum}`;
      }
      yield `end ${sum}`;
    } catch {
      yield 'failed';
    }
  }

  it('drive a coroutine a batch at a time, stop reading when it is done, and give it the input failure', async () => {
    expect(await batchList(codeStream(source([[1, 2], [3]]), coroutineCoder(summing())))).toEqual([['sum 1', 'sum 3'], ['sum 6'], ['end 6']]);
    const log: string[] = [];
    expect(await items(codeStream(source([[1, 0, 5], [7]], log), coroutineCoder(summing())))).toEqual(['sum 1', 'stop 1']);
    await new Promise((r) => setImmediate(r));
    expect(log).toEqual(['source closed']);
    expect(await items(codeStream(source([[2]], [], new Error('reset')), coroutineCoder(summing())))).toEqual(['sum 2', 'failed']);
  });

  it('a coder that does not catch lets the input failure through', async () => {
    function* plain(): Coroutine<number, number> {
      for (let x = yield NEXT; x !== END; x = yield NEXT) yield x;
    }
    await expect(items(codeStream(source([[1]], [], new Error('reset')), coroutineCoder(plain())))).rejects.toThrow('reset');
  });
});
