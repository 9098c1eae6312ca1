/**
 * Three `tokligence serve` processes behind a real nginx, sharing one PostgreSQL (store, ledger)
 * and one Redis (rate limits, Responses conversations): the deployment the Helm chart and the
 * Compose file describe, on one machine. Under a bounded load one instance is killed (SIGKILL) and
 * restarted on its port: callers see only retriable errors for calls in flight on it, every
 * answered call is in the shared ledger exactly once, a Responses conversation goes on through
 * every instance (the restarted one included, whose memory is empty), and a per-user rate limit
 * holds exactly across the three.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { hasNginx, type NginxProcess, startNginx } from '../helpers/nginx.js';
import { freePort } from '../helpers/ports.js';
import { createDatabase } from '../helpers/postgres.js';
import { hasRedisServer, type RedisProcess, startRedis } from '../helpers/redis.js';
import { type ServeProcess, startServe } from '../helpers/serve.js';

const pgUrl = inject('postgresUrl');
/** Requests per user per hour, for every user: the load spreads over enough users to stay under it. */
const LIMIT = 20;
const LOAD_USERS = 40;
const WORKERS = 6;

let fake: FakeUpstream;
let redis: RedisProcess;
let nginx: NginxProcess;
let dbUrl: string;
let root: string;
const ports: number[] = [];
const dirs: string[] = [];
const servers: ServeProcess[] = [];

const keyOf = (user: string) => `tk-${user}-secret-1`;
const start = (i: number) => startServe(['--port', String(ports[i]), '--no-watch'], {}, dirs[i] as string);

interface Answer {
  status: number;
  upstream: string | null;
  body: string;
  /** The connection broke after the head (a stream cut off by the kill). */
  broken?: boolean;
}

async function call(url: string, user: string, path: string, body: unknown, requestId?: string): Promise<Answer> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${keyOf(user)}`, ...(requestId ? { 'x-request-id': requestId } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  try {
    return { status: res.status, upstream: res.headers.get('x-upstream'), body: await res.text() };
  } catch {
    return { status: res.status, upstream: res.headers.get('x-upstream'), body: '', broken: true };
  }
}

const chat = (url: string, user: string, id: string, stream = false) =>
  call(url, user, '/v1/chat/completions', { model: 'up/gpt-4o', stream, messages: [{ role: 'user', content: `hi ${id}` }] }, id);

/** Request ids in the usage table, with how often each occurs. */
async function ledgerIds(): Promise<Map<string, number>> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ request_id: string; n: string }>('SELECT request_id, count(*) AS n FROM usage GROUP BY request_id');
    return new Map(rows.map((r) => [r.request_id, Number(r.n)]));
  } finally {
    await client.end();
  }
}

describe.skipIf(!pgUrl || !hasRedisServer() || !hasNginx())('three instances behind nginx, sharing PostgreSQL and Redis', () => {
  beforeAll(async () => {
    fake = await startFakeUpstream({ handler: chatCompletionReply((req) => `answer ${(req.body as { messages: unknown[] }).messages.length}`) });
    // A little upstream latency keeps calls in flight at the moment of the kill.
    const reply = fake.handler!;
    fake.handler = async (req) => ({ ...(await reply(req)), delayMs: 10 + Math.floor(Math.random() * 30) });
    redis = await startRedis();
    dbUrl = await createDatabase(pgUrl);
    root = mkdtempSync(join(tmpdir(), 'tk-cluster-'));
    const users = ['alice', 'bob', ...Array.from({ length: LOAD_USERS }, (_, i) => `load${i}`)];
    for (let i = 0; i < 3; i++) {
      ports.push(await freePort());
      const dir = join(root, `instance-${i}`);
      mkdirSync(dir);
      dirs.push(dir);
      // The same config everywhere but for each instance's own usage spool (what a pod's volume holds).
      writeFileSync(
        join(dir, 'tokligence.yaml'),
        [
          'gateway:',
          '  auth:',
          '    enabled: true',
          `    keys: [${users.map((u) => `{ name: ${u}, key: ${keyOf(u)} }`).join(', ')}]`,
          'providers:',
          `  up: { type: openai-compatible, base_url: "${fake.url}/v1" }`,
          'database:',
          '  type: postgresql',
          `  url: ${dbUrl}`,
          `  spool_dir: ${join(dir, 'spool')}`,
          // Generous: on a busy 2-core CI machine a lookup can take seconds; this test is about the kill.
          '  timeout_ms: 15000',
          'team: { enabled: true }',
          'rate_limit:',
          '  enabled: true',
          `  per_user_per_hour: ${LIMIT}`,
          '  type: redis',
          `  redis: { url: "${redis.url}", timeout_ms: 5000 }`,
          'failure_modes: { rate_limit: fail_closed }',
          `cache: { redis: { url: "${redis.url}", timeout_ms: 5000 } }`,
          'agent: { enable_session_persistence: true, session_store: redis }',
        ].join('\n'),
      );
    }
    servers.push(...(await Promise.all([0, 1, 2].map(start))));
    nginx = await startNginx(ports);
  }, 120_000);

  afterAll(async () => {
    for (const s of servers) await s?.kill9();
    await nginx?.stop();
    await redis?.stop();
    await fake?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('an instance killed under load: only retriable errors, no answered call missing from the ledger, conversations and limits shared', { timeout: 240_000 }, async () => {
    // An hour window: do not start in the last seconds of one.
    const now = new Date();
    if (now.getUTCMinutes() === 59 && now.getUTCSeconds() > 40) await new Promise((r) => setTimeout(r, 21_000));
    const direct = (i: number) => servers[i]!.url;

    // A Responses conversation begun on instance 0, continued on instance 1 (the one to be killed).
    const ask = async (url: string, input: string, previous?: string) => {
      const a = await call(url, 'alice', '/v1/responses', { model: 'up/gpt-4o', input, store: true, ...(previous ? { previous_response_id: previous } : {}) });
      expect(a.status, a.body).toBe(200);
      return JSON.parse(a.body) as { id: string; output_text?: string; output: Array<{ content?: Array<{ text?: string }> }> };
    };
    const turn1 = await ask(direct(0), 'remember the number 42');
    const turn2 = await ask(direct(1), 'which number?', turn1.id);
    // The upstream got the whole conversation: two user turns and the first answer.
    expect(JSON.stringify(fake.requests.at(-1)?.body)).toContain('remember the number 42');
    expect(turn2.output[0]?.content?.[0]?.text).toBe('answer 3');

    // The load: WORKERS callers through nginx, each call as the next load user with room under the limit.
    const answered: string[] = [];
    const refused = new Map<number, number>();
    const examples: string[] = [];
    let broken = 0;
    const sent = new Map<string, number>();
    let n = 0;
    let stop = false;
    const nextUser = () => {
      for (let k = 0; k < LOAD_USERS; k++) {
        const user = `load${(n + k) % LOAD_USERS}`;
        if ((sent.get(user) ?? 0) < LIMIT) {
          sent.set(user, (sent.get(user) ?? 0) + 1);
          return user;
        }
      }
      return undefined;
    };
    const worker = async () => {
      while (!stop) {
        const user = nextUser();
        if (!user) return; // bounded: every load user has had LIMIT calls
        const id = `load-${++n}`;
        const a = await chat(nginx.url, user, id, n % 3 === 0).catch(() => ({ status: 0, upstream: null, body: '', broken: true }));
        if (a.broken) broken++;
        else if (a.status === 200) answered.push(id);
        else {
          refused.set(a.status, (refused.get(a.status) ?? 0) + 1);
          if (examples.length < 5) examples.push(`${a.status} ${a.upstream}: ${a.body.slice(0, 300)}`);
        }
      }
    };
    let finished = false;
    const load = Promise.all(Array.from({ length: WORKERS }, worker)).finally(() => {
      finished = true;
    });
    const waitFor = async (count: number) => {
      while (answered.length < count && !finished) await new Promise((r) => setTimeout(r, 50));
    };
    await waitFor(60);
    const beforeKill = answered.length;
    await servers[1]!.kill9();
    await waitFor(beforeKill + 40);
    // Restarted on its port and spool: what an orchestrator does with a dead pod.
    servers[1] = await start(1);
    await waitFor(answered.length + 60);
    stop = true;
    await load;

    // Callers saw answers, 502s from nginx for calls in flight on the killed instance, or a
    // stream cut off after its head: nothing else, and at most one per caller in flight.
    expect([...refused.keys()].filter((s) => s !== 502), examples.join('\n')).toEqual([]);
    expect((refused.get(502) ?? 0) + broken).toBeLessThanOrEqual(WORKERS);
    expect(answered.length).toBeGreaterThan(beforeKill + 100);

    // The conversation goes on on the restarted instance (its memory is new: the state is in Redis)…
    const turn3 = await ask(direct(1), 'and now?', turn2.id);
    expect(turn3.output[0]?.content?.[0]?.text).toBe('answer 5');
    // …and through the load balancer, wherever it lands.
    const turn4 = await ask(nginx.url, 'once more', turn3.id);
    expect(turn4.output[0]?.content?.[0]?.text).toBe('answer 7');

    // nginx keeps an instance it could not reach out of rotation for fail_timeout (2 s) after the
    // last failure; on a fast machine the load above ends sooner. Wait until it routes to all three.
    const seen = new Set<string | null>();
    for (let i = 0; i < 200 && seen.size < 3; i++) {
      const res = await fetch(`${nginx.url}/healthz`);
      await res.arrayBuffer();
      seen.add(res.headers.get('x-upstream'));
      if (seen.size < 3) await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen.size).toBe(3);

    // One user's burst through nginx: exactly LIMIT admitted over the three instances.
    const burst = await Promise.all(Array.from({ length: LIMIT * 3 }, (_, i) => chat(nginx.url, 'bob', `burst-${i}`)));
    const ok = burst.filter((a) => a.status === 200);
    expect(ok).toHaveLength(LIMIT);
    expect(burst.filter((a) => a.status === 429)).toHaveLength(LIMIT * 2);
    expect(new Set(burst.map((a) => a.upstream)).size).toBe(3);
    expect(JSON.parse(burst.find((a) => a.status === 429)!.body).error.message).toMatch(/^Rate limit reached: 20 requests per hour for user bob/);

    // SIGTERM everywhere: queued rows are written (the restarted instance replayed the killed one's spool).
    for (const s of servers) expect(await s.stop()).toBe(0);
    const ids = await ledgerIds();
    const missing = answered.filter((id) => ids.get(id) !== 1);
    expect(missing).toEqual([]);
    for (let i = 0; i < LIMIT * 3; i++) if (burst[i]!.status === 200) expect(ids.get(`burst-${i}`)).toBe(1);
    expect([...ids.keys()].filter((id) => id.startsWith('burst-'))).toHaveLength(LIMIT);
  });
});
