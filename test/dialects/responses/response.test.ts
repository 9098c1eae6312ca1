import { describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../../src/core/types.js';
import { decodeResponse, encodeResponse } from '../../../src/dialects/responses/index.js';
import { newWireContext } from '../../../src/core/contracts/index.js';

const usage = { input_tokens: 1200, input_tokens_details: { cached_tokens: 1000 }, output_tokens: 80, output_tokens_details: { reasoning_tokens: 30 }, total_tokens: 1280 };

const upstream = {
  id: 'resp_1',
  object: 'response',
  created_at: 1700000000,
  status: 'completed',
  model: 'gpt-5',
  output: [
    { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'why' }], encrypted_content: 'ENC==' },
    { type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Calling.', annotations: [] }] },
    { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}', status: 'completed' },
    { type: 'custom_tool_call', id: 'ctc_1', call_id: 'call_2', name: 'apply_patch', input: '*** Begin Patch\n', status: 'completed' },
    { type: 'web_search_call', id: 'ws_1', status: 'completed' },
  ],
  usage,
};

describe('responses decodeResponse', () => {
  it('TU-11: output items in order; function_call → tool_call with id = call_id; tool calls ⇒ tool_calls', () => {
    const r = decodeResponse(upstream);
    expect(r.content).toEqual([
      { type: 'reasoning', text: 'why', origin: 'responses', id: 'rs_1', summary: true, encryptedContent: 'ENC==' },
      { type: 'text', text: 'Calling.' },
      { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' }, kind: 'function', origin: 'responses', itemId: 'fc_1' },
      {
        type: 'tool_call',
        id: 'call_2',
        name: 'apply_patch',
        arguments: {},
        kind: 'custom',
        input: '*** Begin Patch\n',
        origin: 'responses',
        itemId: 'ctc_1',
      },
    ]);
    expect(r.finishReason).toBe('tool_calls');
    expect(r).toMatchObject({ id: 'resp_1', model: 'gpt-5', created: 1700000000 });
  });

  it('USG-5 / USG-6: input_tokens includes cached tokens; canonical input is the uncached part', () => {
    expect(decodeResponse(upstream).usage).toEqual({ inputTokens: 200, outputTokens: 80, cacheReadTokens: 1000, cacheWriteTokens: 0, reasoningTokens: 30 });
    expect(decodeResponse({ ...upstream, usage: undefined }).usage).toEqual({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });
  });

  it('status mapping: incomplete max_output_tokens → length, content_filter → content_filter, failed → error, refusal', () => {
    const text = [{ type: 'message', id: 'm', status: 'incomplete', role: 'assistant', content: [{ type: 'output_text', text: 'x', annotations: [] }] }];
    expect(decodeResponse({ ...upstream, output: text, status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } })).toMatchObject({
      finishReason: 'length',
      rawFinishReason: 'max_output_tokens',
    });
    expect(decodeResponse({ ...upstream, output: text, status: 'incomplete', incomplete_details: { reason: 'content_filter' } }).finishReason).toBe(
      'content_filter',
    );
    expect(decodeResponse({ ...upstream, output: text, status: 'failed' }).finishReason).toBe('error');
    expect(decodeResponse({ ...upstream, output: text }).finishReason).toBe('stop');
    const refusal = [{ type: 'message', id: 'm', status: 'completed', role: 'assistant', content: [{ type: 'refusal', refusal: 'I cannot.' }] }];
    expect(decodeResponse({ ...upstream, output: refusal })).toMatchObject({
      finishReason: 'content_filter',
      rawFinishReason: 'refusal',
      content: [{ type: 'text', text: 'I cannot.' }],
    });
  });

  it('tool names mapped by the request come back as the caller named them; namespaced calls rejoin', () => {
    const ctx = newWireContext('gpt-5');
    ctx.toolNames.set('actions_download-logs', 'actions/download-logs');
    const r = decodeResponse(
      {
        ...upstream,
        output: [
          { type: 'function_call', id: 'fc', call_id: 'c', name: 'actions_download-logs', arguments: '' },
          { type: 'function_call', id: 'fc2', call_id: 'c2', namespace: 'multi_agent_v1', name: 'close_agent', arguments: '{"target":"a"}' },
        ],
      },
      ctx,
    );
    expect(r.content.map((p) => (p.type === 'tool_call' ? p.name : ''))).toEqual(['actions/download-logs', 'multi_agent_v1.close_agent']);
    expect(r.content[0]).toMatchObject({ arguments: {} });
  });

  it('a body that is not a response object is a 502', () => {
    expect(() => decodeResponse('nope')).toThrowError(/not a response object/);
  });
});

describe('responses encodeResponse', () => {
  const response: ChatResponse = {
    id: 'msg_anthropic_1',
    model: 'claude-x',
    content: [
      { type: 'reasoning', text: 'thinking', signature: 'SIG', origin: 'anthropic' },
      { type: 'text', text: 'Hello' },
      { type: 'text', text: '' },
      { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: { city: 'Paris' } },
      { type: 'tool_call', id: 'toolu_2', name: 'apply_patch', arguments: {}, kind: 'custom', input: 'PATCH' },
    ],
    finishReason: 'tool_calls',
    usage: { inputTokens: 10, outputTokens: 20, cacheReadTokens: 30, cacheWriteTokens: 5, reasoningTokens: 4 },
    created: 1700000001,
  };

  it('TU-12: builds a full response object with item ids, function/custom call items and usage', () => {
    const out = encodeResponse(response, { model: 'my-alias' });
    expect(out).toMatchObject({ object: 'response', status: 'completed', model: 'my-alias', created_at: 1700000001, error: null, incomplete_details: null });
    expect(out.id).toMatch(/^resp_/);
    expect(out).not.toHaveProperty('output_text');
    const [rs, msg, fc, ctc] = out.output;
    expect(out.output.length).toBe(4);
    expect(rs).toMatchObject({ type: 'reasoning', summary: [{ type: 'summary_text', text: 'thinking' }] });
    expect(rs?.id).toMatch(/^rs_/);
    // Anthropic's signed thinking is sealed into encrypted_content so a Codex-style caller replays it.
    const enc = (rs as { encrypted_content?: string }).encrypted_content;
    expect(enc === undefined || enc.startsWith('tkg1.')).toBe(true);
    expect(msg).toMatchObject({ type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hello', annotations: [] }] });
    expect(msg?.id).toMatch(/^msg_/);
    expect(fc).toMatchObject({ type: 'function_call', call_id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}', status: 'completed' });
    expect(fc?.id).toMatch(/^fc_/);
    expect(ctc).toMatchObject({ type: 'custom_tool_call', call_id: 'toolu_2', name: 'apply_patch', input: 'PATCH', status: 'completed' });
    expect(ctc?.id).toMatch(/^ctc_/);
  });

  it('USG-5: input_tokens = whole prompt (cache included), cached_tokens, reasoning_tokens, total', () => {
    expect(encodeResponse(response).usage).toEqual({
      input_tokens: 45,
      input_tokens_details: { cached_tokens: 30, cache_write_tokens: 5 },
      output_tokens: 20,
      output_tokens_details: { reasoning_tokens: 4 },
      total_tokens: 65,
    });
  });

  it('length → incomplete max_output_tokens; content_filter → incomplete content_filter; no message item without text', () => {
    const length = encodeResponse({ ...response, content: [], finishReason: 'length' });
    expect(length).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output: [] });
    expect(encodeResponse({ ...response, finishReason: 'content_filter' })).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'content_filter' },
    });
  });

  it('CC-6: Responses reasoning keeps its id and encrypted_content; a same-dialect round trip is stable', () => {
    const decoded = decodeResponse(upstream);
    const out = encodeResponse(decoded);
    expect(out.id).toBe('resp_1');
    expect(out.output[0]).toEqual(upstream.output[0]);
    expect(out.output.slice(2, 4)).toEqual(upstream.output.slice(2, 4));
    expect(decodeResponse(out)).toEqual({ ...decoded });
  });

  it('namespaced tool calls get their namespace back', () => {
    const out = encodeResponse({ ...response, content: [{ type: 'tool_call', id: 'c', name: 'multi_agent_v1.close_agent', arguments: { target: 'a' } }] });
    expect(out.output[0]).toMatchObject({ type: 'function_call', namespace: 'multi_agent_v1', name: 'close_agent' });
  });
});
