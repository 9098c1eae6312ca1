import { LRUCache } from 'lru-cache';
import type { Message, TextPart } from '../core/types.js';

/** One stored Responses turn: the whole conversation up to and including its answer. */
export interface StoredConversation {
  /** The response id the caller received (`resp_…`). */
  id: string;
  model: string;
  system?: TextPart[];
  /** Every message, the answer last. */
  messages: Message[];
  createdAt: number;
  /** The tenant whose call stored it: another tenant's call never reads it. */
  tenant?: string;
}

/**
 * Where conversations live. Async so a database can implement it; the memory store is the one
 * there is today.
 */
export interface SessionStore {
  get(id: string): Promise<StoredConversation | undefined>;
  put(conversation: StoredConversation): Promise<void>;
  close(): Promise<void>;
}

export interface MemorySessionStoreOptions {
  maxSessions: number;
  ttlMs: number;
}

/**
 * A bounded in-process store (least recently used go first, entries expire). Values are deep
 * copies, so nothing the pipeline does later changes a stored turn.
 */
export class MemorySessionStore implements SessionStore {
  private readonly lru: LRUCache<string, StoredConversation>;

  constructor(options: MemorySessionStoreOptions) {
    this.lru = new LRUCache({ max: options.maxSessions, ttl: options.ttlMs });
  }

  async get(id: string): Promise<StoredConversation | undefined> {
    const found = this.lru.get(id);
    return found ? structuredClone(found) : undefined;
  }

  async put(conversation: StoredConversation): Promise<void> {
    this.lru.set(conversation.id, structuredClone(conversation));
  }

  get size(): number {
    return this.lru.size;
  }

  async close(): Promise<void> {
    this.lru.clear();
  }
}
