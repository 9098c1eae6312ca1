/**
 * Issue 7, item 9 — soak with dependencies down: 20k requests through the server's fetch handler
 * with the Redis response cache configured but Redis flapping (up, hung, killed, restarted; or down
 * for good when no redis-server is installed) and the upstream flapping (200, 200, 503, reset),
 * with more callers than `max_concurrent_requests` + `max_queue`. The 100k run is
 * `npm run bench:soak` (bench/soak.ts, results in bench/RESULTS.md).
 *
 * Checked: RSS and heap growth after warm-up ≤ 10 %, the concurrency queue refuses past its bound
 * (the gateway's own 503s) instead of growing, background cache writes stay bounded, every cache
 * write not stored is counted in `tk.cacheStats().dropped` and `/metrics`
 * (`tokligence_cache_dropped_writes_total`), and no internal error.
 */
import { describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../src/core/types.js';
import { ResponseCache } from '../../src/cache/response-cache.js';
import type { CacheStore } from '../../src/cache/store.js';
import { runSoak } from './soak-driver.js';

const TOTAL = Number(process.env.SOAK_TOTAL ?? 20_000);

describe('item 9: soak with Redis and the upstream flapping', () => {
  it(`${TOTAL} requests: bounded memory and queues, dropped cache writes counted`, { timeout: 240_000 }, async () => {
    const r = await runSoak({ total: TOTAL });
    const summary = JSON.stringify({ ...r, redisPhases: r.redisPhases.length }, null, 1);
    expect(r.internalErrors, summary).toBe(0);
    // Every answer is one a caller can act on: 200, the upstream's 503 after the retry, a 502 for a
    // reset, or the gateway's own overload answer; never a 500.
    expect(Object.keys(r.statuses).sort(), summary).toEqual(expect.arrayContaining(['200', '503 queue full']));
    for (const status of Object.keys(r.statuses)) expect(['200', '502', '503', '503 queue full'], summary).toContain(status);
    expect(r.statuses['200'] ?? 0, summary).toBeGreaterThan(TOTAL * 0.3);
    // Memory: flat after warm-up.
    expect(r.rssGrowth, summary).toBeLessThanOrEqual(0.1);
    expect((r.heapEndMb - r.heapWarmMb) / r.heapWarmMb, summary).toBeLessThanOrEqual(0.1);
    // Cache: writes failed while Redis was down or hung, each counted, the same in /metrics.
    expect(r.cache.dropped, summary).toBeGreaterThan(0);
    expect(r.cache.dropped, summary).toBeGreaterThanOrEqual(r.cache.errors.set);
    expect(r.metricsDropped, summary).toBe(r.cache.dropped);
    expect(r.cache.errors.get, summary).toBeGreaterThan(0);
    expect(r.maxPendingWrites, summary).toBeLessThanOrEqual(1000);
    if (r.redis === 'flapping') {
      expect(r.redisPhases, summary).toEqual(expect.arrayContaining(['hung', 'down', 'up']));
      expect(r.cache.stores + r.cache.hits, summary).toBeGreaterThan(0);
    }
  });

  it('background cache writes stop at maxPendingWrites when the backend hangs, and the rest are counted as dropped', async () => {
    const hung: CacheStore = { kind: 'redis', get: async () => undefined, set: () => new Promise<void>(() => {}), close: async () => {} };
    const cache = new ResponseCache(hung, { ttlMs: 1000, maxPendingWrites: 100, onError: () => {} });
    const response = { id: 'r', model: 'm', provider: 'p', content: [{ type: 'text', text: 'x' }], finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 } } as ChatResponse;
    for (let i = 0; i < 5000; i++) cache.save(`k${i}`, response);
    expect(cache.pendingWrites).toBe(100);
    expect(cache.stats.dropped).toBe(4900);
  });

  it('a write the backend refuses is counted as dropped (and as a set error)', async () => {
    const down: CacheStore = { kind: 'redis', get: async () => undefined, set: async () => Promise.reject(new Error('redis not connected (reconnecting)')), close: async () => {} };
    const cache = new ResponseCache(down, { ttlMs: 1000, onError: () => {} });
    const response = { id: 'r', model: 'm', provider: 'p', content: [{ type: 'text', text: 'x' }], finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0 } } as ChatResponse;
    for (let i = 0; i < 10; i++) cache.save(`k${i}`, response);
    await cache.flush();
    expect(cache.stats).toMatchObject({ dropped: 10, errors: { set: 10 }, stores: 0 });
    expect(cache.pendingWrites).toBe(0);
  });
});
