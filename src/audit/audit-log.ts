import { ConfigError } from '../core/errors.js';
import { BatchWriter } from '../store/batch-writer.js';
import { contentMac, signCheckpoint } from '../store/audit/chain.js';
import type { AuditCheckpoint, AuditEntry, AuditRepo, AuditRow } from '../store/audit/types.js';
import { encryptText, type Keyring } from '../store/encryption.js';

/** The HMAC key of checkpoints and content MACs (`TOKLIGENCE_AUDIT_KEY`). */
export const AUDIT_KEY_ENV = 'TOKLIGENCE_AUDIT_KEY';

/** The audit key from the environment: at least 32 characters of secret (any text; hashed into a key). */
export function auditKeyFromEnv(env: Record<string, string | undefined> = process.env): Buffer | undefined {
  const text = env[AUDIT_KEY_ENV]?.trim();
  if (!text) return undefined;
  if (text.length < 32) throw new ConfigError(`${AUDIT_KEY_ENV} must be at least 32 characters of secret (make one with: openssl rand -base64 32)`);
  return Buffer.from(text, 'utf8');
}

/** What is recorded: an entry, plus prompt and response text when the config logs them. */
export interface AuditRecord extends Omit<AuditEntry, 'content' | 'keyId' | 'contentMac'> {
  prompt?: string;
  response?: string;
}

export interface AuditLogOptions {
  repo: AuditRepo;
  /** Chain rows and sign checkpoints (`audit.immutable`); needs `auditKey`. */
  immutable: boolean;
  auditKey?: Buffer;
  /** Encrypt content (`compliance.encryption_at_rest`). */
  keyring?: Keyring;
  /** PII redaction, applied to prompt and response text before anything is stored. */
  redact?: (text: string) => string;
  /** Sign a checkpoint after this many rows… */
  checkpointEvery?: number;
  /** …or this long after the first unsigned row (ms). */
  checkpointIntervalMs?: number;
  batchMs?: number;
  now?: () => number;
  onError?: (message: string, err?: Error) => void;
}

/**
 * The audit log's writer: seals each record (PII redaction, content MAC, encryption) at once, on
 * the caller's turn, and hands it to a {@link BatchWriter} so the call never waits for the store;
 * the store numbers and chains each batch atomically. Checkpoints are signed every
 * `checkpointEvery` rows or `checkpointIntervalMs`, and on close.
 */
export class AuditLog {
  private readonly writer: BatchWriter<AuditEntry, AuditRow[]>;
  private unsigned = 0;
  private cpTimer?: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(private readonly options: AuditLogOptions) {
    if (options.immutable && !options.auditKey)
      throw new ConfigError(`audit.immutable is on but ${AUDIT_KEY_ENV} is not set: set it to a secret of at least 32 characters (it signs the audit log's checkpoints)`);
    this.now = options.now ?? Date.now;
    this.writer = new BatchWriter((batch) => options.repo.append(batch, options.immutable), {
      batchMs: options.batchMs ?? 100,
      onWritten: (rows) => this.written(rows.length),
      onError: (err) => options.onError?.('audit log write failed; retrying', err),
    });
  }

  get repo(): AuditRepo {
    return this.options.repo;
  }

  /** Seal and queue one record (never throws into the caller's call). */
  record(record: AuditRecord): void {
    this.writer.record(this.seal(record));
  }

  /** Seal and write at once (admin actions: the answer is sent after the row is stored). */
  async recordNow(record: AuditRecord): Promise<AuditRow[]> {
    await this.writer.flush();
    const rows = await this.options.repo.append([this.seal(record)], this.options.immutable);
    this.written(rows.length);
    return rows;
  }

  private seal(record: AuditRecord): AuditEntry {
    const { prompt, response, ...entry } = record;
    const out: AuditEntry = { ...entry };
    if (prompt !== undefined || response !== undefined) {
      const redact = this.options.redact ?? ((t: string) => t);
      const content = JSON.stringify({ ...(prompt !== undefined ? { prompt: redact(prompt) } : {}), ...(response !== undefined ? { response: redact(response) } : {}) });
      if (this.options.auditKey) out.contentMac = contentMac(this.options.auditKey, content);
      if (this.options.keyring) {
        const { keyId, data } = encryptText(this.options.keyring, content);
        out.content = data;
        out.keyId = keyId;
      } else out.content = content;
    }
    return out;
  }

  private written(n: number): void {
    if (!this.options.immutable || n === 0) return;
    this.unsigned += n;
    if (this.unsigned >= (this.options.checkpointEvery ?? 1000)) void this.checkpoint().catch((err) => this.options.onError?.('audit checkpoint failed', err));
    else if (!this.cpTimer) {
      this.cpTimer = setTimeout(() => {
        this.cpTimer = undefined;
        void this.checkpoint().catch((err) => this.options.onError?.('audit checkpoint failed', err));
      }, this.options.checkpointIntervalMs ?? 60_000);
      this.cpTimer.unref?.();
    }
  }

  /** Sign the current tail (when anything is unsigned). */
  async checkpoint(): Promise<AuditCheckpoint | undefined> {
    const key = this.options.auditKey;
    if (!this.options.immutable || !key) return undefined;
    clearTimeout(this.cpTimer);
    this.cpTimer = undefined;
    this.unsigned = 0;
    return this.options.repo.checkpoint((tail, last) => (last && last.seq === tail.seq ? undefined : signCheckpoint(key, tail, this.now(), last?.mac)));
  }

  /** Write what is queued. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  get pending(): number {
    return this.writer.pending;
  }

  /** Write what is queued and sign the tail. */
  async close(): Promise<void> {
    await this.writer.close();
    await this.checkpoint();
  }
}
