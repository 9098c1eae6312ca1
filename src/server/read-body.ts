import { TokligenceError } from '../core/errors.js';
import { type BodyLease, SMALL_BODY } from './body-budget.js';

export function tooLarge(limit: number): TokligenceError {
  return new TokligenceError('request_too_large', `Request body is larger than the limit of ${limit} bytes (gateway.max_body_bytes)`);
}

/** The next size to hold for a body of `size` bytes so far: doubling, so a large chunked body waits a few times, not per chunk. */
export const nextHold = (size: number, held: number, limit: number): number => Math.min(limit, Math.max(size, 2 * held, 2 * SMALL_BODY));

/**
 * Collects a body's chunks up to `limit` bytes, into one buffer sized by `content-length` when it
 * was declared (no second copy to join them). A body past SMALL_BODY holds its size in the body
 * budget (`lease`) before more of it is read.
 */
export class BodyCollector {
  private chunks: Uint8Array[] = [];
  private buffer?: Buffer;
  size = 0;

  constructor(
    private readonly limit: number,
    declared: number,
  ) {
    if (declared > limit) throw tooLarge(limit);
    if (declared > 0) this.buffer = Buffer.allocUnsafe(declared);
  }

  /** Add a chunk; throws past the limit. */
  add(chunk: Uint8Array): void {
    const end = this.size + chunk.byteLength;
    if (end > this.limit) throw tooLarge(this.limit);
    if (this.buffer && end <= this.buffer.length) this.buffer.set(chunk, this.size);
    else {
      // More than declared (or nothing declared): keep chunks, joined at the end.
      if (this.buffer) {
        this.chunks.push(this.buffer.subarray(0, this.size));
        this.buffer = undefined;
      }
      this.chunks.push(chunk);
    }
    this.size = end;
  }

  /** Whether the lease must grow before more is read. */
  needsMore(lease: BodyLease | undefined): boolean {
    return lease !== undefined && this.size > SMALL_BODY && this.size > lease.held;
  }

  text(): string {
    if (this.buffer) return this.buffer.toString('utf8', 0, this.size);
    return Buffer.concat(this.chunks, this.size).toString('utf8');
  }
}
