import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../../src/core/errors.js';
import { decodeRequest } from '../../../src/dialects/anthropic/index.js';

const base = { model: 'claude-sonnet-4-5', max_tokens: 1000 };

describe('anthropic decodeRequest', () => {
  it('decodes system string and text-block list, keeping cache_control', () => {
    expect(decodeRequest({ ...base, system: 'S', messages: [{ role: 'user', content: 'hi' }] }).system).toEqual([{ type: 'text', text: 'S' }]);
    const r = decodeRequest({
      ...base,
      system: [{ type: 'text', text: 'A' }, { type: 'text', text: 'B', cache_control: { type: 'ephemeral', ttl: '1h' } }],
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(r.system).toEqual([
      { type: 'text', text: 'A' },
      { type: 'text', text: 'B', cacheControl: { type: 'ephemeral', ttl: '1h' } },
    ]);
    expect(r.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
  });

  it('SYS-7: hoists role:"system" messages into system, in order, dropping empty ones', () => {
    const r = decodeRequest({
      ...base,
      system: [{ type: 'text', text: 'top' }],
      messages: [
        { role: 'user', content: 'q' },
        { role: 'system', content: 'mid 1' },
        { role: 'system', content: '' },
        { role: 'assistant', content: 'a' },
        { role: 'system', content: [{ type: 'text', text: 'mid 2', cache_control: { type: 'ephemeral' } }, { type: 'text', text: ' ' }] },
        { role: 'user', content: 'q2' },
      ],
    });
    expect(r.system?.map((p) => p.text)).toEqual(['top', 'mid 1', 'mid 2']);
    expect(r.system?.[2].cacheControl).toEqual({ type: 'ephemeral' });
    expect(r.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('decodes every content block kind', () => {
    const r = decodeRequest({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 't', cache_control: { type: 'ephemeral' } },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAA' } },
            { type: 'image', source: { type: 'url', url: 'https://x/y.png' } },
            { type: 'image', source: { type: 'file', file_id: 'file_1' } },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'PDF' }, title: 'T', context: 'C' },
            { type: 'document', source: { type: 'url', url: 'https://x/d.pdf' } },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain' } },
            { type: 'document', source: { type: 'file', file_id: 'file_2' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hmm', signature: 'SIG' },
            { type: 'redacted_thinking', data: 'REDACTED' },
            { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 }, cache_control: { type: 'ephemeral' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: 'out', is_error: true, cache_control: { type: 'ephemeral' } },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'x' }, { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: 'J' } }] },
          ],
        },
      ],
    });
    const [u, a, t] = r.messages;
    expect(u.content).toEqual([
      { type: 'text', text: 't', cacheControl: { type: 'ephemeral' } },
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAA' } },
      { type: 'image', source: { kind: 'url', url: 'https://x/y.png' } },
      { type: 'image', source: { kind: 'file', fileId: 'file_1' } },
      { type: 'document', source: { kind: 'base64', mediaType: 'application/pdf', data: 'PDF' }, title: 'T', context: 'C' },
      { type: 'document', source: { kind: 'url', url: 'https://x/d.pdf' } },
      { type: 'document', source: { kind: 'text', text: 'plain', mediaType: 'text/plain' } },
      { type: 'document', source: { kind: 'file', fileId: 'file_2' } },
    ]);
    expect(a.content).toEqual([
      { type: 'reasoning', text: 'hmm', signature: 'SIG', origin: 'anthropic' },
      { type: 'reasoning', text: '', redactedData: 'REDACTED', origin: 'anthropic' },
      { type: 'tool_call', id: 'toolu_1', name: 'f', arguments: { a: 1 }, cacheControl: { type: 'ephemeral' } },
    ]);
    expect(t.content[0]).toEqual({
      type: 'tool_result',
      toolCallId: 'toolu_1',
      content: [{ type: 'text', text: 'out' }],
      isError: true,
      cacheControl: { type: 'ephemeral' },
    });
    expect(t.content[1]).toMatchObject({ toolCallId: 'toolu_2', content: [{ type: 'text' }, { type: 'image' }] });
  });

  it('keeps server-tool and unknown blocks in extensions for same-dialect replay', () => {
    const r = decodeRequest({
      ...base,
      messages: [
        { role: 'user', content: 'search' },
        {
          role: 'assistant',
          content: [
            { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'q' } },
            { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
            { type: 'text', text: 'found' },
          ],
        },
      ],
    });
    expect(r.messages[1].content).toEqual([{ type: 'text', text: 'found' }]);
    const opaque = r.extensions?.anthropic?._opaqueBlocks as Array<{ index: number; block: { type: string } }>;
    expect(opaque.map((o) => [o.index, o.block.type])).toEqual([
      [0, 'server_tool_use'],
      [1, 'web_search_tool_result'],
    ]);
  });

  it('decodes custom tools as function and server tools as hosted with raw', () => {
    const r = decodeRequest({
      ...base,
      messages: [{ role: 'user', content: 'x' }],
      tools: [
        { name: 'f', description: 'd', input_schema: { type: 'object', properties: {} }, cache_control: { type: 'ephemeral' }, strict: true },
        { name: 'g', input_schema: { type: 'object' }, defer_loading: true },
        { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
        { type: 'bash_20250124', name: 'bash' },
      ],
    });
    expect(r.tools?.[0]).toEqual({
      kind: 'function',
      name: 'f',
      description: 'd',
      inputSchema: { type: 'object', properties: {} },
      strict: true,
      cacheControl: { type: 'ephemeral' },
    });
    expect(r.tools?.[1]).toMatchObject({ kind: 'function', origin: 'anthropic', raw: { defer_loading: true } });
    expect(r.tools?.[2]).toEqual({
      kind: 'hosted',
      name: 'web_search',
      inputSchema: {},
      raw: { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
      origin: 'anthropic',
    });
    expect(r.tools?.[3]).toMatchObject({ kind: 'hosted', name: 'bash' });
  });

  it('TC-9: tool_choice and disable_parallel_tool_use', () => {
    const msg = { ...base, messages: [{ role: 'user', content: 'x' }] };
    expect(decodeRequest({ ...msg, tool_choice: { type: 'auto' } }).toolChoice).toBe('auto');
    expect(decodeRequest({ ...msg, tool_choice: { type: 'any' } }).toolChoice).toBe('required');
    expect(decodeRequest({ ...msg, tool_choice: { type: 'none' } }).toolChoice).toBe('none');
    expect(decodeRequest({ ...msg, tool_choice: { type: 'tool', name: 'f' } }).toolChoice).toEqual({ name: 'f' });
    expect(decodeRequest({ ...msg, tool_choice: { type: 'auto', disable_parallel_tool_use: true } }).parallelToolCalls).toBe(false);
    expect(decodeRequest({ ...msg, tool_choice: { type: 'auto', disable_parallel_tool_use: false } }).parallelToolCalls).toBe(true);
    expect(decodeRequest({ ...msg, tool_choice: { type: 'auto' } }).parallelToolCalls).toBeUndefined();
  });

  it('TH-4/TH-5/TH-6: thinking and output_config.effort → reasoning', () => {
    const msg = { ...base, max_tokens: 5000, messages: [{ role: 'user', content: 'x' }] };
    expect(decodeRequest({ ...msg, thinking: { type: 'enabled', budget_tokens: 4096 } }).reasoning).toEqual({ enabled: true, budgetTokens: 4096 });
    expect(decodeRequest({ ...msg, thinking: { type: 'adaptive' }, output_config: { effort: 'high' } }).reasoning).toEqual({
      enabled: true,
      adaptive: true,
      effort: 'high',
    });
    expect(decodeRequest({ ...msg, thinking: { type: 'disabled' } }).reasoning).toEqual({ enabled: false });
    expect(decodeRequest({ ...msg, output_config: { effort: 'low' } }).reasoning).toEqual({ effort: 'low' });
    const withDisplay = decodeRequest({ ...msg, thinking: { type: 'adaptive', display: 'omitted' } });
    expect(withDisplay.extensions?.anthropic?.thinking).toEqual({ display: 'omitted' });
  });

  it('maps sampling, stop, metadata, stream, structured output and keeps Anthropic-only fields in extensions', () => {
    const r = decodeRequest({
      ...base,
      messages: [{ role: 'user', content: 'x' }],
      temperature: 0.5,
      top_p: 0.9,
      top_k: 40,
      stop_sequences: ['END'],
      metadata: { user_id: 'u-1' },
      stream: true,
      output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: { title: { type: 'string' } } } } },
      context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
      service_tier: 'auto',
      container: 'c_1',
      mcp_servers: [{ type: 'url', url: 'https://m', name: 'm' }],
    });
    expect(r).toMatchObject({ temperature: 0.5, topP: 0.9, topK: 40, stop: ['END'], metadata: { user: 'u-1' }, stream: true, maxTokens: 1000 });
    expect(r.responseFormat).toEqual({ type: 'json_schema', schema: { type: 'object', properties: { title: { type: 'string' } } } });
    expect(r.extensions?.anthropic).toEqual({
      context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
      service_tier: 'auto',
      container: 'c_1',
      mcp_servers: [{ type: 'url', url: 'https://m', name: 'm' }],
    });
    const legacy = decodeRequest({ ...base, messages: [{ role: 'user', content: 'x' }], output_format: { type: 'json_schema', schema: { type: 'object' } } });
    expect(legacy.responseFormat).toEqual({ type: 'json_schema', schema: { type: 'object' } });
  });

  it('always marks the request as Anthropic-sourced with an extensions.anthropic object', () => {
    expect(decodeRequest({ ...base, messages: [{ role: 'user', content: 'x' }] }).extensions).toEqual({ anthropic: {} });
  });

  it('rejects bad input with a 400 naming the field', () => {
    const bad = (body: unknown, path: string) => {
      try {
        decodeRequest(body);
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidRequestError);
        expect((e as InvalidRequestError).status).toBe(400);
        expect((e as Error).message.startsWith(path)).toBe(true);
        return;
      }
      throw new Error('expected a 400');
    };
    bad({ ...base, messages: [{ role: 'user', content: [{ type: 'text' }] }] }, 'messages.0.content.0.text');
    bad({ ...base, messages: [{ role: 'tool', content: 'x' }] }, 'messages.0.role');
    bad({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, 'max_tokens');
    bad({ ...base, messages: [{ role: 'user', content: [{ type: 'tool_use', id: 'a', name: 'f', input: 'str' }] }] }, 'messages.0.content.0.input');
    bad({ ...base, messages: [{ role: 'system', content: 'only system' }] }, 'messages');
    bad({ ...base, messages: [{ role: 'user', content: 'x' }], tool_choice: { type: 'tool' } }, 'tool_choice.name');
    bad({ ...base, messages: [{ role: 'user', content: 'x' }], thinking: { type: 'enabled' } }, 'thinking.budget_tokens');
    bad('nope', 'Request body');
  });
});
