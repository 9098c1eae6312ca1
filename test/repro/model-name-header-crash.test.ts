/** Repro (model-name-header-crash), found by the inbound fuzzer (test/hardening/reliability-fuzz.test.ts): a model name with control or non-Latin-1 characters does not break the answer headers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockGateway, type ReproGateway } from './helpers.js';

let gw: ReproGateway;
beforeAll(async () => {
  gw = await mockGateway();
});
afterAll(() => gw.close());

describe('repro: model-name-header-crash', () => {
  it('a model name with control or non-Latin-1 characters does not break the answer headers', async () => {
    for (const model of ['mock\u0000\n1', '🙂 model', '\ud800bad', 'caf\u00e9']) {
      const res = await gw.post('/v1/chat/completions', { model, messages: [{ role: 'user', content: 'hi' }] });
      expect(res.status, JSON.stringify(model)).toBe(200);
      expect(res.headers.get('x-tokligence-route')).toMatch(/^[\x20-\x7e]+$/);
    }
    // Over HTTP the Node listener used to throw inside writeHead: an unhandled rejection.
    const res = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: '🙂\u0007', messages: [{ role: 'user', content: 'hi' }] }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-tokligence-route')).toContain('%F0%9F%99%82%07');
  });
});
