import { readFileSync } from 'node:fs';
import { parseRows } from '../batch/jsonl.js';
import { runExperiment } from '../batch/experiment.js';
import { progressWriter } from '../batch/progress.js';
import { Tokligence } from '../client.js';

export interface BatchCliOptions {
  model?: string[];
  out: string;
  concurrency?: number;
  tag?: string[];
  profile?: string;
  config?: string;
  retryErrors?: boolean;
}

/** `key=value` pairs → an object; a bad one is the caller's error. */
export function parseTags(pairs: string[] = []): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new Error(`--tag ${p}: expected key=value`);
    tags[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return tags;
}

/**
 * `tokligence batch input.jsonl --model a --model b --out results.jsonl`: every row through every
 * model, a progress bar on stderr, resumable (rows already in --out are skipped). Ctrl-C stops
 * starting new calls, lets the running ones finish and be written, then exits.
 */
export async function runBatchCli(input: string, opts: BatchCliOptions): Promise<void> {
  const rows = parseRows(readFileSync(input, 'utf8'), input);
  const tk = new Tokligence({ profile: opts.profile, configFile: opts.config });
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping: finishing calls in flight (Ctrl-C again to quit now)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  const summary = await runExperiment(tk, {
    rows,
    models: opts.model ?? [],
    out: opts.out,
    concurrency: opts.concurrency,
    tags: parseTags(opts.tag),
    retryErrors: opts.retryErrors,
    signal: controller.signal,
    onProgress: progressWriter(),
  });
  process.off('SIGINT', onSignal);
  process.stderr.write(
    `${summary.ran} call(s) run, ${summary.skipped} already done, ${summary.failed} failed, est. $${summary.costUsd.toFixed(4)} → ${opts.out}\n`,
  );
  if (controller.signal.aborted) process.exitCode = 130;
}
