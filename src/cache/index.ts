/** The response cache: key hashing, memory and Redis stores, the cache itself. */
export { cacheKey } from './key.js';
export { MemoryStore, type MemoryStoreOptions } from './memory-store.js';
export { RedisStore, type RedisStoreOptions } from './redis-store.js';
export { type CacheStats, isStorable, ResponseCache, type ResponseCacheOptions } from './response-cache.js';
export { stableStringify } from '../core/stable-json.js';
export type { CacheStore } from './store.js';
