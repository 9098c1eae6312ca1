import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { type FakeUpstream, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';

let gateway: { url: string; close(ms?: number): Promise<void> };
let authed: { url: string; close(ms?: number): Promise<void> };
let fake: FakeUpstream;

beforeAll(async () => {
  fake = await startFakeUpstream();
  const tk = new Tokligence({
    env: {},
    gateway: { maxBodyBytes: 50_000 },
    providers: { slow: { type: 'openai-compatible', baseUrl: `${fake.url}/v1` } },
    models: { 'my-alias': 'mock/mock-1' },
  });
  gateway = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
  const tk2 = new Tokligence({ env: {}, gateway: { auth: { enabled: true, keys: [{ name: 'alice', key: 'tk-secret-1' }] } } });
  authed = await createServer(tk2, { logLevel: 'silent' }).listen(0, '127.0.0.1');
});
afterAll(async () => {
  await gateway.close(0);
  await authed.close(0);
  await fake.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('health and discovery routes', () => {
  it('answers HEAD /, GET /api/hello, /healthz and /readyz with 200', async () => {
    for (const [method, path] of [['HEAD', '/'], ['GET', '/'], ['HEAD', '/api/hello'], ['GET', '/healthz'], ['GET', '/readyz']] as const) {
      const res = await fetch(`${gateway.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(200);
    }
  });

  it('lists models in the OpenAI shape, and in the Anthropic shape when anthropic-version is sent', async () => {
    const openai = await (await fetch(`${gateway.url}/v1/models`)).json();
    expect(openai.object).toBe('list');
    expect(openai.data.map((m: { id: string }) => m.id)).toContain('my-alias');
    const anthropic = await (await fetch(`${gateway.url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } })).json();
    expect(anthropic.data[0]).toMatchObject({ type: 'model' });
    expect(anthropic).toHaveProperty('has_more', false);
  });

  it('echoes x-request-id, and makes one when none is sent', async () => {
    const res = await fetch(`${gateway.url}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    const res2 = await fetch(`${gateway.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(res2.headers.get('x-request-id')).toMatch(/^req_/);
  });
});

describe('bad input gets a 4xx in the caller’s dialect', () => {
  it('malformed JSON on /v1/chat/completions → 400 OpenAI error shape', async () => {
    const res = await post('/v1/chat/completions', '{"model": ');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/JSON/);
  });

  it('missing messages on /v1/messages → 400 Anthropic error shape naming the field', async () => {
    const res = await post('/v1/messages?beta=true', { model: 'claude-x', max_tokens: 10 });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.type).toBe('error');
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/messages/);
  });

  it('a wrong type on /v1/responses → 400 naming the field', async () => {
    const res = await post('/v1/responses', { model: 'x', input: 42 });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.message).toMatch(/input/);
  });

  it('an oversized body → 413 in the dialect shape', async () => {
    const res = await post('/v1/messages', { model: 'x', max_tokens: 1, messages: [{ role: 'user', content: 'x'.repeat(60_000) }] });
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(body.error.type).toBe('request_too_large');
  });

  it('an unknown route → 404', async () => {
    const res = await post('/v1/nope', {});
    expect(res.status).toBe(404);
    const res2 = await fetch(`${gateway.url}/anthropic/v1/nope`, { method: 'POST', body: '{}' });
    expect((await res2.json()).type).toBe('error');
  });
});

describe('calls through the server', () => {
  it('streams Anthropic SSE with event: lines to an Anthropic caller (also under /anthropic)', async () => {
    const res = await post('/anthropic/v1/messages?beta=true', { model: 'my-alias', max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'hello' }] });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(res.headers.get('x-tokligence-route')).toContain('mock/mock-1');
    const text = await res.text();
    expect(text.startsWith('event: message_start\ndata: ')).toBe(true);
    expect(text.trimEnd().endsWith('event: message_stop\ndata: {"type":"message_stop"}')).toBe(true);
  });

  it('streams OpenAI chunks ending with [DONE] to a chat caller', async () => {
    const res = await post('/v1/chat/completions', { model: 'my-alias', stream: true, messages: [{ role: 'user', content: 'hello' }] });
    const text = await res.text();
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(text).not.toMatch(/^event:/m);
  });

  it('counts tokens locally, including tools', async () => {
    const base = { model: 'claude-x', messages: [{ role: 'user', content: 'hello there' }] };
    const a = await (await post('/v1/messages/count_tokens?beta=true', base)).json();
    const b = await (await post('/v1/messages/count_tokens', { ...base, tools: [{ name: 'Bash', description: 'Run a shell command in the sandbox', input_schema: { type: 'object', properties: { command: { type: 'string' } } } }] })).json();
    expect(a.input_tokens).toBeGreaterThan(0);
    expect(b.input_tokens).toBeGreaterThan(a.input_tokens);
  });

  it('exposes Prometheus metrics for the calls made', async () => {
    await post('/v1/chat/completions', { model: 'my-alias', messages: [{ role: 'user', content: 'count me' }] });
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(text).toMatch(/tokligence_requests_total\{[^}]*provider="mock"[^}]*status="200"\} \d+/);
    expect(text).toContain('tokligence_time_to_first_token_seconds_bucket');
    expect(text).toMatch(/tokligence_tokens_total\{[^}]*type="input"/);
  });

  it('aborts the upstream call when the client disconnects mid-stream', async () => {
    const chunk = (content: string) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] });
    fake.replies.push({ chunkDelayMs: 100, chunks: sseFrames(Array.from({ length: 50 }, (_, i) => ({ data: chunk(`t${i} `) }))) });
    const res = await post('/v1/messages', { model: 'slow/m', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    const upstreamReq = fake.requests[fake.requests.length - 1]!;
    for (let i = 0; i < 40 && !upstreamReq.clientClosed; i++) await new Promise((r) => setTimeout(r, 50));
    expect(upstreamReq.clientClosed).toBe(true);
  });
});

describe('auth', () => {
  it('rejects a call without a configured key in the caller’s dialect, accepts x-api-key and Bearer', async () => {
    const body = JSON.stringify({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] });
    const none = await fetch(`${authed.url}/v1/messages`, { method: 'POST', body });
    expect(none.status).toBe(401);
    expect((await none.json()).error.type).toBe('authentication_error');
    const ok = await fetch(`${authed.url}/v1/messages`, { method: 'POST', body, headers: { 'x-api-key': 'tk-secret-1' } });
    expect(ok.status).toBe(200);
    const bearer = await fetch(`${authed.url}/v1/chat/completions`, { method: 'POST', body, headers: { authorization: 'Bearer tk-secret-1' } });
    expect(bearer.status).toBe(200);
    const wrong = await fetch(`${authed.url}/v1/chat/completions`, { method: 'POST', body, headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.type).toBe('authentication_error');
  });
});
