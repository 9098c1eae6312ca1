/** A consumer that stops reading early is not held up, and a still-talking upstream is let go. */
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { type FakeUpstream, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';

let fake: FakeUpstream | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const chunk = (content: string) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] });

describe('stopping a stream early', () => {
  it('returns at once and closes an upstream that keeps streaming', async () => {
    fake = await startFakeUpstream();
    fake.replies.push({ chunkDelayMs: 100, chunks: sseFrames(Array.from({ length: 100 }, (_, i) => ({ data: chunk(`t${i} `) }))) });
    const tk = new Tokligence({ env: {}, configFile: false, providers: { up: { type: 'openai-compatible', baseUrl: `${fake.url}/v1` } } } as never);
    const stream = await tk.chat.completions.create({ model: 'up/m', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    let seen = 0;
    const started = Date.now();
    for await (const _ of stream) if (++seen === 2) break;
    // The upstream talks for 10 s; "at once" is well under that even on a loaded machine.
    expect(Date.now() - started).toBeLessThan(5000);
    const req = fake.requests[0]!;
    for (let i = 0; i < 60 && !req.clientClosed; i++) await new Promise((r) => setTimeout(r, 50));
    expect(req.clientClosed).toBe(true);
  });

  it('also when translating (Anthropic caller, OpenAI-chat upstream)', async () => {
    fake = await startFakeUpstream();
    fake.replies.push({ chunkDelayMs: 100, chunks: sseFrames(Array.from({ length: 100 }, (_, i) => ({ data: chunk(`t${i} `) }))) });
    const tk = new Tokligence({ env: {}, configFile: false, providers: { up: { type: 'openai-compatible', baseUrl: `${fake.url}/v1` } } } as never);
    const stream = await tk.messages.create({ model: 'up/m', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'hi' }] });
    let seen = 0;
    const started = Date.now();
    for await (const _ of stream) if (++seen === 3) break;
    // The upstream talks for 10 s; "at once" is well under that even on a loaded machine.
    expect(Date.now() - started).toBeLessThan(5000);
    const req = fake.requests[0]!;
    for (let i = 0; i < 60 && !req.clientClosed; i++) await new Promise((r) => setTimeout(r, 50));
    expect(req.clientClosed).toBe(true);
  });
});
