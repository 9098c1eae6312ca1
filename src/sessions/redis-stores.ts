import { TokligenceError } from '../core/errors.js';
import type { ItemStore, StoredItem } from './items.js';
import type { SessionStore, StoredConversation } from './store.js';

/** The few Redis commands these stores use (an ioredis client; the connection is made above this layer). */
export interface RedisCommands {
  get(key: string): Promise<string | null>;
  mget(...keys: string[]): Promise<Array<string | null>>;
  set(key: string, value: string, mode: 'PX', ms: number): Promise<unknown>;
}

export interface SharedStoreOptions {
  /** A connected client (the key prefix is the client's). */
  redis: () => Promise<RedisCommands>;
  /** Entries expire this long after they are written (ms). */
  ttlMs: number;
  /** Closes what `redis` uses; the store owns it, so a reload that takes the store over keeps it open. */
  close?: () => Promise<void>;
}

/** A Redis failure as a retriable 503 that says which setting uses Redis. */
function unavailable(err: unknown): TokligenceError {
  return new TokligenceError('api_error', `agent.session_store "redis": Redis is unavailable (${(err as Error).message})`, { status: 503, cause: err });
}

/**
 * Responses conversations in Redis, so every gateway instance sharing it can continue any
 * conversation (`previous_response_id`). One JSON value per response id, expiring after the TTL.
 * What is stored is what the memory store keeps: the pipeline's security checks (PII redaction
 * included) run before this store sees a turn.
 */
export class RedisSessionStore implements SessionStore {
  constructor(private readonly options: SharedStoreOptions) {}

  async get(id: string): Promise<StoredConversation | undefined> {
    let raw: string | null;
    try {
      raw = await (await this.options.redis()).get(`conv:${id}`);
    } catch (err) {
      throw unavailable(err);
    }
    return raw ? (JSON.parse(raw) as StoredConversation) : undefined;
  }

  async put(conversation: StoredConversation): Promise<void> {
    try {
      await (await this.options.redis()).set(`conv:${conversation.id}`, JSON.stringify(conversation), 'PX', this.options.ttlMs);
    } catch (err) {
      throw unavailable(err);
    }
  }

  async close(): Promise<void> {
    await this.options.close?.();
  }
}

/**
 * Output items of Responses answers in Redis, one key per item id, so an `item_reference` minted
 * by one instance resolves on any other.
 */
export class RedisItemStore implements ItemStore {
  constructor(private readonly options: SharedStoreOptions) {}

  async getItems(ids: readonly string[]): Promise<Map<string, StoredItem>> {
    const found = new Map<string, StoredItem>();
    if (ids.length === 0) return found;
    let values: Array<string | null>;
    try {
      values = await (await this.options.redis()).mget(...ids.map((id) => `item:${id}`));
    } catch (err) {
      throw unavailable(err);
    }
    values.forEach((raw, i) => {
      if (raw) found.set(ids[i] as string, JSON.parse(raw) as StoredItem);
    });
    return found;
  }

  async putItems(_responseId: string, items: readonly StoredItem[]): Promise<void> {
    if (items.length === 0) return;
    try {
      const redis = await this.options.redis();
      await Promise.all(items.map((item) => redis.set(`item:${item.id}`, JSON.stringify(item), 'PX', this.options.ttlMs)));
    } catch (err) {
      throw unavailable(err);
    }
  }

  async close(): Promise<void> {
    await this.options.close?.();
  }
}
