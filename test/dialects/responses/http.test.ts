import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSse } from '../../../src/core/sse.js';
import { collectStream } from '../../../src/core/stream.js';
import type { ChatRequest } from '../../../src/core/types.js';
import { responsesCodec } from '../../../src/dialects/responses/index.js';
import type { WireContext } from '../../../src/core/contracts/index.js';
import { loadCaptures } from '../../helpers/client-captures.js';
import { type FakeUpstream, rechunk, startFakeUpstream } from '../../helpers/fake-upstream.js';
import { responsesValidationError, validateResponsesRequest } from '../../helpers/validators/responses.js';
import { fixtureChunks } from './helpers.js';

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream({ validator: validateResponsesRequest, validationError: responsesValidationError });
});
afterAll(async () => {
  await fake.close();
});

async function send(body: Record<string, unknown>) {
  return fetch(`${fake.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function roundTrip(request: ChatRequest): Promise<{ res: Response; context: WireContext; body: Record<string, unknown> }> {
  const { body, context } = responsesCodec.encodeRequest(request);
  return { res: await send(body), context, body };
}

describe('responses codec over HTTP (fake upstream)', () => {
  it('non-stream: a Codex turn goes up unchanged in substance and the answer decodes', async () => {
    const capture = loadCaptures('resp').find((c) => c.file.includes('gpt5-tool--003'));
    const request = responsesCodec.decodeRequest(capture?.body);
    fake.replies.push({
      json: {
        id: 'resp_http1',
        object: 'response',
        created_at: 1,
        status: 'completed',
        model: 'gpt-5',
        output: [{ type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'hi', annotations: [] }] }],
        usage: { input_tokens: 100, input_tokens_details: { cached_tokens: 40 }, output_tokens: 3, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 103 },
      },
    });
    const { res, context } = await roundTrip({ ...request, stream: false });
    expect(res.status).toBe(200);
    const sent = fake.requests.at(-1)?.body as Record<string, unknown>;
    expect(sent.store).toBe(false);
    expect(sent.stream).toBe(false);
    expect(sent.input).toHaveLength((capture?.body.input as unknown[] | undefined)?.length ?? -1);
    const response = responsesCodec.decodeResponse(await res.json(), context);
    expect(response).toMatchObject({ content: [{ type: 'text', text: 'hi' }], finishReason: 'stop', usage: { inputTokens: 60, cacheReadTokens: 40 } });
  });

  it('stream: the long SSE fixture, cut into odd pieces by the server, decodes to the same answer', async () => {
    const chunks = fixtureChunks('codex-reasoning-text-patch-exec.chunks.txt');
    const text = chunks.join('');
    fake.replies.push({ chunks: rechunk(chunks, [1, 17, 400, 401, 1234, 2000, 2001, 2002, text.length - 3]) });
    const { res, context } = await roundTrip({ model: 'gpt-5.5', messages: [{ role: 'user', content: [{ type: 'text', text: 'go' }] }], stream: true });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const response = await collectStream(responsesCodec.decodeStream(readSse(res.body as ReadableStream<Uint8Array>), context));
    expect(response.content.map((p) => p.type)).toEqual(['reasoning', 'reasoning', 'text', 'tool_call', 'tool_call']);
    expect(response.finishReason).toBe('tool_calls');
    const reEncoded = responsesCodec.encodeResponse(response);
    expect(reEncoded.output.map((o) => o.id)).toEqual(['rs_fixture01', expect.stringMatching(/^msg_/), 'ctc_fixture01', 'fc_fixture01']);
  });

  it('an Anthropic-shaped history (thinking, tool_use, is_error result) encodes to a body the API accepts', async () => {
    fake.replies.push({ json: { id: 'resp_2', object: 'response', status: 'completed', model: 'gpt-5', output: [], usage: null } });
    const request: ChatRequest = {
      model: 'gpt-5',
      system: [{ type: 'text', text: 'You are Claude Code.', cacheControl: { type: 'ephemeral' } }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'run ls' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'Let me run it', signature: 'EqQB…', origin: 'anthropic' },
            { type: 'text', text: "I'll run that." },
            { type: 'tool_call', id: 'toolu_01', name: 'Bash', arguments: { command: 'ls' } },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', toolCallId: 'toolu_01', content: [{ type: 'text', text: 'no such dir' }], isError: true }] },
      ],
      tools: [{ kind: 'function', name: 'Bash', inputSchema: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] } }],
      maxTokens: 64000,
      reasoning: { adaptive: true, effort: 'high' },
      metadata: { user: JSON.stringify({ device_id: 'x'.repeat(80) }) },
      stream: false,
    };
    const { res } = await roundTrip(request);
    expect(res.status).toBe(200);
    const sent = fake.requests.at(-1)?.body as Record<string, unknown>;
    expect(sent).toMatchObject({ instructions: 'You are Claude Code.', max_output_tokens: 64000, reasoning: { effort: 'high', summary: 'detailed' } });
    expect(sent.input).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'run ls' }] },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: "I'll run that.", annotations: [] }] },
      { type: 'function_call', name: 'Bash', arguments: '{"command":"ls"}', call_id: 'toolu_01' },
      { type: 'function_call_output', call_id: 'toolu_01', output: 'Error: no such dir' },
    ]);
  });

  it('an upstream validation 400 comes back as an InvalidRequestError with the upstream message', async () => {
    // A Chat-Completions field slipped into the body: the fake rejects it the way the API would.
    const res = await send({ model: 'gpt-5', input: 'x', max_tokens: 5 });
    expect(res.status).toBe(400);
    const err = responsesCodec.decodeError(res.status, await res.json(), res.headers);
    expect(err).toMatchObject({ kind: 'invalid_request', status: 400, message: 'max_tokens: unknown parameter', param: 'max_tokens' });
  });

  it('an upstream 429 keeps Retry-After; a 503 is overloaded', async () => {
    fake.replies.push({
      status: 429,
      headers: { 'retry-after': '7', 'x-request-id': 'req_1' },
      json: { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } },
    });
    const res = await send({ model: 'gpt-5', input: 'x' });
    const err = responsesCodec.decodeError(res.status, await res.json(), res.headers);
    expect(err).toMatchObject({ kind: 'rate_limit', status: 429, retryAfter: 7, requestId: 'req_1', providerType: 'rate_limit_exceeded' });
    fake.replies.push({ status: 503, json: { error: { message: 'overloaded', type: 'server_error', param: null, code: null } } });
    const res2 = await send({ model: 'gpt-5', input: 'x' });
    expect(responsesCodec.decodeError(res2.status, await res2.json(), res2.headers)).toMatchObject({ kind: 'overloaded', status: 503 });
  });
});
