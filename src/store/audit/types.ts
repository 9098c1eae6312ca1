/**
 * The audit log's rows. One chain for the whole deployment (every tenant), in `seq` order: each
 * row's `hash` covers its fields and the previous row's hash, so an edited, inserted, deleted or
 * reordered row breaks the chain where it happened. Content (prompt and response text, after PII
 * redaction) is kept beside the chain, not in it: its HMAC is in the chain, so content can be
 * encrypted, re-keyed and purged by retention without breaking the chain, and still not be
 * swapped or edited unnoticed.
 */

/** What happened: a call, a security finding, an admin action, a retention purge. */
export type AuditKind = 'request' | 'security' | 'admin' | 'retention';

export interface AuditFinding {
  /** Detector or rule (`firewall`, `pii`, `toxicity`, `output`, a rule name). */
  source: string;
  action: string;
  category?: string;
  severity?: string;
}

/** A row as recorded, before the log numbers and links it. */
export interface AuditEntry {
  ts: number;
  tenant: string;
  kind: AuditKind;
  /** `call`, `key.created`, `key.revoked`, `approval.granted`, `config.reloaded`, `audit.purge`, … */
  action: string;
  /** Who: a user id, a key, `cli:<os user>`, `admin-key`. */
  actor?: string;
  /** The actor's role when known (`admin`, `member`, …). */
  role?: string;
  requestId?: string;
  /** Route or endpoint (`/v1/messages`, `POST /admin/keys`). */
  route?: string;
  model?: string;
  provider?: string;
  /** `allowed`, `refused`, `failed`, `blocked`, `ok`. */
  decision?: string;
  status?: number;
  findings?: AuditFinding[];
  /** What an admin action touched (a key id, a user, a model). */
  target?: string;
  /** Small facts (no secrets, no PII): counts, reasons, ids. */
  details?: Record<string, unknown>;
  /**
   * `{"prompt":…,"response":…}` text (already PII-redacted), plain or encrypted
   * (`v1.<iv>.<tag>.<data>` with `keyId`). Not in the chain; `contentMac` is.
   */
  content?: string;
  keyId?: string;
  /** HMAC-SHA256 (audit key) of the plain content: proves content belongs to this row. */
  contentMac?: string;
}

/** A row in the log: numbered and, with `audit.immutable`, linked. */
export interface AuditRow extends AuditEntry {
  seq: number;
  /** The previous row's hash (absent on the first row, or when the log is not immutable). */
  prev?: string;
  hash?: string;
}

/** A signed statement that the log held row `seq` with `hash` at time `ts`. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  ts: number;
  /** The previous checkpoint's mac: deleting a checkpoint breaks this chain too. */
  prevMac?: string;
  /** HMAC-SHA256 (audit key) over seq, hash, ts and prevMac. */
  mac: string;
}

export interface AuditQuery {
  tenant?: string;
  /** Inclusive, epoch ms. */
  from?: number;
  /** Exclusive, epoch ms. */
  to?: number;
  kind?: AuditKind;
  /** Exactly this actor (a user id, a key name, `admin-key`, `cli:<os user>`). */
  actor?: string;
  /** Rows after this seq. */
  afterSeq?: number;
  limit?: number;
}

/** Where audit rows are kept: the database (default) or JSONL files. */
export interface AuditRepo {
  /**
   * Number and (when `link`) chain the entries after the current tail, atomically: two writers
   * (two gateway instances on one PostgreSQL) never fork the chain. Returns the stored rows.
   */
  append(entries: AuditEntry[], link: boolean): Promise<AuditRow[]>;
  /** The last row's seq and hash (undefined: empty log). */
  tail(): Promise<{ seq: number; hash?: string } | undefined>;
  /** Rows in seq order (filtered), a page at a time. */
  list(query: AuditQuery): Promise<AuditRow[]>;
  /**
   * Sign the current tail: `sign` gets the tail and the last checkpoint, read atomically with the
   * insert (instances sharing a database keep one checkpoint chain). Nothing is written when the
   * log is empty, unlinked, or `sign` returns undefined.
   */
  checkpoint(sign: (tail: { seq: number; hash: string }, last: AuditCheckpoint | undefined) => AuditCheckpoint | undefined): Promise<AuditCheckpoint | undefined>;
  checkpoints(): Promise<AuditCheckpoint[]>;
  /** Replace rows' content and key id (rekey, content retention); nothing else of a row can change. */
  setContent(updates: Array<{ seq: number; content?: string; keyId?: string }>): Promise<void>;
  /** Delete whole rows with seq <= `throughSeq` (retention); returns how many. */
  deleteThrough(throughSeq: number): Promise<number>;
}

/** Whether a row passes a query's filters (seq, tenant, time, kind, actor); for the stores that scan rows. */
export function auditMatches(q: AuditQuery, r: AuditRow): boolean {
  return (
    (q.afterSeq === undefined || r.seq > q.afterSeq) &&
    (q.tenant === undefined || r.tenant === q.tenant) &&
    (q.from === undefined || r.ts >= q.from) &&
    (q.to === undefined || r.ts < q.to) &&
    (q.kind === undefined || r.kind === q.kind) &&
    (q.actor === undefined || r.actor === q.actor)
  );
}
