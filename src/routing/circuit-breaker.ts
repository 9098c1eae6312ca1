/** When a target is cooled down (config `routing.cooldown`). */
export interface CircuitBreakerSettings {
  /** Failures / calls in the window at or above which the circuit opens (0–1). Default 0.5. */
  failureRatio: number;
  /** Calls in the window before the ratio counts (so one early failure opens nothing). Default 5. */
  minRequests: number;
  /** Sliding window, ms. Default 60 000. */
  windowMs: number;
  /** How long an open circuit rejects calls before one probe is let through, ms. Default 30 000. */
  cooldownMs: number;
}

export const DEFAULT_BREAKER: CircuitBreakerSettings = { failureRatio: 0.5, minRequests: 5, windowMs: 60_000, cooldownMs: 30_000 };

export type CircuitState = 'closed' | 'open' | 'half_open';

/**
 * The window is kept as counts in BUCKETS time slices, not one entry per call: at thousands of
 * calls a second a 60 s window of entries held hundreds of thousands of objects (the heap grew
 * ≈ 2.5 MB per 40k calls in bench soaks) and each failure counted them all. An outcome leaves the
 * window within one slice (windowMs / BUCKETS) of when it would have as an entry.
 */
const BUCKETS = 20;

interface Bucket {
  start: number;
  calls: number;
  failures: number;
}

interface Circuit {
  state: CircuitState;
  /** Outcome counts in the window, oldest slice first. */
  buckets: Bucket[];
  openedAt: number;
  probing: boolean;
}

/** What `check` allows: a normal call, the half-open probe, or nothing until `retryInMs` passes. */
export type Admission = { allowed: true; probe: boolean } | { allowed: false; retryInMs: number };

/**
 * A circuit breaker per target. Closed: calls go through and their outcomes fill a sliding window
 * (counted per time slice);
 * when the window holds at least `minRequests` outcomes and the failure ratio reaches
 * `failureRatio`, it opens. Open: calls are refused (the router skips the target) for
 * `cooldownMs`. Then half-open: exactly one call (the probe) goes through; its success closes the
 * circuit with a fresh window, its failure opens it again for another cooldown.
 * Only retryable failures (429, 5xx, timeouts, connection errors) count; the clock is injectable.
 */
export class CircuitBreaker {
  private readonly circuits = new Map<string, Circuit>();

  constructor(
    readonly settings: CircuitBreakerSettings = DEFAULT_BREAKER,
    private readonly now: () => number = Date.now,
  ) {}

  state(key: string): CircuitState {
    const c = this.circuits.get(key);
    if (!c) return 'closed';
    if (c.state === 'open' && this.now() - c.openedAt >= this.settings.cooldownMs) return 'half_open';
    return c.state;
  }

  /** Ask before calling a target. A granted probe must be followed by success/failure/release. */
  check(key: string): Admission {
    const c = this.circuits.get(key);
    if (!c || c.state === 'closed') return { allowed: true, probe: false };
    if (c.state === 'open') {
      const left = this.settings.cooldownMs - (this.now() - c.openedAt);
      if (left > 0) return { allowed: false, retryInMs: left };
      c.state = 'half_open';
      c.probing = false;
    }
    if (c.probing) return { allowed: false, retryInMs: this.settings.cooldownMs };
    c.probing = true;
    return { allowed: true, probe: true };
  }

  success(key: string): void {
    const c = this.circuit(key);
    if (c.state !== 'closed') {
      this.circuits.delete(key); // the probe worked: closed, fresh window
      return;
    }
    this.record(c, false);
  }

  /** Record a failure; true when this failure opened the circuit (a cooldown started). */
  failure(key: string): boolean {
    const c = this.circuit(key);
    if (c.state !== 'closed') {
      this.open(c);
      return true;
    }
    this.record(c, true);
    let calls = 0;
    let failures = 0;
    for (const b of c.buckets) {
      calls += b.calls;
      failures += b.failures;
    }
    if (calls >= this.settings.minRequests && failures / calls >= this.settings.failureRatio) {
      this.open(c);
      return true;
    }
    return false;
  }

  /** Targets with a circuit (every target that has been called and not closed by a success since). */
  keys(): string[] {
    return [...this.circuits.keys()];
  }

  /** The call ended in a way that says nothing about the target's health (e.g. a 400): free the probe. */
  release(key: string): void {
    const c = this.circuits.get(key);
    if (c) c.probing = false;
  }

  private circuit(key: string): Circuit {
    let c = this.circuits.get(key);
    if (!c) {
      c = { state: 'closed', buckets: [], openedAt: 0, probing: false };
      this.circuits.set(key, c);
    }
    return c;
  }

  private open(c: Circuit): void {
    c.state = 'open';
    c.openedAt = this.now();
    c.probing = false;
    c.buckets = [];
  }

  private record(c: Circuit, failed: boolean): void {
    const now = this.now();
    const width = this.settings.windowMs / BUCKETS;
    const start = Math.floor(now / width) * width;
    let last = c.buckets[c.buckets.length - 1];
    if (last?.start !== start) {
      last = { start, calls: 0, failures: 0 };
      c.buckets.push(last);
    }
    last.calls++;
    if (failed) last.failures++;
    // Slices wholly older than the window are gone.
    const from = now - this.settings.windowMs;
    while (c.buckets.length > 0 && c.buckets[0]!.start + width <= from) c.buckets.shift();
  }
}
