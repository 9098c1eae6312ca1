/** Repro (metrics-model-cardinality), found by the inbound fuzzer (test/hardening/reliability-fuzz.test.ts): caller-chosen model names do not grow /metrics without bound. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockGateway, type ReproGateway } from './helpers.js';

let gw: ReproGateway;
beforeAll(async () => {
  gw = await mockGateway();
});
afterAll(() => gw.close());

describe('repro: metrics-model-cardinality', () => {
  it('caller-chosen model names do not grow /metrics without bound', async () => {
    for (let i = 0; i < 400; i++) await (await gw.post('/v1/chat/completions', { model: `fuzz-model-${i}-${'z'.repeat(i % 3 === 0 ? 200 : 1)}`, messages: [{ role: 'user', content: 'hi' }] })).text();
    const text = await (await gw.server.fetch(new Request('http://gw/metrics'))).text();
    const models = new Set([...text.matchAll(/^tokligence_requests_total\{[^}]*model="([^"]*)"/gm)].map((m) => m[1]));
    expect(models.size).toBeLessThanOrEqual(201);
    expect(models.has('other')).toBe(true);
    expect([...models].every((m) => (m ?? '').length <= 128)).toBe(true);
  });
});
