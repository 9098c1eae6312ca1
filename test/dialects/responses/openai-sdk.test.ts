import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseToEvents } from '../../../src/core/stream.js';
import type { ChatResponse } from '../../../src/core/types.js';
import { encodeResponse, encodeStream } from '../../../src/dialects/responses/index.js';
import { type FakeUpstream, startFakeUpstream } from '../../helpers/fake-upstream.js';
import { collect, frames } from './helpers.js';

/** Our encoder's output, read by the official OpenAI SDK as a caller would (`responses.create`). */
const answer: ChatResponse = {
  id: 'msg_from_claude',
  model: 'claude-x',
  content: [
    { type: 'reasoning', text: 'Plan: call the tool.', signature: 'SIG', origin: 'anthropic' },
    { type: 'text', text: 'Checking the weather.' },
    { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: { city: 'Paris' } },
    { type: 'tool_call', id: 'toolu_2', name: 'apply_patch', arguments: {}, kind: 'custom', input: '*** Begin Patch\n*** End Patch\n' },
  ],
  finishReason: 'tool_calls',
  usage: { inputTokens: 10, outputTokens: 20, cacheReadTokens: 5, cacheWriteTokens: 0 },
};

let fake: FakeUpstream;
let client: OpenAI;
beforeAll(async () => {
  fake = await startFakeUpstream();
  client = new OpenAI({ apiKey: 'test', baseURL: `${fake.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await fake.close();
});

describe('the official openai SDK reads what we encode', () => {
  it('non-stream: responses.create gives output items and output_text', async () => {
    fake.replies.push({ json: encodeResponse(answer, { model: 'alias' }) });
    const res = await client.responses.create({ model: 'alias', input: 'weather?' });
    expect(res.output_text).toBe('Checking the weather.');
    expect(res.output.map((o) => o.type)).toEqual(['reasoning', 'message', 'function_call', 'custom_tool_call']);
    expect(res.usage?.input_tokens).toBe(15);
  });

  it('stream: responses.stream / finalResponse assembles the streamed items', async () => {
    const wire = await collect(encodeStream(responseToEvents(answer), { model: 'alias' }));
    fake.replies.push({ chunks: frames(wire) });
    const stream = client.responses.stream({ model: 'alias', input: 'weather?' });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (e) => deltas.push(e.delta));
    const final = await stream.finalResponse();
    expect(deltas.join('')).toBe('Checking the weather.');
    expect(final.status).toBe('completed');
    expect(final.output_text).toBe('Checking the weather.');
    const call = final.output.find((o) => o.type === 'function_call');
    expect(call).toMatchObject({ call_id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' });
    const custom = final.output.find((o) => o.type === 'custom_tool_call');
    expect(custom).toMatchObject({ call_id: 'toolu_2', input: '*** Begin Patch\n*** End Patch\n' });
  });

  it('stream error: the SDK surfaces response.failed / error as an exception', async () => {
    const { RateLimitError } = await import('../../../src/core/errors.js');
    async function* failing() {
      yield { type: 'start' as const, id: 'x', model: 'm' };
      yield { type: 'error' as const, error: new RateLimitError('slow down') };
    }
    fake.replies.push({ chunks: frames(await collect(encodeStream(failing()))) });
    const stream = client.responses.stream({ model: 'alias', input: 'x' });
    await expect(stream.finalResponse()).rejects.toThrow(/slow down/);
  });
});
