import { LRUCache } from 'lru-cache';
import type { CacheStore } from './store.js';

export interface MemoryStoreOptions {
  maxEntries: number;
  /** Bound on the UTF-8 bytes of the stored values plus their keys. */
  maxBytes: number;
  ttlMs: number;
  /** Clock for TTLs (tests inject one); default `performance`. */
  now?: () => number;
}

/** In-process LRU store: bounded by entries and bytes, entries expire after the TTL. */
export class MemoryStore implements CacheStore {
  readonly kind = 'memory' as const;
  private readonly lru: LRUCache<string, string>;

  constructor(options: MemoryStoreOptions) {
    this.lru = new LRUCache<string, string>({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      sizeCalculation: (value, key) => Buffer.byteLength(value) + key.length,
      ttl: options.ttlMs,
      // An injected clock is read on every check (no 1 ms cached 'now').
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  async get(key: string): Promise<string | undefined> {
    return this.lru.get(key);
  }

  /** An answer larger than `maxBytes` is not stored (lru-cache refuses it). */
  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.lru.set(key, value, { ttl: ttlMs });
  }

  /** Entries and bytes held (for tests and stats). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.lru.size, bytes: this.lru.calculatedSize };
  }

  async close(): Promise<void> {
    this.lru.clear();
  }
}
