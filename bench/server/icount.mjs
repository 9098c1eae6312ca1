// Instructions per request of the real HTTP gateway (createServer over new Tokligence), counted by
// valgrind callgrind: repeatable on a busy machine, where CPU ms per request (run.mjs) swings with
// the load. Builds any checkout's src/ with esbuild (as tsup does), so two commits can be compared:
//
//   node bench/server/icount.mjs [--tree=DIR] [--cases=pass-json,…] [--n=N] [--warm=W] [--profile]
//
// The gateway (bench/server/gateway.mjs, the same as bench:server's) runs under valgrind; the fake
// upstream and this driver run natively and are not counted. For each case: W sequential requests
// over one keep-alive connection (V8 has compiled the hot code by then), `callgrind_control -z`,
// N requests, `callgrind_control -d`: the dump's total / N. The Claude Code cases (30 KB body) use
// N/4 and W/4. Cases run in the order given, in one gateway process (one more with the response
// cache on for the cached-* cases), so a run is comparable with a run of the same case list.
// --profile: no valgrind; each case in its own gateway, a CPU profile (inspector, 100 µs sampling)
// of the N requests after the warm-up, written to bench/.tmp/profiles/icount-<commit>/<case>.cpuprofile
// and summarised.
// DIR needs node_modules (a scratch worktree can symlink another checkout's).
import { execFileSync, fork, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Client } from 'undici';
import { summarizeProfile } from './profile-summary.mjs';
import { BASE_HEADERS, CC_HEADERS, chatBody, claudeCodeBody, PATH } from './requests.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, def) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? def;
const tree = resolve(opt('tree', root));
const N = Number(opt('n', 200));
const WARM = Number(opt('warm', 1500));
const PROFILE = args.includes('--profile');
const ALL = ['pass-json', 'translated-json', 'cached-json', 'pass-stream', 'translated-stream', 'cached-stream', 'pass-cc', 'translated-cc', 'cached-cc'];
const wanted = opt('cases', ALL.join(',')).split(',');

const cc = claudeCodeBody(root);
const chat = (model, stream) => ({ path: PATH, headers: BASE_HEADERS, body: chatBody(model, stream), stream });
const claude = (model) => ({ path: '/v1/messages', headers: CC_HEADERS, body: cc?.(model), stream: true, big: true });
const CASES = {
  'pass-json': chat('up/gpt-4o', false),
  'translated-json': chat('ant/claude-sonnet-4-6', false),
  'cached-json': chat('up/gpt-4o', false),
  'pass-stream': chat('up/gpt-4o', true),
  'translated-stream': chat('ant/claude-sonnet-4-6', true),
  'cached-stream': chat('up/gpt-4o', true),
  'pass-cc': claude('ant/claude-sonnet-4-6'),
  'translated-cc': claude('up/gpt-4o'),
  'cached-cc': claude('ant/claude-sonnet-4-6'),
};
for (const id of wanted) if (!CASES[id] || CASES[id].body === undefined) throw new Error(`unknown or unavailable case ${id}`);

/** esbuild of the tree's src/ into DIR/bench/.tmp/icount/, laid out like dist/ (index.js, server/index.js). */
async function buildTree() {
  const outdir = `${tree}/bench/.tmp/icount`;
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: tree,
    entryPoints: { index: 'src/index.ts', 'server/index': 'src/server/index.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outdir;
}

function startUpstream() {
  return new Promise((ok, fail) => {
    const child = fork(`${here}fake-upstream.mjs`, ['0'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.once('exit', (code) => fail(new Error(`fake upstream exited (${code})`)));
    child.on('message', (m) => m?.ready && ok({ child, url: `http://127.0.0.1:${m.ready}` }));
  });
}

/** The gateway under valgrind (or natively with --cpu-prof); resolves with its pid and port. */
function startGateway(build, upstream, { cache, profile, outDir }) {
  const node = [`${here}gateway.mjs`, '0', upstream];
  const [cmd, argv] = profile
    ? [process.execPath, node]
    : ['valgrind', ['--tool=callgrind', `--callgrind-out-file=${outDir}/cg.%p`, process.execPath, ...node]];
  const env = { ...process.env, TK_BUILD: build, ...(cache ? { TK_CACHE: '1' } : {}) };
  return new Promise((ok, fail) => {
    const child = spawn(cmd, argv, { env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let err = '';
    child.stderr.on('data', (d) => {
      err = (err + d).slice(-4000);
    });
    const onExit = (code) => fail(new Error(`gateway exited (${code}): ${err}`));
    child.once('exit', onExit);
    child.on('message', (m) => {
      if (m?.ready) ok({ child, pid: child.pid, port: m.ready, onExit });
    });
  });
}

async function stopGateway(gw) {
  gw.child.off('exit', gw.onExit);
  const exited = new Promise((r) => gw.child.once('exit', r));
  gw.child.kill('SIGINT');
  await exited;
}

/** `count` sequential requests of a case over one keep-alive connection, each answer checked. */
async function send(port, c, count) {
  const client = new Client(`http://127.0.0.1:${port}`, { pipelining: 1, headersTimeout: 600_000, bodyTimeout: 600_000 });
  try {
    for (let i = 0; i < count; i++) {
      const res = await client.request({ method: 'POST', path: c.path, headers: c.headers, body: c.body });
      const text = await res.body.text();
      const ok = res.statusCode === 200 && (c.stream ? text.includes('lazy') && (text.includes('[DONE]') || text.includes('message_stop')) : text.includes('gateway forwards'));
      if (!ok) throw new Error(`unexpected answer ${res.statusCode}: ${text.slice(0, 300)}`);
    }
  } finally {
    await client.close();
  }
}

/** Send an IPC message to the gateway and wait for the answer carrying `key`. */
function ask(gw, msg, key) {
  return new Promise((ok) => {
    const on = (m) => {
      if (m?.[key]) {
        gw.child.off('message', on);
        ok(m);
      }
    };
    gw.child.on('message', on);
    gw.child.send(msg);
  });
}

const callgrind = (command, pid) => execFileSync('callgrind_control', [command, String(pid)], { stdio: 'ignore' });

/** Instructions of the newest dump of pid in dir. */
function lastDump(dir, pid) {
  const parts = readdirSync(dir)
    .filter((f) => f.startsWith(`cg.${pid}.`))
    .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()));
  const text = readFileSync(`${dir}/${parts.at(-1)}`, 'utf8');
  return Number(/^summary:\s*(\d+)/m.exec(text)?.[1] ?? Number.NaN);
}

const build_ = await buildTree();
const commit = execFileSync('git', ['-C', tree, 'log', '-1', '--format=%h'], { encoding: 'utf8' }).trim();
const upstream = await startUpstream();
const outDir = mkdtempSync(`${tmpdir()}/icount-`);
const scale = (c, x) => (c.big ? Math.max(1, Math.round(x / 4)) : x);
try {
  if (PROFILE) {
    const profileDir = `${root}bench/.tmp/profiles/icount-${commit}`;
    mkdirSync(profileDir, { recursive: true });
    for (const id of wanted) {
      const c = CASES[id];
      const gw = await startGateway(build_, upstream.url, { cache: id.startsWith('cached'), profile: true });
      await send(gw.port, c, scale(c, WARM));
      await ask(gw, { profile: 'start' }, 'profiling');
      await send(gw.port, c, scale(c, N));
      const file = `${profileDir}/${id}.cpuprofile`;
      await ask(gw, { profile: file }, 'profiled');
      await stopGateway(gw);
      console.log(`\n== ${commit} ${id}: ${file} (${scale(c, N)} requests after ${scale(c, WARM)})`);
      console.log(summarizeProfile(file, 25));
    }
  } else {
    const results = {};
    for (const cache of [false, true]) {
      const ids = wanted.filter((id) => id.startsWith('cached') === cache);
      if (!ids.length) continue;
      const gw = await startGateway(build_, upstream.url, { cache, outDir });
      for (const id of ids) {
        const c = CASES[id];
        const [warm, n] = [scale(c, WARM), scale(c, N)];
        await send(gw.port, c, warm);
        callgrind('-z', gw.pid);
        await send(gw.port, c, n);
        callgrind('-d', gw.pid);
        results[id] = Math.round(lastDump(outDir, gw.pid) / n);
        console.log(`${commit} ${id.padEnd(18)} ${String(results[id]).padStart(10)} instructions/request (n=${n} after ${warm})`);
      }
      await stopGateway(gw);
    }
    console.log(JSON.stringify({ commit, n: N, warm: WARM, results }));
  }
} finally {
  upstream.child.removeAllListeners('exit');
  upstream.child.kill();
  rmSync(outDir, { recursive: true, force: true });
}
