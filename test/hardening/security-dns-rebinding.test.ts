/** DNS rebinding: a configured hostname that resolves to a metadata address at connect time is refused. */
import type { LookupAddress } from 'node:dns';
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { guardedLookup } from '../../src/providers/transports/guarded-lookup.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';

type Answer = string | LookupAddress[];
const resolvingTo = (answer: Answer) => (_h: string, _o: object, cb: (e: NodeJS.ErrnoException | null, a: Answer, f?: number) => void) => cb(null, answer, 4);
const run = (answer: Answer) =>
  new Promise<{ err: NodeJS.ErrnoException | null; address: Answer }>((resolve) => guardedLookup(resolvingTo(answer))('api.example.test', {}, (err, address) => resolve({ err, address })));

let fake: FakeUpstream | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('guarded DNS lookup for upstream connections', () => {
  it('refuses names that resolve to link-local or metadata addresses, single or `all` answers', async () => {
    for (const bad of ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200', 'fe80::1']) {
      const { err } = await run(bad);
      expect(err?.code, bad).toBe('ELINKLOCAL');
      expect(err?.message).toContain('allow_link_local');
    }
    const { err } = await run([{ address: '10.0.0.7', family: 4 }, { address: '169.254.169.254', family: 4 }]);
    expect(err?.code).toBe('ELINKLOCAL');
  });

  it('lets private and public addresses through (self-hosted models live on private networks)', async () => {
    for (const ok of ['10.0.0.7', '192.168.1.20', '127.0.0.1', '203.0.113.9', '::1']) expect((await run(ok)).err, ok).toBeNull();
  });

  it('is on the real connect path: a hostname upstream (localhost) still works', async () => {
    fake = await startFakeUpstream();
    fake.replies.push({ json: { id: 'c', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] } });
    const port = new URL(fake.url).port;
    const tk = new Tokligence({ env: {}, configFile: false, providers: { up: { type: 'openai-compatible', baseUrl: `http://localhost:${port}/v1` } } } as never);
    const res = await tk.chat.completions.create({ model: 'up/m', messages: [{ role: 'user', content: 'hi' }] });
    expect(res.choices[0]?.message.content).toBe('ok');
  });
});
