/** Repro (deep-nesting-500), found by the inbound fuzzer (test/hardening/reliability-fuzz.test.ts): a tool schema nested 10k levels deep is a 400, not a stack overflow. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockGateway, type ReproGateway } from './helpers.js';

let gw: ReproGateway;
beforeAll(async () => {
  gw = await mockGateway();
});
afterAll(() => gw.close());

describe('repro: deep-nesting-500', () => {
  it('a tool schema nested 10k levels deep is a 400, not a stack overflow', async () => {
    const deep = `${'{"a":'.repeat(10_000)}{}${'}'.repeat(10_000)}`;
    for (const [path, body] of [
      ['/v1/messages', `{"model":"mock-1","max_tokens":8,"messages":[{"role":"user","content":"hi"}],"tools":[{"name":"t","input_schema":${deep}}]}`],
      ['/v1/chat/completions', `{"model":"mock-1","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":${deep}}}}`],
      ['/v1/responses', `{"model":"mock-1","input":${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
      ['/v1/messages/count_tokens', `{"model":"mock-1","messages":[{"role":"user","content":"hi"}],"tools":[{"name":"t","input_schema":${deep}}]}`],
    ]) {
      const res = await gw.post(path as string, body as string);
      expect(res.status, path).toBe(400);
      expect(JSON.stringify(await res.json())).toMatch(/nested deeper than 128 levels/);
    }
    // Nesting inside strings does not count.
    const ok = await gw.post('/v1/chat/completions', { model: 'mock-1', messages: [{ role: 'user', content: '['.repeat(5000) }] });
    expect(ok.status).toBe(200);
  });
});
