/**
 * Issue 21 #2: a Claude refusal (`stop_reason: "refusal"`, no content) reached a Responses caller
 * as a completed, empty answer: nothing said it was refused. Now it carries a refusal part (the
 * Responses API's own way to say so); the other callers keep their native signal.
 */
import { describe, expect, it } from 'vitest';
import { anthropicCodec } from '../../src/dialects/anthropic/index.js';
import { responsesCodec } from '../../src/dialects/responses/index.js';
import { DIALECTS, fixtureText, replay } from '../helpers/replay.js';
import { readAnswer, streamProblems } from '../helpers/validators/streams.js';

// biome-ignore lint/suspicious/noExplicitAny: reading loosely typed wire JSON in assertions
type Wire = Record<string, any>;

const recorded = fixtureText('anthropic/refusal.chunks.txt');
const native: Record<string, string> = { anthropic: 'refusal', 'openai-chat': 'content_filter', responses: 'completed', gemini: 'SAFETY' };

describe('repro: a Claude refusal', () => {
  it.each(DIALECTS)('is signalled to a %s caller', async (caller) => {
    const { wire } = await replay('anthropic', recorded, caller);
    expect(streamProblems(caller, wire)).toEqual([]);
    const answer = readAnswer(caller, wire);
    expect(answer.finish).toBe(native[caller]);
    expect(answer.usage).toEqual({ input: 412, output: 2 });
  });

  it('the Responses stream holds a refusal part, also in the final snapshot', async () => {
    const { wire } = await replay('anthropic', recorded, 'responses');
    expect(readAnswer('responses', wire).refusal).not.toBe('');
    const completed = wire.map((e) => e.data as Wire).find((d) => d.type === 'response.completed');
    expect(completed?.response.output).toEqual([expect.objectContaining({ type: 'message', content: [{ type: 'refusal', refusal: expect.any(String) }] })]);
  });

  it('and so does the non-stream answer', () => {
    const response = anthropicCodec.decodeResponse({
      id: 'msg_01Refusal',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-6',
      content: [],
      stop_reason: 'refusal',
      stop_sequence: null,
      usage: { input_tokens: 412, output_tokens: 2 },
    });
    const body = responsesCodec.encodeResponse(response);
    expect(body.status).toBe('completed');
    expect(body.output).toEqual([expect.objectContaining({ type: 'message', content: [{ type: 'refusal', refusal: expect.any(String) }] })]);
  });
});
