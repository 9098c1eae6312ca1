import type { Redis, RedisOptions } from 'ioredis';
import type { CacheStore } from './store.js';

export interface RedisStoreOptions {
  /** `redis://…` / `rediss://…`; wins over host/port. */
  url?: string;
  host?: string;
  port?: number;
  password?: string;
  db?: number;
  keyPrefix: string;
  /** A command slower than this fails (ms). */
  timeoutMs: number;
  /** Connection problems, for the log (the store itself never throws them at construction). */
  onConnectionError?: (err: Error) => void;
}

/**
 * A store shared by every gateway instance that points at the same Redis. `ioredis` is an optional
 * peer dependency, imported only when a Redis cache is configured.
 *
 * Failure policy: while Redis is unreachable, commands fail at once (no offline queue) rather than
 * adding a timeout to every call; ioredis keeps reconnecting in the background. Only the very first
 * command waits (up to `timeoutMs`) for the initial connection.
 */
export class RedisStore implements CacheStore {
  readonly kind = 'redis' as const;
  private client?: Promise<Redis>;
  private everReady = false;
  private closed = false;

  constructor(private readonly options: RedisStoreOptions) {}

  /** Start connecting now (the first call then rarely waits). */
  connect(): Promise<Redis> {
    this.client ??= this.open();
    return this.client;
  }

  private async open(): Promise<Redis> {
    let RedisClass: typeof Redis;
    try {
      RedisClass = (await import('ioredis')).Redis;
    } catch (err) {
      throw new Error(`cache.type "redis" needs the ioredis package: npm install ioredis (${(err as Error).message})`);
    }
    const common: RedisOptions = {
      keyPrefix: this.options.keyPrefix,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: this.options.timeoutMs,
      connectTimeout: Math.max(this.options.timeoutMs, 1000),
      retryStrategy: (times) => Math.min(times * 200, 2000),
      lazyConnect: false,
    };
    const client = this.options.url
      ? new RedisClass(this.options.url, common)
      : new RedisClass({ ...common, host: this.options.host, port: this.options.port, password: this.options.password, db: this.options.db });
    client.on('ready', () => {
      this.everReady = true;
    });
    // Without a listener ioredis would print every reconnect failure as an unhandled 'error' event.
    client.on('error', (err: Error) => this.options.onConnectionError?.(err));
    return client;
  }

  private async ready(): Promise<Redis> {
    if (this.closed) throw new Error('redis cache is closed');
    const client = await this.connect();
    if (client.status === 'ready') return client;
    if (this.everReady || (client.status !== 'connecting' && client.status !== 'connect' && client.status !== 'wait'))
      throw new Error(`redis not connected (${client.status})`);
    // Every call waiting for the first connection shares one wait: three listeners per waiting
    // call grew past Node's limit (MaxListenersExceededWarning) under load.
    this.firstConnection ??= this.waitForReady(client).finally(() => {
      this.firstConnection = undefined;
    });
    await this.firstConnection;
    return client;
  }

  private firstConnection?: Promise<void>;

  private waitForReady(client: Redis): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`redis not connected after ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
      const onReady = () => done();
      const onEnd = () => done(new Error('redis connection ended'));
      const done = (err?: Error) => {
        clearTimeout(timer);
        client.off('ready', onReady);
        client.off('end', onEnd);
        client.off('reconnecting', onEnd);
        if (err) reject(err);
        else resolve();
      };
      client.once('ready', onReady);
      client.once('end', onEnd);
      client.once('reconnecting', onEnd);
    });
  }

  async get(key: string): Promise<string | undefined> {
    const client = await this.ready();
    return (await client.get(key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    const client = await this.ready();
    await client.set(key, value, 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (!this.client) return;
    const client = await this.client.catch(() => undefined);
    if (!client) return;
    if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
    else client.disconnect();
  }
}
