import { describe, expect, it } from 'vitest';
import type { ChatRequest, ToolDefinition } from '../../../src/core/types.js';
import { decodeRequest, decodeResponse, encodeRequest } from '../../../src/dialects/openai-chat/index.js';
import { validateOpenAIChatRequest } from '../../helpers/validators/openai-chat.js';

const req = (r: Partial<ChatRequest>): ChatRequest => ({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], ...r });
const fn = (name: string, extra: Partial<ToolDefinition> = {}): ToolDefinition => ({ kind: 'function', name, inputSchema: { type: 'object', properties: {} }, ...extra });

function encode(r: ChatRequest) {
  const out = encodeRequest(r);
  expect(validateOpenAIChatRequest(out.body)).toEqual([]);
  return out;
}

describe('openai-chat encodeRequest: system and messages', () => {
  it('SYS-5: system first as a string', () => {
    const { body } = encode(req({ system: [{ type: 'text', text: 'S' }] }));
    expect(body.messages).toEqual([{ role: 'system', content: 'S' }, { role: 'user', content: 'hi' }]);
  });

  it('SYS-6: several system parts → one system message (joined string), cache_control stripped', () => {
    const { body } = encode(
      req({ system: [{ type: 'text', text: 'S1', cacheControl: { type: 'ephemeral' } }, { type: 'text', text: 'S2' }] }),
    );
    expect((body.messages as unknown[])[0]).toEqual({ role: 'system', content: 'S1\n\nS2' });
  });

  it('ALT-8: tool results become tool messages before the user text of the same turn', () => {
    const { body } = encode(
      req({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'go' }] },
          {
            role: 'assistant',
            content: [
              { type: 'tool_call', id: 'id1', name: 'f', arguments: {} },
              { type: 'tool_call', id: 'id2', name: 'f', arguments: {} },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'why?' },
              { type: 'tool_result', toolCallId: 'id1', content: [{ type: 'text', text: 'r1' }] },
              { type: 'tool_result', toolCallId: 'id2', content: [{ type: 'text', text: 'r2' }] },
            ],
          },
        ],
        tools: [fn('f')],
      }),
    );
    expect((body.messages as unknown[]).slice(2)).toEqual([
      { role: 'tool', tool_call_id: 'id1', content: 'r1' },
      { role: 'tool', tool_call_id: 'id2', content: 'r2' },
      { role: 'user', content: 'why?' },
    ]);
  });

  it('ALT-9: a single text part is a string, several parts a list', () => {
    const { body } = encode(
      req({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'a' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
          { role: 'user', content: [{ type: 'text', text: 'b' }, { type: 'text', text: 'c' }] },
        ],
      }),
    );
    const m = body.messages as Array<Record<string, unknown>>;
    expect(m[0]?.content).toBe('a');
    expect(m[2]?.content).toEqual([{ type: 'text', text: 'b' }, { type: 'text', text: 'c' }]);
  });

  it('ALT-10 / TU-4 / TH-9 (reasoning history dropped): assistant text joined with "", tool_calls with JSON.stringify(arguments), content null when only calls', () => {
    const { body } = encode(
      req({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'x' }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'hmm', signature: 'sig', origin: 'anthropic' },
              { type: 'text', text: 'a' },
              { type: 'text', text: 'b' },
              { type: 'tool_call', id: 'toolu_1', name: 'f', arguments: { a: 1 }, cacheControl: { type: 'ephemeral' } },
            ],
          },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 'toolu_1', content: [] }] },
          { role: 'assistant', content: [{ type: 'tool_call', id: 'toolu_2', name: 'f', arguments: {} }] },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 'toolu_2', content: [{ type: 'text', text: 'ok' }] }] },
        ],
        tools: [fn('f')],
      }),
    );
    const m = body.messages as Array<Record<string, unknown>>;
    expect(m[1]).toEqual({
      role: 'assistant',
      content: 'ab',
      tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
    });
    expect(JSON.parse((m[1]!.tool_calls as Array<{ function: { arguments: string } }>)[0]!.function.arguments)).toEqual({ a: 1 });
    expect(m[3]).toMatchObject({ role: 'assistant', content: null });
    expect(JSON.stringify(body)).not.toMatch(/reasoning|thinking|signature/);
  });

  it('TR-6/7/8: tool_result string, missing content → "", single text → string', () => {
    const { body } = encode(
      req({
        messages: [
          { role: 'assistant', content: [{ type: 'tool_call', id: 'a', name: 'f', arguments: {} }, { type: 'tool_call', id: 'b', name: 'f', arguments: {} }] },
          {
            role: 'user',
            content: [
              { type: 'tool_result', toolCallId: 'a', content: [{ type: 'text', text: 's' }] },
              { type: 'tool_result', toolCallId: 'b', content: [] },
            ],
          },
        ],
        tools: [fn('f')],
      }),
    );
    const m = body.messages as Array<Record<string, unknown>>;
    expect(m[1]).toEqual({ role: 'tool', tool_call_id: 'a', content: 's' });
    expect(m[2]).toEqual({ role: 'tool', tool_call_id: 'b', content: '' });
  });

  it('TR-9: mixed content → ONE tool message (text parts only, as the chat API requires); media follow in the user message', () => {
    const { body } = encode(
      req({
        messages: [
          { role: 'assistant', content: [{ type: 'tool_call', id: 'a', name: 'f', arguments: {} }, { type: 'tool_call', id: 'b', name: 'f', arguments: {} }] },
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                toolCallId: 'a',
                content: [
                  { type: 'text', text: 'x' },
                  { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'P' } },
                  { type: 'text', text: 'y' },
                ],
              },
              { type: 'tool_result', toolCallId: 'b', content: [{ type: 'text', text: 'plain' }] },
              { type: 'text', text: 'what do you see?' },
            ],
          },
        ],
        tools: [fn('f')],
      }),
    );
    expect((body.messages as unknown[]).slice(1)).toEqual([
      {
        role: 'tool',
        tool_call_id: 'a',
        content: [
          { type: 'text', text: 'x' },
          { type: 'text', text: '[image 1 attached in the next user message]' },
          { type: 'text', text: 'y' },
        ],
      },
      { role: 'tool', tool_call_id: 'b', content: 'plain' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Attachments of tool result a:' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,P' } },
          { type: 'text', text: 'what do you see?' },
        ],
      },
    ]);
  });

  it('TR-10: is_error prefixes the content with "Error: "', () => {
    const { body } = encode(
      req({
        messages: [
          { role: 'assistant', content: [{ type: 'tool_call', id: 'a', name: 'f', arguments: {} }] },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 'a', content: [{ type: 'text', text: 'file not found' }], isError: true }] },
        ],
        tools: [fn('f')],
      }),
    );
    expect((body.messages as Array<Record<string, unknown>>)[1]?.content).toBe('Error: file not found');
  });

  it('CNT-6/7/8: images and documents', () => {
    const { body } = encode(
      req({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: 'D' } },
              { type: 'image', source: { kind: 'url', url: 'https://x.test/i.png' }, detail: 'high' },
              { type: 'document', source: { kind: 'base64', mediaType: 'application/pdf', data: 'PDF' }, title: 'Report' },
              { type: 'document', source: { kind: 'text', text: 'plain doc' } },
            ],
          },
        ],
      }),
    );
    expect((body.messages as Array<Record<string, unknown>>)[0]?.content).toEqual([
      { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,D' } },
      { type: 'image_url', image_url: { url: 'https://x.test/i.png', detail: 'high' } },
      { type: 'file', file: { filename: 'Report', file_data: 'data:application/pdf;base64,PDF' } },
      { type: 'text', text: 'plain doc' },
    ]);
  });
});

describe('openai-chat encodeRequest: tools', () => {
  it('TD-5: {name, description, input_schema, strict} → function tool; type does not leak into parameters', () => {
    const { body } = encode(
      req({ tools: [{ kind: 'function', name: 'f', description: 'd', inputSchema: { type: 'object', properties: { a: { type: 'string' } } }, strict: true, cacheControl: { type: 'ephemeral' } }] }),
    );
    expect(body.tools).toEqual([
      { type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object', properties: { a: { type: 'string' } } }, strict: true } },
    ]);
  });

  it('TD-6: names over 64 chars are truncated with a hash, in tools, tool_choice and history, and reverse-mapped', () => {
    const long = `mcp__server__${'x'.repeat(70)}`;
    const { body, context } = encode(
      req({
        tools: [fn(long)],
        toolChoice: { name: long },
        messages: [
          { role: 'assistant', content: [{ type: 'tool_call', id: 'c', name: long, arguments: {} }] },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 'c', content: [] }] },
        ],
      }),
    );
    const wire = (body.tools as Array<{ function: { name: string } }>)[0]!.function.name;
    expect(wire.length).toBeLessThanOrEqual(64);
    expect(wire).toMatch(/^mcp__server__x+_[0-9a-f]{8}$/);
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: wire } });
    expect((body.messages as Array<{ tool_calls?: Array<{ function: { name: string } }> }>)[0]!.tool_calls![0]!.function.name).toBe(wire);
    const back = decodeResponse(
      { id: 'x', model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'c2', type: 'function', function: { name: wire, arguments: '{}' } }] }, finish_reason: 'tool_calls' }] },
      context,
    );
    expect(back.content[0]).toMatchObject({ name: long });
  });

  it('TD-4-like: invalid characters are replaced, valid names never change', () => {
    const { body } = encode(req({ tools: [fn('actions/download-logs'), fn('Bash')] }));
    expect((body.tools as Array<{ function: { name: string } }>).map((t) => t.function.name)).toEqual(['actions_download-logs', 'Bash']);
  });

  it('TD-7: a blank tool name becomes unnamed_tool_N and maps back', () => {
    const { body, context } = encode(req({ tools: [fn('ok'), fn('  ')] }));
    expect((body.tools as Array<{ function: { name: string } }>)[1]!.function.name).toBe('unnamed_tool_1');
    expect(context.toolNames.get('unnamed_tool_1')).toBe('  ');
  });

  it('TD-8: hosted tools are dropped unless they came from openai-chat', () => {
    const hostedA: ToolDefinition = { kind: 'hosted', name: 'web_search', inputSchema: {}, raw: { type: 'web_search_20250305', name: 'web_search' }, origin: 'anthropic' };
    const { body } = encode(req({ tools: [hostedA, fn('f')] }));
    expect((body.tools as unknown[]).length).toBe(1);
    const only = encodeRequest(req({ tools: [hostedA], toolChoice: 'auto', parallelToolCalls: false })).body;
    expect(only.tools).toBeUndefined();
    expect(only.tool_choice).toBeUndefined();
    expect(only.parallel_tool_calls).toBeUndefined();
    const own: ToolDefinition = { kind: 'hosted', name: 'x', inputSchema: {}, raw: { type: 'function', function: { name: 'x' } }, origin: 'openai-chat' };
    expect(encodeRequest(req({ tools: [own] })).body.tools).toEqual([{ type: 'function', function: { name: 'x' } }]);
  });

  it('custom tools become wrapped functions; custom calls in history are wrapped; the answer unwraps', () => {
    const apply: ToolDefinition = { kind: 'custom', name: 'apply_patch', description: 'patch files', inputSchema: {}, format: { type: 'grammar', syntax: 'lark', definition: 'start: "x"' } };
    const { body, context } = encode(
      req({
        tools: [apply],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'x' }] },
          { role: 'assistant', content: [{ type: 'tool_call', id: 'c', name: 'apply_patch', arguments: {}, kind: 'custom', input: '*** Begin Patch' }] },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 'c', content: [{ type: 'text', text: 'ok' }], kind: 'custom' }] },
        ],
      }),
    );
    const tool = (body.tools as Array<{ type: string; function: { name: string; parameters: { required: string[] } } }>)[0]!;
    expect(tool.type).toBe('function');
    expect(tool.function.parameters.required).toEqual(['input']);
    expect(context.wrappedCustomTools.has('apply_patch')).toBe(true);
    const call = (body.messages as Array<{ tool_calls?: Array<{ function: { arguments: string } }> }>)[1]!.tool_calls![0]!;
    expect(JSON.parse(call.function.arguments)).toEqual({ input: '*** Begin Patch' });
    const back = decodeResponse(
      { id: 'r', model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'c9', type: 'function', function: { name: 'apply_patch', arguments: '{"input":"*** End"}' } }] }, finish_reason: 'tool_calls' }] },
      context,
    );
    expect(back.content[0]).toEqual({ type: 'tool_call', id: 'c9', name: 'apply_patch', arguments: {}, kind: 'custom', input: '*** End' });
  });

  it('TC-8: tool_choice mapping', () => {
    const tc = (toolChoice: ChatRequest['toolChoice']) => encode(req({ tools: [fn('f')], toolChoice })).body.tool_choice;
    expect(tc('auto')).toBe('auto');
    expect(tc('required')).toBe('required');
    expect(tc('none')).toBe('none');
    expect(tc({ name: 'f' })).toEqual({ type: 'function', function: { name: 'f' } });
  });

  it('TC-9: parallelToolCalls → parallel_tool_calls (false and true)', () => {
    expect(encode(req({ tools: [fn('f')], parallelToolCalls: false })).body.parallel_tool_calls).toBe(false);
    expect(encode(req({ tools: [fn('f')], parallelToolCalls: true })).body.parallel_tool_calls).toBe(true);
  });

  it('TD-14: json_schema response format, name defaults to structured_output; strict schemas are closed', () => {
    const { body } = encode(req({ responseFormat: { type: 'json_schema', schema: { type: 'object', properties: { title: { type: 'string' }, n: { type: 'object', properties: { k: { type: 'number' } } } } }, strict: true } }));
    expect(body.response_format).toEqual({
      type: 'json_schema',
      json_schema: {
        name: 'structured_output',
        schema: {
          type: 'object',
          properties: { title: { type: 'string' }, n: { type: 'object', properties: { k: { type: 'number' } }, additionalProperties: false, required: ['k'] } },
          additionalProperties: false,
          required: ['title', 'n'],
        },
        strict: true,
      },
    });
    expect(encode(req({ responseFormat: { type: 'json_object' } })).body.response_format).toEqual({ type: 'json_object' });
  });
});

describe('openai-chat encodeRequest: parameters', () => {
  it('MT-3: maxTokens → max_tokens (max_completion_tokens when the caller used it)', () => {
    expect(encode(req({ maxTokens: 32000 })).body.max_tokens).toBe(32000);
    const same = encode(decodeRequest({ model: 'gpt-5', messages: [{ role: 'user', content: 'x' }], max_completion_tokens: 50 })).body;
    expect(same.max_completion_tokens).toBe(50);
    expect(same.max_tokens).toBeUndefined();
  });

  it('SP-3: at most 4 stop sequences', () => {
    expect(encode(req({ stop: ['a', 'b', 'c', 'd', 'e'] })).body.stop).toEqual(['a', 'b', 'c', 'd']);
  });

  it('SP-4: topK is dropped (no chat equivalent); sampling params pass', () => {
    const { body } = encode(req({ topK: 40, temperature: 0.3, topP: 0.8, seed: 1, presencePenalty: 0.1, frequencyPenalty: 0.2 }));
    expect(body).not.toHaveProperty('top_k');
    expect(body).toMatchObject({ temperature: 0.3, top_p: 0.8, seed: 1, presence_penalty: 0.1, frequency_penalty: 0.2 });
  });

  it('MD-3: metadata.user → user; other metadata is not sent to a foreign upstream', () => {
    const { body } = encode(req({ metadata: { user: 'X', session: 's' } }));
    expect(body.user).toBe('X');
    expect(body).not.toHaveProperty('metadata');
  });

  it('TH-4: budget → effort bucket (folded to what OpenAI accepts)', () => {
    const eff = (budgetTokens: number) => encode(req({ model: 'o3', reasoning: { enabled: true, budgetTokens } })).body.reasoning_effort;
    expect(eff(0)).toBe('minimal');
    expect(eff(1024)).toBe('low');
    expect(eff(2048)).toBe('medium');
    expect(eff(4096)).toBe('high');
    expect(eff(31999)).toBe('high');
  });

  it('TH-5: adaptive + effort → that effort; adaptive alone → medium', () => {
    expect(encode(req({ model: 'gpt-5', reasoning: { adaptive: true, effort: 'high' } })).body.reasoning_effort).toBe('high');
    expect(encode(req({ model: 'gpt-5', reasoning: { adaptive: true } })).body.reasoning_effort).toBe('medium');
  });

  it('TH-6: disabled → reasoning_effort "none"', () => {
    expect(encode(req({ model: 'o4-mini', reasoning: { enabled: false } })).body.reasoning_effort).toBe('none');
  });

  it('repro-e2e-claude-code-gpt4o: no reasoning_effort for a model that does not reason (it would 400)', () => {
    for (const model of ['gpt-4o', 'llama3.2', 'mistral-large']) expect(encode(req({ model, reasoning: { adaptive: true, effort: 'high' } })).body).not.toHaveProperty('reasoning_effort');
    for (const model of ['o3-mini', 'gpt-5.5', 'deepseek-reasoner', 'qwen3:8b', 'openai/gpt-oss-120b']) expect(encode(req({ model, reasoning: { effort: 'low' } })).body.reasoning_effort).toBe('low');
  });

  it('USG-7: streaming requests always ask the upstream for usage; non-stream never sends stream_options', () => {
    expect(encode(req({ stream: true, includeUsage: false })).body.stream_options).toEqual({ include_usage: true });
    const ns = encode(decodeRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: false, stream_options: { include_obfuscation: false } })).body;
    expect(ns).not.toHaveProperty('stream_options');
  });

  it('CC-3: cache_control never reaches the wire, anywhere', () => {
    const cc = { type: 'ephemeral' as const, ttl: '1h' };
    const { body } = encode(
      req({
        system: [{ type: 'text', text: 'S', cacheControl: cc }],
        tools: [fn('f', { cacheControl: cc })],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'x', cacheControl: cc }, { type: 'image', source: { kind: 'url', url: 'https://x.test/a.png' }, cacheControl: cc }] },
          { role: 'assistant', content: [{ type: 'tool_call', id: 'c', name: 'f', arguments: {}, cacheControl: cc }] },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 'c', content: [{ type: 'text', text: 'r', cacheControl: cc }], cacheControl: cc }] },
        ],
      }),
    );
    expect(JSON.stringify(body)).not.toContain('cache_control');
    expect(JSON.stringify(body)).not.toContain('ephemeral');
  });

  it('extensions["openai-chat"] are merged back; other dialects’ extensions are not', () => {
    const { body } = encode(
      req({
        stream: true,
        extensions: { 'openai-chat': { logprobs: true, store: false, stream_options: { include_obfuscation: false } }, anthropic: { betas: ['x'] } },
      }),
    );
    expect(body).toMatchObject({ logprobs: true, store: false, stream_options: { include_obfuscation: false, include_usage: true } });
    expect(body).not.toHaveProperty('betas');
  });

  it('options.model overrides the model', () => {
    const { body, context } = encode(req({}));
    expect(body.model).toBe('gpt-4o');
    const o = encodeRequest(req({}), { model: 'llama3.1:8b' });
    expect(o.body.model).toBe('llama3.1:8b');
    expect(o.context.model).toBe('llama3.1:8b');
    expect(context.model).toBe('gpt-4o');
  });

  it('ALT-5: an assistant prefix is replayed with prefix:true to the same dialect', () => {
    const r = decodeRequest({ model: 'deepseek-chat', messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: '```python\n', prefix: true }] });
    const msgs = encodeRequest(r).body.messages as Array<Record<string, unknown>>;
    expect(msgs.at(-1)).toEqual({ role: 'assistant', content: '```python\n', prefix: true });
  });
});
