// `npm run bench:coldstart`: import + construct + first (mock) call, each in a fresh process, the
// median of N runs (default 21), next to Node's own start and the official SDKs' import. Times are
// milliseconds since the process's time origin; "ours" is from Node ready (first line of user code)
// to the end of the first call, which is what the package adds to an app's start.
// CPU columns: the process's user + system time, ours = from the first line of user code on.
// Flags: --n=N, --no-write. Needs dist/ (npm run build).
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const N = Number(args.find((a) => a.startsWith('--n='))?.slice(4) ?? 21);
if (!existsSync(`${root}dist/index.js`)) throw new Error('dist/ is missing: run `npm run build` first');

const probe = (what, format) => JSON.parse(execFileSync(process.execPath, [`${here}probe.mjs`, what, format], { cwd: root, encoding: 'utf8' }));
const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const kinds = [
  ['node', 'esm'],
  ['tokligence', 'esm'],
  ['tokligence', 'cjs'],
  ['openai', 'esm'],
  ['anthropic', 'esm'],
];
const runs = Object.fromEntries(kinds.map(([w, f]) => [`${w}-${f}`, []]));
// Alternate the kinds, so a busy moment on the machine spreads over all of them.
for (let i = 0; i < N; i++) for (const [w, f] of kinds) runs[`${w}-${f}`].push(probe(w, f));

const f = (n) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const rows = [];
for (const [w, fm] of kinds) {
  const rs = runs[`${w}-${fm}`];
  const m = (pick) => median(rs.map(pick));
  const end = (r) => r.firstCall ?? r.constructed ?? r.nodeReady;
  rows.push({
    label: w === 'node' ? 'Node itself (to the first line of user code)' : w === 'tokligence' ? `tokligence (${fm === 'esm' ? 'import' : 'require'} dist/)` : `\`${w === 'openai' ? 'openai' : '@anthropic-ai/sdk'}\` (import + construct, no call)`,
    nodeReady: m((r) => r.nodeReady),
    imp: w === 'node' ? Number.NaN : m((r) => r.imported - r.nodeReady),
    construct: w === 'node' ? Number.NaN : m((r) => r.constructed - r.imported),
    call: m((r) => (r.firstCall ? r.firstCall - r.constructed : Number.NaN)),
    ours: w === 'node' ? Number.NaN : m((r) => end(r) - r.nodeReady),
    total: m(end),
    cpuOurs: w === 'node' ? Number.NaN : m((r) => r.cpu - r.nodeCpu),
    cpuTotal: m((r) => r.cpu),
    rss: m((r) => r.rssMb),
  });
}
const cpu = cpus();
const table = [
  `Command: \`npm run bench:coldstart\` (= \`npm run build && node bench/coldstart/run.mjs\`). Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · Node ${process.version} · ${cpu.length} cores, ${cpu[0]?.model ?? ''} · median of ${N} fresh processes each, the kinds alternating.`,
  '',
  '| what | Node ready (ms) | import (ms) | construct (ms) | first mock call (ms) | import + construct + call (ms) | process start → done (ms) | CPU: ours (ms) | CPU: process in all (ms) | RSS (MB) |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.label} | ${f(r.nodeReady)} | ${f(r.imp)} | ${f(r.construct)} | ${f(r.call)} | ${f(r.ours)} | ${f(r.total)} | ${f(r.cpuOurs)} | ${f(r.cpuTotal)} | ${f(r.rss)} |`),
].join('\n');
console.log(table);
if (!args.includes('--no-write')) writeFileSync(`${root}bench/.tmp/coldstart-last.md`, `${table}\n`);
