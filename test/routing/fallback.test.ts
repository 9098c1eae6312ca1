/** Targets are tried in order; only retryable failures move on; streams fall back only before content. */
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { type FakeUpstream, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';

const fakes: FakeUpstream[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

const okChat = { id: 'c', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'from second' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };

async function twoUpstreams() {
  const a = await startFakeUpstream();
  const b = await startFakeUpstream();
  fakes.push(a, b);
  const tk = new Tokligence({
    env: {},
    configFile: false,
    providers: { a: { type: 'openai-compatible', baseUrl: `${a.url}/v1` }, b: { type: 'openai-compatible', baseUrl: `${b.url}/v1` } },
    models: { smart: ['a/m1', 'b/m2'] },
    // No retries: these tests are about moving between targets (retries: fault-matrix.test.ts).
    retry: { attempts: 0 },
  } as never);
  return { a, b, tk };
}

describe('fallback chains', () => {
  it('falls back on a 503 and records both attempts in the decision log', async () => {
    const { a, b, tk } = await twoUpstreams();
    a.replies.push({ status: 503, json: { error: { message: 'down' } } });
    b.replies.push({ json: okChat });
    const result = await tk.call('openai-chat', { model: 'smart', messages: [{ role: 'user', content: 'hi' }] });
    expect(result.type === 'json' && (result.body as typeof okChat).choices[0]?.message.content).toBe('from second');
    expect(result.route.map((r) => [r.provider, r.model, r.outcome, r.status])).toEqual([
      ['a', 'm1', 'error', 503],
      ['b', 'm2', 'ok', undefined],
    ]);
  });

  it('does not fall back on a 400 (the caller’s mistake)', async () => {
    const { a, b, tk } = await twoUpstreams();
    a.replies.push({ status: 400, json: { error: { message: 'bad', type: 'invalid_request_error' } } });
    await expect(tk.call('openai-chat', { model: 'smart', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ kind: 'invalid_request' });
    expect(b.requests.length).toBe(0);
  });

  it('a stream that errors before any content falls back; the caller sees only the second answer', async () => {
    const { a, b, tk } = await twoUpstreams();
    a.replies.push({ chunks: sseFrames([{ data: { error: { message: 'overloaded', type: 'server_error', code: 'overloaded' } } }]) });
    const chunk = (delta: unknown, finish: string | null = null) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] });
    b.replies.push({ chunks: [...sseFrames([{ data: chunk({ content: 'second' }) }, { data: chunk({}, 'stop') }]), 'data: [DONE]\n\n'] });
    const stream = await tk.chat.completions.create({ model: 'smart', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
    expect(text).toBe('second');
    expect(a.requests.length).toBe(1);
  });
});
