import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { MemoryStore } from '../../src/store/index.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';

/**
 * `GET /admin/health` (the console's health page): providers with the targets this instance has
 * called, each circuit's state as the router holds it, latency and calls in flight; the store
 * read for real; the usage ledger's numbers. A failing upstream opens its target's circuit.
 */
const ADMIN_KEY = 'admin-key-health-0123456789';
let upstream: FakeUpstream;
let tk: Tokligence;
let gateway: { url: string; close(ms?: number): Promise<void> };

beforeAll(async () => {
  upstream = await startFakeUpstream({
    handler: (req) => {
      const model = (req.body as { model: string }).model;
      if (model === 'gpt-broken') return { status: 500, json: { error: { message: 'upstream down', type: 'server_error' } } };
      return { json: { id: 'c1', object: 'chat.completion', created: 1, model, choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop', logprobs: null }], usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } } };
    },
  });
  tk = new Tokligence({
    env: {},
    store: new MemoryStore(),
    providers: { openai: { type: 'openai', baseUrl: `${upstream.url}/v1`, apiKey: 'sk-health-secret' } },
    models: { 'gpt-*': 'openai/*' },
    team: { enabled: true },
    retry: { attempts: 0 },
    routing: { cooldown: { min_requests: 2, failure_ratio: 0.5 } },
    cache: { enabled: false },
    admin: { key: ADMIN_KEY },
  } as never);
  gateway = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
});
afterAll(async () => {
  await gateway?.close(0);
  await tk?.close();
  await upstream?.close();
});

const chat = (model: string) =>
  fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }) });
const health = async () => {
  const res = await fetch(`${gateway.url}/admin/health`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { providers: Array<{ name: string; targets: Array<Record<string, unknown>> }> } };
};

describe('GET /admin/health', () => {
  it('needs the admin key', async () => {
    expect((await fetch(`${gateway.url}/admin/health`)).status).toBe(401);
  });

  it('before any call: providers without targets, the store read, status ok', async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', store: { kind: 'memory', ok: true }, ledger: { failures: 0 } });
    expect(body.providers.find((p) => p.name === 'openai')).toEqual({ name: 'openai', type: 'openai', targets: [] });
  });

  it('a failing target’s circuit opens and the gateway reports degraded; a working one stays closed with its latency', async () => {
    expect((await chat('gpt-4o')).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await chat('gpt-broken')).status).toBeGreaterThanOrEqual(500);
    await tk.governance?.ledger?.flush();
    const { body } = await health();
    expect(body.status).toBe('degraded');
    const targets = Object.fromEntries((body.providers.find((p) => p.name === 'openai')?.targets ?? []).map((t) => [t.target, t]));
    expect(targets['openai/gpt-broken']).toMatchObject({ circuit: 'open', inFlight: 0 });
    expect(targets['openai/gpt-4o']).toMatchObject({ circuit: 'closed', inFlight: 0 });
    expect(targets['openai/gpt-4o']?.averageLatencyMs).toEqual(expect.any(Number));
    expect((body.ledger as { written: number }).written).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(body)).not.toContain('sk-health-secret');
  });
});
