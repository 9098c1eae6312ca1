// Summarise a V8 .cpuprofile: self time per function (name + file:line), highest first, and the
// same grouped by file, so the costs on the gateway's hot path can be read at a glance.
import { readFileSync } from 'node:fs';

/** Text summary of the top `limit` functions and files by self time. */
export function summarizeProfile(path, limit = 20) {
  const prof = JSON.parse(readFileSync(path, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  for (let i = 0; i < prof.samples.length; i++) selfUs.set(prof.samples[i], (selfUs.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const fns = new Map();
  const files = new Map();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber, columnNumber } = byId.get(id).callFrame;
    const file = url.replace(/^file:\/\//, '').replace(/.*\/work\/main\//, '') || '(native)';
    const key = `${functionName || '(anonymous)'}  ${file}:${lineNumber + 1}:${columnNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    files.set(file, (files.get(file) ?? 0) + us);
  }
  // Inclusive time of the project's own functions (dist/ or src/): every sample whose stack holds them.
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map();
  for (const [id, us] of selfUs) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url, lineNumber } = byId.get(at).callFrame;
      if (!/\/(dist|src|\.tmp\/quick|\.tmp\/icount)\//.test(url) || /node_modules/.test(url)) continue;
      const key = `${functionName || '(anonymous)'}  ${url.replace(/.*\/work\/main\//, '')}:${lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + us);
    }
  }
  const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, limit);
  return [
    `total sampled ${(total / 1e6).toFixed(2)} s`,
    'self time by function:',
    ...top(fns).map(([k, us]) => `  ${pct(us)}  ${k}`),
    'inclusive time of project functions:',
    ...top(incl).map(([k, us]) => `  ${pct(us)}  ${k}`),
    'self time by file:',
    ...top(files).map(([k, us]) => `  ${pct(us)}  ${k}`),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(summarizeProfile(process.argv[2], Number(process.argv[3] ?? 25)));
