import { auditRetentionDays, type TokligenceConfig } from '../config/index.js';
import type { AuditLog } from '../audit/audit-log.js';
import { purgeAudit } from '../audit/retention.js';
import type { Store } from '../store/index.js';

const DAY_MS = 86_400_000;

export interface RetentionResult {
  /** Usage ledger rows deleted (older than `compliance.data_retention_days`). */
  ledgerRows: number;
  /** Whole audit rows deleted (older than `audit.retention_years`). */
  auditRows: number;
  /** Audit rows whose prompt/response text was dropped (older than `compliance.data_retention_days`). */
  auditContents: number;
}

/** The cut-offs a config asks for at `now` (undefined: keep forever). */
export function retentionCutoffs(config: TokligenceConfig, now: number): { dataBefore?: number; auditBefore?: number } {
  const days = config.compliance.data_retention_days;
  // `audit.retention_years` (or the scenarios' `audit.retention`), a year counted as 365 days.
  const auditDays = auditRetentionDays(config.audit);
  return {
    ...(days !== undefined ? { dataBefore: now - days * DAY_MS } : {}),
    ...(auditDays !== undefined ? { auditBefore: now - auditDays * DAY_MS } : {}),
  };
}

/**
 * One retention pass: usage rows and audit prompt/response text older than
 * `compliance.data_retention_days`, whole audit rows older than `audit.retention_years`. The audit
 * deletions are recorded in the chain first (a checkpointed purge row), so `audit verify` still
 * passes and tells them from tampering; the ledger deletion is audited as an event too. Stored
 * conversations live in memory with a TTL shorter than any retention period, so none outlive it.
 */
export async function runRetention(config: TokligenceConfig, now: number, store?: Store, log?: AuditLog): Promise<RetentionResult> {
  const { dataBefore, auditBefore } = retentionCutoffs(config, now);
  const result: RetentionResult = { ledgerRows: 0, auditRows: 0, auditContents: 0 };
  if (store && dataBefore !== undefined) {
    result.ledgerRows = await store.ledger.purgeBefore(dataBefore);
    if (result.ledgerRows > 0 && log)
      await log.recordNow({ ts: now, tenant: 'default', kind: 'retention', action: 'ledger.purge', actor: 'retention', details: { rows: result.ledgerRows, before: new Date(dataBefore).toISOString() } });
  }
  if (log && (dataBefore !== undefined || auditBefore !== undefined)) {
    const purged = await purgeAudit(log, { contentBefore: dataBefore, rowsBefore: auditBefore }, 'retention', now);
    result.auditRows = purged.rows;
    result.auditContents = purged.contents;
  }
  return result;
}
