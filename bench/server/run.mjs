// `npm run bench:server`: HTTP throughput of the gateway against a fake upstream, a minimal proxy
// (the floor any Node gateway pays) and Portkey's gateway as the peer reference, all on 127.0.0.1.
// Every system under test runs in its own process so its CPU (/proc/<pid>/stat utime+stime) and
// RSS (/proc/<pid>/status) are its own; autocannon runs here.
//
// Flags (after `node bench/server/run.mjs`): --src (gateway from src/ via tsx instead of dist/),
// --build (run `npm run build` first), --duration=S (default 10), --seq=S (default 2),
// --soak=N (default 100000), --no-portkey, --no-write, --profile (CPU profile of the gateway under
// the pass-through JSON case, or --cases=pass-json,translated-stream,…; summarised, nothing written).
import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Client } from 'undici';
import { summarizeProfile } from './profile-summary.mjs';
import { BASE_HEADERS, CC_HEADERS, chatBody, claudeCodeBody, PATH, SYSTEM, USER } from './requests.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, def) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def);
const DURATION = option('duration', 10);
const CONNECTIONS = 50;
const SEQ_SECONDS = option('seq', 2);
const SOAK = option('soak', 100_000); // the issue's soak; ~40 s here
const USE_SRC = flag('src');
const PROFILE = flag('profile');
const PORTKEY = !flag('no-portkey') && !PROFILE;
const CLK_TCK = 100; // getconf CLK_TCK on Linux

// ---- processes -------------------------------------------------------------------------------

const children = [];
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

/** Fork a Node script and wait for its `{ ready: port }` message. */
function start(name, file, argv, execArgv = [], env = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(file, argv, { execArgv, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.push(child);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${name} exited early (${code})`)));
    child.on('message', (m) => {
      if (m?.ready) resolve({ name, child, pid: child.pid, port: m.ready });
    });
  });
}

/** Portkey's published node build (`npx @portkey-ai/gateway` runs the same file): ready when it says so. */
function startPortkey(port) {
  const file = `${here}node_modules/@portkey-ai/gateway/build/start-server.js`;
  return new Promise((resolve, reject) => {
    const child = fork(file, [`--port=${port}`, '--headless'], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    children.push(child);
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Portkey did not start: ${out.slice(-500)}`)), 20_000);
    const onData = (d) => {
      out += d;
      if (out.includes('Ready for connections')) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({ name: 'portkey', child, pid: child.pid, port });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.once('exit', (code) => reject(new Error(`Portkey exited (${code}): ${out.slice(-500)}`)));
  });
}

/** CPU seconds (user+system) a process has used so far. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime (fields 14, 15)
}

/** Resident set size in MB. */
function rssMb(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** The gateway's memory after a full GC (it was started with --expose-gc). */
function gatewayMem(gw) {
  return new Promise((resolve) => {
    const on = (m) => {
      if (m?.mem) {
        gw.child.off('message', on);
        resolve(m.mem);
      }
    };
    gw.child.on('message', on);
    gw.child.send({ mem: true });
  });
}

// ---- requests --------------------------------------------------------------------------------

/** Every case: which system, which port, and the request. */
function cases(sys, upstreamUrl) {
  const list = [];
  for (const stream of [false, true]) {
    const mode = stream ? 'stream' : 'json';
    list.push({ id: `direct-openai-${mode}`, system: 'direct', kind: 'pass', stream, target: sys.upstream, path: PATH, headers: BASE_HEADERS, body: chatBody('gpt-4o', stream) });
    list.push({
      id: `direct-anthropic-${mode}`,
      system: 'direct',
      kind: 'translated',
      stream,
      target: sys.upstream,
      path: '/v1/messages',
      headers: { 'content-type': 'application/json', 'x-api-key': 'x', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sonnet-4-6', system: SYSTEM, messages: [{ role: 'user', content: USER }], max_tokens: 256, temperature: 0.2, ...(stream ? { stream: true } : {}) }),
    });
    list.push({ id: `minimal-${mode}`, system: 'minimal proxy', kind: 'pass', stream, target: sys.minimal, path: PATH, headers: BASE_HEADERS, body: chatBody('gpt-4o', stream) });
    list.push({ id: `gateway-pass-${mode}`, system: 'tokligence', kind: 'pass', stream, target: sys.gateway, path: PATH, headers: BASE_HEADERS, body: chatBody('up/gpt-4o', stream) });
    list.push({ id: `gateway-translated-${mode}`, system: 'tokligence', kind: 'translated', stream, target: sys.gateway, path: PATH, headers: BASE_HEADERS, body: chatBody('ant/claude-sonnet-4-6', stream) });
    if (sys.cached) list.push({ id: `cached-${mode}`, system: 'tokligence cached', kind: 'pass', stream, target: sys.cached, path: PATH, headers: BASE_HEADERS, body: chatBody('up/gpt-4o', stream) });
    if (sys.portkey) {
      list.push({
        id: `portkey-pass-${mode}`,
        system: 'portkey',
        kind: 'pass',
        stream,
        target: sys.portkey,
        path: PATH,
        headers: { ...BASE_HEADERS, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${upstreamUrl}/v1` },
        body: chatBody('gpt-4o', stream),
      });
      list.push({
        id: `portkey-translated-${mode}`,
        system: 'portkey',
        kind: 'translated',
        stream,
        target: sys.portkey,
        path: PATH,
        headers: { ...BASE_HEADERS, 'x-api-key': 'x', 'x-portkey-provider': 'anthropic', 'x-portkey-custom-host': `${upstreamUrl}/v1` },
        body: chatBody('claude-sonnet-4-6', stream),
      });
    }
  }
  // A real Claude Code turn (30 KB: system prompt, tools, history) streamed, as Claude Code sends it:
  // passed through to an Anthropic upstream, and translated to an OpenAI one (Claude Code on GPT).
  const ccBody = claudeCodeBody(root);
  if (ccBody) {
    const at = (system, target) => ({ system, stream: true, target, path: '/v1/messages', headers: CC_HEADERS });
    list.push({ id: 'direct-anthropic-cc', kind: 'translated', ...at('direct', sys.upstream), body: ccBody('claude-sonnet-4-6') });
    list.push({ id: 'minimal-cc', kind: 'pass', ...at('minimal proxy', sys.minimal), body: ccBody('claude-sonnet-4-6') });
    list.push({ id: 'gateway-pass-cc', kind: 'pass', ...at('tokligence', sys.gateway), body: ccBody('ant/claude-sonnet-4-6') });
    list.push({ id: 'gateway-translated-cc', kind: 'translated', ...at('tokligence', sys.gateway), body: ccBody('up/gpt-4o') });
    if (sys.cached) list.push({ id: 'cached-cc', kind: 'pass', ...at('tokligence cached', sys.cached), body: ccBody('ant/claude-sonnet-4-6') });
  }
  return list;
}

/** One request with fetch, checked: a 200 whose text carries the fake's answer. */
async function check(c) {
  const res = await fetch(`http://127.0.0.1:${c.target.port}${c.path}`, { method: 'POST', headers: c.headers, body: c.body });
  const text = await res.text();
  const ok = res.status === 200 && (c.stream ? text.includes('lazy') && (text.includes('[DONE]') || text.includes('message_stop')) : text.includes('gateway forwards'));
  if (!ok) throw new Error(`${c.id}: unexpected answer ${res.status}: ${text.slice(0, 300)}`);
}

function cannon(c, opts) {
  return autocannon({
    url: `http://127.0.0.1:${c.target.port}${c.path}`,
    method: 'POST',
    headers: c.headers,
    body: c.body,
    connections: CONNECTIONS,
    ...opts,
  });
}

/** Throughput under load, with the system's CPU per request over the same window. */
async function throughput(c) {
  await check(c);
  await cannon(c, { duration: 1 }); // warm-up (JIT, pools)
  const cpu0 = cpuSeconds(c.target.pid);
  const r = await cannon(c, { duration: DURATION });
  const cpu1 = cpuSeconds(c.target.pid);
  const ok = r['2xx'];
  if (r.non2xx || r.errors || r.timeouts) console.warn(`  ! ${c.id}: non2xx=${r.non2xx} errors=${r.errors} timeouts=${r.timeouts}`);
  return {
    rps: ok / (r.duration || DURATION),
    p50: r.latency.p50,
    p99: r.latency.p99,
    cpuMsPerReq: ok ? ((cpu1 - cpu0) * 1000) / ok : Number.NaN,
    failures: r.non2xx + r.errors + r.timeouts,
  };
}

/** Sequential latency over one keep-alive connection, measured here to the microsecond. */
async function sequential(c) {
  const client = new Client(`http://127.0.0.1:${c.target.port}`, { pipelining: 1 });
  const once = async () => {
    const t = process.hrtime.bigint();
    const { statusCode, body } = await client.request({ method: 'POST', path: c.path, headers: c.headers, body: c.body });
    await body.text();
    if (statusCode !== 200) throw new Error(`${c.id}: status ${statusCode}`);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  for (let i = 0; i < 300; i++) await once();
  const samples = [];
  const until = performance.now() + SEQ_SECONDS * 1000;
  while (performance.now() < until) samples.push(await once());
  await client.close();
  samples.sort((a, b) => a - b);
  const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { p50: at(0.5), p99: at(0.99), n: samples.length };
}

// ---- run -------------------------------------------------------------------------------------

const log = (...a) => console.log(...a);

async function main() {
  const gatewayFrom = USE_SRC ? 'src/ via tsx' : 'dist/ (npm run build)';
  if (!USE_SRC && !existsSync(`${root}dist/server/index.js`)) throw new Error('dist/ is missing: run `npm run build` first, or pass --src');
  const upstream = await start('fake upstream', `${here}fake-upstream.mjs`, ['0']);
  const upstreamUrl = `http://127.0.0.1:${upstream.port}`;
  const minimal = await start('minimal proxy', `${here}minimal-proxy.mjs`, ['0', upstreamUrl]);
  const profileDir = `${root}bench/.tmp/profiles/`; // bench/.tmp is git-ignored
  const gwExec = ['--expose-gc', ...(USE_SRC ? ['--import', 'tsx'] : []), ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const gateway = await start('tokligence', `${here}gateway.mjs`, ['0', upstreamUrl], gwExec, USE_SRC ? { TK_SRC: '1' } : {});
  const gatewayRssStart = rssMb(gateway.pid);
  // A second gateway with the response cache on: every request after the first is a hit.
  const cached = PROFILE ? undefined : await start('tokligence cached', `${here}gateway.mjs`, ['0', upstreamUrl], USE_SRC ? ['--import', 'tsx'] : [], { TK_CACHE: '1', ...(USE_SRC ? { TK_SRC: '1' } : {}) });
  let portkey;
  let portkeyNote = '';
  if (PORTKEY) {
    try {
      portkey = await startPortkey(minimal.port + 1000 + Math.floor(Math.random() * 1000));
    } catch (err) {
      portkeyNote = `Portkey could not run: ${err.message}`;
      console.warn(portkeyNote);
    }
  }
  const sys = { upstream, minimal, gateway, portkey, cached };
  const all = cases(sys, upstreamUrl);

  if (PROFILE) return profile(all, gateway, profileDir);

  // Idle RSS: after a few hundred requests of every gateway kind (modules loaded, pools open), GC'd.
  for (const c of all.filter((x) => x.system === 'tokligence')) for (let i = 0; i < 50; i++) await check(c);
  const idle = await gatewayMem(gateway);
  log(`gateway (${gatewayFrom}) pid ${gateway.pid}: RSS at start ${gatewayRssStart.toFixed(1)} MB, idle after warm-up ${(idle.rss / 2 ** 20).toFixed(1)} MB`);

  const results = {};
  for (const c of all) {
    const t = await throughput(c);
    results[c.id] = { ...t };
    log(`${c.id.padEnd(28)} ${t.rps.toFixed(0).padStart(7)} req/s  p50 ${t.p50} ms  p99 ${t.p99} ms  cpu ${t.cpuMsPerReq.toFixed(3)} ms/req`);
  }
  for (const c of all) {
    const s = await sequential(c);
    Object.assign(results[c.id], { seqP50: s.p50, seqP99: s.p99, seqN: s.n });
    log(`${c.id.padEnd(28)} sequential p50 ${s.p50.toFixed(3)} ms  p99 ${s.p99.toFixed(3)} ms  (${s.n} requests)`);
  }
  const rssAfterRuns = rssMb(gateway.pid);
  const rssOthers = { minimal: rssMb(minimal.pid), portkey: portkey ? rssMb(portkey.pid) : undefined, upstream: rssMb(upstream.pid) };

  // Soak: N requests cycling the four gateway kinds, memory compared at the same (GC'd) state.
  // In quarters, memory read after each, so a trend shows apart from the first quarter's warm-up.
  const before = await gatewayMem(gateway);
  const gwCases = all.filter((x) => x.system === 'tokligence' && !x.id.endsWith('-cc'));
  const soakStarted = performance.now();
  const checkpoints = [before];
  const soak = { '2xx': 0, non2xx: 0, errors: 0, timeouts: 0 };
  for (let q = 0; q < 4; q++) {
    const part = await autocannon({
      url: `http://127.0.0.1:${gateway.port}${PATH}`,
      method: 'POST',
      connections: CONNECTIONS,
      amount: Math.ceil(SOAK / 4),
      requests: gwCases.map((c) => ({ method: 'POST', path: PATH, headers: c.headers, body: c.body })),
    });
    for (const k of Object.keys(soak)) soak[k] += part[k];
    checkpoints.push(await gatewayMem(gateway));
  }
  const soakSeconds = (performance.now() - soakStarted) / 1000;
  const after = checkpoints[4];
  const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${gateway.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const mem = {
    start: gatewayRssStart,
    idle: idle.rss / 2 ** 20,
    idleHeap: idle.heapUsed / 2 ** 20,
    idleExternal: (idle.external + idle.arrayBuffers) / 2 ** 20,
    externalBefore: (before.external + before.arrayBuffers) / 2 ** 20,
    externalAfter: (after.external + after.arrayBuffers) / 2 ** 20,
    afterRuns: rssAfterRuns,
    soakBefore: before.rss / 2 ** 20,
    soakAfter: after.rss / 2 ** 20,
    heapBefore: before.heapUsed / 2 ** 20,
    heapAfter: after.heapUsed / 2 ** 20,
    peak: hwm,
    soakRss: checkpoints.map((m) => m.rss / 2 ** 20),
    soakHeap: checkpoints.map((m) => m.heapUsed / 2 ** 20),
    soakRequests: soak['2xx'],
    soakFailures: soak.non2xx + soak.errors + soak.timeouts,
    soakSeconds,
  };
  log(`soak ${mem.soakRequests} requests in ${soakSeconds.toFixed(1)} s: RSS ${mem.soakBefore.toFixed(1)} → ${mem.soakAfter.toFixed(1)} MB, heap ${mem.heapBefore.toFixed(1)} → ${mem.heapAfter.toFixed(1)} MB (GC'd), peak RSS ${hwm.toFixed(1)} MB`);

  const report = render({ results, mem, rssOthers, gatewayFrom, portkeyNote, hasPortkey: !!portkey });
  log(`\n${report}`);
  if (!flag('no-write')) writeResults(report);
}

// ---- report ----------------------------------------------------------------------------------

const f = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '–');
const ratio = (a, b) => (a && b ? (a / b).toFixed(2) : '–');

function render({ results, mem, rssOthers, gatewayFrom, portkeyNote, hasPortkey }) {
  const r = (id) => results[id] ?? {};
  const rows = [];
  const head =
    '| case | req/s | ÷ direct | ÷ minimal proxy | ÷ Portkey | p50 / p99 under load (ms) | sequential p50 / p99 (ms) | added p50 (ms) | CPU ms/req |\n' +
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|';
  const line = (label, id, directId, mode) => {
    const x = r(id);
    const d = r(directId);
    const m = r(`minimal-${mode}`);
    const p = id.startsWith('gateway-') ? r(id.replace('gateway-', 'portkey-')) : {};
    const added = id.startsWith('direct') ? '–' : f(x.seqP50 - d.seqP50, 3);
    rows.push(
      `| ${label} | ${f(x.rps)} | ${ratio(x.rps, r(`direct-openai-${mode}`).rps)} | ${id.startsWith('direct') ? '–' : ratio(x.rps, m.rps)} | ${hasPortkey && p.rps ? ratio(x.rps, p.rps) : '–'} | ${x.p50} / ${x.p99} | ${f(x.seqP50, 3)} / ${f(x.seqP99, 3)} | ${added} | ${f(x.cpuMsPerReq, 3)} |`,
    );
  };
  for (const mode of ['json', 'stream']) {
    const s = mode === 'stream' ? ', streamed' : '';
    line(`direct to fake upstream (OpenAI${s})`, `direct-openai-${mode}`, `direct-openai-${mode}`, mode);
    line(`direct to fake upstream (Anthropic${s})`, `direct-anthropic-${mode}`, `direct-anthropic-${mode}`, mode);
    line(`minimal proxy${s}`, `minimal-${mode}`, `direct-openai-${mode}`, mode);
    line(`**Tokligence pass-through** (OpenAI→OpenAI${s})`, `gateway-pass-${mode}`, `direct-openai-${mode}`, mode);
    line(`**Tokligence translated** (OpenAI→Anthropic${s})`, `gateway-translated-${mode}`, `direct-anthropic-${mode}`, mode);
    if (results[`cached-${mode}`]) line(`Tokligence, response-cache hit (in memory${s})`, `cached-${mode}`, `direct-openai-${mode}`, mode);
    if (hasPortkey) {
      line(`Portkey 1.15.2 pass-through${s}`, `portkey-pass-${mode}`, `direct-openai-${mode}`, mode);
      line(`Portkey 1.15.2 translated${s}`, `portkey-translated-${mode}`, `direct-anthropic-${mode}`, mode);
    }
  }

  if (results['gateway-pass-cc']) {
    const cc = (label, id) => {
      const x = r(id);
      const d = r('direct-anthropic-cc');
      rows.push(
        `| ${label} | ${f(x.rps)} | ${ratio(x.rps, d.rps)} | ${id.startsWith('direct') ? '–' : ratio(x.rps, r('minimal-cc').rps)} | – | ${x.p50} / ${x.p99} | ${f(x.seqP50, 3)} / ${f(x.seqP99, 3)} | ${id.startsWith('direct') ? '–' : f(x.seqP50 - d.seqP50, 3)} | ${f(x.cpuMsPerReq, 3)} |`,
      );
    };
    cc('direct to fake upstream (Anthropic, Claude Code 30 KB body, streamed)', 'direct-anthropic-cc');
    cc('minimal proxy, Claude Code body, streamed', 'minimal-cc');
    cc('**Tokligence pass-through**, Claude Code body (Anthropic→Anthropic, streamed)', 'gateway-pass-cc');
    cc('**Tokligence translated**, Claude Code body (Anthropic→OpenAI, streamed)', 'gateway-translated-cc');
    if (results['cached-cc']) cc('Tokligence, response-cache hit, Claude Code body (streamed)', 'cached-cc');
  }
  const goal = (ok) => (ok ? '✅ met' : '❌ not met');
  const minOf = (...xs) => Math.min(...xs.filter(Number.isFinite));
  const passRatio = minOf(r('gateway-pass-json').rps / r('minimal-json').rps, r('gateway-pass-stream').rps / r('minimal-stream').rps);
  const trRatio = minOf(r('gateway-translated-json').rps / r('minimal-json').rps, r('gateway-translated-stream').rps / r('minimal-stream').rps);
  const gwIds = ['gateway-pass-json', 'gateway-pass-stream', 'gateway-translated-json', 'gateway-translated-stream'];
  const cpuMax = Math.max(...gwIds.map((id) => r(id).cpuMsPerReq));
  const addedPass = r('gateway-pass-json').seqP50 - r('direct-openai-json').seqP50;
  const addedMax = Math.max(
    ...gwIds.map((id) => r(id).seqP50 - r(id.includes('translated') ? id.replace('gateway-translated', 'direct-anthropic') : id.replace('gateway-pass', 'direct-openai')).seqP50),
  );
  const growth = mem.soakAfter - mem.soakBefore;
  // After the first half the allocator holds its working set: growth from there on is the trend.
  const lateGrowth = mem.soakRss[4] - mem.soakRss[2];
  const heapGrowth = mem.heapAfter - mem.heapBefore;
  const signed = (x) => `${x >= 0 ? '+' : ''}${f(x, 1)}`;
  const vsPortkey = hasPortkey
    ? gwIds.map((id) => `${id.replace('gateway-', '')} ${ratio(r(id).rps, r(id.replace('gateway-', 'portkey-')).rps)}×`).join(', ')
    : 'Portkey not run';

  const cpu = cpus();
  return `## Server throughput (bench:server)

Command: \`npm run bench:server\` (= \`npm run build && node bench/server/run.mjs\`; dependencies in bench/server/package.json, install them once with \`npm --prefix bench/server ci\`).
Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · Node ${process.version} · ${cpu.length} cores (nproc), ${cpu[0]?.model ?? 'unknown CPU'} · ${f(totalmem() / 2 ** 30, 1)} GB RAM · gateway from ${gatewayFrom}.

Setup: every system in its own process on 127.0.0.1 (the fake upstream too); autocannon (${CONNECTIONS} connections, ${DURATION} s after a 1 s warm-up) in the orchestrating process, so the load generator, the upstream and the system under test share the ${cpu.length} cores. Body: system + user message, ~1 KB, \`max_tokens\` 256 (the last rows: a captured 30 KB Claude Code 2.1.197 request instead); streamed answers are 20 text chunks (+ role, finish and usage chunks, \`[DONE]\`). The fake answers OpenAI chat completions and Anthropic messages (JSON or SSE, written in one piece). The gateway runs \`new Tokligence({ providers: { up: openai-compatible, ant: anthropic } })\` + \`createServer()\` with default settings (metrics on), logging silent; the translated model is \`ant/claude-sonnet-4-6\` (\`claude-sonnet-4-5\` makes the Anthropic SDK \`console.warn\` a deprecation notice on every request). Portkey \`@portkey-ai/gateway@1.15.2\` (node build, \`--headless\`, with \`@hono/node-server@1.13.5\` and \`hono@4.9.7\` pinned by npm overrides) is pointed at the same fake with \`x-portkey-provider\` + \`x-portkey-custom-host\`.${portkeyNote ? ` ${portkeyNote}.` : ''} "Sequential" is one keep-alive connection, one request at a time for ${SEQ_SECONDS} s, timed with hrtime in the client; "added p50" is its p50 minus the direct p50 of the same upstream dialect and mode. CPU ms/req is the system's own utime+stime over the ${DURATION} s run divided by its 2xx answers. Ratios: ÷ direct is against the direct OpenAI case of the same mode; ÷ minimal proxy against the minimal proxy of the same mode (the issue's reference for both goals).

${head}
${rows.join('\n')}

Gateway memory: RSS ${f(mem.start, 1)} MB at start, ${f(mem.idle, 1)} MB idle after warm-up (GC'd; JS heap used ${f(mem.idleHeap, 1)} MB, external + array buffers ${f(mem.idleExternal, 1)} MB), ${f(mem.afterRuns, 1)} MB after all throughput runs, peak ${f(mem.peak, 1)} MB. Soak of ${mem.soakRequests} requests (${mem.soakFailures} failed, ${f(mem.soakSeconds, 1)} s, ${CONNECTIONS} connections, cycling the four gateway cases), read after each quarter: RSS ${mem.soakRss.map((x) => f(x, 1)).join(' → ')} MB, heap used ${mem.soakHeap.map((x) => f(x, 1)).join(' → ')} MB, external + array buffers ${f(mem.externalBefore, 1)} → ${f(mem.externalAfter, 1)} MB, all after a full GC. For comparison after the runs: minimal proxy ${f(rssOthers.minimal, 1)} MB${rssOthers.portkey ? `, Portkey ${f(rssOthers.portkey, 1)} MB` : ''}, fake upstream ${f(rssOthers.upstream, 1)} MB.

| goal (issue) | target | measured | |
|---|---|---|---|
| pass-through throughput ÷ minimal proxy | ≥ 0.85 | ${f(passRatio, 2)} (worse of JSON / streamed) | ${goal(passRatio >= 0.85)} |
| translated throughput ÷ minimal proxy | ≥ 0.70 | ${f(trRatio, 2)} (worse of JSON / streamed) | ${goal(trRatio >= 0.7)} |
| throughput ÷ Portkey | ≈ 10× | ${vsPortkey} | |
| response-cache hits over HTTP (issue 4) | (report) | JSON ${f(r('cached-json').rps)} req/s (${ratio(r('cached-json').rps, r('minimal-json').rps)}× the minimal proxy), streamed ${f(r('cached-stream').rps)} req/s, Claude Code 30 KB streamed ${f(r('cached-cc').rps)} req/s | |
| (real Claude Code turn, 30 KB, streamed) ÷ minimal proxy | (report) | pass-through ${ratio(r('gateway-pass-cc').rps, r('minimal-cc').rps)}, translated to OpenAI ${ratio(r('gateway-translated-cc').rps, r('minimal-cc').rps)} | |
| gateway CPU per request | ≤ 0.15 ms | ${f(cpuMax, 3)} ms (worst case) | ${goal(cpuMax <= 0.15)} |
| added p50 latency | ≤ 0.25 ms | ${f(addedPass, 3)} ms pass-through JSON, ${f(addedMax, 3)} ms worst case | ${goal(addedMax <= 0.25)} |
| RSS idle, fresh start | ≤ 70 MB | ${f(mem.start, 1)} MB | ${goal(mem.start <= 70)} |
| RSS idle, after load (GC'd) | ≤ 70 MB | ${f(mem.idle, 1)} MB | ${goal(mem.idle <= 70)} |
| growth over the soak | none | heap ${signed(heapGrowth)} MB over ${mem.soakRequests} requests; RSS ${signed(growth)} MB in all, ${signed(lateGrowth)} MB over the second half | ${goal(heapGrowth <= 2 && lateGrowth <= 5)} |
`;
}

/** Put the section into bench/RESULTS.md, replacing an earlier one and keeping everything else. */
function writeResults(section) {
  const file = `${root}bench/RESULTS.md`;
  const heading = '## Server throughput (bench:server)';
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n\n';
  const startAt = text.indexOf(heading);
  if (startAt === -1) text = `${text.trimEnd()}\n\n${section}`;
  else {
    const next = text.indexOf('\n## ', startAt + heading.length);
    text = `${text.slice(0, startAt)}${section}${next === -1 ? '' : `\n${text.slice(next + 1)}`}`;
  }
  writeFileSync(file, `${text.trimEnd()}\n`);
  log(`written to ${file}`);
}

// ---- profile ---------------------------------------------------------------------------------

async function profile(all, gateway, dir) {
  mkdirSync(dir, { recursive: true });
  const old = new Set(readdirSync(dir));
  const ids = (args.find((a) => a.startsWith('--cases='))?.slice(8) ?? 'pass-json').split(',').map((x) => `gateway-${x}`);
  for (const id of ids) {
    const c = all.find((x) => x.id === id);
    const t = await throughput(c);
    log(`${id}: ${f(t.rps)} req/s, ${f(t.cpuMsPerReq, 3)} ms CPU/req`);
  }
  gateway.child.removeAllListeners('exit');
  const exited = new Promise((r) => gateway.child.once('exit', r));
  gateway.child.kill('SIGINT');
  await exited;
  const file = readdirSync(dir).find((n) => n.endsWith('.cpuprofile') && !old.has(n));
  if (!file) throw new Error('no .cpuprofile written');
  log(`\nprofile: ${dir}${file}\n`);
  log(summarizeProfile(`${dir}${file}`, 25));
}

try {
  if (!USE_SRC && args.includes('--build')) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  await main();
  process.exit(0);
} catch (err) {
  console.error(err);
  process.exit(1);
}
