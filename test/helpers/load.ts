/**
 * A steady load on a gateway over loopback, for fault tests and `bench:faults`: `workers` callers
 * in a loop, each call with its own request id and a deadline. Records which calls were answered
 * (the whole body read), which were refused (by status) and which hung (no answer by the deadline).
 */
export interface LoadOptions {
  url: string;
  key: string;
  workers?: number;
  /** A call without an answer in this many ms counts as hung. */
  deadlineMs?: number;
  /** Pause between one worker's calls (ms). */
  gapMs?: number;
  /** Headers added to every call. */
  headers?: Record<string, string>;
}

export interface LoadReport {
  answered: string[];
  /** Refusals by status, with one example body each. */
  refused: Map<number, { count: number; example: string }>;
  hung: number;
  /** Calls that failed at the socket (no HTTP answer). */
  failed: number;
  /** `x-tokligence-degraded` values seen on answered calls, with counts. */
  degraded: Map<string, number>;
  slowestMs: number;
}

export interface Load {
  report: LoadReport;
  /** Stop calling and wait for the calls in flight. */
  stop(): Promise<LoadReport>;
}

let run = 0;

export function startLoad(options: LoadOptions): Load {
  const prefix = `load-${process.pid}-${++run}-`;
  const report: LoadReport = { answered: [], refused: new Map(), hung: 0, failed: 0, degraded: new Map(), slowestMs: 0 };
  let stopped = false;
  let n = 0;
  const worker = async () => {
    while (!stopped) {
      const id = `${prefix}${++n}`;
      const started = performance.now();
      try {
        const res = await fetch(`${options.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.key}`, 'x-request-id': id, ...options.headers },
          body: JSON.stringify({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: `hi ${n}` }], stream: n % 3 === 0 }),
          signal: AbortSignal.timeout(options.deadlineMs ?? 15_000),
        });
        const text = await res.text();
        if (res.status === 200) {
          report.answered.push(id);
          const degraded = res.headers.get('x-tokligence-degraded');
          if (degraded) report.degraded.set(degraded, (report.degraded.get(degraded) ?? 0) + 1);
        } else {
          const seen = report.refused.get(res.status);
          if (seen) seen.count++;
          else report.refused.set(res.status, { count: 1, example: text.slice(0, 400) });
        }
      } catch (err) {
        if ((err as Error).name === 'TimeoutError') report.hung++;
        else report.failed++;
      }
      report.slowestMs = Math.max(report.slowestMs, performance.now() - started);
      if (options.gapMs) await new Promise((r) => setTimeout(r, options.gapMs));
    }
  };
  const workers = Array.from({ length: options.workers ?? 4 }, worker);
  return {
    report,
    stop: async () => {
      stopped = true;
      await Promise.all(workers);
      return report;
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
