import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { type FakeUpstream, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';

let fake: FakeUpstream | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const chunk = (delta: unknown, finish: string | null = null) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] });

describe('Anthropic ping keep-alives while the upstream is idle', () => {
  it('an Anthropic caller gets ping events during pauses; an OpenAI caller gets none', async () => {
    fake = await startFakeUpstream();
    const frames = [...sseFrames([{ data: chunk({ content: 'a' }) }, { data: chunk({ content: 'b' }) }, { data: chunk({ content: 'c' }) }, { data: chunk({}, 'stop') }]), 'data: [DONE]\n\n'];
    fake.replies.push({ chunkDelayMs: 250, chunks: frames }, { chunkDelayMs: 250, chunks: frames });
    const tk = new Tokligence({ env: {}, configFile: false, providers: { up: { type: 'openai-compatible', baseUrl: `${fake.url}/v1` } } } as never);
    const server = await createServer(tk, { logLevel: 'silent', pingIntervalMs: 60 }).listen(0, '127.0.0.1');
    try {
      const anthropic = await (
        await fetch(`${server.url}/v1/messages`, { method: 'POST', body: JSON.stringify({ model: 'up/m', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'hi' }] }) })
      ).text();
      const pings = anthropic.split('event: ping\ndata: {"type":"ping"}\n\n').length - 1;
      expect(pings).toBeGreaterThanOrEqual(3);
      expect(anthropic.startsWith('event: message_start')).toBe(true);
      expect(anthropic.trimEnd().endsWith('event: message_stop\ndata: {"type":"message_stop"}')).toBe(true);
      const openai = await (
        await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'up/m', stream: true, messages: [{ role: 'user', content: 'hi' }] }) })
      ).text();
      expect(openai).not.toContain('ping');
    } finally {
      await server.close(0);
    }
  });
});
