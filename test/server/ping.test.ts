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

describe('pings on a passed-through Anthropic stream', () => {
  it('an Anthropic upstream that pauses without pinging: gateway pings go out between whole events, the upstream bytes are untouched', async () => {
    fake = await startFakeUpstream();
    const frames = [
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1}}}\n\n',
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}\n\n',
      // cut mid-event: the ping must not land inside it
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,',
      '"delta":{"type":"text_delta","text":" there"}}\n\n',
      'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}}\n\n',
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    ];
    fake.replies.push({ chunkDelayMs: 200, chunks: frames });
    const tk = new Tokligence({ env: {}, configFile: false, providers: { ant: { type: 'anthropic', baseUrl: fake.url, apiKey: 'k' } } } as never);
    const server = await createServer(tk, { logLevel: 'silent', pingIntervalMs: 60 }).listen(0, '127.0.0.1');
    try {
      const text = await (
        await fetch(`${server.url}/v1/messages`, { method: 'POST', headers: { 'anthropic-version': '2023-06-01' }, body: JSON.stringify({ model: 'ant/claude-x', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'hi' }] }) })
      ).text();
      const ping = 'event: ping\ndata: {"type":"ping"}\n\n';
      expect(text.split(ping).length - 1).toBeGreaterThanOrEqual(3);
      // Take the pings out: what is left is exactly what the upstream sent.
      expect(text.split(ping).join('')).toBe(frames.join(''));
    } finally {
      await server.close(0);
    }
  });
});
