import { OverloadedError } from './errors.js';

/**
 * The health of the shared parts a gateway depends on (the store, Redis, the spool's disk), and
 * what each failing part means for the features that use it. Every part works as a circuit: the
 * first operation that fails for want of the part (a timeout, a refused or reset connection, a full
 * disk) marks it down; while it is down, operations fail at once (no caller waits for a timeout a
 * second time) and a probe, every `probeMs`, brings it back. `/readyz` reports the parts that are
 * down; each feature decides from its failure mode what a call gets meanwhile.
 */

/** What a feature does while a part it needs is down. */
export type FailureMode = 'fail_open' | 'fail_closed';

export interface PartOptions {
  /** How an operation's failure is told from a caller's mistake (a duplicate name is not an outage). */
  isOutage?: (err: unknown) => boolean;
  /** An operation slower than this fails and marks the part down (ms). */
  timeoutMs: number;
  /** A cheap operation that succeeds when the part is back. */
  probe?: () => Promise<unknown>;
  /** How often a part that is down is probed (ms). */
  probeMs?: number;
  /** Where the part is, for messages (`PostgreSQL 10.0.0.5:5432`, never a password). */
  describe?: string;
}

/** A part is down (or just failed): the operation was not done. */
export class PartDownError extends Error {
  constructor(
    readonly part: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${part} is unavailable: ${reason}`, options);
    this.name = 'PartDownError';
  }
}

/** An operation that ran out of time. */
export class PartTimeoutError extends Error {
  constructor(part: string, ms: number) {
    super(`no answer from ${part} within ${ms} ms`);
    this.name = 'PartTimeoutError';
  }
}

export interface PartReport {
  part: string;
  /** Where it is (`PostgreSQL 127.0.0.1:5432`, `Redis 127.0.0.1:6379`, a spool directory). */
  target?: string;
  up: boolean;
  /** Since when it is in its present state (ISO time). */
  since: string;
  /** Why it is down. */
  error?: string;
  /** Features that refuse calls while it is down. */
  failClosed: string[];
  /** Features that serve calls degraded while it is down. */
  failOpen: string[];
}

/** One part's circuit. */
export class PartHealth {
  private downSince?: number;
  private upSince = Date.now();
  private lastError = '';
  private probeTimer?: NodeJS.Timeout;
  private probing = false;
  /** Operations that failed or were refused for want of the part, since it was made. */
  failures = 0;

  constructor(
    readonly name: string,
    private readonly options: PartOptions,
    private readonly onChange: (part: PartHealth, up: boolean) => void,
  ) {}

  get up(): boolean {
    return this.downSince === undefined;
  }

  get target(): string | undefined {
    return this.options.describe;
  }

  /** Why it is down (empty when up). */
  get error(): string {
    return this.up ? '' : this.lastError;
  }

  /** When it went down or came back (epoch ms). */
  get since(): number {
    return this.downSince ?? this.upSince;
  }

  /**
   * Run one operation on the part: refused at once while it is down, failed after `timeoutMs`.
   * An outage (or the timeout) marks the part down and becomes a PartDownError; any other error
   * (the caller's) passes through unchanged.
   */
  async run<T>(op: () => Promise<T>): Promise<T> {
    if (!this.up) {
      this.failures++;
      throw new PartDownError(this.name, this.lastError);
    }
    try {
      const result = await withDeadline(op, this.options.timeoutMs, this.name);
      return result;
    } catch (err) {
      if (!(err instanceof PartTimeoutError) && !(this.options.isOutage?.(err) ?? true)) throw err;
      this.failed(err);
      throw new PartDownError(this.name, this.lastError, { cause: err });
    }
  }

  /** Mark the part down (an operation outside `run` failed for want of it). */
  failed(err: unknown): void {
    this.failures++;
    this.lastError = describeError(err);
    if (this.downSince !== undefined) return;
    this.downSince = Date.now();
    this.onChange(this, false);
    this.startProbe();
  }

  /** Mark the part up (an operation succeeded). */
  ok(): void {
    if (this.downSince === undefined) return;
    this.downSince = undefined;
    this.upSince = Date.now();
    this.stopProbe();
    this.onChange(this, true);
  }

  private startProbe(): void {
    const probe = this.options.probe;
    if (!probe || this.probeTimer) return;
    this.probeTimer = setInterval(() => {
      if (this.probing) return;
      this.probing = true;
      withDeadline(probe, this.options.timeoutMs, this.name)
        .then(
          () => this.ok(),
          (err) => {
            this.lastError = describeError(err);
          },
        )
        .finally(() => {
          this.probing = false;
        });
    }, this.options.probeMs ?? 1000);
    this.probeTimer.unref?.();
  }

  private stopProbe(): void {
    clearInterval(this.probeTimer);
    this.probeTimer = undefined;
  }

  close(): void {
    this.stopProbe();
  }
}

/**
 * Every part of one gateway, and which features depend on each with which failure mode. Listeners
 * hear every change (the server logs them; the ledger writer replays its spool when the store is back).
 */
export class Health {
  private readonly parts = new Map<string, PartHealth>();
  private readonly dependents = new Map<string, Map<string, FailureMode>>();
  private readonly listeners = new Set<(part: PartHealth, up: boolean) => void>();

  /** The part named `name` (made on first use with these options). */
  part(name: string, options: PartOptions): PartHealth {
    let part = this.parts.get(name);
    if (!part) {
      part = new PartHealth(name, options, (p, up) => {
        for (const l of this.listeners) l(p, up);
      });
      this.parts.set(name, part);
    }
    return part;
  }

  /** `feature` needs `part` and fails open or closed without it. */
  depend(part: string, feature: string, mode: FailureMode): void {
    let features = this.dependents.get(part);
    if (!features) this.dependents.set(part, (features = new Map()));
    features.set(feature, mode);
  }

  /** Listen to parts going down and coming back; returns an unsubscribe function. */
  onChange(listener: (part: PartHealth, up: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every part, up or down. */
  report(): PartReport[] {
    return [...this.parts.values()].map((p) => {
      const features = [...(this.dependents.get(p.name) ?? new Map<string, FailureMode>()).entries()];
      return {
        part: p.name,
        ...(p.target ? { target: p.target } : {}),
        up: p.up,
        since: new Date(p.since).toISOString(),
        ...(p.up ? {} : { error: p.error }),
        failClosed: features.filter(([, m]) => m === 'fail_closed').map(([f]) => f),
        failOpen: features.filter(([, m]) => m === 'fail_open').map(([f]) => f),
      };
    });
  }

  close(): void {
    for (const p of this.parts.values()) p.close();
  }
}

/** `op()`, or a PartTimeoutError after `ms` (the operation itself is left to finish or fail on its own). */
export function withDeadline<T>(op: () => Promise<T>, ms: number, part: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new PartTimeoutError(part, ms)), ms);
    op().then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/** An error as one short line (its code first when it has one: `ECONNREFUSED`, `SQLITE_FULL`, `57P01`). */
export function describeError(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const code = typeof e?.code === 'string' && !message.includes(e.code) ? `${e.code}: ` : '';
  return `${code}${message}`.split('\n')[0]?.slice(0, 300) ?? '';
}

/**
 * The refusal of a feature that fails closed: a 503 (Anthropic callers get their 529
 * `overloaded_error`) that names what could not be done, the part, and the setting that chose it.
 */
export function dependencyUnavailable(what: string, err: unknown, setting: string): OverloadedError {
  const reason = err instanceof PartDownError ? err.message : `${describeError(err)}`;
  return new OverloadedError(`${what}: ${reason} (${setting} is fail_closed); retry shortly`, {
    status: 503,
    retryAfter: 2,
    providerType: 'dependency_unavailable',
  });
}
