/** Repro (huge-model-name-headers-overflow), found by the inbound fuzzer (test/hardening/reliability-fuzz.test.ts): a 60 KB model name still gives an answer the client can read. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockGateway, type ReproGateway } from './helpers.js';

let gw: ReproGateway;
beforeAll(async () => {
  gw = await mockGateway();
});
afterAll(() => gw.close());

describe('repro: huge-model-name-headers-overflow', () => {
  it('a 60 KB model name still gives an answer the client can read', async () => {
    const res = await fetch(`${gw.url}/v1/responses`, { method: 'POST', body: JSON.stringify({ model: 'm'.repeat(60_000), input: 'hi' }) });
    expect(res.status).toBe(200);
    expect((res.headers.get('x-tokligence-route') ?? '').length).toBeLessThanOrEqual(1030);
    expect((await res.json()).object).toBe('response');
  });
});
