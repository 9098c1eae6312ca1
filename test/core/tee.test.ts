import { describe, expect, it } from 'vitest';
import { tee } from '../../src/core/async.js';

/** A source that counts how many items were pulled from it. */
function counted(n: number): { source: AsyncIterable<number>; pulled: () => number } {
  let pulled = 0;
  return {
    source: (async function* () {
      for (let i = 0; i < n; i++) {
        pulled++;
        yield i;
      }
    })(),
    pulled: () => pulled,
  };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('tee', () => {
  it('both copies see every item, in order', async () => {
    const { source } = counted(200);
    const [a, b] = tee(source, 8);
    const read = async (it: AsyncIterable<number>) => {
      const out: number[] = [];
      for await (const x of it) out.push(x);
      return out;
    };
    const [x, y] = await Promise.all([read(a), read(b)]);
    expect(x).toEqual([...Array(200).keys()]);
    expect(y).toEqual(x);
  });

  it('a copy not read yet holds nobody back (the router peeks at one copy before the caller reads the other)', async () => {
    const { source, pulled } = counted(500);
    const [, b] = tee(source, 8);
    let n = 0;
    for await (const _ of b) n++;
    expect(n).toBe(500);
    expect(pulled()).toBe(500);
  });

  it('once both read, the faster copy waits for the slower at maxLead items, and goes on when it reads', async () => {
    const { source, pulled } = counted(1000);
    const [slow, fast] = tee(source, 8);
    const slowIt = slow[Symbol.asyncIterator]();
    await slowIt.next(); // the slow copy has started
    let fastRead = 0;
    const fastDone = (async () => {
      for await (const _ of fast) fastRead++;
    })();
    await settle();
    expect(pulled()).toBeLessThanOrEqual(10);
    expect(fastRead).toBeLessThanOrEqual(10);
    for (let i = 0; i < 20; i++) await slowIt.next();
    await settle();
    expect(pulled()).toBeGreaterThan(20);
    expect(pulled()).toBeLessThanOrEqual(31);
    // The slow copy stops: the fast one is no longer held back.
    await slowIt.return?.();
    await fastDone;
    expect(fastRead).toBe(1000);
  });
});
