/** Repro (item-type-tostring), found by the inbound fuzzer (test/hardening/reliability-fuzz.test.ts): a Responses input item whose type is {"toString":1} is a 400 naming the field. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockGateway, type ReproGateway } from './helpers.js';

let gw: ReproGateway;
beforeAll(async () => {
  gw = await mockGateway();
});
afterAll(() => gw.close());

describe('repro: item-type-tostring', () => {
  it('a Responses input item whose type is {"toString":1} is a 400 naming the field', async () => {
    const res = await gw.post('/v1/responses', { model: 'mock-1', input: [{ type: { toString: 1, valueOf: 2 }, role: 'user', content: 'hi' }] });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^input\.0\.type: /);
  });
});
