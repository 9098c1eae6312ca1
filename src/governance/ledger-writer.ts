import type { Store, UsageRow } from '../store/index.js';
import type { UsageSpool } from './spool.js';

export interface LedgerWriterOptions {
  /** Rows are written at most this long after their call ended (ms). */
  batchMs?: number;
  /** A batch this big is written at once. */
  maxBatch?: number;
  spool?: UsageSpool;
  /** After each committed batch (cost alerts). */
  onWritten?: (result: Awaited<ReturnType<Store['ledger']['write']>>) => void;
  onError?: (err: Error) => void;
}

/**
 * Usage rows off the hot path: `record` appends to the spool (durability) and queues the row; a
 * timer writes the queue in one transaction per batch. A failed write keeps the rows queued (and
 * spooled) and is retried.
 */
export class LedgerWriter {
  private queue: UsageRow[] = [];
  private timer?: NodeJS.Timeout;
  private writing?: Promise<void>;
  private readonly batchMs: number;
  private readonly maxBatch: number;
  written = 0;
  failures = 0;

  constructor(
    private readonly store: Store,
    private readonly options: LedgerWriterOptions = {},
  ) {
    this.batchMs = options.batchMs ?? 50;
    this.maxBatch = options.maxBatch ?? 500;
  }

  /** Take one row: spooled now (synchronously), stored within `batchMs`. */
  record(row: UsageRow): void {
    this.options.spool?.append(row);
    this.queue.push(row);
    if (this.queue.length >= this.maxBatch) this.kick(0);
    else this.kick(this.batchMs);
  }

  private kick(ms: number): void {
    if (this.timer && ms > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
    this.timer.unref?.();
  }

  /** Write everything queued so far (waits for a write already running). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.writing = (async () => {
      try {
        await this.options.spool?.sync();
        const result = await this.store.ledger.write(batch);
        this.written += batch.length;
        this.options.spool?.committedRows(batch.length);
        this.options.onWritten?.(result);
      } catch (err) {
        this.failures++;
        this.queue = [...batch, ...this.queue];
        this.options.onError?.(err as Error);
        // Retry later, not in a tight loop against a store that is down.
        if (!this.timer) this.kick(Math.min(5000, this.batchMs * 20));
      }
    })();
    try {
      await this.writing;
    } finally {
      this.writing = undefined;
    }
  }

  /** Rows waiting to be written. */
  get pending(): number {
    return this.queue.length;
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
    if (this.queue.length === 0) this.options.spool?.close();
  }
}
