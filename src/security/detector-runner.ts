import type { Detector, DetectorResult } from './detector.js';

/** A detector that loads on first use (an ONNX model); a load failure counts as that detector failing. */
export interface LazyDetector {
  readonly name: string;
  load(): Promise<Detector>;
}

export type DetectorSource = Detector | LazyDetector;

/** One detector's verdict. */
export interface DetectorScore {
  name: string;
  score: number;
  label?: string;
}

export interface DetectorRun {
  scores: DetectorScore[];
  /** `detector:<name> (timeout|error|no score)` for each detector that gave no verdict. */
  failed: string[];
}

class DetectorTimeout extends Error {}

const isLazy = (d: DetectorSource): d is LazyDetector => typeof (d as LazyDetector).load === 'function' && typeof (d as Detector).detect !== 'function';

/**
 * Run every detector on `text` at once, each bounded by `timeoutMs`. The one runner behind
 * `PromptFirewall.checkAsync` and the gateway's firewall middleware, so both always agree.
 */
export async function runDetectors(detectors: readonly DetectorSource[], text: string, timeoutMs: number): Promise<DetectorRun> {
  const results = await Promise.allSettled(
    detectors.map(async (d) => {
      const detector = isLazy(d) ? await withTimeout(d.load(), timeoutMs) : d;
      return withTimeout(Promise.resolve().then(() => detector.detect(text)), timeoutMs);
    }),
  );
  const run: DetectorRun = { scores: [], failed: [] };
  results.forEach((r, i) => {
    const name = detectors[i].name;
    if (r.status === 'rejected') {
      run.failed.push(`detector:${name} (${r.reason instanceof DetectorTimeout ? 'timeout' : 'error'})`);
      return;
    }
    const score = r.value?.score;
    if (typeof score !== 'number' || !Number.isFinite(score)) {
      run.failed.push(`detector:${name} (no score)`);
      return;
    }
    run.scores.push({ name, score, ...(r.value.label ? { label: r.value.label } : {}) });
  });
  return run;
}

/** A verdict, or a DetectorTimeout after `ms`. */
async function withTimeout<T extends DetectorResult | Detector>(verdict: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DetectorTimeout(`no verdict within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([verdict, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
