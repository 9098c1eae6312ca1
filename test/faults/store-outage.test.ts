/**
 * Issue 22, items 1-3: PostgreSQL stopped under load, then started again. Every answered call's
 * usage row waits in the spool and reaches the database exactly once when it is back; no call
 * hangs past its deadline; `/readyz` names the store while it is away and `/healthz` stays up;
 * the failure modes decide what callers get meanwhile (fail_open: served, saying so; fail_closed:
 * a 503 in their dialect naming the store).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { sleep, startLoad } from '../helpers/load.js';
import { hasPostgres, type PostgresProcess, startPostgres } from '../helpers/postgres.js';

let pg: PostgresProcess | undefined;
let fake: FakeUpstream | undefined;
let tk: Tokligence | undefined;
let gateway: { url: string; close(ms?: number): Promise<void> } | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await gateway?.close(0);
  await tk?.close();
  await fake?.close();
  await pg?.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  gateway = tk = fake = pg = undefined;
});

async function start(failureModes: Record<string, unknown>, team: Record<string, unknown> = {}) {
  pg = await startPostgres();
  fake = await startFakeUpstream({ handler: chatCompletionReply('ok') });
  const dir = mkdtempSync(join(tmpdir(), 'tk-outage-'));
  dirs.push(dir);
  tk = new Tokligence({
    env: {},
    gateway: { auth: { enabled: true, keys: [{ name: 'alice', key: 'tk-alice-secret-1' }, { name: 'bob', key: 'tk-bob-secret-1' }] } },
    providers: { openai: { type: 'openai', baseUrl: `${fake.url}/v1`, apiKey: 'sk-test' } },
    database: { type: 'postgresql', url: pg.url, spoolDir: join(dir, 'spool'), ledgerBatchMs: 20, timeoutMs: 1000 },
    team: { enabled: true, ...team },
    failureModes: { probeIntervalMs: 200, ...failureModes },
  } as never);
  gateway = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
  return { pg, tk, url: gateway.url };
}

/** Request ids in the usage table, with how often each occurs. */
async function ledgerIds(url: string): Promise<Map<string, number>> {
  const { default: pgm } = await import('pg');
  const client = new pgm.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ request_id: string; n: string }>('SELECT request_id, count(*) AS n FROM usage GROUP BY request_id');
    return new Map(rows.map((r) => [r.request_id, Number(r.n)]));
  } finally {
    await client.end();
  }
}

async function until(check: () => Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(200);
  }
}

async function drained(t: Tokligence) {
  const deadline = Date.now() + 20_000;
  while ((t.governance?.ledger?.pending ?? 0) > 0 && Date.now() < deadline) await sleep(100);
  expect(t.governance?.ledger?.pending).toBe(0);
}

describe.skipIf(!hasPostgres())('PostgreSQL away under load', () => {
  it('fail_open: calls go on (marked degraded), every answered call is in the ledger exactly once after it is back', { timeout: 120_000 }, async () => {
    const { pg, tk, url } = await start({ auth: 'fail_open' });
    const load = startLoad({ url, key: 'tk-alice-secret-1', workers: 4, deadlineMs: 10_000 });
    await sleep(1000);
    const before = load.report.answered.length;
    await pg.halt();
    await until(async () => ((await (await fetch(`${url}/readyz`)).json()) as { status: string }).status === 'degraded');
    // Down: /readyz names the store and what each feature does meanwhile; /healthz is up.
    const ready = await fetch(`${url}/readyz`);
    const body = (await ready.json()) as { status: string; parts: Array<{ part: string; target: string; error: string; failOpen: string[]; failClosed: string[] }> };
    expect(body.status).toBe('degraded');
    expect(body.parts.map((p) => p.part)).toEqual(['store']);
    expect(body.parts[0]?.target).toMatch(/^PostgreSQL 127\.0\.0\.1:\d+\/postgres$/);
    expect(body.parts[0]?.failOpen).toContain('auth');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const duringStart = load.report.answered.length;
    // Calls go on while the store is away (waited for, not slept: the machine may be slow).
    await until(async () => load.report.answered.length >= duringStart + 5, 30_000);
    const during = load.report.answered.length - duringStart;
    expect(tk.governance?.ledger?.pending).toBeGreaterThan(0);
    await pg.restart();
    await sleep(2000);
    const report = await load.stop();
    await drained(tk);
    expect((await (await fetch(`${url}/readyz`)).json()) as unknown).toEqual({ status: 'ready' });

    expect(before).toBeGreaterThan(0);
    expect(during).toBeGreaterThan(0);
    expect(report.hung).toBe(0);
    expect(report.failed).toBe(0);
    expect([...report.refused.keys()]).toEqual([]);
    expect(report.degraded.get('auth') ?? 0).toBeGreaterThan(0);
    const ids = await ledgerIds(pg.url);
    const missing = report.answered.filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
    expect([...ids.values()].every((n) => n === 1)).toBe(true);
    expect(ids.size).toBe(report.answered.length);
  });

  it('fail_closed (the default for auth): a 503 in the dialect naming the store, fast; answered calls are all recorded', { timeout: 120_000 }, async () => {
    const { pg, tk, url } = await start({});
    const load = startLoad({ url, key: 'tk-alice-secret-1', workers: 4, deadlineMs: 10_000 });
    await sleep(1000);
    await pg.halt();
    await sleep(1500);
    const t0 = performance.now();
    const res = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'tk-alice-secret-1', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'openai/gpt-4o', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const took = performance.now() - t0;
    const error = (await res.json()) as { type: string; error: { type: string; message: string } };
    expect(res.status).toBe(529);
    expect(error.type).toBe('error');
    expect(error.error.type).toBe('overloaded_error');
    expect(error.error.message).toMatch(/store is unavailable.*failure_modes\.auth is fail_closed/);
    // The circuit is open: refused at once, not after database.timeout_ms.
    expect(took).toBeLessThan(500);
    const ready = await fetch(`${url}/readyz`);
    expect(((await ready.json()) as { parts: Array<{ failClosed: string[] }> }).parts[0]?.failClosed).toContain('auth');
    await pg.restart();
    await sleep(2000);
    const report = await load.stop();
    await drained(tk);

    expect(report.hung).toBe(0);
    expect(report.refused.get(503)?.count ?? 0).toBeGreaterThan(0);
    expect(report.refused.get(503)?.example).toMatch(/store/);
    const ids = await ledgerIds(pg.url);
    expect(report.answered.filter((id) => !ids.has(id))).toEqual([]);
    expect([...ids.values()].every((n) => n === 1)).toBe(true);
  });

  it('paused (SIGSTOP) and resumed: no call waits past the store timeout, every answered call is recorded once', { timeout: 120_000 }, async () => {
    const { pg, tk, url } = await start({ auth: 'fail_open' });
    const load = startLoad({ url, key: 'tk-alice-secret-1', workers: 4, deadlineMs: 10_000 });
    await sleep(1000);
    pg.pause();
    await until(async () => ((await (await fetch(`${url}/readyz`)).json()) as { status: string }).status === 'degraded');
    await sleep(2000);
    pg.resume();
    await until(async () => ((await (await fetch(`${url}/readyz`)).json()) as { status: string }).status === 'ready');
    await sleep(500);
    const report = await load.stop();
    await drained(tk);
    expect(report.hung).toBe(0);
    expect(report.failed).toBe(0);
    expect([...report.refused.keys()]).toEqual([]);
    // database.timeout_ms is 1 s here: the calls that met the pause waited for it once, not more.
    expect(report.slowestMs).toBeLessThan(5000);
    const ids = await ledgerIds(pg.url);
    expect(report.answered.filter((id) => !ids.has(id))).toEqual([]);
    expect([...ids.values()].every((n) => n === 1)).toBe(true);
  });

  const expensive = (url: string, key = 'tk-alice-secret-1') =>
    fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      // Worst case ~$0.01 at gpt-4o's list price (1,000 output tokens at $10 a million).
      body: JSON.stringify({ model: 'openai/gpt-4o', max_tokens: 1000, messages: [{ role: 'user', content: 'hi' }] }),
    });

  it('budgets, fail_open: a burst while the store is away takes at most the outage allowance (+ one call) per counter', { timeout: 60_000 }, async () => {
    const { pg, tk, url } = await start({ auth: 'fail_open', budgets: 'fail_open', budgetOutageAllowance: 0.03 }, { quotas: { perUserDaily: 1 } });
    // Bob's call opens the store; Alice has no lease yet when it goes away.
    expect((await expensive(url, 'tk-bob-secret-1')).status).toBe(200);
    await pg.halt();
    const statuses: number[] = [];
    let refusal = '';
    for (let i = 0; i < 6; i++) {
      const res = await expensive(url);
      statuses.push(res.status);
      const text = await res.text();
      if (res.status === 200) expect(res.headers.get('x-tokligence-degraded')).toBe('auth,budgets');
      else refusal = text;
    }
    // $0.01 estimates against a $0.03 allowance: three admitted, then 429s naming the allowance.
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect(refusal).toMatch(/outage allowance of \$0\.0300 for the .*failure_modes\.budget_outage_allowance/);
    await pg.restart();
    await until(async () => (await expensive(url)).status === 200);
    await drained(tk);
    // The three calls admitted during the outage are recorded, and their cost is in the budget's spend.
    const ids = await ledgerIds(pg.url);
    expect(ids.size).toBeGreaterThanOrEqual(4);
  });

  it('budgets, fail_closed: a call a cap applies to is refused with a 503 naming the store', { timeout: 60_000 }, async () => {
    const { pg, url } = await start({ auth: 'fail_open', budgets: 'fail_closed' }, { quotas: { perUserDaily: 1 } });
    expect((await expensive(url, 'tk-bob-secret-1')).status).toBe(200);
    await pg.halt();
    const res = await expensive(url);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/Budgets cannot be checked: store is unavailable.*failure_modes\.budgets is fail_closed/);
    await pg.restart();
    await until(async () => (await expensive(url)).status === 200);
  });
});
