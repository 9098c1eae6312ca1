import { LRUCache } from 'lru-cache';

/** One output item of a Responses answer, as the caller received it (`msg_…`, `rs_…`, `fc_…`). */
export type StoredItem = Record<string, unknown> & { id: string; type: string };

/**
 * Where the output items of the answers the gateway minted are kept, per response, so a later
 * `{"type":"item_reference","id":…}` input can be resolved. Async so a shared store (Redis) can
 * implement it; the memory store is the one there is today.
 */
export interface ItemStore {
  /** The stored items among `ids` kept for `tenant`, by id (an unknown, expired or other tenant's id is simply absent). */
  getItems(ids: readonly string[], tenant?: string): Promise<Map<string, StoredItem>>;
  /** Remember the output items of one answer, under its response id, for the caller's tenant. */
  putItems(responseId: string, items: readonly StoredItem[], tenant?: string): Promise<void>;
  close(): Promise<void>;
}

export interface MemoryItemStoreOptions {
  /** Most responses kept (least recently used go first, with all their items). */
  maxResponses: number;
  ttlMs: number;
}

/**
 * A bounded in-process item store: responses in an LRU with a TTL, and an index from item id to
 * its response that is pruned with it. Items are deep copies both ways.
 */
export class MemoryItemStore implements ItemStore {
  private readonly responses: LRUCache<string, StoredItem[]>;
  private readonly index = new Map<string, string>();
  /** The tenant of each kept response (strict isolation: another tenant's items are unknown ids). */
  private readonly owners = new Map<string, string>();

  constructor(options: MemoryItemStoreOptions) {
    this.responses = new LRUCache({
      max: options.maxResponses,
      ttl: options.ttlMs,
      dispose: (items, responseId) => {
        this.owners.delete(responseId);
        for (const item of items) if (this.index.get(item.id) === responseId) this.index.delete(item.id);
      },
    });
  }

  async getItems(ids: readonly string[], tenant = 'default'): Promise<Map<string, StoredItem>> {
    const found = new Map<string, StoredItem>();
    for (const id of ids) {
      const responseId = this.index.get(id);
      const item = responseId && (this.owners.get(responseId) ?? 'default') === tenant ? this.responses.get(responseId)?.find((i) => i.id === id) : undefined;
      if (item) found.set(id, structuredClone(item));
    }
    return found;
  }

  async putItems(responseId: string, items: readonly StoredItem[], tenant = 'default'): Promise<void> {
    if (items.length === 0) return;
    this.owners.set(responseId, tenant);
    this.responses.set(responseId, structuredClone([...items]));
    for (const item of items) this.index.set(item.id, responseId);
  }

  /** Responses kept. */
  get size(): number {
    return this.responses.size;
  }

  async close(): Promise<void> {
    this.responses.clear();
    this.index.clear();
    this.owners.clear();
  }
}
