import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../../src/core/errors.js';
import type { ToolCallPart } from '../../../src/core/types.js';
import { decodeRequest, encodeRequest } from '../../../src/dialects/responses/index.js';

const base = { model: 'gpt-5' };

function decodeError(body: unknown): InvalidRequestError {
  try {
    decodeRequest(body);
  } catch (e) {
    if (e instanceof InvalidRequestError) return e;
    throw e;
  }
  throw new Error('expected an InvalidRequestError');
}

describe('responses decodeRequest', () => {
  it('SYS-8: instructions and system/developer messages become the system prompt, in order', () => {
    const req = decodeRequest({
      ...base,
      instructions: 'S',
      input: [
        { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'D1' }] },
        { role: 'system', content: 'D2' },
        { role: 'user', content: 'hi' },
      ],
    });
    expect(req.system?.map((p) => p.text)).toEqual(['S', 'D1', 'D2']);
    expect(req.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
  });

  it('SYS-8: a mid-conversation developer message is hoisted, and put back in place by a same-dialect encode', () => {
    const body = {
      ...base,
      input: [
        { role: 'user', content: 'one' },
        { role: 'assistant', content: 'two' },
        { role: 'developer', content: 'late rule' },
        { role: 'user', content: 'three' },
      ],
    };
    const req = decodeRequest(body);
    expect(req.system?.map((p) => p.text)).toEqual(['late rule']);
    expect(req.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    const out = encodeRequest(req).body.input as Array<Record<string, unknown>>;
    expect(out.map((i) => i.role)).toEqual(['user', 'assistant', 'developer', 'user']);
    expect(encodeRequest(req).body.instructions).toBeUndefined();
  });

  it('a string input is one user message', () => {
    expect(decodeRequest({ ...base, input: 'hello' }).messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hello' }] }]);
  });

  it('ALT-11: consecutive function_call items become one assistant message; outputs keep their order', () => {
    const req = decodeRequest({
      ...base,
      input: [
        { role: 'user', content: 'go' },
        { type: 'function_call', call_id: 'c1', name: 'a', arguments: '{"x":1}' },
        { type: 'function_call', call_id: 'c2', name: 'b', arguments: '{}' },
        { type: 'function_call', call_id: 'c1', name: 'a', arguments: '{"x":1}' },
        { type: 'function_call_output', call_id: 'c1', output: 'r1' },
        { type: 'function_call_output', call_id: 'c2', output: 'r2' },
      ],
    });
    expect(req.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(req.messages[1]?.content.map((p) => (p as ToolCallPart).id)).toEqual(['c1', 'c2']);
    expect(req.messages[2]?.content).toEqual([
      { type: 'tool_result', toolCallId: 'c1', content: [{ type: 'text', text: 'r1' }], name: 'a' },
      { type: 'tool_result', toolCallId: 'c2', content: [{ type: 'text', text: 'r2' }], name: 'b' },
    ]);
  });

  it('ALT-11: reasoning, assistant text and calls that follow each other form one assistant turn', () => {
    const req = decodeRequest({
      ...base,
      input: [
        { role: 'user', content: 'go' },
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'think' }], encrypted_content: 'ENC' },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Let me run it.' }] },
        { type: 'function_call', id: 'fc_1', call_id: 'c1', name: 'run', arguments: '{}' },
      ],
    });
    expect(req.messages.length).toBe(2);
    expect(req.messages[1]?.content.map((p) => p.type)).toEqual(['reasoning', 'text', 'tool_call']);
  });

  it('ALT-12: an output with no matching call (previous_response_id flow) is kept, and previous_response_id survives', () => {
    const body = { ...base, previous_response_id: 'resp_prev', input: [{ type: 'function_call_output', call_id: 'c9', output: 'ok' }] };
    const req = decodeRequest(body);
    expect(req.messages[0]?.content[0]).toMatchObject({ type: 'tool_result', toolCallId: 'c9' });
    expect(req.extensions?.responses?.previous_response_id).toBe('resp_prev');
    const out = encodeRequest(req).body;
    expect(out.previous_response_id).toBe('resp_prev');
    expect(out.input).toEqual([{ type: 'function_call_output', call_id: 'c9', output: 'ok' }]);
  });

  it('CNT-10: input_text/output_text → text, input_image → image, input_file → document', () => {
    const req = decodeRequest({
      ...base,
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'look' },
            { type: 'input_text', text: '' },
            { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'high' },
            { type: 'input_image', image_url: 'https://x.test/a.jpg', detail: 'auto' },
            { type: 'input_image', file_id: 'file-1', detail: 'low' },
            { type: 'input_file', file_data: 'data:application/pdf;base64,JVBE', filename: 'a.pdf' },
            { type: 'input_file', file_url: 'https://x.test/b.pdf' },
            { type: 'input_file', file_id: 'file-2' },
          ],
        },
        { role: 'assistant', content: [{ type: 'output_text', text: 'seen', annotations: [] }, { type: 'refusal', refusal: 'no' }] },
      ],
    });
    expect(req.messages[0]?.content).toEqual([
      { type: 'text', text: 'look' },
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' }, detail: 'high' },
      { type: 'image', source: { kind: 'url', url: 'https://x.test/a.jpg' }, detail: 'auto' },
      { type: 'image', source: { kind: 'file', fileId: 'file-1' }, detail: 'low' },
      { type: 'document', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' }, filename: 'a.pdf' },
      { type: 'document', source: { kind: 'url', url: 'https://x.test/b.pdf' } },
      { type: 'document', source: { kind: 'file', fileId: 'file-2' } },
    ]);
    expect(req.messages[1]?.content).toEqual([
      { type: 'text', text: 'seen' },
      { type: 'text', text: 'no' },
    ]);
  });

  it('TU-9: function_call → tool_call (id = call_id, itemId = id); custom_tool_call keeps its raw input', () => {
    const req = decodeRequest({
      ...base,
      input: [
        { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'f', arguments: '{"a":1}', status: 'completed' },
        { type: 'custom_tool_call', id: 'ctc_1', call_id: 'call_2', name: 'apply_patch', input: '*** Begin Patch\n' },
        { type: 'custom_tool_call_output', call_id: 'call_2', output: 'Done' },
      ],
    });
    expect(req.messages[0]?.content).toEqual([
      { type: 'tool_call', id: 'call_1', name: 'f', arguments: { a: 1 }, kind: 'function', origin: 'responses', itemId: 'fc_1' },
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
    expect(req.messages[1]?.content[0]).toMatchObject({ type: 'tool_result', kind: 'custom', name: 'apply_patch' });
  });

  it('TU-9: arguments that are not JSON are kept verbatim (the API accepts any string)', () => {
    const req = decodeRequest({ ...base, input: [{ type: 'function_call', call_id: 'c', name: 'f', arguments: '{"a":' }] });
    expect(req.messages[0]?.content[0]).toMatchObject({ arguments: { _raw: '{"a":' } });
    const item = (encodeRequest(req).body.input as Array<Record<string, unknown>>)[0];
    expect(item?.arguments).toBe('{"a":');
  });

  it('TR-12: output string → one text part, a list → text/image/document parts, "" → no part', () => {
    const req = decodeRequest({
      ...base,
      input: [
        { type: 'function_call', call_id: 'a', name: 'f', arguments: '{}' },
        { type: 'function_call', call_id: 'b', name: 'f', arguments: '{}' },
        { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' },
        { type: 'function_call_output', call_id: 'a', output: 'plain' },
        {
          type: 'function_call_output',
          call_id: 'b',
          output: [
            { type: 'input_text', text: 'see' },
            { type: 'input_image', image_url: 'https://x.test/i.png' },
          ],
        },
        { type: 'function_call_output', call_id: 'c', output: '' },
      ],
    });
    const results = req.messages[1]?.content ?? [];
    expect(results[0]).toMatchObject({ content: [{ type: 'text', text: 'plain' }] });
    expect(results[1]).toMatchObject({
      content: [
        { type: 'text', text: 'see' },
        { type: 'image', source: { kind: 'url', url: 'https://x.test/i.png' } },
      ],
    });
    expect(results[2]).toMatchObject({ content: [] });
  });

  it('TD-11: function, custom, namespace and hosted tools', () => {
    const req = decodeRequest({
      ...base,
      input: 'x',
      tools: [
        { type: 'function', name: 'f', description: 'd', parameters: { type: 'object', properties: {} }, strict: false },
        { type: 'function', name: 'g' },
        { type: 'custom', name: 'apply_patch', description: 'patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: x' } },
        { type: 'web_search', external_web_access: false },
        { type: 'tool_search', execution: 'client', parameters: { type: 'object' } },
        { type: 'namespace', name: 'ns', description: 'N', tools: [{ type: 'function', name: 'h', parameters: { type: 'object' } }] },
      ],
    });
    expect(req.tools).toEqual([
      { kind: 'function', name: 'f', description: 'd', inputSchema: { type: 'object', properties: {} }, strict: false },
      { kind: 'function', name: 'g', inputSchema: { type: 'object', properties: {} } },
      {
        kind: 'custom',
        name: 'apply_patch',
        description: 'patch',
        inputSchema: { type: 'object', properties: { input: { type: 'string' } }, required: ['input'] },
        format: { type: 'grammar', syntax: 'lark', definition: 'start: x' },
      },
      { kind: 'hosted', name: 'web_search', inputSchema: { type: 'object', properties: {} }, raw: { type: 'web_search', external_web_access: false }, origin: 'responses' },
      {
        kind: 'hosted',
        name: 'tool_search',
        inputSchema: { type: 'object', properties: {} },
        raw: { type: 'tool_search', execution: 'client', parameters: { type: 'object' } },
        origin: 'responses',
      },
      {
        kind: 'function',
        name: 'ns.h',
        inputSchema: { type: 'object' },
        raw: { type: 'namespace', name: 'ns', description: 'N', tools: [{ type: 'function', name: 'h', parameters: { type: 'object' } }] },
        origin: 'responses',
      },
    ]);
  });

  it('TC-11: tool_choice strings, {type:function,name}, {type:custom,name}; other objects kept raw', () => {
    expect(decodeRequest({ ...base, input: 'x', tool_choice: 'required' }).toolChoice).toBe('required');
    expect(decodeRequest({ ...base, input: 'x', tool_choice: 'none' }).toolChoice).toBe('none');
    expect(decodeRequest({ ...base, input: 'x', tool_choice: { type: 'function', name: 'f' } }).toolChoice).toEqual({ name: 'f' });
    expect(decodeRequest({ ...base, input: 'x', tool_choice: { type: 'custom', name: 'apply_patch' } }).toolChoice).toEqual({
      name: 'apply_patch',
    });
    const hosted = decodeRequest({ ...base, input: 'x', tool_choice: { type: 'web_search_preview' } });
    expect(hosted.toolChoice).toBeUndefined();
    expect(encodeRequest(hosted).body.tool_choice).toEqual({ type: 'web_search_preview' });
  });

  it('MT-5 / SP-5: max_output_tokens, temperature, top_p, parallel_tool_calls, user, metadata, stream', () => {
    const req = decodeRequest({
      ...base,
      input: 'x',
      max_output_tokens: 500,
      temperature: 0.3,
      top_p: 0.9,
      parallel_tool_calls: false,
      user: 'u-1',
      metadata: { team: 'a' },
      stream: true,
    });
    expect(req).toMatchObject({
      maxTokens: 500,
      temperature: 0.3,
      topP: 0.9,
      parallelToolCalls: false,
      metadata: { team: 'a', user: 'u-1' },
      stream: true,
    });
  });

  it('TH-19: reasoning {effort, summary} is read; effort none switches reasoning off', () => {
    expect(decodeRequest({ ...base, input: 'x', reasoning: { effort: 'high', summary: 'detailed' } }).reasoning).toEqual({
      effort: 'high',
      summary: 'detailed',
    });
    expect(decodeRequest({ ...base, input: 'x', reasoning: { summary: 'auto' } }).reasoning).toEqual({ summary: 'auto' });
    expect(decodeRequest({ ...base, input: 'x', reasoning: { effort: 'none' } }).reasoning).toEqual({ effort: 'none', enabled: false });
  });

  it('TH-15: a reasoning item gives one part per summary entry; encrypted content rides on the last', () => {
    const req = decodeRequest({
      ...base,
      input: [
        {
          type: 'reasoning',
          id: 'rs_1',
          summary: [
            { type: 'summary_text', text: 'A' },
            { type: 'summary_text', text: 'B' },
          ],
          encrypted_content: 'ENC',
        },
        { type: 'reasoning', id: 'rs_2', summary: [], encrypted_content: 'ENC2' },
      ],
    });
    expect(req.messages[0]?.content).toEqual([
      { type: 'reasoning', text: 'A', origin: 'responses', id: 'rs_1', summary: true },
      { type: 'reasoning', text: 'B', origin: 'responses', id: 'rs_1', summary: true, encryptedContent: 'ENC' },
      { type: 'reasoning', text: '', origin: 'responses', id: 'rs_2', summary: true, encryptedContent: 'ENC2' },
    ]);
  });

  it('text.format → responseFormat; text.verbosity and other fields are kept for a same-dialect encode', () => {
    const req = decodeRequest({
      ...base,
      input: 'x',
      text: { verbosity: 'low', format: { type: 'json_schema', name: 'r', schema: { type: 'object' }, strict: true } },
      service_tier: 'flex',
      truncation: 'auto',
      safety_identifier: 'sid',
      prompt_cache_key: 'k',
    });
    expect(req.responseFormat).toEqual({ type: 'json_schema', name: 'r', schema: { type: 'object' }, strict: true });
    const body = encodeRequest(req).body;
    expect(body.text).toEqual({ verbosity: 'low', format: { type: 'json_schema', name: 'r', schema: { type: 'object' }, strict: true } });
    expect(body).toMatchObject({ service_tier: 'flex', truncation: 'auto', safety_identifier: 'sid', prompt_cache_key: 'k' });
  });

  it('hosted tool call items (web_search_call) are kept in place for a same-dialect encode', () => {
    const ws = { type: 'web_search_call', id: 'ws_1', status: 'completed', action: { type: 'search', query: 'q' } };
    const body = {
      ...base,
      input: [{ role: 'user', content: 'q' }, ws, { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'a', annotations: [] }] }],
    };
    const req = decodeRequest(body);
    expect(req.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(encodeRequest(req).body.input).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'q' }] },
      ws,
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'a', annotations: [] }] },
    ]);
  });

  describe('bad input is a 400 naming the field', () => {
    it('missing model', () => {
      expect(decodeError({ input: 'x' }).message).toMatch(/^model: /);
    });
    it('unknown item types name input.N.type; an item_reference without an id names input.N.id', () => {
      const e = decodeError({ ...base, input: [{ role: 'user', content: 'x' }, { type: 'bogus' }] });
      expect(e.param).toBe('input.1.type');
      expect(e.message).toMatch(/^input\.1\.type: unsupported input item type 'bogus'/);
      expect(decodeError({ ...base, input: [{ type: 'item_reference' }] }).param).toBe('input.0.id');
    });
    it('an item_reference is kept in place for the middleware that resolves it (or a Responses upstream)', () => {
      const req = decodeRequest({ ...base, input: [{ role: 'user', content: 'x' }, { type: 'item_reference', id: 'msg_1' }] });
      expect(req.extensions?.responses?.$items).toEqual([{ at: 1, item: { type: 'item_reference', id: 'msg_1' } }]);
      expect(encodeRequest(req).body.input).toContainEqual({ type: 'item_reference', id: 'msg_1' });
    });
    it('function_call without call_id', () => {
      const e = decodeError({ ...base, input: [{ type: 'function_call', name: 'f', arguments: '{}' }] });
      expect(e.param).toBe('input.0.call_id');
    });
    it('arguments that are not a string', () => {
      const e = decodeError({ ...base, input: [{ type: 'function_call', call_id: 'c', name: 'f', arguments: { a: 1 } }] });
      expect(e.param).toBe('input.0.arguments');
    });
    it('bad content part type', () => {
      const e = decodeError({ ...base, input: [{ role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }] });
      expect(e.message).toMatch(/^input\.0\.content\.0\.type: /);
    });
    it('bad role', () => {
      expect(decodeError({ ...base, input: [{ role: 'tool', content: 'x' }] }).param).toBe('input.0.role');
    });
    it('a body that is not an object', () => {
      expect(decodeError([1, 2]).message).toMatch(/JSON object/);
    });
    it('bad tool', () => {
      expect(decodeError({ ...base, input: 'x', tools: [{ type: 'function' }] }).param).toBe('tools.0.name');
    });
  });
});
