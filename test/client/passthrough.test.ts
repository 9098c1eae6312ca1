/** Same dialect on both sides and nothing rewrites the body: request and answer pass unchanged. */
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { type FakeUpstream, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';

let fake: FakeUpstream | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const vendorBody = {
  model: 'up/llama',
  messages: [{ role: 'user', content: 'hi', vendor_message_field: 1 }],
  logit_bias: { '50256': -100 },
  vendor_top_level: { keep: ['me'] },
};
const vendorAnswer = {
  id: 'c1',
  object: 'chat.completion',
  created: 1,
  model: 'llama',
  system_fingerprint: 'fp_1',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hey', vendor_extra: true }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
};

function tk(workMode: 'auto' | 'translate', url: string) {
  return new Tokligence({ env: {}, configFile: false, gateway: { workMode }, providers: { up: { type: 'openai-compatible', baseUrl: `${url}/v1` } } } as never);
}

describe('pass-through', () => {
  it('forwards an OpenAI chat body unchanged but for the model, and returns the answer unchanged', async () => {
    fake = await startFakeUpstream();
    fake.replies.push({ json: vendorAnswer });
    const res = await tk('auto', fake.url).chat.completions.create(vendorBody as never);
    expect(fake.requests[0]?.body).toEqual({ ...vendorBody, model: 'llama' });
    expect(res).toEqual(vendorAnswer);
  });

  it('work_mode translate re-encodes through the canonical model (same-dialect extensions kept, unknown message fields not)', async () => {
    fake = await startFakeUpstream();
    fake.replies.push({ json: vendorAnswer });
    const res = await tk('translate', fake.url).chat.completions.create(vendorBody as never);
    const sent = fake.requests[0]?.body as { messages: unknown[]; vendor_top_level?: unknown };
    expect(sent.vendor_top_level).toEqual({ keep: ['me'] });
    expect(sent.messages[0]).toEqual({ role: 'user', content: 'hi' });
    expect(res).not.toHaveProperty('system_fingerprint');
    expect(res.choices[0]?.message.content).toBe('hey');
  });

  it('a streamed answer reaches an HTTP caller byte for byte', async () => {
    fake = await startFakeUpstream();
    const chunk = (delta: unknown, finish: string | null = null) => ({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'llama', system_fingerprint: 'fp_x', choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
    const frames = [...sseFrames([{ data: chunk({ role: 'assistant', content: '' }) }, { data: chunk({ content: 'he' }) }, { data: chunk({ content: 'y' }) }, { data: chunk({}, 'stop') }]), 'data: [DONE]\n\n'];
    fake.replies.push({ chunks: frames });
    const server = await createServer(tk('auto', fake.url), { logLevel: 'silent' }).listen(0, '127.0.0.1');
    try {
      const res = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ ...vendorBody, stream: true }) });
      expect(await res.text()).toBe(frames.join(''));
      expect(res.headers.get('x-tokligence-route')).toContain('up/llama;ok');
    } finally {
      await server.close(0);
    }
  });

  it('a JSON answer reaches an HTTP caller byte for byte (not re-serialised)', async () => {
    fake = await startFakeUpstream();
    const text = JSON.stringify(vendorAnswer, null, 2); // the upstream's own formatting
    fake.replies.push({ status: 200, headers: { 'content-type': 'application/json' }, chunks: [text] });
    const server = await createServer(tk('auto', fake.url), { logLevel: 'silent' }).listen(0, '127.0.0.1');
    try {
      const res = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(vendorBody) });
      expect(await res.text()).toBe(text);
    } finally {
      await server.close(0);
    }
  });
});
