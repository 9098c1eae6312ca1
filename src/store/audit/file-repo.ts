import { nodeBuiltin } from '../../core/node-builtins.js';
import { linkRows } from './chain.js';
import { type AuditCheckpoint, type AuditEntry, type AuditQuery, type AuditRepo, type AuditRow, auditMatches } from './types.js';

// Node's fs and path through getBuiltinModule: audit files are Node's, and the core stays importable anywhere.
const { appendFileSync, existsSync, fsyncSync, mkdirSync, openSync, closeSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } =
  nodeBuiltin('fs') ?? ({} as typeof import('node:fs'));
const { join } = nodeBuiltin('path') ?? ({} as typeof import('node:path'));

const FILE = /^audit-(\d{12})\.jsonl$/;
const CHECKPOINTS = 'checkpoints.jsonl';

/** A line of an audit file that is not a row: the file was edited by hand or cut. */
export class AuditFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    why: string,
  ) {
    super(`${file}:${line}: ${why}`);
    this.name = 'AuditFormatError';
  }
}

/**
 * Audit rows as JSONL files (`audit.storage: file`): `audit-<first seq>.jsonl`, a new file once one
 * passes `maxBytes`; checkpoints in `checkpoints.jsonl`. Appends are fsync'ed per batch. For one
 * gateway instance (several instances share a chain only through the database); ship the closed
 * files to S3 or a WORM store with the deployment's own tooling.
 */
export class FileAuditRepo implements AuditRepo {
  private last?: { seq: number; hash?: string; file: string };
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** Files in seq order, with the first seq each holds. */
  files(): Array<{ name: string; path: string; first: number }> {
    return readdirSync(this.dir)
      .map((name) => ({ name, m: FILE.exec(name) }))
      .filter((f): f is { name: string; m: RegExpExecArray } => f.m !== null)
      .map(({ name, m }) => ({ name, path: join(this.dir, name), first: Number(m[1]) }))
      .sort((a, b) => a.first - b.first);
  }

  /** One at a time within this process (appends, rewrites). */
  private serial<T>(fn: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }

  private readRows(path: string): AuditRow[] {
    const rows: AuditRow[] = [];
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (line === '') {
        if (i !== lines.length - 1) throw new AuditFormatError(path, i + 1, 'empty line inside the file');
        return;
      }
      let row: AuditRow;
      try {
        row = JSON.parse(line) as AuditRow;
      } catch {
        throw new AuditFormatError(path, i + 1, 'not valid JSON (edited by hand, or cut)');
      }
      if (!row || typeof row !== 'object' || !Number.isSafeInteger(row.seq)) throw new AuditFormatError(path, i + 1, 'not an audit row (no integer seq)');
      rows.push(row);
    });
    return rows;
  }

  async tail(): Promise<{ seq: number; hash?: string } | undefined> {
    if (!this.last) {
      const files = this.files();
      const file = files[files.length - 1];
      if (!file) return undefined;
      const rows = this.readRows(file.path);
      const row = rows[rows.length - 1];
      if (!row) return undefined;
      this.last = { seq: row.seq, ...(row.hash ? { hash: row.hash } : {}), file: file.path };
    }
    const { seq, hash } = this.last;
    return { seq, ...(hash ? { hash } : {}) };
  }

  append(entries: AuditEntry[], link: boolean): Promise<AuditRow[]> {
    return this.serial(async () => {
      const rows = linkRows(entries, await this.tail(), link);
      const first = rows[0];
      if (!first) return rows;
      let file = this.last?.file;
      if (!file || !existsSync(file) || statSync(file).size >= this.maxBytes) file = join(this.dir, `audit-${String(first.seq).padStart(12, '0')}.jsonl`);
      const fd = openSync(file, 'a', 0o600);
      try {
        appendFileSync(fd, rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      const last = rows[rows.length - 1] as AuditRow;
      this.last = { seq: last.seq, ...(last.hash ? { hash: last.hash } : {}), file };
      return rows;
    });
  }

  async list(q: AuditQuery): Promise<AuditRow[]> {
    const out: AuditRow[] = [];
    const files = this.files();
    for (let i = 0; i < files.length; i++) {
      const next = files[i + 1];
      // Skip files that end before the wanted seq (the next file starts at or before it).
      if (q.afterSeq !== undefined && next && next.first <= q.afterSeq + 1) continue;
      for (const r of this.readRows((files[i] as { path: string }).path)) {
        if (!auditMatches(q, r)) continue;
        out.push(r);
        if (q.limit !== undefined && out.length >= q.limit) return out;
      }
    }
    return out;
  }

  checkpoint(sign: (tail: { seq: number; hash: string }, last: AuditCheckpoint | undefined) => AuditCheckpoint | undefined): Promise<AuditCheckpoint | undefined> {
    return this.serial(async () => {
      const tail = await this.tail();
      if (!tail?.hash) return undefined;
      const cps = await this.checkpoints();
      const cp = sign({ seq: tail.seq, hash: tail.hash }, cps[cps.length - 1]);
      if (!cp) return undefined;
      const fd = openSync(join(this.dir, CHECKPOINTS), 'a', 0o600);
      try {
        appendFileSync(fd, `${JSON.stringify(cp)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return cp;
    });
  }

  async checkpoints(): Promise<AuditCheckpoint[]> {
    const path = join(this.dir, CHECKPOINTS);
    if (!existsSync(path)) return [];
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line, i) => {
        try {
          return JSON.parse(line) as AuditCheckpoint;
        } catch {
          throw new AuditFormatError(path, i + 1, 'not valid JSON (edited by hand, or cut)');
        }
      });
  }

  /** Rewrite a file through a temporary file and a rename (never half-written). */
  private rewrite(path: string, rows: AuditRow[], to = path): void {
    const tmp = `${to}.tmp`;
    writeFileSync(tmp, rows.map((r) => `${JSON.stringify(r)}\n`).join(''), { mode: 0o600 });
    const fd = openSync(tmp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, to);
    if (to !== path) unlinkSync(path);
  }

  setContent(updates: Array<{ seq: number; content?: string; keyId?: string }>): Promise<void> {
    return this.serial(() => {
      const bySeq = new Map(updates.map((u) => [u.seq, u]));
      for (const f of this.files()) {
        const rows = this.readRows(f.path);
        let changed = false;
        for (const row of rows) {
          const u = bySeq.get(row.seq);
          if (!u) continue;
          changed = true;
          if (u.content === undefined) delete row.content;
          else row.content = u.content;
          if (u.keyId === undefined) delete row.keyId;
          else row.keyId = u.keyId;
        }
        if (changed) this.rewrite(f.path, rows);
      }
    });
  }

  deleteThrough(throughSeq: number): Promise<number> {
    return this.serial(() => {
      let deleted = 0;
      for (const f of this.files()) {
        if (f.first > throughSeq) break;
        const rows = this.readRows(f.path);
        const keep = rows.filter((r) => r.seq > throughSeq);
        deleted += rows.length - keep.length;
        if (keep.length === 0) {
          unlinkSync(f.path);
          if (this.last?.file === f.path) this.last = { ...this.last, file: '' };
        } else {
          const to = join(this.dir, `audit-${String((keep[0] as AuditRow).seq).padStart(12, '0')}.jsonl`);
          this.rewrite(f.path, keep, to);
          if (this.last?.file === f.path) this.last = { ...this.last, file: to };
        }
      }
      return deleted;
    });
  }
}
