/**
 * Through HTTP: encode → POST to the fake upstream (validating like the real API) → JSON or SSE
 * bytes back → readSse → decode → assert.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readSse } from '../../../src/core/sse.js';
import { collectStream } from '../../../src/core/stream.js';
import type { ChatRequest } from '../../../src/core/types.js';
import { anthropicCodec } from '../../../src/dialects/anthropic/index.js';
import { type FakeUpstream, startFakeUpstream } from '../../helpers/fake-upstream.js';
import { anthropicValidationError, validateAnthropicRequest } from '../../helpers/validators/anthropic.js';
import { loadFrames, loadJson } from './helpers.js';

let fake: FakeUpstream | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function upstream(): Promise<FakeUpstream> {
  fake = await startFakeUpstream({ validator: (b) => validateAnthropicRequest(b), validationError: anthropicValidationError });
  return fake;
}

const post = (url: string, body: unknown) =>
  fetch(`${url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body: JSON.stringify(body) });

/** An OpenAI-flavoured canonical request: invalid tool name and id, system in the middle, foreign reasoning. */
const foreignRequest = (stream: boolean): ChatRequest => ({
  model: 'claude-sonnet-4-5',
  system: [{ type: 'text', text: 'Be brief.' }],
  tools: [{ kind: 'function', name: 'weather/get', inputSchema: { properties: { city: { type: 'string' } } } }],
  toolChoice: 'required',
  parallelToolCalls: false,
  stop: ['\n\n', 'END'],
  reasoning: { effort: 'low' },
  temperature: 0.2,
  metadata: { user: 'someone@example.com' },
  stream,
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'Weather in Boston?' }] },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'unsigned', origin: 'openai-chat' },
        { type: 'text', text: '' },
        { type: 'tool_call', id: 'functions.weather:0', name: 'weather/get', arguments: { city: 'Boston' } },
      ],
    },
    { role: 'user', content: [{ type: 'tool_result', toolCallId: 'functions.weather:0', content: [{ type: 'text', text: '21C' }], isError: false }] },
    { role: 'user', content: [{ type: 'text', text: 'And Paris?' }] },
  ],
});

describe('anthropic codec over HTTP', () => {
  it('non-stream: a foreign request is accepted by the validating upstream and the answer decodes', async () => {
    const up = await upstream();
    const { body, context } = anthropicCodec.encodeRequest(foreignRequest(false));
    const answer = loadJson<Record<string, unknown>>('response-thinking-tool.json');
    up.replies.push({ json: { ...answer, content: [{ type: 'tool_use', id: 'toolu_9', name: 'weather_get', input: { city: 'Paris' } }] } });
    const res = await post(up.url, body);
    expect(res.status).toBe(200);
    const decoded = anthropicCodec.decodeResponse(await res.json(), context);
    expect(decoded.content).toEqual([{ type: 'tool_call', id: 'toolu_9', name: 'weather/get', arguments: { city: 'Paris' } }]);
    expect(decoded.finishReason).toBe('tool_calls');
    const sent = up.requests[0].body as Record<string, unknown>;
    // TH-11: the open tool loop's assistant turn has no signed thinking (it came from another
    // dialect), so thinking is off for this turn and the forced tool choice can stay.
    expect(sent.thinking).toBeUndefined();
    expect(sent.tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });
    expect(sent.metadata).toBeUndefined();
    expect(sent.temperature).toBe(0.2); // allowed again with thinking off
  });

  it('the fake upstream really rejects a broken body (so the test above can fail)', async () => {
    const up = await upstream();
    const res = await post(up.url, { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] });
    expect(res.status).toBe(400);
    const err = anthropicCodec.decodeError(res.status, await res.json(), res.headers);
    expect(err.kind).toBe('invalid_request');
    expect(err.message).toMatch(/non-empty/);
  });

  it('stream: SSE bytes from the upstream decode to the full message', async () => {
    const up = await upstream();
    const { body, context } = anthropicCodec.encodeRequest(foreignRequest(true));
    up.replies.push({ chunks: loadFrames('thinking-text-two-tools.chunks.txt') });
    const res = await post(up.url, body);
    expect(res.status).toBe(200);
    const r = await collectStream(anthropicCodec.decodeStream(readSse(res.body as ReadableStream<Uint8Array>), context));
    expect(r.content.map((p) => p.type)).toEqual(['reasoning', 'text', 'tool_call', 'tool_call']);
    expect(r.usage.outputTokens).toBe(245);
  });

  it('upstream errors over HTTP keep type, status and Retry-After', async () => {
    const up = await upstream();
    up.replies.push({ status: 529, headers: { 'retry-after': '4' }, json: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
    const res = await post(up.url, anthropicCodec.encodeRequest(foreignRequest(false)).body);
    const err = anthropicCodec.decodeError(res.status, await res.json(), res.headers);
    expect([err.kind, err.status, err.retryAfter]).toEqual(['overloaded', 529, 4]);
  });

  it('Claude Code capture → decode → encode → upstream, stream answered and re-encoded for the caller', async () => {
    const up = await upstream();
    const capture = (await import('../../helpers/client-captures.js')).loadCaptures('claude-2.1.332-p-tool-thinking--003')[0];
    const request = anthropicCodec.decodeRequest(capture.body);
    const { body, context } = anthropicCodec.encodeRequest(request);
    up.replies.push({ chunks: loadFrames('golden-a-tool.chunks.txt') });
    const res = await post(up.url, body);
    expect(res.status).toBe(200);
    const events = anthropicCodec.decodeStream(readSse(res.body as ReadableStream<Uint8Array>), context);
    const out: Array<{ event?: string; data: unknown }> = [];
    for await (const e of anthropicCodec.encodeStream(events, { model: String(capture.body.model) })) out.push(e);
    expect(out[0].event).toBe('message_start');
    expect(out.at(-1)?.event).toBe('message_stop');
  });
});
