import type { PartHealth } from '../core/health.js';
import type { ChatResponse, FinishReason } from '../core/types.js';
import type { CacheStore } from './store.js';

/** Counters of one cache, since it was made. */
export interface CacheStats {
  hits: number;
  misses: number;
  bypasses: number;
  stores: number;
  /** Failed backend operations (Redis down, timeouts, corrupt entries): each call went on uncached. */
  errors: { get: number; set: number };
  /**
   * Answers that were worth storing but are not stored: the backend failed the write (also in
   * `errors.set`), or `maxPendingWrites` writes were already waiting on a slow backend.
   */
  dropped: number;
}

/**
 * Finishes worth replaying: a complete answer, or one cut at `max_tokens` (the same request would
 * be cut the same way). Not stored: `error`, `pause` (an unfinished server-tool turn) and
 * `content_filter`.
 */
const STORABLE: ReadonlySet<FinishReason> = new Set(['stop', 'tool_calls', 'length']);

export function isStorable(response: ChatResponse): boolean {
  return STORABLE.has(response.finishReason);
}

export interface ResponseCacheOptions {
  ttlMs: number;
  /**
   * Background writes allowed in flight at once (default 1000). A hung Redis holds each write
   * until its command timeout; past this bound new writes are dropped (counted in `dropped`)
   * instead of piling up in memory.
   */
  maxPendingWrites?: number;
  /** Backend failures, for the log; default: one warning per minute on stderr. */
  onError?: (op: 'get' | 'set', err: unknown) => void;
  /**
   * A shared backend's circuit (Redis): operations bounded by its timeout, and skipped at once
   * while it is known to be down (a probe brings it back), so an outage adds no wait to calls.
   */
  part?: PartHealth;
}

/**
 * Canonical answers by cache key, over a {@link CacheStore}. Never throws: a backend failure is
 * counted, reported through `onError`, and the call goes on as a miss.
 */
export class ResponseCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, bypasses: 0, stores: 0, errors: { get: 0, set: 0 }, dropped: 0 };
  private readonly pending = new Set<Promise<void>>();
  private readonly onError: (op: 'get' | 'set', err: unknown) => void;

  constructor(
    readonly store: CacheStore,
    private readonly options: ResponseCacheOptions,
  ) {
    this.onError = options.onError ?? warnEveryMinute();
  }

  private backend<T>(op: () => Promise<T>): Promise<T> {
    return this.options.part ? this.options.part.run(op) : op();
  }

  /** The cached answer, a fresh object each time (callers may change it). */
  async lookup(key: string): Promise<ChatResponse | undefined> {
    return (await this.read(key)).hit;
  }

  /** The cached answer, or the backend's failure (the call then goes on uncached, or is refused: the caller's choice). */
  async read(key: string): Promise<{ hit?: ChatResponse; failure?: unknown }> {
    let text: string | undefined;
    try {
      text = await this.backend(() => this.store.get(key));
    } catch (err) {
      this.fail('get', err);
      return { failure: err };
    }
    if (text === undefined) return {};
    try {
      return { hit: JSON.parse(text) as ChatResponse };
    } catch (err) {
      // A corrupt entry is a miss, not an outage.
      this.fail('get', err);
      return {};
    }
  }

  /**
   * Store an answer in the background (the caller never waits for Redis). It is serialised now, so
   * later changes to `response` by outer middleware do not reach the cache.
   */
  save(key: string, response: ChatResponse): void {
    if (!isStorable(response)) return;
    if (this.pending.size >= (this.options.maxPendingWrites ?? 1000)) {
      this.stats.dropped++;
      return;
    }
    let text: string;
    try {
      text = JSON.stringify(response);
    } catch (err) {
      this.fail('set', err);
      return;
    }
    const write = this.backend(() => this.store.set(key, text, this.options.ttlMs))
      .then(() => {
        this.stats.stores++;
      })
      .catch((err) => {
        this.stats.dropped++;
        this.fail('set', err);
      })
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  /** Background writes in flight (bounded by `maxPendingWrites`). */
  get pendingWrites(): number {
    return this.pending.size;
  }

  /** Wait for background writes (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async close(): Promise<void> {
    await this.flush();
    await this.store.close();
  }

  private fail(op: 'get' | 'set', err: unknown): void {
    this.stats.errors[op]++;
    try {
      this.onError(op, err);
    } catch {
      // A logger that throws must not fail the call either.
    }
  }
}

function warnEveryMinute(): (op: 'get' | 'set', err: unknown) => void {
  let last = 0;
  let suppressed = 0;
  return (op, err) => {
    const now = Date.now();
    if (now - last < 60_000) {
      suppressed++;
      return;
    }
    const more = suppressed > 0 ? ` (${suppressed} similar failures since the last warning)` : '';
    console.warn(`tokligence: response cache ${op} failed, going on uncached: ${err instanceof Error ? err.message : String(err)}${more}`);
    last = now;
    suppressed = 0;
  };
}
