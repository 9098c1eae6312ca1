import type { TokligenceConfig } from '../config/index.js';
import type { SecurityEvent } from '../core/contracts/index.js';
import { ConfigError } from '../core/errors.js';
import { nodeBuiltin } from '../core/node-builtins.js';
import { type PiiType, redactPii } from '../security/index.js';
import { type AuditFinding, type AuditRepo, FileAuditRepo, type Keyring, type Store } from '../store/index.js';
import { AUDIT_KEY_ENV, AuditLog, type AuditRecord, auditKeyFromEnv } from './audit-log.js';

/** `~/x` → the home directory's x. Node's os and path through getBuiltinModule (files are Node's; the core bundles anywhere). */
const expand = (p: string) => {
  const { homedir } = nodeBuiltin('os') ?? ({} as typeof import('node:os'));
  const { join, resolve } = nodeBuiltin('path') ?? ({} as typeof import('node:path'));
  return resolve(p === '~' ? homedir() : p.startsWith('~/') ? join(homedir(), p.slice(2)) : p);
};

/** The audit repo a config names: the store's (`database`), or JSONL files (`file`, `s3`). */
export function auditRepoOf(config: TokligenceConfig, store?: Store): AuditRepo {
  const a = config.audit;
  if (a.storage === 'database') {
    if (!store) throw new Error('audit.storage is database but no store is open');
    return store.audit;
  }
  return new FileAuditRepo(expand(a.path), a.max_file_bytes);
}

export interface AuditServiceOptions {
  config: TokligenceConfig;
  env: Record<string, string | undefined>;
  keyring?: Keyring;
  now?: () => number;
  onProblem?: (message: string, err?: Error) => void;
}

/**
 * The audit log of a running gateway: built from the config (the audit key is checked at once, so a
 * misconfigured gateway refuses to start), opened with the store, fed by the audit middleware
 * (one row per call), by security events (one row each) and by admin actions.
 */
export class AuditService {
  log?: AuditLog;
  readonly auditKey?: Buffer;
  private readonly findings = new Map<string, AuditFinding[]>();

  constructor(private readonly options: AuditServiceOptions) {
    this.auditKey = auditKeyFromEnv(options.env);
    const a = options.config.audit;
    if (a.immutable && !this.auditKey)
      throw new ConfigError(`audit.immutable is on but ${AUDIT_KEY_ENV} is not set: set it to a secret of at least 32 characters (it signs the audit log's checkpoints)`);
  }

  /** The gateway's clock (budgets, the ledger and retention use the same one). */
  now(): number {
    return (this.options.now ?? Date.now)();
  }

  get config(): TokligenceConfig['audit'] {
    return this.options.config.audit;
  }

  /** Open the log over the store (database storage) or its files. */
  open(store?: Store): void {
    const { config } = this.options;
    const pii = config.security.pii_detection;
    this.log = new AuditLog({
      repo: auditRepoOf(config, store),
      immutable: config.audit.immutable,
      auditKey: this.auditKey,
      keyring: this.options.keyring,
      // Always redacted before storage, whatever the pipeline does with PII.
      redact: (text) => redactPii(text, { types: pii.types as PiiType[], mode: 'replace' }).text,
      checkpointEvery: config.audit.checkpoint_every,
      checkpointIntervalMs: config.audit.checkpoint_interval * 1000,
      now: this.options.now,
      onError: this.options.onProblem,
    });
  }

  /** A security event: noted as a finding of its call (written with the call's row, and as a row of its own with `log_security_events`). */
  onSecurityEvent(e: SecurityEvent): void {
    const finding: AuditFinding = { source: e.type, action: e.action, ...(e.reason ? { category: e.reason.slice(0, 200) } : {}) };
    const list = this.findings.get(e.requestId) ?? [];
    if (list.length < 50) list.push(finding);
    this.findings.set(e.requestId, list);
    // Bounded: entries live while their call runs.
    if (this.findings.size > 10_000) this.findings.clear();
  }

  /** The findings noted for a call, forgetting them. */
  takeFindings(requestId: string): AuditFinding[] | undefined {
    const f = this.findings.get(requestId);
    this.findings.delete(requestId);
    return f;
  }

  /** An admin action, written before its answer is sent. */
  async admin(record: Omit<AuditRecord, 'kind' | 'ts'> & { ts?: number }): Promise<void> {
    await this.log?.recordNow({ ts: record.ts ?? (this.options.now ?? Date.now)(), kind: 'admin', ...record });
  }

  async close(): Promise<void> {
    await this.log?.close();
  }
}
