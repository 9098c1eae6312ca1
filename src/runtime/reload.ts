import { createRuntime, type Runtime, type TokligenceOptions } from './runtime.js';

/** What a reload did. */
export interface ReloadResult {
  /** Top-level config sections that differ from the running config (`providers`, `models`, …). */
  changed: string[];
  /** Settings that only take effect on a restart (the listening address). */
  needsRestart: string[];
}

/**
 * Build the runtime again from the same options: the config file and the environment are read
 * anew (providers, models, routing, budgets, security rules). Throws the config's error when the
 * new config is bad: the caller keeps the running runtime. Stored conversations, cached answers
 * and remembered items are taken over when their settings did not change.
 */
export function rebuildRuntime(current: Runtime, options: TokligenceOptions): { next: Runtime; result: ReloadResult } {
  const next = createRuntime(options, current);
  const before = current.config as unknown as Record<string, unknown>;
  const after = next.config as unknown as Record<string, unknown>;
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  const needsRestart = (['port', 'host'] as const).filter((k) => current.config.gateway[k] !== next.config.gateway[k]).map((k) => `gateway.${k}`);
  return { next, result: { changed, needsRestart } };
}

/**
 * Close a replaced runtime once the calls still running on it are done (streams included), or
 * after `deadlineMs` at the latest (a stream nobody reads never ends).
 */
export async function retireRuntime(old: Runtime, deadlineMs: number, next?: Runtime): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    old.inflight.idle(),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, deadlineMs);
      timer.unref?.();
    }),
  ]);
  clearTimeout(timer);
  await Promise.all(old.services.closers.map((close) => close().catch(() => {})));
  // The store, ledger and limiter, unless the new runtime kept them (their settings did not change).
  if (old.governance && old.governance !== next?.governance) await old.governance.close().catch(() => {});
}
