import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { createLogger } from '../../src/server/logger.js';
import { type FakeUpstream, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';

let fake: FakeUpstream | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const chunk = (content: string) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] });

describe('graceful shutdown', () => {
  it('stops accepting new connections but lets an in-flight stream finish', async () => {
    fake = await startFakeUpstream();
    fake.replies.push({ chunkDelayMs: 40, chunks: [...sseFrames(Array.from({ length: 10 }, (_, i) => ({ data: chunk(`${i}`) }))), 'data: [DONE]\n\n'] });
    const tk = new Tokligence({ env: {}, configFile: false, providers: { up: { type: 'openai-compatible', baseUrl: `${fake.url}/v1` } } } as never);
    const server = createServer(tk, { logLevel: 'silent' });
    const { url, close } = await server.listen(0, '127.0.0.1');
    const res = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'up/m', stream: true, messages: [{ role: 'user', content: 'hi' }] }) });
    const reader = res.body!.getReader();
    await reader.read();
    server.drain();
    const closing = close(5000);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    let text = '';
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    await closing;
  });
});

describe('secrets never reach the logs or error bodies', () => {
  it('client and provider keys stay out of every log line and answer, on success and failure paths', async () => {
    const CLIENT_KEY = 'tk-canary-client-7f3a9';
    const PROVIDER_KEY = 'sk-canary-provider-91bd2';
    fake = await startFakeUpstream();
    const lines: string[] = [];
    const logger = createLogger('debug', 'json', (l) => lines.push(l));
    const tk = new Tokligence({
      env: {},
      configFile: false,
      retry: { attempts: 0 },
      gateway: { auth: { enabled: true, keys: [{ name: 'alice', key: CLIENT_KEY }] } },
      providers: { up: { type: 'openai-compatible', baseUrl: `${fake.url}/v1`, apiKey: PROVIDER_KEY }, down: { type: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', apiKey: PROVIDER_KEY } },
    } as never);
    const { url, close } = await createServer(tk, { logger }).listen(0, '127.0.0.1');
    const bodies: string[] = [];
    const call = async (model: string, key = CLIENT_KEY) => {
      const res = await fetch(`${url}/v1/chat/completions?key=${key}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'x-api-key': key },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
      });
      bodies.push(await res.text());
      return res.status;
    };
    try {
      fake.replies.push({ json: { id: 'c', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] } });
      expect(await call('up/m')).toBe(200);
      fake.replies.push({ status: 429, headers: { 'retry-after': '1' }, json: { error: { message: 'slow down', type: 'rate_limit_exceeded' } } });
      expect(await call('up/m')).toBe(429);
      expect(await call('down/m')).toBe(502);
      expect(await call('up/m', 'wrong-key')).toBe(401);
    } finally {
      await close(0);
    }
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${PROVIDER_KEY}`); // the key is used…
    const everything = [...lines, ...bodies].join('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(everything).not.toContain(CLIENT_KEY); // …but never shown
    expect(everything).not.toContain(PROVIDER_KEY);
  });
});
