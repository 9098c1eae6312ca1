import { nodeBuiltin } from '../core/node-builtins.js';
import { randomToken, type UsageRow } from '../store/index.js';

// Node's fs and path through getBuiltinModule: the spool is Node's (a file on disk), and the
// client's module graph stays free of `node:` imports for the runtimes without them.
const { closeSync, fdatasync, fstatSync, ftruncateSync, mkdirSync, openSync, readdirSync, readSync, unlinkSync, writeSync } = nodeBuiltin('fs') ?? ({} as typeof import('node:fs'));
const { join } = nodeBuiltin('path') ?? ({} as typeof import('node:path'));

const FILE = /^usage-(\d+)-([a-z0-9]+)\.jsonl$/;
/** Bytes read from a spool file at a time. */
const READ_CHUNK = 256 * 1024;

/**
 * The durability of the usage ledger: each answered call's row is appended to this process's own
 * spool file (one `write`, before the answer's last byte goes out), and the file is the queue the
 * ledger writer reads its batches from, in order. Rows leave the file once committed to the store;
 * when every row has, the file is emptied. While the store is away the file grows, up to
 * `database.spool_max_bytes` (then the gateway refuses new calls rather than lose rows), and is
 * written out in order when it returns. A process killed with `kill -9` leaves its rows in the
 * file, and the next start writes them (a request id already in the store is skipped). A `write`
 * that returned is in the kernel, so it survives the process; each batch is also fdatasync'ed,
 * bounding a power cut's loss to one batch window.
 */
export class UsageSpool {
  readonly file: string;
  private fd: number;
  /** Bytes in the file; the offset up to which rows are in the store; the offset up to which rows were handed to a batch. */
  private end = 0;
  private committedAt = 0;
  private readAt = 0;
  private rows = 0;
  private committedCount = 0;
  private readCount = 0;
  private closed = false;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = join(dir, `usage-${process.pid}-${randomToken(8)}.jsonl`);
    this.fd = openSync(this.file, 'a+', 0o600);
  }

  /**
   * Append one row (synchronous: done when this returns). A failed write (disk full, file too
   * large) leaves the file as it was and throws.
   */
  append(row: UsageRow): void {
    const line = Buffer.from(`${JSON.stringify(row)}\n`);
    try {
      const written = writeSync(this.fd, line);
      if (written !== line.length) throw Object.assign(new Error(`short write to ${this.file} (${written} of ${line.length} bytes)`), { code: 'EIO' });
    } catch (err) {
      // A torn line would be read back as garbage: cut the file back to its last whole row.
      try {
        ftruncateSync(this.fd, this.end);
      } catch {
        // nothing more to do: the reader skips a line it cannot parse
      }
      throw err;
    }
    this.end += line.length;
    this.rows++;
  }

  /** Rows appended and not yet in the store. */
  get pendingRows(): number {
    return this.rows - this.committedCount;
  }

  /** Bytes of rows appended and not yet in the store. */
  get pendingBytes(): number {
    return this.end - this.committedAt;
  }

  /** Flush the file's data to disk (a batch's worth). */
  sync(): Promise<void> {
    return new Promise((resolve) => fdatasync(this.fd, () => resolve()));
  }

  /** The next rows (at most `max`) after those already handed out, in the order they were appended. */
  read(max: number): UsageRow[] {
    const { rows, bytes } = readRows(this.fd, this.readAt, this.end, max);
    this.readAt += bytes;
    this.readCount += rows.length;
    return rows;
  }

  /** Everything handed out by `read` is in the store; when every row is, the file is emptied. */
  commit(): void {
    this.committedAt = this.readAt;
    this.committedCount = this.readCount;
    if (this.committedAt >= this.end) {
      ftruncateSync(this.fd, 0);
      this.end = this.committedAt = this.readAt = 0;
      this.rows = this.committedCount = this.readCount = 0;
    }
  }

  /** What `read` handed out was not stored: hand it out again next time. */
  rewind(): void {
    this.readAt = this.committedAt;
    this.readCount = this.committedCount;
  }

  /** Close the file; it is removed when every row is in the store, kept for the next start otherwise. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    if (this.pendingRows === 0) unlinkSync(this.file);
  }

  /**
   * Spool files left by processes that are gone (their pid is dead, or is ours and the file is
   * not), oldest rows first within each file.
   */
  static leftovers(dir: string, own?: string): LeftoverFile[] {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    const out: LeftoverFile[] = [];
    for (const name of names) {
      const m = FILE.exec(name);
      const path = join(dir, name);
      if (!m || path === own) continue;
      const pid = Number(m[1]);
      if (pid !== process.pid && alive(pid)) continue;
      out.push(new LeftoverFile(path));
    }
    return out;
  }
}

/** A spool file of a stopped process, read in batches and removed once every row is stored. */
export class LeftoverFile {
  private at = 0;
  private committedAt = 0;

  constructor(readonly path: string) {}

  /** The next rows (at most `max`), or none when the file is done. */
  read(max: number): UsageRow[] {
    const fd = openSync(this.path, 'r');
    try {
      const { rows, bytes } = readRows(fd, this.at, fstatSync(fd).size, max);
      this.at += bytes;
      return rows;
    } finally {
      closeSync(fd);
    }
  }

  /** The rows read so far are stored. */
  commit(): void {
    this.committedAt = this.at;
  }

  /** The rows read since the last commit were not stored: read them again. */
  rewind(): void {
    this.at = this.committedAt;
  }

  remove(): void {
    try {
      unlinkSync(this.path);
    } catch {
      // already gone
    }
  }
}

/**
 * Whole lines from `from` (up to `end`), at most `max` rows; `bytes` is how far they reach. A line
 * that does not parse (cut by a crash mid-write: its call's answer had not finished) is skipped.
 */
function readRows(fd: number, from: number, end: number, max: number): { rows: UsageRow[]; bytes: number } {
  const rows: UsageRow[] = [];
  let at = from;
  while (at < end && rows.length < max) {
    const buffer = Buffer.allocUnsafe(Math.min(READ_CHUNK, end - at));
    const n = readSync(fd, buffer, 0, buffer.length, at);
    if (n <= 0) break;
    let start = 0;
    while (rows.length < max) {
      const nl = buffer.indexOf(10, start);
      if (nl === -1 || nl >= n) break;
      if (nl > start)
        try {
          rows.push(JSON.parse(buffer.toString('utf8', start, nl)) as UsageRow);
        } catch {
          // a torn line
        }
      start = nl + 1;
    }
    // No whole line in the chunk: a last line cut without its newline (a crash mid-write), or a
    // line longer than a chunk (never written by us): passed over.
    at += start === 0 ? n : start;
  }
  return { rows, bytes: at - from };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
