/**
 * repro-e2e-codex-thinking: Codex (Responses) on a Claude model with reasoning on. The Anthropic
 * thinking block's signature must come back on the next turn or the API rejects the tool loop
 * ("Expected `thinking` or `redacted_thinking`, but found `tool_use`").
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { type FakeUpstream, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';
import { anthropicValidationError, validateAnthropicRequest } from '../helpers/validators/anthropic.js';

let fake: FakeUpstream | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const SIGNATURE = 'EqQBCkYIBxgCKkBsig+/=opaque';
const tools = [{ type: 'function' as const, name: 'exec_command', strict: false, parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] } }];

function thinkingToolStream() {
  return sseFrames([
    { event: 'message_start', data: { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 1 } } } },
    { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } } },
    { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'I should run it.' } } },
    { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: SIGNATURE } } },
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
    { event: 'content_block_start', data: { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'exec_command', input: {} } } },
    { event: 'content_block_delta', data: { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"cmd":"echo hi"}' } } },
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 1 } },
    { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 20 } } },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ]);
}

describe('Anthropic thinking survives a Responses tool loop', () => {
  it.each([true, false])('stream=%s: the signed thinking block comes back byte for byte on the next turn', async (stream) => {
    fake = await startFakeUpstream({ validator: (b) => validateAnthropicRequest(b), validationError: anthropicValidationError });
    const tk = new Tokligence({ env: {}, configFile: false, retry: { attempts: 0 }, providers: { anthropic: { type: 'anthropic', baseUrl: fake.url, apiKey: 'k' } }, models: { 'gpt-5': 'anthropic/claude-sonnet-4-6' } } as never);
    if (stream) fake.replies.push({ chunks: thinkingToolStream() });
    else
      fake.replies.push({
        json: {
          id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', stop_reason: 'tool_use', stop_sequence: null, usage: { input_tokens: 10, output_tokens: 20 },
          content: [{ type: 'thinking', thinking: 'I should run it.', signature: SIGNATURE }, { type: 'tool_use', id: 'toolu_1', name: 'exec_command', input: { cmd: 'echo hi' } }],
        },
      });
    const first = { model: 'gpt-5', reasoning: { effort: 'medium' as const }, store: false, include: ['reasoning.encrypted_content' as const], tools, input: [{ type: 'message' as const, role: 'user' as const, content: [{ type: 'input_text' as const, text: 'run echo hi' }] }] };
    let output: Array<Record<string, unknown>>;
    if (stream) {
      const events = await tk.responses.create({ ...first, stream: true });
      output = [];
      for await (const e of events) if (e.type === 'response.output_item.done') output.push(e.item as unknown as Record<string, unknown>);
    } else output = (await tk.responses.create(first)).output as unknown as Array<Record<string, unknown>>;

    const reasoning = output.find((i) => i.type === 'reasoning');
    expect(typeof reasoning?.encrypted_content).toBe('string');
    const call = output.find((i) => i.type === 'function_call');
    expect(call).toMatchObject({ call_id: 'toolu_1', name: 'exec_command' });

    // Codex replays the items it got, plus the tool output.
    fake.replies.push({ json: { id: 'msg_2', type: 'message', role: 'assistant', model: 'claude', stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 30, output_tokens: 2 }, content: [{ type: 'text', text: 'hi' }] } });
    const second = await tk.responses.create({
      ...first,
      input: [...first.input, reasoning, call, { type: 'function_call_output', call_id: 'toolu_1', output: 'hi\n' }] as never,
    });
    expect(second.status).toBe('completed');
    const sent = fake.requests[1]?.body as { thinking?: { type: string }; messages: Array<{ role: string; content: Array<Record<string, unknown>> }> };
    expect(sent.thinking?.type).toBe('enabled');
    const assistant = sent.messages.find((m) => m.role === 'assistant');
    expect(assistant?.content[0]).toEqual({ type: 'thinking', thinking: 'I should run it.', signature: SIGNATURE });
    expect(assistant?.content[1]).toMatchObject({ type: 'tool_use', id: 'toolu_1' });
  });
});
