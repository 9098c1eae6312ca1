import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../../src/core/errors.js';
import type { ToolCallPart, ToolResultPart } from '../../../src/core/types.js';
import { decodeRequest } from '../../../src/dialects/openai-chat/index.js';

const base = { model: 'gpt-4o' };
const user = (content: unknown) => ({ role: 'user', content });

function badRequest(body: unknown): InvalidRequestError {
  try {
    decodeRequest(body);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidRequestError);
    return err as InvalidRequestError;
  }
  throw new Error('expected a 400');
}

describe('openai-chat decodeRequest: system prompt', () => {
  it('SYS-1: system messages leave messages and become text parts', () => {
    const r = decodeRequest({ ...base, messages: [{ role: 'system', content: 'S' }, user('hi')] });
    expect(r.system).toEqual([{ type: 'text', text: 'S' }]);
    expect(r.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
  });

  it('SYS-2: several system/developer messages, at any position, hoisted in order with cache_control kept', () => {
    const r = decodeRequest({
      ...base,
      messages: [
        { role: 'system', content: 'A' },
        user('hi'),
        { role: 'developer', content: 'B', cache_control: { type: 'ephemeral' } },
        { role: 'system', content: [{ type: 'text', text: 'C', cache_control: { type: 'ephemeral' } }] },
      ],
    });
    expect(r.system).toEqual([
      { type: 'text', text: 'A' },
      { type: 'text', text: 'B', cacheControl: { type: 'ephemeral' } },
      { type: 'text', text: 'C', cacheControl: { type: 'ephemeral' } },
    ]);
    expect(r.messages).toHaveLength(1);
  });

  it('SYS-3: empty system content and empty text items are dropped', () => {
    const r = decodeRequest({
      ...base,
      messages: [{ role: 'system', content: '' }, { role: 'system', content: [{ type: 'text', text: '' }] }, user('hi')],
    });
    expect(r.system).toBeUndefined();
  });
});

describe('openai-chat decodeRequest: roles and merging', () => {
  it('ALT-1: consecutive user messages stay separate canonical messages (encoders for strict targets merge)', () => {
    const r = decodeRequest({ ...base, messages: [user('a'), user('b')] });
    expect(r.messages.map((m) => m.content)).toEqual([[{ type: 'text', text: 'a' }], [{ type: 'text', text: 'b' }]]);
  });

  it('ALT-2: tool messages and the following user message merge into one user turn, tool results first', () => {
    const r = decodeRequest({
      ...base,
      messages: [
        user('go'),
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'A', type: 'function', function: { name: 'f', arguments: '{}' } },
            { id: 'B', type: 'function', function: { name: 'g', arguments: '{"x":1}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'A', content: 'ra' },
        { role: 'tool', tool_call_id: 'B', content: 'rb' },
        user('next'),
        user('again'),
      ],
    });
    expect(r.messages).toHaveLength(4);
    expect(r.messages[1]?.content.map((p) => p.type)).toEqual(['tool_call', 'tool_call']);
    expect(r.messages[2]).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', toolCallId: 'A', content: [{ type: 'text', text: 'ra' }] },
        { type: 'tool_result', toolCallId: 'B', content: [{ type: 'text', text: 'rb' }] },
        { type: 'text', text: 'next' },
      ],
    });
    expect(r.messages[3]?.content).toEqual([{ type: 'text', text: 'again' }]);
  });

  it('ALT-5: an assistant prefix message is kept and marked for same-dialect replay', () => {
    const r = decodeRequest({ ...base, messages: [user('Capital?'), { role: 'assistant', content: 'Argentina', prefix: true }] });
    expect(r.messages.at(-1)).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'Argentina' }] });
    expect(r.extensions?.['openai-chat']?._assistantPrefix).toBe(true);
  });

  it('ALT-6: assistant content null or "" plus tool_calls gives no empty text part', () => {
    for (const content of [null, '']) {
      const r = decodeRequest({
        ...base,
        messages: [user('x'), { role: 'assistant', content, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '' } }] }],
      });
      expect(r.messages[1]?.content).toEqual([{ type: 'tool_call', id: 'c', name: 'f', arguments: {} }]);
    }
  });

  it('keeps the message name and refusal (as text)', () => {
    const r = decodeRequest({
      ...base,
      messages: [{ role: 'user', content: 'hi', name: 'bob' }, { role: 'assistant', content: [{ type: 'refusal', refusal: 'No.' }] }],
    });
    expect(r.messages[0]?.name).toBe('bob');
    expect(r.messages[1]?.content).toEqual([{ type: 'text', text: 'No.' }]);
  });
});

describe('openai-chat decodeRequest: content parts', () => {
  it('CNT-1: image_url data URL → base64 image; detail kept', () => {
    const r = decodeRequest({
      ...base,
      messages: [user([{ type: 'image_url', image_url: { url: 'data:image/png;base64,XXX', detail: 'low' } }])],
    });
    expect(r.messages[0]?.content[0]).toEqual({ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'XXX' }, detail: 'low' });
  });

  it('CNT-2: an https image URL stays a URL (never fetched)', () => {
    const r = decodeRequest({ ...base, messages: [user([{ type: 'image_url', image_url: { url: 'https://x.test/a.png' } }])] });
    expect(r.messages[0]?.content[0]).toEqual({ type: 'image', source: { kind: 'url', url: 'https://x.test/a.png' } });
  });

  it('CNT-3: an application/pdf data URL in image_url → document', () => {
    const r = decodeRequest({ ...base, messages: [user([{ type: 'image_url', image_url: { url: 'data:application/pdf;base64,JVBER' } }])] });
    expect(r.messages[0]?.content[0]).toEqual({ type: 'document', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBER' } });
  });

  it('CNT-4: file parts → documents (file_data, file_id, URL file_id)', () => {
    const r = decodeRequest({
      ...base,
      messages: [
        user([
          { type: 'file', file: { file_data: 'data:application/pdf;base64,PDF', filename: 'a.pdf' } },
          { type: 'file', file: { file_id: 'file-abc' } },
          { type: 'file', file: { file_id: 'https://x.test/doc.pdf' } },
        ]),
      ],
    });
    expect(r.messages[0]?.content).toEqual([
      { type: 'document', source: { kind: 'base64', mediaType: 'application/pdf', data: 'PDF' }, filename: 'a.pdf' },
      { type: 'document', source: { kind: 'file', fileId: 'file-abc' } },
      { type: 'document', source: { kind: 'url', url: 'https://x.test/doc.pdf' } },
    ]);
  });

  it('CNT-5: cache_control on a part, and on a string-content message, is kept on the block', () => {
    const r = decodeRequest({
      ...base,
      messages: [
        user([{ type: 'text', text: 'x', cache_control: { type: 'ephemeral' } }]),
        { role: 'user', content: 'y', cache_control: { type: 'ephemeral', ttl: '1h' } },
      ],
    });
    expect(r.messages[0]?.content[0]).toEqual({ type: 'text', text: 'x', cacheControl: { type: 'ephemeral' } });
    expect(r.messages[1]?.content[0]).toEqual({ type: 'text', text: 'y', cacheControl: { type: 'ephemeral', ttl: '1h' } });
  });

  it('input_audio parts are refused with a 400 naming the part (no canonical audio)', () => {
    const e = badRequest({ ...base, messages: [user([{ type: 'input_audio', input_audio: { data: 'x', format: 'wav' } }])] });
    expect(e.message).toMatch(/^messages\.0\.content\.0\.type: input_audio/);
    expect(e.param).toBe('messages.0.content.0.type');
  });

  it('an unknown part type is a 400 naming the path', () => {
    const e = badRequest({ ...base, messages: [user('a'), user([{ type: 'text', text: 'ok' }, { type: 'video' }])] });
    expect(e.message).toMatch(/^messages\.1\.content\.1\.type: /);
  });
});

describe('openai-chat decodeRequest: tools and tool calls', () => {
  it('TD-1/TD-2: function tools, custom tools and missing parameters', () => {
    const r = decodeRequest({
      ...base,
      messages: [user('x')],
      tools: [
        { type: 'function', function: { name: 'get_weather', description: 'd', parameters: { type: 'object', properties: { a: {} }, required: ['a'] }, strict: true } },
        { type: 'function', function: { name: 'noargs' } },
        { type: 'custom', custom: { name: 'apply_patch', description: 'patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: x' } } },
        { type: 'web_search_preview' },
      ],
    });
    expect(r.tools?.[0]).toEqual({
      kind: 'function',
      name: 'get_weather',
      description: 'd',
      inputSchema: { type: 'object', properties: { a: {} }, required: ['a'] },
      strict: true,
    });
    expect(r.tools?.[1]?.inputSchema).toEqual({ type: 'object', properties: {} });
    expect(r.tools?.[2]).toMatchObject({ kind: 'custom', name: 'apply_patch', format: { syntax: 'lark' } });
    expect(r.tools?.[3]).toMatchObject({ kind: 'hosted', name: 'web_search_preview', origin: 'openai-chat', raw: { type: 'web_search_preview' } });
  });

  it('TC-1..TC-4: tool_choice strings and the function object', () => {
    const rq = (tool_choice: unknown) => decodeRequest({ ...base, messages: [user('x')], tool_choice }).toolChoice;
    expect(rq('auto')).toBe('auto');
    expect(rq('required')).toBe('required');
    expect(rq('none')).toBe('none');
    expect(rq({ type: 'function', function: { name: 'f' } })).toEqual({ name: 'f' });
    expect(rq({ type: 'custom', custom: { name: 'apply_patch' } })).toEqual({ name: 'apply_patch' });
  });

  it('TC-5: Cursor-style tool_choice objects without a function', () => {
    const rq = (tool_choice: unknown) => decodeRequest({ ...base, messages: [user('x')], tool_choice }).toolChoice;
    expect(rq({ type: 'auto' })).toBe('auto');
    expect(rq({ type: 'required' })).toBe('required');
    expect(rq({ type: 'any' })).toBe('required');
    expect(rq({ type: 'none' })).toBe('none');
    expect(badRequest({ ...base, messages: [user('x')], tool_choice: { type: 'bogus' } }).message).toMatch(/^tool_choice\.type: /);
  });

  it('TC-6/7 (decode side): parallel_tool_calls is kept either way', () => {
    expect(decodeRequest({ ...base, messages: [user('x')], parallel_tool_calls: false }).parallelToolCalls).toBe(false);
    expect(decodeRequest({ ...base, messages: [user('x')], parallel_tool_calls: true }).parallelToolCalls).toBe(true);
  });

  it('TU-1: tool_calls arguments parsed; invalid JSON is a 400 naming the path', () => {
    const r = decodeRequest({
      ...base,
      messages: [user('x'), { role: 'assistant', content: 'ok', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }] }],
    });
    expect(r.messages[1]?.content).toEqual([
      { type: 'text', text: 'ok' },
      { type: 'tool_call', id: 'call_1', name: 'f', arguments: { a: 1 } },
    ]);
    const e = badRequest({
      ...base,
      messages: [user('x'), { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{oops' } }] }],
    });
    expect(e.message).toMatch(/^messages\.1\.tool_calls\.0\.function\.arguments: /);
  });

  it('TU-2 (decode side): odd tool-call ids are kept verbatim; normalising is the target encoder’s job', () => {
    const r = decodeRequest({
      ...base,
      messages: [user('x'), { role: 'assistant', tool_calls: [{ id: 'functions.Bash:0', type: 'function', function: { name: 'Bash', arguments: '{}' } }] }, { role: 'tool', tool_call_id: 'functions.Bash:0', content: 'ok' }],
    });
    expect((r.messages[1]!.content[0] as ToolCallPart).id).toBe('functions.Bash:0');
    expect((r.messages[2]!.content[0] as ToolResultPart).toolCallId).toBe('functions.Bash:0');
  });

  it('TU-3 + TR-3: legacy function_call and role "function" pair through a minted id', () => {
    const r = decodeRequest({
      ...base,
      messages: [user('x'), { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '{"q":"a"}' } }, { role: 'function', name: 'lookup', content: 'found' }],
    });
    const call = r.messages[1]?.content[0] as ToolCallPart;
    const result = r.messages[2]?.content[0] as ToolResultPart;
    expect(call).toMatchObject({ type: 'tool_call', name: 'lookup', arguments: { q: 'a' } });
    expect(result).toMatchObject({ type: 'tool_result', toolCallId: call.id, name: 'lookup', content: [{ type: 'text', text: 'found' }] });
  });

  it('custom tool calls in history decode with their raw input', () => {
    const r = decodeRequest({
      ...base,
      messages: [user('x'), { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'custom', custom: { name: 'apply_patch', input: '*** Begin Patch' } }] }],
    });
    expect(r.messages[1]?.content[0]).toEqual({ type: 'tool_call', id: 'c', name: 'apply_patch', arguments: {}, kind: 'custom', input: '*** Begin Patch' });
  });

  it('TR-1/TR-2/TR-4: tool content string, list with an image, cache_control on the tool message', () => {
    const r = decodeRequest({
      ...base,
      messages: [
        user('x'),
        { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }, { id: 'c2', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'res', cache_control: { type: 'ephemeral' } },
        { role: 'tool', tool_call_id: 'c2', content: [{ type: 'text', text: 'a' }, { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,IMG' } }] },
      ],
    });
    expect(r.messages[2]?.content).toEqual([
      { type: 'tool_result', toolCallId: 'c1', content: [{ type: 'text', text: 'res' }], cacheControl: { type: 'ephemeral' } },
      {
        type: 'tool_result',
        toolCallId: 'c2',
        content: [{ type: 'text', text: 'a' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: 'IMG' } }],
      },
    ]);
  });

  it('TR-5: an is_error:true extension field on a tool message → isError', () => {
    const r = decodeRequest({
      ...base,
      messages: [user('x'), { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] }, { role: 'tool', tool_call_id: 'c', content: 'boom', is_error: true }],
    });
    expect((r.messages[2]!.content[0] as ToolResultPart).isError).toBe(true);
  });

  it('legacy functions / function_call params become tools / toolChoice', () => {
    const r = decodeRequest({ ...base, messages: [user('x')], functions: [{ name: 'f', parameters: { type: 'object', properties: {} } }], function_call: { name: 'f' } });
    expect(r.tools?.[0]).toMatchObject({ kind: 'function', name: 'f' });
    expect(r.toolChoice).toEqual({ name: 'f' });
  });
});

describe('openai-chat decodeRequest: parameters', () => {
  it('MT-1: max_completion_tokens wins; floats rounded; minimum 1', () => {
    expect(decodeRequest({ ...base, messages: [user('x')], max_tokens: 100, max_completion_tokens: 200 }).maxTokens).toBe(200);
    expect(decodeRequest({ ...base, messages: [user('x')], max_tokens: 99.6 }).maxTokens).toBe(100);
    expect(decodeRequest({ ...base, messages: [user('x')], max_tokens: 0.2 }).maxTokens).toBe(1);
  });

  it('SP-1/SP-2: sampling, stop (string or array), seed, penalties, response_format', () => {
    const r = decodeRequest({
      ...base,
      messages: [user('x')],
      temperature: 0.2,
      top_p: 0.9,
      stop: 'END',
      seed: 7,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      response_format: { type: 'json_schema', json_schema: { name: 'out', schema: { type: 'object' }, strict: true } },
    });
    expect(r).toMatchObject({ temperature: 0.2, topP: 0.9, stop: ['END'], seed: 7, presencePenalty: 0.5, frequencyPenalty: -0.5 });
    expect(r.responseFormat).toEqual({ type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: true });
    expect(decodeRequest({ ...base, messages: [user('x')], stop: ['a', 'b'] }).stop).toEqual(['a', 'b']);
    expect(decodeRequest({ ...base, messages: [user('x')], response_format: { type: 'json_object' } }).responseFormat).toEqual({ type: 'json_object' });
  });

  it('TH-1: reasoning_effort levels; none switches reasoning off; an unknown value is a 400', () => {
    for (const effort of ['minimal', 'low', 'medium', 'high', 'xhigh', 'max'])
      expect(decodeRequest({ ...base, messages: [user('x')], reasoning_effort: effort }).reasoning).toEqual({ effort });
    expect(decodeRequest({ ...base, messages: [user('x')], reasoning_effort: 'none' }).reasoning).toEqual({ enabled: false, effort: 'none' });
    expect(badRequest({ ...base, messages: [user('x')], reasoning_effort: 'turbo' }).message).toMatch(/^reasoning_effort: /);
  });

  it('TH-9/TH-10: thinking_blocks keep signatures byte for byte, placed first; reasoning_content alone is unsigned (TH-14)', () => {
    const sig = 'EqQBCkYIBxgCKkD+/=';
    const r = decodeRequest({
      ...base,
      messages: [
        user('x'),
        {
          role: 'assistant',
          content: 'done',
          reasoning_content: 'think',
          thinking_blocks: [{ type: 'thinking', thinking: 'think', signature: sig }, { type: 'redacted_thinking', data: 'REDACTED' }],
          tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c', content: 'r' },
        { role: 'assistant', content: 'ok', reasoning_content: 'plain' },
      ],
    });
    expect(r.messages[1]?.content.slice(0, 3)).toEqual([
      { type: 'reasoning', text: 'think', signature: sig, origin: 'anthropic' },
      { type: 'reasoning', text: '', redactedData: 'REDACTED', origin: 'anthropic' },
      { type: 'text', text: 'done' },
    ]);
    expect(r.messages[3]?.content[0]).toEqual({ type: 'reasoning', text: 'plain' });
  });

  it('MD-1 (decode side): user → metadata.user, merged with metadata', () => {
    const r = decodeRequest({ ...base, messages: [user('x')], user: 'u-123', metadata: { tag: 'a' } });
    expect(r.metadata).toEqual({ tag: 'a', user: 'u-123' });
    expect(r.extensions?.['openai-chat']?.metadata).toEqual({ tag: 'a' });
  });

  it('stream and stream_options.include_usage', () => {
    const r = decodeRequest({ ...base, messages: [user('x')], stream: true, stream_options: { include_usage: true, include_obfuscation: false } });
    expect(r.stream).toBe(true);
    expect(r.includeUsage).toBe(true);
    expect(r.extensions?.['openai-chat']?.stream_options).toEqual({ include_obfuscation: false });
  });

  it('n other than 1 is a 400 naming n', () => {
    const e = badRequest({ ...base, messages: [user('x')], n: 2 });
    expect(e.param).toBe('n');
    expect(e.message).toMatch(/^n: /);
    expect(decodeRequest({ ...base, messages: [user('x')], n: 1 }).model).toBe('gpt-4o');
  });

  it('everything else is kept in extensions["openai-chat"] for same-dialect replay', () => {
    const extra = {
      logprobs: true,
      top_logprobs: 3,
      logit_bias: { '50256': -100 },
      service_tier: 'flex',
      store: true,
      prompt_cache_key: 'k',
      web_search_options: { search_context_size: 'low' },
      modalities: ['text'],
      prediction: { type: 'content', content: 'x' },
      verbosity: 'low',
    };
    const r = decodeRequest({ ...base, messages: [user('x')], ...extra });
    expect(r.extensions?.['openai-chat']).toEqual(extra);
  });

  it('bad caller input is a 400 naming the field, never a crash', () => {
    expect(badRequest({ model: 'm', messages: [] }).message).toMatch(/^messages: /);
    expect(badRequest({ model: 'm', messages: [{ role: 'wizard', content: 'x' }] }).message).toMatch(/^messages\.0\.role: /);
    expect(badRequest({ messages: [user('x')] }).message).toMatch(/^model: /);
    expect(badRequest({ ...base, messages: [user('x')], temperature: 'hot' }).message).toMatch(/^temperature: /);
    expect(badRequest({ ...base, messages: [{ role: 'tool', content: 'x' }] }).message).toMatch(/^messages\.0\.tool_call_id: /);
    expect(badRequest('nope').message).toMatch(/JSON object/);
  });
});
