/**
 * Issue 22: a gateway started while PostgreSQL is down. It used to refuse to start (serve exited
 * on "cannot connect to PostgreSQL"), so a database restart at the wrong moment took the gateways
 * with it. Now `serve` starts: /healthz 200, /readyz names the store, calls get what
 * `failure_modes` says (served and marked degraded, or a 503 naming the store), and when
 * PostgreSQL comes up the gateway connects, migrates, and writes every answered call's row once.
 * A real `tokligence serve` process and a real PostgreSQL, shut down (fast shutdown, as
 * `pg_ctl stop -m fast`) before the gateway starts and started again under load.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { sleep, startLoad } from '../helpers/load.js';
import { hasPostgres, type PostgresProcess, startPostgres } from '../helpers/postgres.js';
import { type ServeProcess, startServe } from '../helpers/serve.js';

let pg: PostgresProcess | undefined;
let fake: FakeUpstream | undefined;
let serve: ServeProcess | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await serve?.kill9();
  await fake?.close();
  await pg?.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  serve = fake = pg = undefined;
});

async function until(check: () => Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(200);
  }
}

/** Request ids in the usage table with their counts; undefined while the table does not exist. */
async function ledgerIds(url: string): Promise<Map<string, number> | undefined> {
  const { default: pgm } = await import('pg');
  const client = new pgm.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ request_id: string; n: string }>('SELECT request_id, count(*) AS n FROM usage GROUP BY request_id');
    return new Map(rows.map((r) => [r.request_id, Number(r.n)]));
  } catch (err) {
    if ((err as { code?: string }).code === '42P01') return undefined;
    throw err;
  } finally {
    await client.end();
  }
}

async function startWhileDown(auth: 'fail_open' | 'fail_closed'): Promise<{ pg: PostgresProcess; serve: ServeProcess }> {
  pg = await startPostgres();
  await pg.halt();
  fake = await startFakeUpstream({ handler: chatCompletionReply('ok') });
  const dir = mkdtempSync(join(tmpdir(), 'tk-pg-late-'));
  dirs.push(dir);
  writeFileSync(
    join(dir, 'tokligence.yaml'),
    [
      'gateway:',
      '  auth: { enabled: true, keys: [{ name: alice, key: tk-alice-secret-1 }] }',
      'providers:',
      `  openai: { type: openai, base_url: "${fake.url}/v1", api_key: sk-test }`,
      'database:',
      '  type: postgresql',
      `  url: ${pg.url}`,
      `  spool_dir: ${join(dir, 'spool')}`,
      '  ledger_batch_ms: 20',
      '  timeout_ms: 1000',
      'team: { enabled: true }',
      `failure_modes: { auth: ${auth}, probe_interval_ms: 200 }`,
    ].join('\n'),
  );
  serve = await startServe([], {}, dir);
  return { pg, serve };
}

const readyz = async (url: string) => (await (await fetch(`${url}/readyz`)).json()) as { status: string; parts?: Array<{ part: string; target: string; error: string; failOpen: string[]; failClosed: string[] }> };

describe.skipIf(!hasPostgres())('a gateway started while PostgreSQL is down', () => {
  it('fail_open: starts, serves (degraded), connects and migrates when PostgreSQL is up; every answered call in the ledger once', { timeout: 120_000 }, async () => {
    const { pg, serve } = await startWhileDown('fail_open');
    const url = serve.url;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const down = await readyz(url);
    expect(down.status).toBe('degraded');
    expect(down.parts?.map((p) => p.part)).toEqual(['store']);
    expect(down.parts?.[0]?.target).toBe(`PostgreSQL 127.0.0.1:${pg.port}/postgres`);
    expect(down.parts?.[0]?.error).toMatch(/ECONNREFUSED/);
    expect(down.parts?.[0]?.failOpen).toContain('auth');
    // The operator hears it once, at start.
    expect(serve.stderr()).toMatch(/store .*is unavailable.*ECONNREFUSED/);

    const load = startLoad({ url, key: 'tk-alice-secret-1', workers: 4, deadlineMs: 10_000 });
    await until(async () => load.report.answered.length >= 20);
    expect(load.report.degraded.get('auth') ?? 0).toBeGreaterThan(0);
    await pg.restart();
    await until(async () => (await readyz(url)).status === 'ready');
    await sleep(500);
    const report = await load.stop();
    // Migrated by the gateway, and every answered call written once.
    await until(async () => ((await ledgerIds(pg.url))?.size ?? 0) >= report.answered.length);
    const ids = (await ledgerIds(pg.url)) as Map<string, number>;
    expect(report.hung).toBe(0);
    expect(report.failed).toBe(0);
    expect([...report.refused.keys()]).toEqual([]);
    expect(report.answered.filter((id) => !ids.has(id))).toEqual([]);
    expect([...ids.values()].every((n) => n === 1)).toBe(true);
    expect(ids.size).toBe(report.answered.length);
    // A clean stop after all that.
    expect(await serve.stop()).toBe(0);
  });

  it('fail_closed (the default for auth): starts, refuses calls with a 503 naming the store, serves once PostgreSQL is up', { timeout: 120_000 }, async () => {
    const { pg, serve } = await startWhileDown('fail_closed');
    const url = serve.url;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { parts: Array<{ failClosed: string[] }> }).parts[0]?.failClosed).toContain('auth');
    const res = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'tk-alice-secret-1', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'openai/gpt-4o', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(529);
    const body = (await res.json()) as { type: string; error: { type: string; message: string } };
    expect(body.error.type).toBe('overloaded_error');
    expect(body.error.message).toMatch(/store is unavailable.*failure_modes\.auth is fail_closed/);
    await pg.restart();
    await until(async () => (await readyz(url)).status === 'ready');
    const ok = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer tk-alice-secret-1', 'x-request-id': 'after-up-1' },
      body: JSON.stringify({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(ok.status).toBe(200);
    await until(async () => (await ledgerIds(pg.url))?.get('after-up-1') === 1);
  });
});
