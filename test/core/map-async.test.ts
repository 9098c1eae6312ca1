import { describe, expect, it } from 'vitest';
import { mapAsync } from '../../src/core/async.js';

async function* source(items: number[], log: string[]) {
  try {
    for (const i of items) yield i;
  } finally {
    log.push('source closed');
  }
}

describe('mapAsync', () => {
  it('maps every item and runs onEnd once at the end', async () => {
    const log: string[] = [];
    const out: number[] = [];
    for await (const x of mapAsync(source([1, 2, 3], log), (n) => n * 10, { onEnd: () => log.push('end') })) out.push(x);
    expect(out).toEqual([10, 20, 30]);
    expect(log).toEqual(['source closed', 'end']);
  });

  it('closes the source and runs onEnd when map throws, or the consumer stops early', async () => {
    const log: string[] = [];
    const failing = mapAsync(source([1, 2, 3], log), (n) => {
      if (n === 2) throw new Error('boom');
      return n;
    }, { onEnd: () => log.push('end') });
    await expect((async () => {
      for await (const _ of failing) {
        // consume
      }
    })()).rejects.toThrow('boom');
    await new Promise((r) => setImmediate(r));
    expect(log.sort()).toEqual(['end', 'source closed']);

    const log2: string[] = [];
    for await (const x of mapAsync(source([1, 2, 3], log2), (n) => n, { onEnd: () => log2.push('end') })) if (x === 1) break;
    expect(log2.sort()).toEqual(['end', 'source closed']);
  });

  it('lets onError replace a source error', async () => {
    async function* bad() {
      yield 1;
      throw new Error('secret sk-123');
    }
    const it = mapAsync(bad(), (n) => n, { onError: () => new Error('redacted') });
    await expect((async () => {
      for await (const _ of it) {
        // consume
      }
    })()).rejects.toThrow('redacted');
  });
});
