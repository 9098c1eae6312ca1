import type { Redis, RedisOptions } from 'ioredis';

export interface RedisConnectionOptions {
  /** `redis://…` / `rediss://…`; wins over host/port. */
  url?: string;
  host?: string;
  port?: number;
  password?: string;
  db?: number;
  keyPrefix: string;
  /** A command slower than this fails (ms). */
  timeoutMs: number;
  /** Connection problems, for the log (never thrown at construction). */
  onConnectionError?: (err: Error) => void;
  /** Which setting needs Redis, for the missing-package message (`cache.type "redis"`). */
  purpose?: string;
}

/**
 * One lazily opened ioredis client (an optional peer dependency, imported on first use), shared
 * by the response cache and the rate limiter.
 *
 * Failure policy: while Redis is unreachable, commands fail at once (no offline queue) rather than
 * adding a timeout to every call; ioredis keeps reconnecting in the background. Only the very first
 * command waits (up to `timeoutMs`) for the initial connection.
 */
export class RedisConnection {
  private client?: Promise<Redis>;
  private everReady = false;
  private closed = false;

  constructor(private readonly options: RedisConnectionOptions) {}

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
      throw new Error(`${this.options.purpose ?? 'cache.type "redis"'} needs the ioredis package: npm install ioredis (${(err as Error).message})`);
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

  /** The client once connected; throws at once while Redis is down (after the first connection). */
  async ready(): Promise<Redis> {
    if (this.closed) throw new Error('redis connection is closed');
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

  async close(): Promise<void> {
    this.closed = true;
    if (!this.client) return;
    const client = await this.client.catch(() => undefined);
    if (!client) return;
    if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
    else client.disconnect();
  }
}

/** Where a Redis is, for messages and `/readyz` (never its password). */
export function describeRedis(options: Pick<RedisConnectionOptions, 'url' | 'host' | 'port'>): string {
  if (options.url)
    try {
      const u = new URL(options.url);
      return `Redis ${u.hostname}:${u.port || 6379}`;
    } catch {
      return 'Redis (url)';
    }
  return `Redis ${options.host ?? '127.0.0.1'}:${options.port ?? 6379}`;
}
