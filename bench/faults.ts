/**
 * Faults under load (issue 22): a real PostgreSQL and Redis, a gateway in this process on loopback
 * with 8 callers, and one fault at a time: PostgreSQL stopped and started again, PostgreSQL paused
 * (SIGSTOP) and resumed, Redis (rate limits and cache) stopped and started, Redis paused. Prints,
 * per fault: calls served, refused (by status), hung (no answer within 15 s: must be 0), ledger
 * rows lost (answered calls without their row once the store is back: must be 0) and the time from
 * the part's return to `/readyz` saying ready.
 * Run: npm run bench:faults   (FAULT_SECONDS=… for the outage length, default 30)
 */
import { cpus } from 'node:os';
import { Tokligence } from '../src/index.js';
import { createServer } from '../src/server/index.js';
import { chatCompletionReply } from '../test/helpers/chat-upstream.js';
import { startFakeUpstream } from '../test/helpers/fake-upstream.js';
import { sleep, startLoad } from '../test/helpers/load.js';
import { createDatabase, hasPostgres, startPostgres } from '../test/helpers/postgres.js';
import { hasRedisServer, startRedis } from '../test/helpers/redis.js';

if (!hasPostgres() || !hasRedisServer()) {
  console.error('bench:faults needs PostgreSQL 15 (initdb, pg_ctl) and redis-server installed (.ci/run installs both)');
  process.exit(2);
}
const SECONDS = Number(process.env.FAULT_SECONDS ?? 30);
const WORKERS = 8;
const pg = await startPostgres();
const redis = await startRedis();
const fake = await startFakeUpstream({ handler: chatCompletionReply('ok') });
const KEY = 'tk-bench-secret-1';

interface Fault {
  name: string;
  /** failure_modes for this run. */
  modes: Record<string, string>;
  inject(): Promise<void> | void;
  heal(): Promise<void> | void;
  seconds: number;
}

const faults: Fault[] = [
  { name: 'PostgreSQL stopped (team defaults: auth and budgets fail_closed)', modes: {}, inject: pg.halt, heal: pg.restart, seconds: SECONDS },
  { name: 'PostgreSQL stopped (auth and budgets fail_open)', modes: { auth: 'fail_open', budgets: 'fail_open' }, inject: pg.halt, heal: pg.restart, seconds: SECONDS },
  { name: 'PostgreSQL paused, SIGSTOP (fail_open)', modes: { auth: 'fail_open', budgets: 'fail_open' }, inject: pg.pause, heal: pg.resume, seconds: Math.min(SECONDS, 10) },
  { name: 'Redis stopped (rate limits and cache fail_open)', modes: {}, inject: redis.stop, heal: redis.restart, seconds: Math.min(SECONDS, 10) },
  { name: 'Redis stopped (rate limits fail_closed)', modes: { rateLimit: 'fail_closed' }, inject: redis.stop, heal: redis.restart, seconds: Math.min(SECONDS, 10) },
  { name: 'Redis paused, SIGSTOP (fail_open)', modes: {}, inject: redis.pause, heal: redis.resume, seconds: Math.min(SECONDS, 10) },
];

async function ledgerIds(url: string, ids: string[]): Promise<Set<string>> {
  const { default: pgm } = await import('pg');
  const client = new pgm.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ request_id: string }>('SELECT request_id FROM usage WHERE request_id = ANY($1)', [ids]);
    return new Set(rows.map((r) => r.request_id));
  } finally {
    await client.end();
  }
}

const rows: string[] = [];
for (const fault of faults) {
  const dbUrl = await createDatabase(pg.url);
  const tk = new Tokligence({
    env: {},
    gateway: { auth: { enabled: true, keys: [{ name: 'bench', key: KEY }] } },
    providers: { openai: { type: 'openai', baseUrl: `${fake.url}/v1`, apiKey: 'sk-test' } },
    database: { type: 'postgresql', url: dbUrl, spoolDir: `/tmp/tk-bench-faults-${process.pid}`, timeoutMs: 1000 },
    team: { enabled: true, quotas: { perUserDaily: 1000 } },
    rateLimit: { enabled: true, type: 'redis', redis: { url: redis.url, timeoutMs: 300 }, perUserPerHour: 10_000_000 },
    cache: { enabled: true, type: 'redis', redis: { url: redis.url, timeoutMs: 300 } },
    failureModes: { probeIntervalMs: 250, ...fault.modes },
  } as never);
  const server = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
  const ready = async () => ((await (await fetch(`${server.url}/readyz`)).json()) as { status: string }).status === 'ready';
  // Warm: the store open, Redis connected, leases taken.
  while (!(await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: '{"model":"openai/gpt-4o","messages":[{"role":"user","content":"warm"}]}' }).then((r) => r.ok)))
    await sleep(100);
  const load = startLoad({ url: server.url, key: KEY, workers: WORKERS, deadlineMs: 15_000 });
  await sleep(3000);
  await fault.inject();
  await sleep(fault.seconds * 1000);
  await fault.heal();
  const healed = performance.now();
  while (!(await ready())) await sleep(50);
  const recovered = (performance.now() - healed) / 1000;
  await sleep(3000);
  const report = await load.stop();
  const drainDeadline = Date.now() + 60_000;
  while ((tk.governance?.ledger?.pending ?? 0) > 0 && Date.now() < drainDeadline) await sleep(100);
  const stored = await ledgerIds(dbUrl, report.answered);
  const lost = report.answered.filter((id) => !stored.has(id)).length;
  await server.close(0);
  await tk.close();
  const refused = [...report.refused.entries()].map(([status, r]) => `${r.count} × ${status}`).join(', ') || '0';
  const degraded = [...report.degraded.entries()].map(([f, n]) => `${n} ${f}`).join(', ') || '-';
  rows.push(
    `| ${fault.name}, ${fault.seconds} s | ${report.answered.length} | ${degraded} | ${refused} | ${report.hung} | ${report.failed} | ${lost} | ${recovered.toFixed(2)} s | ${Math.round(report.slowestMs)} ms |`,
  );
  console.error(rows[rows.length - 1]);
}
await fake.close();
await redis.stop();
await pg.stop();

console.log(`Node ${process.version} · ${cpus().length} cores · ${new Date().toISOString()} · ${WORKERS} callers on loopback`);
console.log('| fault | served | of which degraded | refused | hung | socket errors | ledger rows lost | back to ready after the part returned | slowest call |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
