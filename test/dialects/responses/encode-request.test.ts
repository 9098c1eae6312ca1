import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../src/core/types.js';
import { decodeRequest, encodeRequest } from '../../../src/dialects/responses/index.js';
import { validateResponsesRequest } from '../../helpers/validators/responses.js';

const req = (over: Partial<ChatRequest>): ChatRequest => ({ model: 'gpt-5', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], ...over });
type Item = Record<string, unknown>;
const encode = (r: ChatRequest) => {
  const { body, context } = encodeRequest(r);
  expect(validateResponsesRequest(body)).toEqual([]);
  return { body, context, input: body.input as Item[] };
};

describe('responses encodeRequest', () => {
  it('SYS-9: several system texts → instructions joined with a blank line', () => {
    const { body, input } = encode(req({ system: [{ type: 'text', text: 'A' }, { type: 'text', text: '' }, { type: 'text', text: 'B' }] }));
    expect(body.instructions).toBe('A\n\nB');
    expect(input).toEqual([{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }]);
  });

  it('SYS-10: an Anthropic system list (cache_control and all) → instructions text only', () => {
    const { body } = encode(
      req({ system: [{ type: 'text', text: 'S1', cacheControl: { type: 'ephemeral' } }, { type: 'text', text: 'S2' }] }),
    );
    expect(body.instructions).toBe('S1\n\nS2');
    expect(JSON.stringify(body)).not.toContain('cache_control');
  });

  it('CNT-9 / CNT-11: user text/image/document → input_text/input_image/input_file; assistant text → output_text', () => {
    const { input } = encode(
      req({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'see' },
              { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAA' } },
              { type: 'image', source: { kind: 'url', url: 'https://x.test/a.png' }, detail: 'low' },
              { type: 'document', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVB' }, title: 'Report' },
              { type: 'document', source: { kind: 'url', url: 'https://x.test/b.pdf' } },
              { type: 'document', source: { kind: 'text', text: 'plain doc' } },
            ],
          },
          { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
        ],
      }),
    );
    expect(input).toEqual([
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'see' },
          { type: 'input_image', detail: 'auto', image_url: 'data:image/png;base64,AAA' },
          { type: 'input_image', detail: 'low', image_url: 'https://x.test/a.png' },
          { type: 'input_file', filename: 'Report', file_data: 'data:application/pdf;base64,JVB' },
          { type: 'input_file', file_url: 'https://x.test/b.pdf' },
          { type: 'input_text', text: 'plain doc' },
        ],
      },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'ok', annotations: [] }] },
    ]);
  });

  it('TU-10 / TU-13: assistant text is kept next to its tool calls; arguments are a JSON string; call_id = id', () => {
    const { input } = encode(
      req({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'go' }] },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'Running both.' },
              { type: 'tool_call', id: 'toolu_1', name: 'f', arguments: { a: 1 } },
              { type: 'tool_call', id: 'toolu_2', name: 'g', arguments: {} },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', toolCallId: 'toolu_1', content: [{ type: 'text', text: 'one' }] },
              { type: 'tool_result', toolCallId: 'toolu_2', content: [{ type: 'text', text: 'two' }] },
              { type: 'text', text: 'and?' },
            ],
          },
        ],
      }),
    );
    expect(input.slice(1)).toEqual([
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Running both.', annotations: [] }] },
      { type: 'function_call', name: 'f', arguments: '{"a":1}', call_id: 'toolu_1' },
      { type: 'function_call', name: 'g', arguments: '{}', call_id: 'toolu_2' },
      { type: 'function_call_output', call_id: 'toolu_1', output: 'one' },
      { type: 'function_call_output', call_id: 'toolu_2', output: 'two' },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'and?' }] },
    ]);
  });

  it('TR-11 / TR-13: text parts joined with "\\n"; images → an output list; is_error → "Error: " prefix', () => {
    const { input } = encode(
      req({
        messages: [
          {
            role: 'assistant',
            content: [
              { type: 'tool_call', id: 'a', name: 'f', arguments: {} },
              { type: 'tool_call', id: 'b', name: 'f', arguments: {} },
              { type: 'tool_call', id: 'c', name: 'f', arguments: {} },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', toolCallId: 'a', content: [{ type: 'text', text: 'l1' }, { type: 'text', text: 'l2' }] },
              {
                type: 'tool_result',
                toolCallId: 'b',
                content: [
                  { type: 'text', text: 'pic' },
                  { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: 'JJ' } },
                ],
              },
              { type: 'tool_result', toolCallId: 'c', content: [{ type: 'text', text: 'boom' }], isError: true },
            ],
          },
        ],
      }),
    );
    expect(input.slice(3)).toEqual([
      { type: 'function_call_output', call_id: 'a', output: 'l1\nl2' },
      {
        type: 'function_call_output',
        call_id: 'b',
        output: [
          { type: 'input_text', text: 'pic' },
          { type: 'input_image', detail: 'auto', image_url: 'data:image/jpeg;base64,JJ' },
        ],
      },
      { type: 'function_call_output', call_id: 'c', output: 'Error: boom' },
    ]);
  });

  it('custom tools stay native: custom tool, custom_tool_call with input, custom_tool_call_output (apply_patch round trip)', () => {
    const wire = {
      model: 'gpt-5.5',
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'create hello.txt' }] },
        {
          type: 'custom_tool_call',
          id: 'ctc_1',
          status: 'completed',
          call_id: 'call_1',
          name: 'apply_patch',
          input: '*** Begin Patch\n*** Add File: hello.txt\n+hi\n*** End Patch\n',
        },
        { type: 'custom_tool_call_output', call_id: 'call_1', output: 'Success.' },
      ],
      tools: [{ type: 'custom', name: 'apply_patch', description: 'patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: x' } }],
      tool_choice: { type: 'custom', name: 'apply_patch' },
    };
    const { body } = encode(decodeRequest(wire));
    expect(body).toEqual(wire);
  });

  it('TD-10 / TD-12: function tools are flat with strict explicit; foreign hosted tools are dropped', () => {
    const { body } = encode(
      req({
        tools: [
          { kind: 'function', name: 'f', description: 'd', inputSchema: { type: 'object', properties: { a: { type: 'string' } } } },
          { kind: 'function', name: 'g', inputSchema: { type: 'object' }, strict: true },
          { kind: 'hosted', name: 'web_search', inputSchema: {}, raw: { type: 'web_search_20250305', name: 'web_search' }, origin: 'anthropic' },
        ],
      }),
    );
    expect(body.tools).toEqual([
      { type: 'function', name: 'f', description: 'd', strict: false, parameters: { type: 'object', properties: { a: { type: 'string' } } } },
      { type: 'function', name: 'g', strict: true, parameters: { type: 'object' } },
    ]);
  });

  it('TD-10: tool names outside the OpenAI rule are mapped, and the context maps them back', () => {
    const { body, context, input } = encode(
      req({
        tools: [{ kind: 'function', name: 'actions/download-logs', inputSchema: { type: 'object' } }],
        toolChoice: { name: 'actions/download-logs' },
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'x' }] },
          { role: 'assistant', content: [{ type: 'tool_call', id: 't1', name: 'actions/download-logs', arguments: {} }] },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 't1', content: [] }] },
        ],
      }),
    );
    expect((body.tools as Item[])[0]?.name).toBe('actions_download-logs');
    expect(body.tool_choice).toEqual({ type: 'function', name: 'actions_download-logs' });
    expect(input[1]?.name).toBe('actions_download-logs');
    expect(context.toolNames.get('actions_download-logs')).toBe('actions/download-logs');
  });

  it('TC-10: tool_choice auto/none/required and a named function or custom tool', () => {
    const tools: ChatRequest['tools'] = [
      { kind: 'function', name: 'f', inputSchema: { type: 'object' } },
      { kind: 'custom', name: 'p', inputSchema: { type: 'object' } },
    ];
    expect(encode(req({ tools, toolChoice: 'auto' })).body.tool_choice).toBe('auto');
    expect(encode(req({ tools, toolChoice: 'none' })).body.tool_choice).toBe('none');
    expect(encode(req({ tools, toolChoice: 'required' })).body.tool_choice).toBe('required');
    expect(encode(req({ tools, toolChoice: { name: 'f' } })).body.tool_choice).toEqual({ type: 'function', name: 'f' });
    expect(encode(req({ tools, toolChoice: { name: 'p' } })).body.tool_choice).toEqual({ type: 'custom', name: 'p' });
    expect(encode(req({ tools, parallelToolCalls: false })).body.parallel_tool_calls).toBe(false);
  });

  it('TH-17: Responses reasoning is replayed byte for byte; Anthropic thinking and unsigned reasoning are dropped', () => {
    const { input } = encode(
      req({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'x' }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'thought', signature: 'sig', origin: 'anthropic' },
              { type: 'reasoning', text: 'plain' },
              { type: 'reasoning', text: 'S1', id: 'rs_1', summary: true, origin: 'responses' },
              { type: 'reasoning', text: 'S2', id: 'rs_1', summary: true, origin: 'responses', encryptedContent: 'gAAA+/==' },
              { type: 'text', text: 'answer' },
            ],
          },
        ],
      }),
    );
    expect(input[1]).toEqual({
      type: 'reasoning',
      id: 'rs_1',
      summary: [
        { type: 'summary_text', text: 'S1' },
        { type: 'summary_text', text: 'S2' },
      ],
      encrypted_content: 'gAAA+/==',
    });
    expect(input.length).toBe(3);
    expect(JSON.stringify(input)).not.toContain('sig');
  });

  it('TH-16: reasoning parts of different items stay separate items', () => {
    const { input } = encode(
      req({
        messages: [
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'A', id: 'rs_1', origin: 'responses', encryptedContent: 'E1' },
              { type: 'reasoning', text: 'B', id: 'rs_2', origin: 'responses', encryptedContent: 'E2' },
            ],
          },
        ],
      }),
    );
    expect(input.map((i) => i.id)).toEqual(['rs_1', 'rs_2']);
  });

  it('TH-18: effort and budget → reasoning {effort, summary}; a Responses caller gets no added summary', () => {
    expect(encode(req({ reasoning: { effort: 'high' } })).body.reasoning).toEqual({ effort: 'high', summary: 'detailed' });
    expect(encode(req({ reasoning: { effort: 'medium' } })).body.reasoning).toEqual({ effort: 'medium', summary: 'auto' });
    expect(encode(req({ reasoning: { effort: 'minimal' } })).body.reasoning).toEqual({ effort: 'minimal', summary: 'auto' });
    expect(encode(req({ reasoning: { enabled: true, budgetTokens: 31999 } })).body.reasoning).toEqual({ effort: 'high', summary: 'detailed' });
    expect(encode(req({ reasoning: { enabled: true, budgetTokens: 2048 } })).body.reasoning).toEqual({ effort: 'medium', summary: 'auto' });
    expect(encode(req({ reasoning: { adaptive: true } })).body.reasoning).toEqual({ effort: 'medium', summary: 'auto' });
    expect(encode(req({ reasoning: { enabled: false } })).body.reasoning).toEqual({ effort: 'none' });
    const fromCodex = decodeRequest({ model: 'gpt-5.5', input: 'x', reasoning: { effort: 'medium' }, store: false });
    expect(encode(fromCodex).body.reasoning).toEqual({ effort: 'medium' });
  });

  it('MT-5: maxTokens → max_output_tokens (raised to the API minimum of 16)', () => {
    expect(encode(req({ maxTokens: 4096 })).body.max_output_tokens).toBe(4096);
    expect(encode(req({ maxTokens: 1 })).body.max_output_tokens).toBe(16);
    expect(encode(req({})).body).not.toHaveProperty('max_tokens');
  });

  it('SP-5: temperature, top_p, metadata and user keep their names; stop/seed/top_k have no Responses field', () => {
    const { body } = encode(
      req({ temperature: 0.2, topP: 0.5, metadata: { user: 'u-1', team: 'x' }, stop: ['END'], seed: 7, topK: 5, stream: true }),
    );
    expect(body).toMatchObject({ temperature: 0.2, top_p: 0.5, user: 'u-1', metadata: { team: 'x' }, stream: true });
    for (const key of ['stop', 'seed', 'top_k', 'stop_sequences']) expect(body).not.toHaveProperty(key);
  });

  it('MD-4: a user id longer than 64 chars (Claude Code metadata.user_id) is hashed to fit', () => {
    const long = JSON.stringify({ device_id: 'd'.repeat(64), account_uuid: '', session_id: 's'.repeat(36) });
    const { body } = encode(req({ metadata: { user: long } }));
    expect(body.user).toBe(createHash('sha256').update(long).digest('hex'));
    expect((body.user as string).length).toBe(64);
  });

  it('responseFormat → text.format', () => {
    expect(encode(req({ responseFormat: { type: 'json_object' } })).body.text).toEqual({ format: { type: 'json_object' } });
    expect(encode(req({ responseFormat: { type: 'json_schema', schema: { type: 'object' }, strict: true } })).body.text).toEqual({
      format: { type: 'json_schema', name: 'response', schema: { type: 'object' }, strict: true },
    });
  });

  it('SYS-9: when middleware changed the system parts, the developer layout is dropped for plain instructions', () => {
    const decoded = decodeRequest({ model: 'gpt-5', input: [{ role: 'developer', content: 'D' }, { role: 'user', content: 'u' }] });
    const changed = { ...decoded, system: [...(decoded.system ?? []), { type: 'text' as const, text: 'Added by a guard' }] };
    const { body, input } = encode(changed);
    expect(body.instructions).toBe('D\n\nAdded by a guard');
    expect(input.map((i) => i.role)).toEqual(['user']);
  });

  it('model option overrides the request model', () => {
    expect(encodeRequest(req({}), { model: 'gpt-5-upstream' }).body.model).toBe('gpt-5-upstream');
  });
});
