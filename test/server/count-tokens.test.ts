/** CC-1: count_tokens is Anthropic's own answer for an Anthropic upstream, a local count otherwise. */
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';

let fake: FakeUpstream | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const body = {
  model: 'claude-sonnet-4-6',
  system: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }],
  messages: [{ role: 'user', content: 'hello there' }],
  tools: [{ name: 'Bash', description: 'Run a command', input_schema: { type: 'object', properties: { command: { type: 'string' } } } }],
  max_tokens: 1024,
  stream: true,
};

describe('POST /v1/messages/count_tokens', () => {
  it('asks an Anthropic upstream, forwarding only the fields count_tokens takes and the beta header', async () => {
    fake = await startFakeUpstream();
    fake.replies.push({ json: { input_tokens: 4242 } });
    const tk = new Tokligence({ env: {}, configFile: false, providers: { anthropic: { type: 'anthropic', baseUrl: fake.url, apiKey: 'k' } }, models: { 'claude-*': 'anthropic/*' } } as never);
    const server = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
    try {
      const res = await fetch(`${server.url}/v1/messages/count_tokens?beta=true`, { method: 'POST', headers: { 'anthropic-beta': 'token-counting-2024-11-01' }, body: JSON.stringify(body) });
      expect(await res.json()).toEqual({ input_tokens: 4242 });
    } finally {
      await server.close(0);
    }
    expect(fake.requests[0]?.url).toBe('/v1/messages/count_tokens');
    expect(fake.requests[0]?.headers['anthropic-beta']).toBe('token-counting-2024-11-01');
    const sent = fake.requests[0]?.body as Record<string, unknown>;
    expect(Object.keys(sent).sort()).toEqual(['messages', 'model', 'system', 'tools']);
    expect(sent.system).toEqual(body.system);
  });

  it('falls back to the local tokenizer when the upstream fails, and counts locally for other providers', async () => {
    fake = await startFakeUpstream();
    fake.replies.push({ status: 500, json: { type: 'error', error: { type: 'api_error', message: 'boom' } } });
    const tk = new Tokligence({ env: {}, configFile: false, providers: { anthropic: { type: 'anthropic', baseUrl: fake.url, apiKey: 'k' } }, models: { 'claude-*': 'anthropic/*' } } as never);
    const local = await tk.countTokens('anthropic', body);
    expect(local).toBeGreaterThan(10);
    const viaMock = await new Tokligence({ env: {}, configFile: false }).countTokens('anthropic', { ...body, model: 'mock/x' });
    expect(viaMock).toBe(local);
  });
});
