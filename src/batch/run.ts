/**
 * A bounded-concurrency runner for many independent calls: results in input order, one failure
 * never stops the rest, progress after every item. `tk.batch()` and `tokligence batch` use it.
 */
import { type TokligenceError, toTokligenceError } from '../core/errors.js';
import type { DialectName, Usage } from '../core/types.js';

export interface BatchProgress {
  done: number;
  total: number;
  failed: number;
  elapsedMs: number;
  /** Estimated time left, from the average pace so far (undefined before the first result). */
  etaMs?: number;
  /** Token usage summed over the successful items so far. */
  usage: Usage;
}

export interface BatchOptions {
  /** Calls in flight at once (default 4). */
  concurrency?: number;
  /** Called after each item settles. */
  onProgress?: (progress: BatchProgress) => void;
  /** Stops starting new items; in-flight ones see it through their own signal. */
  signal?: AbortSignal;
}

/** One item's outcome; `index` is its position in the input. */
export type BatchResult<T> =
  | { index: number; ok: true; response: T; usage?: Usage; ms: number }
  | { index: number; ok: false; error: TokligenceError; ms: number };

/** What a worker returns for one item. */
export interface BatchOutput<T> {
  response: T;
  usage?: Usage;
}

/** Run `worker` over `items`, at most `concurrency` at a time; never rejects for an item's failure. */
export async function runBatch<I, T>(
  items: readonly I[],
  worker: (item: I, index: number, signal?: AbortSignal) => Promise<BatchOutput<T>>,
  options: BatchOptions = {},
): Promise<Array<BatchResult<T>>> {
  const total = items.length;
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 4, total || 1));
  const results: Array<BatchResult<T>> = new Array(total);
  const started = performance.now();
  const usage: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  let next = 0;
  let done = 0;
  let failed = 0;

  const report = () => {
    if (!options.onProgress) return;
    const elapsedMs = performance.now() - started;
    options.onProgress({
      done,
      total,
      failed,
      elapsedMs,
      etaMs: done > 0 ? (elapsedMs / done) * (total - done) : undefined,
      usage: { ...usage },
    });
  };

  async function lane(): Promise<void> {
    for (;;) {
      if (options.signal?.aborted) return;
      const index = next++;
      if (index >= total) return;
      const t0 = performance.now();
      try {
        const out = await worker(items[index] as I, index, options.signal);
        results[index] = { index, ok: true, response: out.response, usage: out.usage, ms: elapsed(t0) };
        if (out.usage) addUsage(usage, out.usage);
      } catch (err) {
        failed++;
        results[index] = { index, ok: false, error: toTokligenceError(err), ms: elapsed(t0) };
      }
      done++;
      report();
    }
  }

  await Promise.all(Array.from({ length: concurrency }, lane));
  // Items never started because of an abort still get a result, so the output lines up with the input.
  for (let i = 0; i < total; i++)
    if (!results[i]) results[i] = { index: i, ok: false, error: toTokligenceError(options.signal?.reason ?? new Error('batch aborted')), ms: 0 };
  return results;
}

export function addUsage(into: Usage, u: Usage): void {
  into.inputTokens += u.inputTokens;
  into.outputTokens += u.outputTokens;
  into.cacheReadTokens += u.cacheReadTokens;
  into.cacheWriteTokens += u.cacheWriteTokens;
  if (u.reasoningTokens !== undefined) into.reasoningTokens = (into.reasoningTokens ?? 0) + u.reasoningTokens;
}

const elapsed = (since: number) => Math.round((performance.now() - since) * 100) / 100;

/** Anything with Tokligence's `call` (structural, so this file does not import the client). */
interface Caller {
  call(
    dialect: DialectName,
    body: unknown,
    options?: { signal?: AbortSignal },
  ): Promise<{ type: 'json'; body: unknown } | { type: 'stream' }> & Promise<{ usage: Promise<Usage | undefined> }>;
}

export interface BatchCallOptions extends BatchOptions {
  /** The dialect the request bodies are in (default `openai-chat`). */
  dialect?: DialectName;
}

/** `tk.batch()`: each body is a non-streaming call in `dialect`; the responses are that dialect's JSON. */
export function batchCalls<T>(caller: Caller, requests: readonly object[], options: BatchCallOptions = {}): Promise<Array<BatchResult<T>>> {
  return runBatch(
    requests,
    async (body, _index, signal) => {
      const result = await caller.call(options.dialect ?? 'openai-chat', { ...body, stream: false }, { signal });
      if (result.type !== 'json') throw new Error('batch: expected a JSON answer');
      return { response: result.body as T, usage: await result.usage };
    },
    options,
  );
}
