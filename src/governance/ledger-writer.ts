import type { PartHealth } from '../core/health.js';
import type { Store, UsageRow } from '../store/index.js';
import type { LeftoverFile, UsageSpool } from './spool.js';

export interface LedgerWriterOptions {
  /** Rows are written at most this long after their call ended (ms). */
  batchMs?: number;
  /** Rows per transaction. */
  maxBatch?: number;
  spool?: UsageSpool;
  /** Bytes of unwritten rows the spool may hold before new calls are refused (`database.spool_max_bytes`). */
  spoolMaxBytes?: number;
  /** The spool's disk: down when an append fails; its probe appends the rows kept in memory meanwhile. */
  spoolPart?: PartHealth;
  /** Spool files of stopped processes, written before this process's own rows. */
  leftovers?: LeftoverFile[];
  /** After each committed batch (cost alerts). */
  onWritten?: (result: Awaited<ReturnType<Store['ledger']['write']>>) => void;
  onError?: (err: Error) => void;
  /** A leftover spool file was written completely. */
  onRecovered?: (rows: number, file: string) => void;
}

/**
 * Usage rows off the hot path: `record` appends the row to the spool (durability) and a timer
 * writes the spool, in order, in one transaction per batch. A failed write leaves the rows in the
 * spool and is retried (at once when the store comes back: `resume`). Rows that could not be
 * spooled (the disk failed) wait in memory, behind the spooled ones, until the disk takes them.
 */
export class LedgerWriter {
  /** Rows not in a spool: all of them without one; with one, those recorded while its disk failed. */
  private memory: UsageRow[] = [];
  private leftovers: LeftoverFile[];
  private leftoverRows = 0;
  private timer?: NodeJS.Timeout;
  private writing?: Promise<boolean>;
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
    this.leftovers = [...(options.leftovers ?? [])];
  }

  /** Take one row: spooled now (synchronously), stored within `batchMs` while the store answers. */
  record(row: UsageRow): void {
    const spool = this.options.spool;
    // Behind rows already waiting in memory, so the order holds.
    if (spool && this.memory.length === 0) {
      try {
        spool.append(row);
        this.queued(spool.pendingRows);
        return;
      } catch (err) {
        this.options.spoolPart?.failed(err);
        this.options.onError?.(err as Error);
      }
    }
    this.memory.push(row);
    this.queued(this.memory.length);
  }

  private queued(waiting: number): void {
    this.kick(waiting >= this.maxBatch ? 0 : this.batchMs);
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

  /** The store is back: write what waits now. */
  resume(): void {
    if (this.pending > 0) this.kick(0);
  }

  /**
   * The spool's disk took a write again: move the rows kept in memory into it (the spool part's
   * probe). Throws while it still fails.
   */
  retrySpool(): void {
    const spool = this.options.spool;
    if (!spool) return;
    while (this.memory.length > 0) {
      spool.append(this.memory[0] as UsageRow);
      this.memory.shift();
    }
  }

  /** The next batch: leftover files first, then the spool, then rows in memory (oldest first). */
  private take(): { rows: UsageRow[]; done(ok: boolean): void } | undefined {
    while (this.leftovers.length > 0) {
      const file = this.leftovers[0] as LeftoverFile;
      const rows = file.read(this.maxBatch);
      if (rows.length === 0) {
        file.remove();
        this.leftovers.shift();
        if (this.leftoverRows > 0) this.options.onRecovered?.(this.leftoverRows, file.path);
        this.leftoverRows = 0;
        continue;
      }
      return {
        rows,
        done: (ok) => {
          if (ok) {
            file.commit();
            this.leftoverRows += rows.length;
          } else file.rewind();
        },
      };
    }
    const spool = this.options.spool;
    if (spool && spool.pendingRows > 0) {
      const rows = spool.read(this.maxBatch);
      if (rows.length === 0) {
        spool.commit();
        return this.take();
      }
      return { rows, done: (ok) => (ok ? spool.commit() : spool.rewind()) };
    }
    if (this.memory.length === 0) return undefined;
    const rows = this.memory.splice(0, this.maxBatch);
    return { rows, done: (ok) => (ok ? undefined : this.memory.unshift(...rows)) };
  }

  /**
   * The store's probe while it is down and rows wait: write the oldest batch through `store` (the
   * unguarded one). A store that answers reads but cannot take writes (a full disk) stays down
   * until the write that failed succeeds, instead of coming back and failing again on every
   * probe. Throws while the write still fails.
   */
  async probe(store: Store): Promise<void> {
    let failure: unknown;
    const wrote = await this.writeBatch(store, (err) => {
      failure = err;
    });
    if (!wrote && failure !== undefined) throw failure;
  }

  /** Write one batch (waits for a write already running); false when there was nothing to write or it failed. */
  private async writeBatch(store: Store = this.store, onFailure?: (err: unknown) => void): Promise<boolean> {
    while (this.writing) await this.writing;
    const batch = this.take();
    if (!batch) return false;
    this.writing = (async () => {
      try {
        await this.options.spool?.sync();
        const result = await store.ledger.write(batch.rows);
        this.written += batch.rows.length;
        batch.done(true);
        this.options.onWritten?.(result);
        return true;
      } catch (err) {
        this.failures++;
        batch.done(false);
        onFailure?.(err);
        if (!onFailure) this.options.onError?.(err as Error);
        // Retry later, not in a tight loop against a store that is down.
        if (!this.timer) this.kick(Math.min(5000, Math.max(1000, this.batchMs * 20)));
        return false;
      }
    })();
    try {
      return await this.writing;
    } finally {
      this.writing = undefined;
    }
  }

  /** Write everything waiting, batch after batch, until done or the store fails. */
  async flush(): Promise<void> {
    while (this.pending > 0 && (await this.writeBatch()));
  }

  /** Rows waiting to be written (leftover files not counted until read). */
  get pending(): number {
    return this.leftovers.length + (this.options.spool?.pendingRows ?? 0) + this.memory.length;
  }

  /**
   * Why a new call must be refused so that no usage row is lost: the spool's disk fails, or the
   * spool holds `spoolMaxBytes` of rows waiting for the store. Undefined when calls may go on.
   */
  refusal(): string | undefined {
    const spool = this.options.spool;
    if (!spool) return undefined;
    const part = this.options.spoolPart;
    if (part && !part.up) return `the usage spool (${spool.dir}) cannot be written: ${part.error}`;
    const max = this.options.spoolMaxBytes;
    if (max !== undefined && spool.pendingBytes >= max)
      return `the usage spool holds ${spool.pendingRows} rows (${mib(spool.pendingBytes)}) waiting for the store, its limit (database.spool_max_bytes ${mib(max)})`;
    return undefined;
  }

  /** Write what waits (while the store answers) and close the spool; rows still unwritten stay in its file for the next start. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
    clearTimeout(this.timer);
    this.timer = undefined;
    try {
      this.retrySpool();
    } catch {
      // the disk still fails: the rows in memory go with the process
    }
    this.options.spool?.close();
  }
}

const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;
