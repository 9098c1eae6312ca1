/**
 * Calls still running on one runtime: a call enters when its pipeline starts and leaves when its
 * usage is settled (the answer is out, or the stream ended, failed or was cancelled). A reloaded
 * runtime is closed once it is idle, so nothing in flight loses its connections.
 */
export class InFlight {
  private n = 0;
  private waiters: Array<() => void> = [];

  get count(): number {
    return this.n;
  }

  /** Count one call in; the returned function (idempotent) counts it out. */
  enter(): () => void {
    this.n++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      if (--this.n === 0) for (const wake of this.waiters.splice(0)) wake();
    };
  }

  /** Resolves when no call is in flight (at once if none is). */
  idle(): Promise<void> {
    return this.n === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
