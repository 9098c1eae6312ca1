import { OverloadedError } from '../core/errors.js';

/** Bodies up to this size never wait for the budget (nearly every request). */
export const SMALL_BODY = 64 * 1024;

/** Callers waiting for the budget at once; one more is refused at once. */
const MAX_WAITING = 1000;

interface Waiter {
  bytes: number;
  admit(): void;
}

/**
 * The bytes of large request bodies being read and parsed at once (`gateway.max_body_bytes_in_flight`).
 * A burst of 1 MB bodies would otherwise hold chunks, the joined buffer, the text and the parsed
 * objects of every one of them at the same moment, and the process keeps the peak's memory long
 * after. A body over the budget waits (its socket is not read, so TCP holds the sender back) in
 * arrival order, up to `waitMs`, then is refused as overloaded. One body is always admitted when
 * nothing else holds the budget, so a body within `max_body_bytes` is never refused for its size.
 */
export class BodyBudget {
  private inFlight = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly maxBytes: number,
    private readonly waitMs = 30_000,
  ) {}

  /** Bytes held right now (tests, metrics). */
  get held(): number {
    return this.inFlight;
  }

  private fits(bytes: number): boolean {
    return this.inFlight === 0 || this.inFlight + bytes <= this.maxBytes;
  }

  /** Take `bytes`, waiting for room; throws an overloaded error after `waitMs` or when too many wait. */
  take(bytes: number): Promise<void> {
    if (this.waiting.length === 0 && this.fits(bytes)) {
      this.inFlight += bytes;
      return Promise.resolve();
    }
    if (this.waiting.length >= MAX_WAITING) return Promise.reject(overloaded());
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        bytes,
        admit: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(overloaded());
        this.admitWaiting();
      }, this.waitMs);
      this.waiting.push(waiter);
    });
  }

  give(bytes: number): void {
    this.inFlight = Math.max(0, this.inFlight - bytes);
    this.admitWaiting();
  }

  private admitWaiting(): void {
    while (this.waiting.length > 0) {
      const next = this.waiting[0] as Waiter;
      if (!this.fits(next.bytes)) return;
      this.waiting.shift();
      this.inFlight += next.bytes;
      next.admit();
    }
  }

  /** One request's share: grown as its body arrives, given back once (by whoever comes first: the parser or the answer's end). */
  lease(): BodyLease {
    let held = 0;
    return {
      get held() {
        return held;
      },
      grow: async (bytes: number) => {
        if (bytes <= held) return;
        const more = bytes - held;
        await this.take(more);
        held += more;
      },
      release: () => {
        const bytes = held;
        held = 0;
        if (bytes > 0) this.give(bytes);
      },
    };
  }
}

export interface BodyLease {
  readonly held: number;
  /** Hold `bytes` in all (waits for room). */
  grow(bytes: number): Promise<void>;
  release(): void;
}

function overloaded(): OverloadedError {
  return new OverloadedError('Too many large request bodies in flight (gateway.max_body_bytes_in_flight); retry shortly', { status: 503, retryAfter: 1 });
}
