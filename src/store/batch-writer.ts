/** Durability for queued rows: appended (synchronously) before the call's answer ends, emptied once committed. */
export interface RowSpool<T> {
  append(row: T): void;
  sync(): Promise<void>;
  committedRows(n: number): void;
  close(): void;
}

export interface BatchWriterOptions<T> {
  /** Rows are written at most this long after they were recorded (ms). */
  batchMs?: number;
  /** A batch this big is written at once. */
  maxBatch?: number;
  spool?: RowSpool<T>;
  onError?: (err: Error) => void;
}

/**
 * Rows off the hot path: `record` spools (when durable) and queues a row; a timer writes the queue
 * in one call per batch; a failed write keeps the rows queued and is retried, not in a tight loop.
 * One implementation for every row the gateway writes in the background (usage ledger, audit log).
 */
export class BatchWriter<T, R = void> {
  private queue: T[] = [];
  private timer?: NodeJS.Timeout;
  private writing?: Promise<void>;
  private readonly batchMs: number;
  private readonly maxBatch: number;
  written = 0;
  failures = 0;

  constructor(
    private readonly write: (batch: T[]) => Promise<R>,
    private readonly options: BatchWriterOptions<T> & { onWritten?: (result: R, batch: T[]) => void } = {},
  ) {
    this.batchMs = options.batchMs ?? 50;
    this.maxBatch = options.maxBatch ?? 500;
  }

  /** Take one row: spooled now (synchronously), written within `batchMs`. */
  record(row: T): void {
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
        const result = await this.write(batch);
        this.written += batch.length;
        this.options.spool?.committedRows(batch.length);
        this.options.onWritten?.(result, batch);
      } catch (err) {
        this.failures++;
        this.queue = [...batch, ...this.queue];
        this.options.onError?.(err as Error);
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
