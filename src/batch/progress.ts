/** A one-line progress bar for stderr: done/total, failures, ETA and cost so far. */

export interface ProgressState {
  done: number;
  total: number;
  failed: number;
  costUsd: number;
  elapsedMs: number;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export function formatProgress(p: ProgressState, width = 24): string {
  const ratio = p.total === 0 ? 1 : p.done / p.total;
  const filled = Math.round(ratio * width);
  const eta = p.done > 0 && p.done < p.total ? formatDuration((p.elapsedMs / p.done) * (p.total - p.done)) : p.done >= p.total ? '0s' : '?';
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.done}/${p.total} ${Math.floor(ratio * 100)}% · ETA ${eta} · $${p.costUsd.toFixed(4)}${p.failed ? ` · ${p.failed} failed` : ''}`;
}

/** Redraw in place on a terminal; elsewhere (CI logs, pipes) print a line every 10% and at the end. */
export function progressWriter(stream: NodeJS.WriteStream = process.stderr): (p: ProgressState) => void {
  let lastDecile = -1;
  return (p) => {
    const line = formatProgress(p);
    if (stream.isTTY) {
      stream.write(`\r${line}${p.done >= p.total ? '\n' : ''}`);
      return;
    }
    const decile = p.total === 0 ? 10 : Math.floor((p.done / p.total) * 10);
    if (decile !== lastDecile || p.done >= p.total) {
      lastDecile = decile;
      stream.write(`${line}\n`);
    }
  };
}
