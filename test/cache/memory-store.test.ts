import { describe, expect, it } from 'vitest';
import { MemoryStore, ResponseCache } from '../../src/cache/index.js';
import type { CacheStore } from '../../src/cache/index.js';
import type { ChatResponse } from '../../src/core/types.js';

const answer = (text: string, finishReason: ChatResponse['finishReason'] = 'stop'): ChatResponse => ({
  id: 'msg_1',
  model: 'm',
  content: [{ type: 'text', text }],
  finishReason,
  usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 },
});

describe('memory store', () => {
  it('expires entries after the TTL (injected clock)', async () => {
    let now = 1_000;
    const store = new MemoryStore({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 5_000, now: () => now });
    await store.set('k', 'v', 5_000);
    now += 4_999;
    expect(await store.get('k')).toBe('v');
    now += 2;
    expect(await store.get('k')).toBeUndefined();
  });

  it('evicts the least recently used entries past max_bytes', async () => {
    const store = new MemoryStore({ maxEntries: 100, maxBytes: 250, ttlMs: 60_000 });
    await store.set('a', 'x'.repeat(100), 60_000);
    await store.set('b', 'y'.repeat(100), 60_000);
    expect(await store.get('a')).toBeDefined(); // a is now more recent than b
    await store.set('c', 'z'.repeat(100), 60_000);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBeDefined();
    expect(await store.get('c')).toBeDefined();
    expect(store.size.bytes).toBeLessThanOrEqual(250);
    // Larger than the whole budget: not stored at all.
    await store.set('huge', 'h'.repeat(300), 60_000);
    expect(await store.get('huge')).toBeUndefined();
  });

  it('evicts past max_entries', async () => {
    const store = new MemoryStore({ maxEntries: 2, maxBytes: 1_000_000, ttlMs: 60_000 });
    for (const k of ['a', 'b', 'c']) await store.set(k, k, 60_000);
    expect(await store.get('a')).toBeUndefined();
    expect(store.size.entries).toBe(2);
  });
});

describe('response cache', () => {
  it('stores complete answers only (stop, tool_calls, length), and hands out copies', async () => {
    const cache = new ResponseCache(new MemoryStore({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 60_000 }), { ttlMs: 60_000 });
    cache.save('ok', answer('hi'));
    cache.save('err', answer('half', 'error'));
    cache.save('pause', answer('half', 'pause'));
    await cache.flush();
    expect(cache.stats.stores).toBe(1);
    const first = await cache.lookup('ok');
    expect(first?.content).toEqual([{ type: 'text', text: 'hi' }]);
    first!.id = 'changed';
    expect((await cache.lookup('ok'))?.id).toBe('msg_1');
    expect(await cache.lookup('err')).toBeUndefined();
    expect(await cache.lookup('pause')).toBeUndefined();
  });

  it('a failing backend never throws: lookups miss, writes are dropped, both are counted', async () => {
    const broken: CacheStore = {
      kind: 'redis',
      get: async () => {
        throw new Error('ECONNREFUSED');
      },
      set: async () => {
        throw new Error('ECONNREFUSED');
      },
      close: async () => {},
    };
    const errors: string[] = [];
    const cache = new ResponseCache(broken, { ttlMs: 1000, onError: (op) => errors.push(op) });
    expect(await cache.lookup('k')).toBeUndefined();
    cache.save('k', answer('x'));
    await cache.flush();
    expect(cache.stats.errors).toEqual({ get: 1, set: 1 });
    expect(errors).toEqual(['get', 'set']);
  });

  it('a corrupt entry counts as a miss and an error', async () => {
    const store = new MemoryStore({ maxEntries: 10, maxBytes: 1_000_000, ttlMs: 60_000 });
    await store.set('k', '{not json', 60_000);
    const cache = new ResponseCache(store, { ttlMs: 60_000, onError: () => {} });
    expect(await cache.lookup('k')).toBeUndefined();
    expect(cache.stats.errors.get).toBe(1);
  });
});
