import { checkpointMac, contentMac, rowHash, sameHex } from '../store/audit/chain.js';
import { AuditFormatError } from '../store/audit/file-repo.js';
import type { AuditCheckpoint, AuditRepo, AuditRow } from '../store/audit/types.js';
import { decryptText, type Keyring } from '../store/encryption.js';

export type ProblemKind = 'edited' | 'inserted' | 'deleted' | 'reordered' | 'truncated' | 'rewritten' | 'checkpoint' | 'content' | 'format';

export interface VerifyProblem {
  kind: ProblemKind;
  /** The first row at fault, when one can be named. */
  seq?: number;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  rows: number;
  firstSeq?: number;
  lastSeq?: number;
  checkpoints: number;
  /** False without the audit key: checkpoints and content were not checked. */
  signed: boolean;
  /** Rows whose content was checked against its MAC. */
  contentChecked: number;
  /** The first problem, in log order. */
  problem?: VerifyProblem;
  /** What could not be checked, and why. */
  warnings: string[];
}

/** The slim facts of a row verify keeps for the whole log. */
interface Slim {
  seq: number;
  prev?: string;
  hash?: string;
  hashOk: boolean;
  purge?: { throughSeq: number; throughHash?: string };
}

export interface VerifyOptions {
  /** `TOKLIGENCE_AUDIT_KEY`: checkpoints and content MACs are checked only with it. */
  auditKey?: Buffer;
  /** Decrypts content for its MAC check. */
  keyring?: Keyring;
  pageSize?: number;
}

/**
 * Check the whole audit log: every row's hash, every link, the sequence (gaps are deletions unless a
 * retention purge row in the chain accounts for them), the signed checkpoints (a chain recomputed
 * after an edit, or a cut tail) and each row's content against its MAC. Reports the first problem
 * in log order, naming the row.
 */
export async function verifyAudit(repo: AuditRepo, options: VerifyOptions = {}): Promise<VerifyReport> {
  const report: VerifyReport = { ok: true, rows: 0, checkpoints: 0, signed: options.auditKey !== undefined, contentChecked: 0, warnings: [] };
  const fail = (problem: VerifyProblem): VerifyReport => ({ ...report, ok: false, problem });
  const slim: Slim[] = [];
  let unlinked = 0;
  let encryptedUnchecked = 0;
  let contentProblem: VerifyProblem | undefined;
  try {
    for (let after = 0; ; ) {
      const page = await repo.list({ afterSeq: after, limit: options.pageSize ?? 2000 });
      if (page.length === 0) break;
      for (const row of page) {
        if (row.hash === undefined) unlinked++;
        const purge = row.kind === 'retention' && row.action === 'audit.purge' ? purgeOf(row) : undefined;
        slim.push({ seq: row.seq, prev: row.prev, hash: row.hash, hashOk: row.hash === undefined || sameHex(rowHash(row), row.hash), ...(purge ? { purge } : {}) });
        if (!contentProblem && options.auditKey && row.content !== undefined) {
          const checked = checkContent(row, options.auditKey, options.keyring);
          if (checked === 'unchecked') encryptedUnchecked++;
          else if (checked === 'ok') report.contentChecked++;
          else contentProblem = { kind: 'content', seq: row.seq, message: `row ${row.seq}: ${checked}` };
        }
      }
      after = (page[page.length - 1] as AuditRow).seq;
    }
  } catch (err) {
    if (err instanceof AuditFormatError) return fail({ kind: 'format', seq: slim.length ? (slim[slim.length - 1] as Slim).seq + 1 : undefined, message: err.message });
    throw err;
  }
  let cps: AuditCheckpoint[];
  try {
    cps = await repo.checkpoints();
  } catch (err) {
    if (err instanceof AuditFormatError) return fail({ kind: 'format', message: err.message });
    throw err;
  }
  report.rows = slim.length;
  report.checkpoints = cps.length;
  report.firstSeq = slim[0]?.seq;
  report.lastSeq = slim[slim.length - 1]?.seq;
  if (unlinked > 0) report.warnings.push(`${unlinked} row(s) carry no hash (written while audit.immutable was off): only their order is checked`);
  if (!options.auditKey) report.warnings.push('checkpoints and content were not checked: set TOKLIGENCE_AUDIT_KEY to the key the gateway signs with');
  if (encryptedUnchecked > 0) report.warnings.push(`${encryptedUnchecked} row(s) have encrypted content not checked: set TOKLIGENCE_ENCRYPTION_KEY (and _PREVIOUS_KEYS) to check it`);

  const chainProblem = checkChain(slim);
  const cpProblem = options.auditKey ? checkCheckpoints(cps, slim, options.auditKey) : undefined;
  // The first problem in log order (a checkpoint problem names a range starting at its row).
  const problems = [chainProblem, cpProblem, contentProblem].filter((p): p is VerifyProblem => p !== undefined);
  problems.sort((a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER));
  if (problems[0]) return fail(problems[0]);
  const lastCp = cps[cps.length - 1];
  const uncovered = slim.filter((s) => s.seq > (lastCp?.seq ?? 0)).length;
  if (options.auditKey && uncovered > 0) report.warnings.push(`${uncovered} row(s) after the last checkpoint: a cut there would not be seen until the next checkpoint`);
  return report;
}

function purgeOf(row: AuditRow): Slim['purge'] {
  const d = row.details ?? {};
  return typeof d.throughSeq === 'number' ? { throughSeq: d.throughSeq, ...(typeof d.throughHash === 'string' ? { throughHash: d.throughHash } : {}) } : undefined;
}

function checkContent(row: AuditRow, key: Buffer, ring: Keyring | undefined): 'ok' | 'unchecked' | string {
  if (!row.contentMac) return 'has content but no content MAC (content added afterwards)';
  let plain = row.content as string;
  if (row.keyId) {
    if (!ring?.keys.has(row.keyId)) return 'unchecked';
    try {
      plain = decryptText(ring, row.keyId, plain);
    } catch {
      return 'its encrypted content does not decrypt (edited)';
    }
  }
  return sameHex(contentMac(key, plain), row.contentMac) ? 'ok' : 'its content does not match its MAC (edited or swapped)';
}

function checkChain(rows: Slim[]): VerifyProblem | undefined {
  const first = rows[0];
  if (!first) return undefined;
  const position = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r.hash) position.set(r.hash, i);
  });
  const purges = rows.filter((r) => r.purge).map((r) => r.purge as NonNullable<Slim['purge']>);
  if (first.seq !== 1) {
    const covered = purges.find((p) => p.throughSeq === first.seq - 1 && (p.throughHash === undefined || p.throughHash === first.prev));
    if (!covered) return { kind: 'deleted', seq: first.seq, message: `rows 1-${first.seq - 1} are missing before row ${first.seq}, and no retention purge in the log accounts for them (deleted)` };
  }
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as Slim;
    if (!r.hashOk) return { kind: 'edited', seq: r.seq, message: `row ${r.seq} does not match its hash (edited)` };
    if (i === 0) continue;
    const p = rows[i - 1] as Slim;
    if (r.seq !== p.seq + 1) {
      const expectedLater = rows.slice(i + 1).some((x) => x.seq === p.seq + 1);
      if (r.seq <= p.seq || expectedLater) return { kind: 'reordered', seq: r.seq, message: `row ${r.seq} is out of order (it comes after row ${p.seq})` };
      return { kind: 'deleted', seq: p.seq + 1, message: `row${r.seq - p.seq > 2 ? `s ${p.seq + 1}-${r.seq - 1} are` : ` ${p.seq + 1} is`} missing between rows ${p.seq} and ${r.seq} (deleted)` };
    }
    if (r.hash === undefined || p.hash === undefined || r.prev === p.hash) continue;
    const at = r.prev === undefined ? undefined : position.get(r.prev);
    if (at !== undefined && at > i) return { kind: 'reordered', seq: r.seq, message: `row ${r.seq} is out of order: it links to row ${(rows[at] as Slim).seq}, which comes later` };
    if (at !== undefined && at < i - 1) {
      const inserted = rows[at + 1] as Slim;
      return { kind: 'inserted', seq: inserted.seq, message: `row ${inserted.seq} was inserted: row ${r.seq} links to row ${(rows[at] as Slim).seq}` };
    }
    return { kind: 'edited', seq: p.seq, message: `row ${p.seq} was edited (its hash was recomputed; row ${r.seq} still links to the original)` };
  }
  return undefined;
}

function checkCheckpoints(cps: AuditCheckpoint[], rows: Slim[], key: Buffer): VerifyProblem | undefined {
  const bySeq = new Map(rows.map((r) => [r.seq, r]));
  const firstSeq = rows[0]?.seq ?? Number.MAX_SAFE_INTEGER;
  const lastSeq = rows[rows.length - 1]?.seq ?? 0;
  let prev: AuditCheckpoint | undefined;
  for (const cp of cps) {
    const when = new Date(cp.ts).toISOString();
    if (!sameHex(checkpointMac(key, cp), cp.mac)) return { kind: 'checkpoint', seq: cp.seq, message: `the checkpoint of ${when} (row ${cp.seq}) is not signed with this key (forged or edited)` };
    if (prev && cp.prevMac !== prev.mac) return { kind: 'checkpoint', seq: prev.seq, message: `a checkpoint between ${new Date(prev.ts).toISOString()} and ${when} was deleted` };
    if (prev && cp.seq < prev.seq) return { kind: 'checkpoint', seq: cp.seq, message: `the checkpoint of ${when} goes back to row ${cp.seq}` };
    if (cp.seq > lastSeq) {
      const lastCp = cps[cps.length - 1] as AuditCheckpoint;
      const upTo = Math.max(cp.seq, lastCp.seq);
      return { kind: 'truncated', seq: lastSeq + 1, message: `the log ends at row ${lastSeq}, but a checkpoint signed row ${upTo}: rows ${lastSeq + 1}-${upTo} were deleted (tail cut)` };
    }
    if (cp.seq >= firstSeq) {
      const row = bySeq.get(cp.seq);
      if (!row || row.hash !== cp.hash) {
        const from = prev && prev.seq >= firstSeq ? prev.seq + 1 : firstSeq;
        return { kind: 'rewritten', seq: from, message: `rows ${from}-${cp.seq} were rewritten after they were signed (the checkpoint of ${when} does not match row ${cp.seq}; the chain was recomputed)` };
      }
    }
    prev = cp;
  }
  return undefined;
}
