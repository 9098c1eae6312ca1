/**
 * Races a stream's next item against a keep-alive timer, for Anthropic `ping` events while an
 * upstream is idle. One timer per stream, re-armed on every item (not a timer per item).
 */
export class KeepAlive {
  private timer: NodeJS.Timeout | undefined;
  private ping: Promise<'ping'> | undefined;
  private fire: (() => void) | undefined;

  constructor(private readonly ms: number) {}

  /** The item, or `'ping'` when none came within the interval (then call `pinged`). */
  next<T>(pending: Promise<T>): Promise<T | 'ping'> {
    if (this.timer) this.timer.refresh();
    else {
      this.arm();
      this.timer = setTimeout(() => this.fire?.(), this.ms);
    }
    return Promise.race([pending, this.ping as Promise<'ping'>]);
  }

  /** A ping went out: wait for the next interval. */
  pinged(): void {
    this.arm();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private arm(): void {
    this.ping = new Promise<'ping'>((resolve) => {
      this.fire = () => resolve('ping');
    });
  }
}
