/** Repro (count-tokens-quadratic), found by the inbound fuzzer (test/hardening/reliability-fuzz.test.ts): 200 KB without whitespace is counted in well under a second (it took minutes). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockGateway, type ReproGateway } from './helpers.js';

let gw: ReproGateway;
beforeAll(async () => {
  gw = await mockGateway();
});
afterAll(() => gw.close());

describe('repro: count-tokens-quadratic', () => {
  it('200 KB without whitespace is counted in well under a second (it took minutes)', async () => {
    await gw.post('/v1/messages/count_tokens', { model: 'mock-1', messages: [{ role: 'user', content: 'warm up' }] });
    const started = performance.now();
    const res = await gw.post('/v1/messages/count_tokens', { model: 'mock-1', messages: [{ role: 'user', content: 'x'.repeat(200_000) }] });
    const ms = performance.now() - started;
    expect(res.status).toBe(200);
    const { input_tokens } = await res.json();
    // o200k makes 8 x's a token: the slices keep the count within a few percent.
    expect(input_tokens).toBeGreaterThan(24_000);
    expect(input_tokens).toBeLessThan(26_500);
    expect(ms).toBeLessThan(1500);
  });
});
