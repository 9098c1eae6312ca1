import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { hasRedisServer, type RedisProcess, startRedis } from '../helpers/redis.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';

let redis: RedisProcess;
let up: FakeUpstream;
beforeAll(async () => {
  redis = await startRedis();
  up = await startFakeUpstream({ handler: chatCompletionReply((req) => `answer ${(req.body as { messages: unknown[] }).messages.length}`) });
});
afterAll(async () => {
  await up?.close();
  await redis?.stop();
});

/** The messages of the last request the upstream got. */
const lastMessages = (): unknown[] => (up.requests.at(-1)?.body as { messages?: unknown[] } | undefined)?.messages ?? [];

/** One gateway instance; several share one Redis. */
const instance = () =>
  new Tokligence({
    env: {},
    configFile: false,
    providers: { up: { type: 'openai-compatible', baseUrl: `${up.url}/v1` } },
    cache: { redis: { url: redis.url } },
    agent: { enableSessionPersistence: true, sessionStore: 'redis' },
  } as never);

describe.skipIf(!hasRedisServer())('agent.session_store: redis (state shared across instances)', () => {
  it('a Responses conversation started on one instance continues on another', async () => {
    const a = instance();
    const b = instance();
    try {
      const first = await a.responses.create({ model: 'up/m', input: 'remember the number 42', store: true });
      const second = await b.responses.create({ model: 'up/m', input: 'which number?', previous_response_id: first.id });
      expect(second.status).toBe('completed');
      const sent = up.requests.at(-1)?.body as { messages: Array<{ role: string; content: unknown }> };
      expect(JSON.stringify(sent.messages)).toContain('remember the number 42');
      expect(sent.messages.length).toBe(3);
      // …and back on the first, a turn later.
      const third = await a.responses.create({ model: 'up/m', input: 'and now?', previous_response_id: second.id });
      expect(third.status).toBe('completed');
      expect(lastMessages().length).toBe(5);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('an item_reference to an output item minted by one instance resolves on another', async () => {
    const a = instance();
    const b = instance();
    try {
      const first = await a.responses.create({ model: 'up/m', input: 'say something' });
      const item = first.output[0] as { id: string };
      await b.responses.create({ model: 'up/m', input: [{ type: 'item_reference', id: item.id }, { role: 'user', content: 'go on' }] as never });
      const sent = up.requests.at(-1)?.body as { messages: Array<{ role: string; content: unknown }> };
      expect(sent.messages.map((m) => m.role)).toEqual(['assistant', 'user']);
      expect(JSON.stringify(sent.messages[0])).toContain('answer 1');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('a reload that keeps the stores keeps their Redis connections: the conversation goes on after the old runtime retired', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tk-shared-reload-'));
    const file = join(dir, 'tokligence.yaml');
    const yaml = (model: string) =>
      [
        'providers:',
        `  up: { type: openai-compatible, base_url: "${up.url}/v1" }`,
        `models: { smart: up/${model} }`,
        `cache: { redis: { url: "${redis.url}" } }`,
        'agent: { enable_session_persistence: true, session_store: redis }',
      ].join('\n');
    writeFileSync(file, yaml('m'));
    const tk = new Tokligence({ configFile: file, env: {} });
    const other = instance();
    try {
      const first = await tk.responses.create({ model: 'smart', input: 'remember the colour blue', store: true });
      const old = tk.runtime;
      writeFileSync(file, yaml('m2'));
      expect(tk.reload().changed).toEqual(['models']);
      expect(tk.runtime.services.sessions).toBe(old.services.sessions);
      // The old runtime retires once idle (at once here): it closes what it still owns.
      await old.inflight.idle();
      await new Promise((r) => setTimeout(r, 100));
      const second = await tk.responses.create({ model: 'smart', input: 'which colour?', previous_response_id: first.id });
      expect(second.status).toBe('completed');
      const sent = up.requests.at(-1) as { body: { model: string; messages: unknown[] } };
      expect(sent.body.model).toBe('m2');
      expect(JSON.stringify(sent.body.messages)).toContain('remember the colour blue');
      // Items written after the reload are there for another instance too.
      const item = second.output[0] as { id: string };
      await other.responses.create({ model: 'up/m', input: [{ type: 'item_reference', id: item.id }, { role: 'user', content: 'go on' }] as never });
      expect(JSON.stringify(lastMessages()[0])).toContain('answer 3');
    } finally {
      await Promise.all([tk.close(), other.close()]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
