/**
 * Where cached answers live: a string per key with a time to live. Implementations may fail
 * (Redis down); the response cache catches, counts and goes on uncached.
 */
export interface CacheStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}
