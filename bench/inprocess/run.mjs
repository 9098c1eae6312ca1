// `npm run bench:inprocess`: what one chat call costs the app that makes it, in-process. The floor
// (an undici pool request + JSON.parse; for streams the SSE split + JSON.parse per event), the
// official SDKs, Tokligence's facades (pass-through and translated, each direction), the AI SDK and
// LangChain, all against the fake upstream of bench:server in its own process. Every system runs
// in its own process; rounds alternate between them (the order rotating), and each figure is the
// median over the rounds: calls per second (wall) and CPU per call of the calling process.
//
// Flags: --src (Tokligence from src/, bundled by bench/quick-build.mjs, instead of dist/), --rounds=N (default 9),
// --round-ms=MS (target length of one round, default 400), --concurrency=N (default 16),
// --only=id,id (systems), --modes=json,stream, --no-write.
import { fork } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { quickBuild } from '../quick-build.mjs';
import { SYSTEMS } from './systems.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, def) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def;
const ROUNDS = Number(option('rounds', 9));
const ROUND_MS = Number(option('round-ms', 400));
const CONCURRENCY = Number(option('concurrency', 16));
const USE_SRC = flag('src');
const ONLY = option('only', '') ? option('only', '').split(',') : Object.keys(SYSTEMS);
const MODES = option('modes', 'json,stream').split(',');

const children = [];
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

function start(file, argv, execArgv = [], env = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(file, argv, { execArgv, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.push(child);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${file} ${argv.join(' ')} exited early (${code})`)));
    child.once('message', (m) => resolve({ child, ready: m.ready }));
  });
}

function ask(worker, message, key) {
  return new Promise((resolve) => {
    const on = (m) => {
      if (m?.[key]) {
        worker.child.off('message', on);
        resolve(m[key]);
      }
    };
    worker.child.on('message', on);
    worker.child.send(message);
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function runMode(mode, upstreamUrl) {
  const ids = ONLY.filter((id) => SYSTEMS[id]);
  const workers = [];
  for (const id of ids) {
    const w = await start(`${here}worker.mjs`, [id, mode, upstreamUrl], [], USE_SRC ? { TK_SRC: '1' } : {});
    workers.push({ id, ...w, rounds: [] });
  }
  // Calibrate: a warm-up round each (JIT, pools), then one sized to ~ROUND_MS to learn its rate.
  for (const w of workers) {
    await ask(w, { round: 200, concurrency: CONCURRENCY }, 'result');
    const r = await ask(w, { round: 400, concurrency: CONCURRENCY }, 'result');
    w.perRound = Math.max(100, Math.round((r.n / r.wallMs) * ROUND_MS));
  }
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate who goes first, so no system always runs right after the same neighbour.
    const order = workers.map((_, i) => workers[(i + round) % workers.length]);
    for (const w of order) {
      const r = await ask(w, { round: w.perRound, concurrency: CONCURRENCY }, 'result');
      w.rounds.push({ rate: (r.n / r.wallMs) * 1000, cpuMs: r.cpuUs / 1000 / r.n, failures: r.failures });
    }
    process.stdout.write('.');
  }
  process.stdout.write('\n');
  const out = {};
  for (const w of workers) {
    const mem = await ask(w, { mem: true }, 'mem');
    out[w.id] = {
      rate: median(w.rounds.map((r) => r.rate)),
      cpuMs: median(w.rounds.map((r) => r.cpuMs)),
      cpuMin: Math.min(...w.rounds.map((r) => r.cpuMs)),
      cpuMax: Math.max(...w.rounds.map((r) => r.cpuMs)),
      failures: w.rounds.reduce((a, r) => a + r.failures, 0),
      rssMb: mem.rss / 2 ** 20,
    };
    w.child.removeAllListeners('exit');
    w.child.kill();
  }
  return out;
}

const f = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '–');

function render(results) {
  const lines = [];
  for (const mode of MODES) {
    const r = results[mode];
    if (!r) continue;
    lines.push(`\n${mode === 'json' ? 'JSON answers' : 'Streamed answers (23 OpenAI chunks / 25 Anthropic events, one upstream write)'}\n`);
    lines.push('| system | calls/s | ÷ floor (calls/s) | CPU ms/call | ÷ floor (CPU) | CPU range over rounds | RSS MB |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|');
    for (const id of Object.keys(r)) {
      const x = r[id];
      const fl = r[`floor-${SYSTEMS[id].dialect}`];
      lines.push(
        `| ${SYSTEMS[id].label} | ${f(x.rate)} | ${fl ? f(x.rate / fl.rate, 2) : '–'} | ${f(x.cpuMs, 4)} | ${fl ? f(fl.cpuMs / x.cpuMs, 2) : '–'} | ${f(x.cpuMin, 4)}–${f(x.cpuMax, 4)} | ${f(x.rssMb, 0)} |${x.failures ? ` ${x.failures} failed` : ''}`,
      );
    }
  }
  return lines.join('\n');
}

async function main() {
  if (USE_SRC) await quickBuild();
  else if (!existsSync(`${root}dist/index.js`)) throw new Error('dist/ is missing: run `npm run build` first, or pass --src');
  const upstream = await start(`${root}bench/server/fake-upstream.mjs`, ['0']);
  const upstreamUrl = `http://127.0.0.1:${upstream.ready}`;
  const results = {};
  for (const mode of MODES) results[mode] = await runMode(mode, upstreamUrl);
  const cpu = cpus();
  const header = `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · Node ${process.version} · ${cpu.length} cores, ${cpu[0]?.model ?? ''} · Tokligence from ${USE_SRC ? 'src/ (quick build)' : 'dist/'} · ${ROUNDS} rounds of ~${ROUND_MS} ms per system, ${CONCURRENCY} calls in flight`;
  const table = render(results);
  console.log(`${header}\n${table}`);
  if (!flag('no-write')) writeFileSync(`${root}bench/.tmp/inprocess-last.json`, JSON.stringify({ header, results }, null, 2));
}

try {
  await main();
  process.exit(0);
} catch (err) {
  console.error(err);
  process.exit(1);
}
