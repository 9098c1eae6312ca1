import type { HitResult, RateLimitBackend, RateRule } from './backend.js';

/** Counters of this process alone (one instance, or tests). */
export class MemoryRateLimitBackend implements RateLimitBackend {
  readonly kind = 'memory' as const;
  private readonly counters = new Map<string, { window: number; count: number; end: number }>();
  private sweepAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  private counter(key: string, windowMs: number, t: number): { window: number; count: number } {
    const window = Math.floor(t / windowMs);
    let c = this.counters.get(key);
    if (!c || c.window !== window) this.counters.set(key, (c = { window, count: 0, end: (window + 1) * windowMs }));
    return c;
  }

  async hit(rules: readonly RateRule[]): Promise<HitResult> {
    const t = this.now();
    this.sweep(t);
    for (const rule of rules) {
      const c = this.counter(rule.key, rule.windowMs, t);
      if (rule.cost > 0 ? c.count + rule.cost > rule.limit : c.count >= rule.limit) return { ok: false, rule, retryAfterMs: rule.windowMs - (t % rule.windowMs) };
    }
    for (const rule of rules) this.counter(rule.key, rule.windowMs, t).count += rule.cost;
    return { ok: true };
  }

  async add(entries: ReadonlyArray<{ key: string; windowMs: number; amount: number }>): Promise<void> {
    const t = this.now();
    for (const e of entries) this.counter(e.key, e.windowMs, t).count += e.amount;
  }

  /** Drop counters of past windows now and then, so idle callers do not pile up. */
  private sweep(t: number): void {
    if (t < this.sweepAt) return;
    this.sweepAt = t + 60_000;
    for (const [key, c] of this.counters) if (c.end <= t) this.counters.delete(key);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
