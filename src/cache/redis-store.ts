import { RedisConnection, type RedisConnectionOptions } from './redis-connection.js';
import type { CacheStore } from './store.js';

export type RedisStoreOptions = RedisConnectionOptions;

/**
 * A store shared by every gateway instance that points at the same Redis. `ioredis` is an optional
 * peer dependency, imported only when a Redis cache is configured (see RedisConnection for the
 * failure policy).
 */
export class RedisStore implements CacheStore {
  readonly kind = 'redis' as const;
  private readonly connection: RedisConnection;

  constructor(options: RedisStoreOptions) {
    this.connection = new RedisConnection(options);
  }

  /** Start connecting now (the first call then rarely waits). */
  connect(): ReturnType<RedisConnection['connect']> {
    return this.connection.connect();
  }

  async get(key: string): Promise<string | undefined> {
    const client = await this.connection.ready();
    return (await client.get(key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const client = await this.connection.ready();
    await client.set(key, value, 'PX', Math.max(1, Math.round(ttlMs)));
  }

  /** Resolves when Redis answers (the probe while it is away). */
  async ping(): Promise<void> {
    await (await this.connection.ready()).ping();
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
