/**
 * Per-target numbers the `lowest-latency` and `least-busy` strategies read: a moving average of
 * latency (time to first content for streams, whole call otherwise) and the calls in flight.
 * In-process only: each gateway instance balances by what it sees itself.
 */
export class TargetStats {
  private readonly latency = new Map<string, number>();
  private readonly inflight = new Map<string, number>();

  /** @param alpha weight of the newest sample in the exponential moving average. */
  constructor(private readonly alpha = 0.3) {}

  observeLatency(key: string, ms: number): void {
    const prev = this.latency.get(key);
    this.latency.set(key, prev === undefined ? ms : prev * (1 - this.alpha) + ms * this.alpha);
  }

  /** Moving average in ms, or undefined before the first sample. */
  averageLatency(key: string): number | undefined {
    return this.latency.get(key);
  }

  /** Targets measured or busy so far. */
  keys(): string[] {
    return [...new Set([...this.latency.keys(), ...this.inflight.keys()])];
  }

  begin(key: string): void {
    this.inflight.set(key, (this.inflight.get(key) ?? 0) + 1);
  }

  end(key: string): void {
    const n = (this.inflight.get(key) ?? 1) - 1;
    if (n <= 0) this.inflight.delete(key);
    else this.inflight.set(key, n);
  }

  inFlight(key: string): number {
    return this.inflight.get(key) ?? 0;
  }
}
