// `npm run bench:governance`: server throughput with governance on (managed-key auth + a budget
// reservation + a rate limit + the usage ledger) against the same gateway with it off, on SQLite and
// on PostgreSQL, plus the ledger's own cost (the ledger alone vs nothing). Every gateway runs in
// its own process; CPU per request comes from /proc/<pid>/stat over the measured window. Rounds
// alternate the systems so a noisy neighbour hits them all alike; the ratio is of the medians.
//
// Flags: --duration=S (per measurement, default 5), --rounds=N (default 3), --no-postgres.
import { execFileSync, fork, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const option = (name, def) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def);
const DURATION = option('duration', 5);
const ROUNDS = option('rounds', 3);
const CONNECTIONS = 50;
const PG_BIN = '/usr/lib/postgresql/15/bin';
const WITH_PG = !args.includes('--no-postgres') && existsSync(`${PG_BIN}/initdb`);

const children = [];
const cleanups = [];
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
  for (const f of cleanups) f();
});

function start(name, file, argv, env = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(file, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.push(child);
    child.once('exit', (code) => reject(new Error(`${name} exited early (${code})`)));
    child.on('message', (m) => {
      if (m?.ready) resolve({ name, child, pid: child.pid, port: m.ready });
    });
  });
}

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** A throw-away PostgreSQL 15 (as the tests start it): initdb in a temp dir, postgres on a free loopback port. */
async function startPostgres() {
  const dir = mkdtempSync(join(tmpdir(), 'tk-bench-pg-'));
  const asRoot = process.getuid() === 0;
  const run = (cmd, argv) => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...argv]] : [cmd, argv]);
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const [c1, a1] = run(`${PG_BIN}/initdb`, ['-D', `${dir}/data`, '-U', 'postgres', '-A', 'trust', '--no-sync']);
  execFileSync(c1, a1, { stdio: 'ignore' });
  const port = await freePort();
  // Durable settings (fsync and synchronous_commit on), as a real deployment runs.
  const [c2, a2] = run(`${PG_BIN}/postgres`, ['-D', `${dir}/data`, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1']);
  const child = spawn(c2, a2, { stdio: 'ignore' });
  children.push(child);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  for (let i = 0; i < 150; i++) {
    try {
      execFileSync(`${PG_BIN}/pg_isready`, ['-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
      return `postgres://postgres@127.0.0.1:${port}/postgres`;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('postgres did not start');
}

function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

const body = JSON.stringify({
  model: 'up/gpt-4o',
  messages: [
    { role: 'system', content: 'You are a careful reviewer. Answer in plain English and be concise.'.repeat(4) },
    { role: 'user', content: 'Is there anything in this design that could leak memory under load? List at most three concerns.'.repeat(3) },
  ],
  max_tokens: 256,
});

async function measure(gw) {
  const opts = { url: `http://127.0.0.1:${gw.port}/v1/chat/completions`, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${gw.key ?? 'none'}` }, body, connections: CONNECTIONS };
  await autocannon({ ...opts, duration: 1 });
  const cpu0 = cpuSeconds(gw.pid);
  const r = await autocannon({ ...opts, duration: DURATION });
  const cpu1 = cpuSeconds(gw.pid);
  if (r.non2xx || r.errors) throw new Error(`${gw.name}: non2xx=${r.non2xx} errors=${r.errors}`);
  return { rps: r['2xx'] / r.duration, cpuUs: ((cpu1 - cpu0) * 1e6) / r['2xx'], p50: r.latency.p50, p99: r.latency.p99 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (!existsSync(`${root}dist/server/index.js`)) throw new Error('dist/ is missing: run `npm run build` first');
  const upstream = await start('fake upstream', `${here}fake-upstream.mjs`, ['0']);
  const up = `http://127.0.0.1:${upstream.port}`;
  const tmp = mkdtempSync(join(tmpdir(), 'tk-bench-gov-'));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
  const gateway = async (name, mode, db) => {
    const keyFile = join(tmp, `${name}.key`);
    const env = mode ? { TK_GOVERNANCE: mode, TK_DB: db, TK_SPOOL: join(tmp, `spool-${name}`), ...(mode === 'ledger' ? {} : { TK_GOVERNANCE_KEY_FILE: keyFile }) } : {};
    const gw = await start(name, `${here}gateway.mjs`, ['0', up], env);
    if (env.TK_GOVERNANCE_KEY_FILE) gw.key = readFileSync(keyFile, 'utf8');
    return gw;
  };
  const systems = [
    await gateway('off', undefined),
    await gateway('ledger (sqlite)', 'ledger', join(tmp, 'ledger.db')),
    await gateway('governance (sqlite)', 'sqlite', join(tmp, 'gov.db')),
  ];
  if (WITH_PG) systems.push(await gateway('governance (postgresql)', 'postgres', await startPostgres()));
  const results = Object.fromEntries(systems.map((s) => [s.name, []]));
  for (let round = 1; round <= ROUNDS; round++)
    for (const s of systems) {
      const m = await measure(s);
      results[s.name].push(m);
      console.log(`round ${round}  ${s.name.padEnd(24)} ${m.rps.toFixed(0).padStart(6)} req/s  cpu ${m.cpuUs.toFixed(0).padStart(4)} µs/req  p50 ${m.p50} ms  p99 ${m.p99} ms`);
    }
  const off = results.off;
  const offRps = median(off.map((m) => m.rps));
  const offCpu = median(off.map((m) => m.cpuUs));
  console.log('\nmedians over rounds (ratio = req/s with it on / req/s with it off):');
  for (const s of systems) {
    const rps = median(results[s.name].map((m) => m.rps));
    const cpu = median(results[s.name].map((m) => m.cpuUs));
    console.log(`${s.name.padEnd(24)} ${rps.toFixed(0).padStart(6)} req/s  ratio ${(rps / offRps).toFixed(3)}  cpu ${cpu.toFixed(0)} µs/req (+${(cpu - offCpu).toFixed(0)} µs)`);
  }
  // The same, in-process and without HTTP: the gateway's own CPU per call, the ledger's share.
  console.log('\nin-process, CPU per call (mock provider, 50 in flight, alternating rounds):');
  const modes = ['off', 'ledger', 'full'];
  const cost = Object.fromEntries(modes.map((m) => [m, []]));
  for (let round = 0; round < ROUNDS; round++)
    for (const m of modes) cost[m].push(JSON.parse(execFileSync(process.execPath, [`${here}inprocess-cost.mjs`, m], { encoding: 'utf8' })).cpuUsPerCall);
  const base = median(cost.off);
  for (const m of modes) console.log(`${m.padEnd(8)} ${median(cost[m]).toFixed(1)} µs/call (+${(median(cost[m]) - base).toFixed(1)} µs)   rounds: ${cost[m].map((x) => x.toFixed(1)).join(', ')}`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
