/** Repro (count-tokens-special-token), found by the inbound fuzzer (test/hardening/reliability-fuzz.test.ts): `<|endoftext|>` in a message is counted as text, not a 500. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockGateway, type ReproGateway } from './helpers.js';

let gw: ReproGateway;
beforeAll(async () => {
  gw = await mockGateway();
});
afterAll(() => gw.close());

describe('repro: count-tokens-special-token', () => {
  it('`<|endoftext|>` in a message is counted as text, not a 500', async () => {
    const res = await gw.post('/v1/messages/count_tokens', { model: 'mock-1', messages: [{ role: 'user', content: 'a <|endoftext|> b <|im_start|>' }] });
    expect(res.status).toBe(200);
    expect((await res.json()).input_tokens).toBeGreaterThan(5);
  });
});
