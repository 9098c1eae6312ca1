/**
 * What a decoder skipped (unknown events and parts, items no caller can hold) reaches the decision
 * log (`RouteAttempt.skipped`) and the server's `tokligence_skipped_parts_total`, for streamed and
 * whole answers, through real HTTP to a fake upstream.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RouteAttempt } from '../../src/core/contracts/index.js';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { fixtureText } from '../helpers/replay.js';

const fakes: FakeUpstream[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

/** A recorded Anthropic stream with two events of a kind that does not exist yet. */
const stream = fixtureText('anthropic/golden-a-tool.chunks.txt').replace(
  'event: content_block_stop',
  'event: content_block_future\ndata: {"type":"content_block_future","index":0}\n\nevent: content_block_future\ndata: {"type":"content_block_future","index":0}\n\nevent: content_block_stop',
);

async function gateway() {
  const fake = await startFakeUpstream();
  fakes.push(fake);
  fake.handler = (req) => {
    const body = req.body as { stream?: boolean };
    if (body.stream) return { headers: { 'content-type': 'text/event-stream' }, chunks: [stream] };
    return {
      json: {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-6',
        content: [{ type: 'text', text: 'hi' }, { type: 'future_block', payload: 1 }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 3, output_tokens: 1 },
      },
    };
  };
  const tk = new Tokligence({ env: {}, configFile: false, providers: { ant: { type: 'anthropic', baseUrl: fake.url, apiKey: 'k' } } } as never);
  return { tk };
}

describe('skipped parts in the decision log and metrics', () => {
  it('a translated stream reports the unknown events on its route entry', async () => {
    const { tk } = await gateway();
    let route: RouteAttempt[] = [];
    const s = await tk.chat.completions.create(
      { model: 'ant/claude-sonnet-4-6', stream: true, messages: [{ role: 'user', content: 'weather?' }] },
      { onRoute: (r) => (route = r) },
    );
    const names: string[] = [];
    for await (const chunk of s) for (const tc of chunk.choices[0]?.delta.tool_calls ?? []) if (tc.function?.name) names.push(tc.function.name);
    expect(names).toEqual(['get_weather']);
    expect(route[0]?.skipped).toEqual({ 'event:content_block_future': 2 });
  });

  it('a whole (non-stream) answer reports an unknown block the same way, and keeps its text', async () => {
    const { tk } = await gateway();
    let route: RouteAttempt[] = [];
    const reply = await tk.chat.completions.create({ model: 'ant/claude-sonnet-4-6', messages: [{ role: 'user', content: 'hi' }] }, { onRoute: (r) => (route = r) });
    expect(reply.choices[0]?.message.content).toBe('hi');
    expect(route[0]?.skipped).toEqual({ 'part:future_block': 1 });
  });

  it('the server counts them once the answer is complete', async () => {
    const { tk } = await gateway();
    const server = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
    try {
      const res = await fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 'ant/claude-sonnet-4-6', stream: true, messages: [{ role: 'user', content: 'weather?' }] }),
      });
      const text = await res.text();
      expect(text).toContain('get_weather');
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(/tokligence_skipped_parts_total\{provider="ant",kind="event:content_block_future"\} 2\n/);
    } finally {
      await server.close(0);
    }
  });
});
