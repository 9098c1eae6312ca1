/**
 * Regression tests for the bugs the inbound fuzzer (reliability-fuzz.test.ts) found: each was a
 * 5xx, a thrown handler or an unreadable answer for a malformed request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolDefinition } from '../../src/core/types.js';
import { customToolSchema } from '../../src/dialects/shared/custom-tools.js';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';

let tk: Tokligence;
let server: ReturnType<typeof createServer>;
let http: { url: string; close(ms?: number): Promise<void> };

beforeAll(async () => {
  tk = new Tokligence({ env: {}, configFile: false } as never);
  server = createServer(tk, { logLevel: 'silent' });
  http = await server.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await http.close(0);
});

const call = (path: string, body: string | object) =>
  server.fetch(new Request(`http://gw${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }));

describe('bugs found by the inbound fuzzer', () => {
  it('repro-deep-nesting-500: a tool schema nested 10k levels deep is a 400, not a stack overflow', async () => {
    const deep = `${'{"a":'.repeat(10_000)}{}${'}'.repeat(10_000)}`;
    for (const [path, body] of [
      ['/v1/messages', `{"model":"mock-1","max_tokens":8,"messages":[{"role":"user","content":"hi"}],"tools":[{"name":"t","input_schema":${deep}}]}`],
      ['/v1/chat/completions', `{"model":"mock-1","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":${deep}}}}`],
      ['/v1/responses', `{"model":"mock-1","input":${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
      ['/v1/messages/count_tokens', `{"model":"mock-1","messages":[{"role":"user","content":"hi"}],"tools":[{"name":"t","input_schema":${deep}}]}`],
    ]) {
      const res = await call(path as string, body as string);
      expect(res.status, path).toBe(400);
      expect(JSON.stringify(await res.json())).toMatch(/nested deeper than 128 levels/);
    }
    // Nesting inside strings does not count.
    const ok = await call('/v1/chat/completions', { model: 'mock-1', messages: [{ role: 'user', content: '['.repeat(5000) }] });
    expect(ok.status).toBe(200);
  });

  it('repro-model-name-header-crash: a model name with control or non-Latin-1 characters does not break the answer headers', async () => {
    for (const model of ['mock\u0000\n1', '🙂 model', '\ud800bad', 'caf\u00e9']) {
      const res = await call('/v1/chat/completions', { model, messages: [{ role: 'user', content: 'hi' }] });
      expect(res.status, JSON.stringify(model)).toBe(200);
      expect(res.headers.get('x-tokligence-route')).toMatch(/^[\x20-\x7e]+$/);
    }
    // Over HTTP the Node listener used to throw inside writeHead: an unhandled rejection.
    const res = await fetch(`${http.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: '🙂\u0007', messages: [{ role: 'user', content: 'hi' }] }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-tokligence-route')).toContain('%F0%9F%99%82%07');
  });

  it('repro-huge-model-name-headers-overflow: a 60 KB model name still gives an answer the client can read', async () => {
    const res = await fetch(`${http.url}/v1/responses`, { method: 'POST', body: JSON.stringify({ model: 'm'.repeat(60_000), input: 'hi' }) });
    expect(res.status).toBe(200);
    expect((res.headers.get('x-tokligence-route') ?? '').length).toBeLessThanOrEqual(1030);
    expect((await res.json()).object).toBe('response');
  });

  it('repro-count-tokens-quadratic: 200 KB without whitespace is counted in well under a second (it took minutes)', async () => {
    await call('/v1/messages/count_tokens', { model: 'mock-1', messages: [{ role: 'user', content: 'warm up' }] });
    const started = performance.now();
    const res = await call('/v1/messages/count_tokens', { model: 'mock-1', messages: [{ role: 'user', content: 'x'.repeat(200_000) }] });
    const ms = performance.now() - started;
    expect(res.status).toBe(200);
    const { input_tokens } = await res.json();
    // o200k makes 8 x's a token: the slices keep the count within a few percent.
    expect(input_tokens).toBeGreaterThan(24_000);
    expect(input_tokens).toBeLessThan(26_500);
    expect(ms).toBeLessThan(1500);
  });

  it('repro-count-tokens-special-token: `<|endoftext|>` in a message is counted as text, not a 500', async () => {
    const res = await call('/v1/messages/count_tokens', { model: 'mock-1', messages: [{ role: 'user', content: 'a <|endoftext|> b <|im_start|>' }] });
    expect(res.status).toBe(200);
    expect((await res.json()).input_tokens).toBeGreaterThan(5);
  });

  it('repro-mock-tool-name-regex: a 300 KB tool name named in the message does not overflow a RegExp', async () => {
    const name = 'x'.repeat(300_000);
    const res = await call('/v1/chat/completions', {
      model: 'mock-1',
      messages: [{ role: 'user', content: `please use ${name} now` }],
      tools: [{ type: 'function', function: { name, parameters: { type: 'object', properties: {} } } }],
    });
    expect(res.status).toBeLessThan(500);
  });

  it('repro-item-type-tostring: a Responses input item whose type is {"toString":1} is a 400 naming the field', async () => {
    const res = await call('/v1/responses', { model: 'mock-1', input: [{ type: { toString: 1, valueOf: 2 }, role: 'user', content: 'hi' }] });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^input\.0\.type: /);
  });

  it('repro-metrics-model-cardinality: caller-chosen model names do not grow /metrics without bound', async () => {
    for (let i = 0; i < 400; i++) await (await call('/v1/chat/completions', { model: `fuzz-model-${i}-${'z'.repeat(i % 3 === 0 ? 200 : 1)}`, messages: [{ role: 'user', content: 'hi' }] })).text();
    const text = await (await server.fetch(new Request('http://gw/metrics'))).text();
    const models = new Set([...text.matchAll(/^tokligence_requests_total\{[^}]*model="([^"]*)"/gm)].map((m) => m[1]));
    expect(models.size).toBeLessThanOrEqual(201);
    expect(models.has('other')).toBe(true);
    expect([...models].every((m) => (m ?? '').length <= 128)).toBe(true);
  });

  it('repro-custom-tool-grammar-tostring: a custom tool grammar that is an object does not throw when wrapped', () => {
    const tool = { kind: 'custom', name: 'patch', format: { type: 'grammar', definition: { toString: 1 } } } as unknown as ToolDefinition;
    expect(() => customToolSchema(tool)).not.toThrow();
    expect(JSON.stringify(customToolSchema(tool))).toContain('toString');
  });
});
