/**
 * A same-dialect stream through the server goes out as the upstream's own bytes (not re-framed),
 * whatever the upstream's chunking; a stream that breaks off gets a clean error frame after whole
 * events only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseEvents } from '../../src/core/sse.js';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';

let fake: FakeUpstream | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const chunk = (delta: unknown, finish: string | null = null, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-x', system_fingerprint: 'fp_1', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra });

// Odd spacing and key order on purpose: a re-framing gateway could not reproduce these bytes.
const UPSTREAM = [
  `data: ${chunk({ role: 'assistant', content: '' })}\n\n`,
  `: keep-alive comment\n\n`,
  `data:${chunk({ content: 'Hel' })}\n\n`,
  `data: ${chunk({ content: 'lo, wörld 🌍' })}\r\n\r\n`,
  `data: ${chunk({}, 'stop')}\n\n`,
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-x', choices: [], usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 } })}\n\n`,
  'data: [DONE]\n\n',
].join('');

/** Cut text at byte offsets, also inside multi-byte characters. */
function cutBytes(text: string, every: number): Buffer[] {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += every) out.push(bytes.subarray(i, i + every));
  return out;
}

async function serve() {
  fake = await startFakeUpstream();
  const tk = new Tokligence({ env: {}, configFile: false, providers: { up: { type: 'openai-compatible', baseUrl: `${fake.url}/v1` } } } as never);
  const server = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
  const post = async () => {
    const res = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'up/gpt-x', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }] }),
    });
    return { res, text: await res.text() };
  };
  return { server, post };
}

describe('pass-through stream over HTTP', () => {
  for (const every of [1, 7, 64, 100_000])
    it(`answers the upstream's exact bytes (upstream writes every ${every} bytes)`, async () => {
      const { server, post } = await serve();
      try {
        fake!.replies.push({ chunks: cutBytes(UPSTREAM, every) as never });
        const { res, text } = await post();
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
        expect(res.headers.get('x-tokligence-route')).toContain('up');
        expect(text).toBe(UPSTREAM);
      } finally {
        await server.close(0);
      }
    });

  it('a stream cut inside an event: the whole events, then one clean error frame, never a glued line', async () => {
    const { server, post } = await serve();
    try {
      const cutAt = UPSTREAM.indexOf('data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-x","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{},');
      const sent = `${UPSTREAM.slice(0, cutAt)}data: {"id":"chatcmpl-1","obj`;
      fake!.replies.push({ chunks: cutBytes(sent, 13) as never });
      const { text } = await post();
      expect(text.startsWith(UPSTREAM.slice(0, cutAt))).toBe(true);
      const events = parseEvents(text.slice(cutAt));
      // The half event is completed as the decoder saw it, then the error frame follows on its own.
      const last = JSON.parse(events.at(-1)!.data) as { error?: { message?: string } };
      expect(last.error?.message).toBeTruthy();
      expect(text.endsWith('\n\n')).toBe(true);
      expect(text).not.toContain('[DONE]');
    } finally {
      await server.close(0);
    }
  });
});
