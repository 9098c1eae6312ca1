/**
 * `tokligence batch`: every input row through every model, one result line each, appended as soon
 * as it is known, so a run killed at any point resumes where it stopped: rows whose (id, model) is
 * already in the output are skipped.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { toTokligenceError } from '../core/errors.js';
import type { DialectName, Usage } from '../core/types.js';
import { type BatchRow, loadDone, parseResults, type ResultLine, resultKey } from './jsonl.js';
import { costOf, type Price } from '../routing/prices.js';
import type { ProgressState } from './progress.js';
import { runBatch } from './run.js';

interface Caller {
  call(
    dialect: DialectName,
    body: unknown,
    options?: { signal?: AbortSignal },
  ): Promise<({ type: 'json'; body: unknown } | { type: 'stream' }) & { usage: Promise<Usage | undefined>; route: Array<{ provider: string; model: string; outcome: string }> }>;
}

export interface ExperimentOptions {
  rows: BatchRow[];
  /** Models to run every row through; empty: each row's own `model`. */
  models: string[];
  out: string;
  concurrency?: number;
  tags?: Record<string, string>;
  /** Drop earlier failed lines and run those rows again. */
  retryErrors?: boolean;
  prices?: Record<string, Price>;
  signal?: AbortSignal;
  onProgress?: (p: ProgressState) => void;
}

export interface ExperimentSummary {
  total: number;
  skipped: number;
  ran: number;
  failed: number;
  costUsd: number;
}

export async function runExperiment(tk: Caller, options: ExperimentOptions): Promise<ExperimentSummary> {
  if (options.retryErrors && existsSync(options.out)) {
    const kept = parseResults(readFileSync(options.out, 'utf8')).filter((r) => r.ok);
    writeFileSync(options.out, kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }
  const done = loadDone(options.out);
  const tasks: Array<{ row: BatchRow; model: string }> = [];
  for (const row of options.rows) {
    const models = options.models.length ? options.models : row.model ? [row.model] : [];
    if (models.length === 0) throw new Error(`row ${row.id}: no model (pass --model, or give the row a "model")`);
    for (const model of models) if (!done.has(resultKey(row.id, model))) tasks.push({ row, model });
  }
  const total = options.rows.reduce((n, r) => n + (options.models.length || (r.model ? 1 : 0)), 0);
  const skipped = total - tasks.length;
  const state: ProgressState = { done: skipped, total, failed: 0, costUsd: 0, elapsedMs: 0 };
  const started = performance.now();
  const reportScaled = () => {
    if (!options.onProgress) return;
    const ranNow = state.done - skipped;
    const elapsed = performance.now() - started;
    // Present elapsed as if skipped rows took the same pace, so formatProgress's ETA is right.
    options.onProgress({ ...state, elapsedMs: ranNow > 0 ? (elapsed / ranNow) * state.done : elapsed });
  };
  reportScaled();

  await runBatch(
    tasks,
    async ({ row, model }, _i, signal) => {
      const line = await runOne(tk, row, model, options, signal);
      appendFileSync(options.out, `${JSON.stringify(line)}\n`);
      state.done++;
      state.costUsd += line.cost_usd;
      if (!line.ok) state.failed++;
      reportScaled();
      return { response: line };
    },
    { concurrency: options.concurrency ?? 4, signal: options.signal },
  );
  return { total, skipped, ran: state.done - skipped, failed: state.failed, costUsd: state.costUsd };
}

async function runOne(tk: Caller, row: BatchRow, model: string, options: ExperimentOptions, signal?: AbortSignal): Promise<ResultLine> {
  const started_at = new Date().toISOString();
  const t0 = performance.now();
  const base = { id: row.id, model, tags: options.tags ?? {}, started_at, ...(row.expected !== undefined ? { expected: row.expected } : {}) };
  try {
    const result = await tk.call('openai-chat', { ...row.body, model, stream: false }, { signal });
    if (result.type !== 'json') throw new Error('expected a JSON answer');
    const latency_ms = round(performance.now() - t0);
    const usage = (await result.usage) ?? { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
    const body = result.body as { choices?: Array<{ message?: { content?: string | null; tool_calls?: unknown[] }; finish_reason?: string }> };
    const choice = body.choices?.[0];
    const toolCalls = choice?.message?.tool_calls;
    // Price what actually answered: the upstream model of the target that succeeded (the mock is free).
    const target = result.route.find((r) => r.outcome === 'ok');
    const priced = target?.provider === 'mock' ? 'mock' : (target?.model ?? model);
    return {
      ...base,
      ok: true,
      latency_ms,
      input_tokens: usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens,
      output_tokens: usage.outputTokens,
      cache_read_tokens: usage.cacheReadTokens,
      cost_usd: costOf(priced, usage, options.prices),
      finish_reason: choice?.finish_reason,
      output: choice?.message?.content ?? (toolCalls ? JSON.stringify(toolCalls) : ''),
      provider: target?.provider,
    };
  } catch (err) {
    const e = toTokligenceError(err);
    return {
      ...base,
      ok: false,
      latency_ms: round(performance.now() - t0),
      input_tokens: 0,
      output_tokens: 0,
      cache_read_tokens: 0,
      cost_usd: 0,
      error: { kind: e.kind, status: e.status, message: e.message },
    };
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
