import { nodeBuiltin } from '../core/node-builtins.js';
import { randomToken, type UsageRow } from '../store/index.js';

// Node's fs and path through getBuiltinModule: the spool is Node's (a file on disk), and the
// client's module graph stays free of `node:` imports for the runtimes without them.
const { closeSync, fdatasync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } = nodeBuiltin('fs') ?? ({} as typeof import('node:fs'));
const { join } = nodeBuiltin('path') ?? ({} as typeof import('node:path'));

const FILE = /^usage-(\d+)-([a-z0-9]+)\.jsonl$/;

/**
 * The durability of the usage ledger: each answered call's row is appended to this process's own
 * spool file (one `write`, before the answer's last byte goes out) and the file is emptied once
 * the rows are committed to the store. A process killed with `kill -9` leaves its rows in the
 * file, and the next start writes them (a request id already in the store is skipped). A
 * `write` that returned is in the kernel, so it survives the process; each batch is also
 * fdatasync'ed, bounding a power cut's loss to one batch window.
 */
export class UsageSpool {
  readonly file: string;
  private fd: number;
  private appended = 0;
  private committed = 0;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = join(dir, `usage-${process.pid}-${randomToken(8)}.jsonl`);
    this.fd = openSync(this.file, 'a', 0o600);
  }

  /** Append one row (synchronous: done when this returns). */
  append(row: UsageRow): void {
    writeSync(this.fd, `${JSON.stringify(row)}\n`);
    this.appended++;
  }

  /** Flush the file's data to disk (a batch's worth). */
  sync(): Promise<void> {
    return new Promise((resolve) => fdatasync(this.fd, () => resolve()));
  }

  /** `n` appended rows are now in the store; when every row is, the file is emptied. */
  committedRows(n: number): void {
    this.committed += n;
    if (this.committed >= this.appended) {
      ftruncateSync(this.fd, 0);
      this.appended = this.committed = 0;
    }
  }

  close(): void {
    closeSync(this.fd);
    if (this.appended === 0) unlinkSync(this.file);
  }

  /**
   * Rows left by processes that are gone (their pid is dead, or is ours and the file is not), with
   * a `done` that removes those files once the rows are stored.
   */
  static leftovers(dir: string, own?: string): { rows: UsageRow[]; done(): void } {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      return { rows: [], done: () => {} };
    }
    const files: string[] = [];
    const rows: UsageRow[] = [];
    for (const name of names) {
      const m = FILE.exec(name);
      const path = join(dir, name);
      if (!m || path === own) continue;
      const pid = Number(m[1]);
      if (pid !== process.pid && alive(pid)) continue;
      files.push(path);
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          rows.push(JSON.parse(line) as UsageRow);
        } catch {
          // A line cut by a crash mid-write: its call's answer had not finished.
        }
      }
    }
    return {
      rows,
      done: () => {
        for (const f of files)
          try {
            unlinkSync(f);
          } catch {
            // already gone
          }
      },
    };
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
