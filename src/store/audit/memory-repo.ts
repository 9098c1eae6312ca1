import { linkRows } from './chain.js';
import { type AuditCheckpoint, type AuditEntry, type AuditQuery, type AuditRepo, type AuditRow, auditMatches } from './types.js';

/** Audit rows in memory (tests, and a memory store): the same chain as the durable stores. */
export class MemoryAuditRepo implements AuditRepo {
  readonly rows: AuditRow[] = [];
  readonly cps: AuditCheckpoint[] = [];

  async append(entries: AuditEntry[], link: boolean): Promise<AuditRow[]> {
    // Tail read and push in one synchronous step: concurrent appends never fork the chain.
    const last = this.rows[this.rows.length - 1];
    const rows = linkRows(entries, last && { seq: last.seq, ...(last.hash ? { hash: last.hash } : {}) }, link);
    this.rows.push(...rows.map((r) => structuredClone(r)));
    return rows;
  }

  async tail(): Promise<{ seq: number; hash?: string } | undefined> {
    const last = this.rows[this.rows.length - 1];
    return last && { seq: last.seq, ...(last.hash ? { hash: last.hash } : {}) };
  }

  async list(q: AuditQuery): Promise<AuditRow[]> {
    const out: AuditRow[] = [];
    for (const r of this.rows) {
      if (!auditMatches(q, r)) continue;
      out.push(structuredClone(r));
      if (q.limit !== undefined && out.length >= q.limit) break;
    }
    return out;
  }

  async checkpoint(sign: (tail: { seq: number; hash: string }, last: AuditCheckpoint | undefined) => AuditCheckpoint | undefined): Promise<AuditCheckpoint | undefined> {
    const last = this.rows[this.rows.length - 1];
    const tail = last && { seq: last.seq, hash: last.hash };
    if (!tail?.hash) return undefined;
    const cp = sign({ seq: tail.seq, hash: tail.hash }, this.cps[this.cps.length - 1]);
    if (cp) this.cps.push({ ...cp });
    return cp;
  }

  async checkpoints(): Promise<AuditCheckpoint[]> {
    return this.cps.map((c) => ({ ...c }));
  }

  async setContent(updates: Array<{ seq: number; content?: string; keyId?: string }>): Promise<void> {
    const bySeq = new Map(this.rows.map((r) => [r.seq, r]));
    for (const u of updates) {
      const row = bySeq.get(u.seq);
      if (!row) continue;
      if (u.content === undefined) delete row.content;
      else row.content = u.content;
      if (u.keyId === undefined) delete row.keyId;
      else row.keyId = u.keyId;
    }
  }

  async deleteThrough(throughSeq: number): Promise<number> {
    const before = this.rows.length;
    const keep = this.rows.filter((r) => r.seq > throughSeq);
    this.rows.splice(0, this.rows.length, ...keep);
    return before - keep.length;
  }
}
