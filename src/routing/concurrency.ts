import { OverloadedError, TokligenceError } from '../core/errors.js';

/**
 * `gateway.max_concurrent_requests` with a bounded queue: up to `max` calls run at once, up to
 * `maxQueue` more wait (first come, first served) for at most `queueTimeoutMs`. A call that finds
 * the queue full, or waits too long, fails at once with an `overloaded` error (503 for OpenAI
 * callers, 529 for Anthropic callers) carrying `retryAfter: 1`.
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiting: Array<{ grant: () => void }> = [];

  constructor(
    readonly max: number,
    readonly maxQueue: number,
    readonly queueTimeoutMs: number,
  ) {}

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Wait for a slot; the returned function frees it (calling it twice is harmless). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active < this.max) {
      this.active++;
      return this.releaser();
    }
    if (this.waiting.length >= this.maxQueue)
      throw new OverloadedError(
        `Gateway overloaded: ${this.active} calls running (max_concurrent_requests ${this.max}) and the queue is full (max_queue ${this.maxQueue}); retry shortly`,
        { retryAfter: 1 },
      );
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          cleanup();
          resolve(this.releaser());
        },
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new OverloadedError(
            `Gateway overloaded: waited ${this.queueTimeoutMs / 1000}s in the queue (queue_timeout) for one of ${this.max} slots (max_concurrent_requests); retry shortly`,
            { retryAfter: 1 },
          ),
        );
      }, this.queueTimeoutMs);
      const onAbort = () => {
        cleanup();
        reject(new TokligenceError('aborted', 'Request was aborted while queued'));
      };
      const cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Hand the slot straight to the next waiter, so `active` never dips and lets a newcomer jump the queue.
      const next = this.waiting[0];
      if (next) next.grant();
      else this.active--;
    };
  }
}
