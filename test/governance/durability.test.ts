/**
 * kill -9 under load: every call whose answer reached its caller has its usage row after a restart.
 * The ledger's batch window is set to a minute, so at the kill nothing has been written to the
 * database yet: every row has to come back from the spool.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { type ServeProcess, startServe } from '../helpers/serve.js';

let fake: FakeUpstream | undefined;
const servers: ServeProcess[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.kill9();
  await fake?.close();
});

describe('usage ledger durability', () => {
  it('loses no row of an answered call when the server is killed with SIGKILL under load', { timeout: 90_000 }, async () => {
    fake = await startFakeUpstream({ handler: chatCompletionReply('ok') });
    // A little upstream latency keeps calls in flight at the moment of the kill.
    const reply = fake.handler!;
    fake.handler = async (req) => ({ ...(await reply(req)), delayMs: 5 + Math.floor(Math.random() * 20) });
    const dir = mkdtempSync(join(tmpdir(), 'tk-durable-'));
    writeFileSync(
      join(dir, 'tokligence.yaml'),
      [
        'gateway:',
        '  auth: { enabled: true, keys: [{ name: alice, key: tk-alice-secret-1 }] }',
        'providers:',
        `  openai: { type: openai, base_url: "${fake.url}/v1", api_key: sk-test }`,
        'database:',
        `  type: sqlite`,
        `  path: ${join(dir, 'gateway.db')}`,
        `  spool_dir: ${join(dir, 'spool')}`,
        '  ledger_batch_ms: 60000',
        'team: { enabled: true }',
      ].join('\n'),
    );
    const first = await startServe([], {}, dir);
    servers.push(first);

    const answered: string[] = [];
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        const id = `req-${++n}`;
        try {
          const res = await fetch(`${first.url}/v1/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: 'Bearer tk-alice-secret-1', 'x-request-id': id },
            body: JSON.stringify({ model: 'openai/gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: n % 2 === 0 }),
          });
          // Answered = the whole body arrived (a stream to its end).
          const text = await res.text();
          if (res.status === 200 && text.length > 0) answered.push(id);
        } catch {
          // cut off by the kill
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    while (answered.length < 150) await new Promise((r) => setTimeout(r, 10));
    await first.kill9();
    stop = true;
    await Promise.all(workers);
    expect(readdirSync(join(dir, 'spool')).length).toBe(1);

    // The next start writes what the killed one left in the spool.
    const second = await startServe([], {}, dir);
    servers.push(second);
    expect(second.stderr()).toMatch(/recovered \d+ usage row/);
    // The recovered rows were written before it started listening.
    await second.stop();

    const store = await openStore({ type: 'sqlite', path: join(dir, 'gateway.db') });
    try {
      const missing: string[] = [];
      for (const id of answered) if (!(await store.ledger.get(id))) missing.push(id);
      expect(missing).toEqual([]);
      const [total] = await store.ledger.totals({ userId: 'alice' });
      expect(total?.requests).toBeGreaterThanOrEqual(answered.length);
    } finally {
      await store.close();
    }
  });
});
