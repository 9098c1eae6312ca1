/**
 * Issue 21 #6: a mid-stream error lost its type: a Responses `error` event `insufficient_quota`
 * reached the caller as api_error / 500, while the same error as an HTTP answer is rate_limit / 429.
 * Every dialect's stream decoder now reads an error the way its decodeError reads the HTTP answer.
 */
import { describe, expect, it } from 'vitest';
import type { TokligenceError } from '../../src/core/errors.js';
import type { DialectName } from '../../src/core/types.js';
import { CODECS, DIALECTS, fixtureText, replay } from '../helpers/replay.js';
import { readAnswer, streamProblems } from '../helpers/validators/streams.js';

const recorded = fixtureText('responses/error-insufficient-quota.chunks.txt');

function streamedError(events: Awaited<ReturnType<typeof replay>>['canonical']): TokligenceError {
  const e = events.find((x) => x.type === 'error');
  if (e?.type !== 'error') throw new Error('no error event');
  return e.error;
}

/** The same upstream error, as each dialect sends it mid-stream and as an HTTP answer. */
const sameError: Record<DialectName, { stream: string; status: number; body: unknown }> = {
  responses: {
    stream: recorded,
    status: 429,
    body: { error: { message: 'You exceeded your current quota.', type: 'insufficient_quota', code: 'insufficient_quota', param: null } },
  },
  'openai-chat': {
    stream: `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4.1', choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: null }] })}\n\ndata: ${JSON.stringify({ error: { message: 'You exceeded your current quota.', type: 'insufficient_quota', code: 'insufficient_quota', param: null } })}\n\n`,
    status: 429,
    body: { error: { message: 'You exceeded your current quota.', type: 'insufficient_quota', code: 'insufficient_quota', param: null } },
  },
  anthropic: {
    stream: `event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-6","content":[],"stop_reason":null,"usage":{"input_tokens":5,"output_tokens":1}}}\n\nevent: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n`,
    status: 529,
    body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
  },
  gemini: {
    stream: `data: {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}\n\n`,
    status: 429,
    body: { error: { code: 429, message: 'Resource has been exhausted (e.g. check quota).', status: 'RESOURCE_EXHAUSTED' } },
  },
};

describe('repro: mid-stream error kinds', () => {
  it('insufficient_quota mid-stream is rate_limit / 429, as over HTTP', async () => {
    const { canonical } = await replay('responses', recorded, 'openai-chat');
    const error = streamedError(canonical);
    expect({ kind: error.kind, status: error.status }).toEqual({ kind: 'rate_limit', status: 429 });
  });

  it.each(DIALECTS)('%s: the same error mid-stream and over HTTP gets the same kind and status', async (upstream) => {
    const { stream, status, body } = sameError[upstream];
    const { canonical } = await replay(upstream, stream, 'openai-chat');
    const streamed = streamedError(canonical);
    const http = CODECS[upstream].decodeError(status, body);
    expect({ kind: streamed.kind, status: streamed.status }).toEqual({ kind: http.kind, status: http.status });
  });

  it.each(DIALECTS)('the %s caller gets the error in its own shape, as a valid stream', async (caller) => {
    const { wire } = await replay('responses', recorded, caller);
    expect(streamProblems(caller, wire)).toEqual([]);
    expect(readAnswer(caller, wire).error).toBeDefined();
  });
});
