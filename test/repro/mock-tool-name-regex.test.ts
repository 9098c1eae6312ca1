/** Repro (mock-tool-name-regex), found by the inbound fuzzer (test/hardening/reliability-fuzz.test.ts): a 300 KB tool name named in the message does not overflow a RegExp. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockGateway, type ReproGateway } from './helpers.js';

let gw: ReproGateway;
beforeAll(async () => {
  gw = await mockGateway();
});
afterAll(() => gw.close());

describe('repro: mock-tool-name-regex', () => {
  it('a 300 KB tool name named in the message does not overflow a RegExp', async () => {
    const name = 'x'.repeat(300_000);
    const res = await gw.post('/v1/chat/completions', {
      model: 'mock-1',
      messages: [{ role: 'user', content: `please use ${name} now` }],
      tools: [{ type: 'function', function: { name, parameters: { type: 'object', properties: {} } } }],
    });
    expect(res.status).toBeLessThan(500);
  });
});
