import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';

let fake: FakeUpstream | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('error answers carry the decision log', () => {
  it('a call whose every target failed says which were tried, in x-tokligence-route', async () => {
    fake = await startFakeUpstream();
    fake.replies.push({ status: 503, json: { error: { message: 'down' } } }, { status: 503, json: { error: { message: 'down' } } });
    const tk = new Tokligence({
      env: {},
      configFile: false,
      retry: { attempts: 0 },
      providers: { a: { type: 'openai-compatible', baseUrl: `${fake.url}/v1` }, b: { type: 'openai-compatible', baseUrl: `${fake.url}/v1` } },
      models: { smart: ['a/m1', 'b/m2'] },
    } as never);
    const server = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
    try {
      const res = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] }) });
      expect(res.status).toBe(503);
      expect(res.headers.get('x-tokligence-attempts')).toBe('2');
      expect(res.headers.get('x-tokligence-route')).toMatch(/a\/m1;error;503, b\/m2;error;503/);
    } finally {
      await server.close(0);
    }
  });
});
