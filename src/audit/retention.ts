import type { AuditRow } from '../store/audit/types.js';
import type { AuditLog } from './audit-log.js';

export interface AuditPurgeResult {
  /** Whole rows deleted (older than `audit.retention_years`). */
  rows: number;
  /** Rows whose prompt/response text was dropped (older than `compliance.data_retention_days`). */
  contents: number;
}

/**
 * Audit retention. Whole rows older than `rowsBefore` go, oldest first and only a leading run in seq
 * order (so the log stays one unbroken chain from its first row); a purge row recording the last
 * deleted row's seq and hash is appended, and a checkpoint signed, before anything is deleted, so
 * `audit verify` can tell this deletion from tampering. Content older than `contentBefore` is
 * dropped from rows that stay (their chain and content MAC are untouched).
 */
export async function purgeAudit(log: AuditLog, cut: { rowsBefore?: number; contentBefore?: number }, actor = 'retention', now = Date.now()): Promise<AuditPurgeResult> {
  const repo = log.repo;
  await log.flush();
  const result: AuditPurgeResult = { rows: 0, contents: 0 };
  if (cut.contentBefore !== undefined) {
    const updates: Array<{ seq: number }> = [];
    for (let after = 0; ; ) {
      const page = await repo.list({ afterSeq: after, to: cut.contentBefore, limit: 2000 });
      if (page.length === 0) break;
      for (const r of page) if (r.content !== undefined) updates.push({ seq: r.seq });
      after = (page[page.length - 1] as AuditRow).seq;
    }
    if (updates.length > 0) {
      await repo.setContent(updates);
      result.contents = updates.length;
      await log.recordNow({ ts: now, tenant: 'default', kind: 'retention', action: 'audit.content_purged', actor, details: { rows: updates.length, before: new Date(cut.contentBefore).toISOString() } });
    }
  }
  if (cut.rowsBefore !== undefined) {
    let last: AuditRow | undefined;
    let count = 0;
    scan: for (let after = 0; ; ) {
      const page = await repo.list({ afterSeq: after, limit: 2000 });
      if (page.length === 0) break;
      for (const r of page) {
        if (r.ts >= cut.rowsBefore) break scan;
        last = r;
        count++;
      }
      after = (page[page.length - 1] as AuditRow).seq;
    }
    if (last) {
      await log.recordNow({
        ts: now,
        tenant: 'default',
        kind: 'retention',
        action: 'audit.purge',
        actor,
        details: { throughSeq: last.seq, ...(last.hash ? { throughHash: last.hash } : {}), rows: count, before: new Date(cut.rowsBefore).toISOString() },
      });
      await log.checkpoint();
      result.rows = await repo.deleteThrough(last.seq);
    }
  }
  return result;
}
