import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../../src/core/errors.js';
import type { ChatRequest, Message } from '../../../src/core/types.js';
import { decodeRequest, encodeRequest, NOOP_TOOL_NAME } from '../../../src/dialects/anthropic/index.js';
import { validateAnthropicRequest } from '../../helpers/validators/anthropic.js';

type Obj = Record<string, unknown>;
const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const req = (over: Partial<ChatRequest> = {}): ChatRequest => ({ model: 'claude-sonnet-4-5', messages: [user('hi')], ...over });
/** Encode and check the body against the real API's rules. */
const enc = (r: ChatRequest, opts = {}) => {
  const out = encodeRequest(r, opts);
  expect(validateAnthropicRequest(out.body)).toEqual([]);
  return out;
};
const msgs = (body: Obj) => body.messages as Array<{ role: string; content: Obj[] }>;
const fn = (name: string, inputSchema: Obj = { type: 'object', properties: {} }) => ({ kind: 'function' as const, name, inputSchema });

describe('anthropic encodeRequest: system', () => {
  it('SYS-1: system as an array of text blocks; messages as block lists', () => {
    const { body } = enc(req({ system: [{ type: 'text', text: 'S' }] }));
    expect(body.system).toEqual([{ type: 'text', text: 'S' }]);
    expect(body.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
  });
  it('SYS-2: several system parts in order, cache_control kept', () => {
    const { body } = enc(
      req({
        system: [
          { type: 'text', text: 'A' },
          { type: 'text', text: 'B' },
          { type: 'text', text: 'C', cacheControl: { type: 'ephemeral' } },
        ],
      }),
    );
    expect(body.system).toEqual([
      { type: 'text', text: 'A' },
      { type: 'text', text: 'B' },
      { type: 'text', text: 'C', cache_control: { type: 'ephemeral' } },
    ]);
  });
  it('SYS-3: empty system parts dropped, no system at all when nothing is left', () => {
    expect(enc(req({ system: [{ type: 'text', text: '' }, { type: 'text', text: '  ' }] })).body.system).toBeUndefined();
  });
  it('SYS-4: billing header dropped for foreign callers, kept for Anthropic callers', () => {
    const system = [
      { type: 'text' as const, text: 'x-anthropic-billing-header: cc_version=2.1; cc_entrypoint=cli;' },
      { type: 'text' as const, text: 'S' },
    ];
    expect(enc(req({ system })).body.system).toEqual([{ type: 'text', text: 'S' }]);
    expect((enc(req({ system, extensions: { anthropic: {} } })).body.system as Obj[]).length).toBe(2);
  });
});

describe('anthropic encodeRequest: turns', () => {
  it('ALT-1: consecutive same-role turns merged', () => {
    const { body } = enc(req({ messages: [user('a'), user('b'), { role: 'assistant', content: [{ type: 'text', text: 'x' }] }, { role: 'assistant', content: [{ type: 'text', text: 'y' }] }, user('c')] }));
    expect(msgs(body).map((m) => [m.role, m.content.map((b) => b.text)])).toEqual([
      ['user', ['a', 'b']],
      ['assistant', ['x', 'y']],
      ['user', ['c']],
    ]);
  });
  it('ALT-2: tool results first in the merged user turn, in input order', () => {
    const { body } = enc(
      req({
        tools: [fn('f')],
        messages: [
          user('q'),
          {
            role: 'assistant',
            content: [
              { type: 'tool_call', id: 'A', name: 'f', arguments: {} },
              { type: 'tool_call', id: 'B', name: 'f', arguments: {} },
            ],
          },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 'A', content: [{ type: 'text', text: 'a' }] }] },
          { role: 'user', content: [{ type: 'text', text: 'next' }, { type: 'tool_result', toolCallId: 'B', content: [{ type: 'text', text: 'b' }] }] },
        ],
      }),
    );
    expect(msgs(body)[2].content.map((b) => b.type === 'tool_result' ? b.tool_use_id : b.text)).toEqual(['A', 'B', 'next']);
  });
  it('ALT-3: no messages left → 400', () => {
    expect(() => encodeRequest(req({ messages: [] }))).toThrow(InvalidRequestError);
    expect(() => encodeRequest(req({ messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] }))).toThrow(/^messages/);
  });
  it('ALT-4: trailing whitespace stripped from a final assistant prefill', () => {
    const { body } = enc(req({ messages: [user('q'), { role: 'assistant', content: [{ type: 'text', text: 'Argentina  \n' }] }] }));
    expect(msgs(body)[1].content).toEqual([{ type: 'text', text: 'Argentina' }]);
  });
  it('ALT-6: no empty text blocks next to tool calls', () => {
    const { body } = enc(
      req({
        tools: [fn('f')],
        messages: [user('q'), { role: 'assistant', content: [{ type: 'text', text: '' }, { type: 'tool_call', id: 'c1', name: 'f', arguments: { a: 1 } }] }],
      }),
    );
    expect(msgs(body)[1].content).toEqual([{ type: 'tool_use', id: 'c1', name: 'f', input: { a: 1 } }]);
  });
  it('ALT-7: tool history without tools gets a minimal placeholder tool', () => {
    const { body } = enc(
      req({
        messages: [
          user('q'),
          { role: 'assistant', content: [{ type: 'tool_call', id: 'c1', name: 'f', arguments: {} }] },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 'c1', content: [{ type: 'text', text: 'r' }] }] },
        ],
      }),
    );
    expect((body.tools as Obj[]).map((t) => t.name)).toEqual([NOOP_TOOL_NAME]);
    expect(msgs(body)[1].content[0]).toMatchObject({ type: 'tool_use', name: 'f' });
  });
});

describe('anthropic encodeRequest: content', () => {
  it('CNT-1/CNT-2/CNT-3: data URLs → base64, http URLs stay URLs, PDF → document', () => {
    const { body } = enc(
      req({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { kind: 'url', url: 'data:image/png;base64,XXX' } },
              { type: 'image', source: { kind: 'url', url: 'https://e.com/x.png' } },
              { type: 'image', source: { kind: 'url', url: 'data:application/pdf;base64,PDF' } },
              { type: 'text', text: 'see' },
            ],
          },
        ],
      }),
    );
    expect(msgs(body)[0].content.slice(0, 3)).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'XXX' } },
      { type: 'image', source: { type: 'url', url: 'https://e.com/x.png' } },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'PDF' } },
    ]);
  });
  it('CNT-4: documents from base64, URL, file id and text, with title and context', () => {
    const { body } = enc(
      req({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'document', source: { kind: 'url', url: 'data:application/pdf;base64,QQ' }, filename: 'a.pdf' },
              { type: 'document', source: { kind: 'url', url: 'https://e.com/d.pdf' }, title: 'D', context: 'ctx' },
              { type: 'document', source: { kind: 'file', fileId: 'file_9' } },
              { type: 'document', source: { kind: 'text', text: 'plain words' } },
            ],
          },
        ],
      }),
    );
    expect(msgs(body)[0].content).toEqual([
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'QQ' }, title: 'a.pdf' },
      { type: 'document', source: { type: 'url', url: 'https://e.com/d.pdf' }, title: 'D', context: 'ctx' },
      { type: 'document', source: { type: 'file', file_id: 'file_9' } },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain words' } },
    ]);
  });
  it('CNT-5/TR-4: cache_control kept on text, image, tool_use and tool_result', () => {
    const cc = { type: 'ephemeral' as const };
    const { body } = enc(
      req({
        tools: [{ ...fn('f'), cacheControl: cc }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'x', cacheControl: cc }, { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'A' }, cacheControl: cc }] },
          { role: 'assistant', content: [{ type: 'tool_call', id: 't1', name: 'f', arguments: {}, cacheControl: cc }] },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 't1', content: [{ type: 'text', text: 'r' }], cacheControl: cc }] },
        ],
      }),
    );
    const m = msgs(body);
    expect(m[0].content.every((b) => JSON.stringify(b.cache_control) === JSON.stringify(cc))).toBe(true);
    expect(m[1].content[0].cache_control).toEqual(cc);
    expect(m[2].content[0].cache_control).toEqual(cc);
    expect((body.tools as Obj[])[0].cache_control).toEqual(cc);
  });
  it('TR-1/TR-2/TR-5: tool results as string or blocks, is_error kept when set', () => {
    const { body } = enc(
      req({
        tools: [fn('f')],
        messages: [
          user('q'),
          { role: 'assistant', content: [{ type: 'tool_call', id: 'a', name: 'f', arguments: {} }, { type: 'tool_call', id: 'b', name: 'f', arguments: {} }] },
          {
            role: 'user',
            content: [
              { type: 'tool_result', toolCallId: 'a', content: [{ type: 'text', text: 'res' }] },
              {
                type: 'tool_result',
                toolCallId: 'b',
                isError: true,
                content: [{ type: 'text', text: 'a' }, { type: 'image', source: { kind: 'url', url: 'data:image/jpeg;base64,J' } }],
              },
            ],
          },
        ],
      }),
    );
    expect(msgs(body)[2].content).toEqual([
      { type: 'tool_result', tool_use_id: 'a', content: 'res' },
      {
        type: 'tool_result',
        tool_use_id: 'b',
        is_error: true,
        content: [{ type: 'text', text: 'a' }, { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: 'J' } }],
      },
    ]);
  });
});

describe('anthropic encodeRequest: tools', () => {
  it('TD-1/TD-2/TD-3: schema keeps required and $defs, definitions → $defs, type coerced to object', () => {
    const { body } = enc(
      req({
        tools: [
          { kind: 'function', name: 'get_weather', description: 'd', inputSchema: { type: 'object', properties: { a: { $ref: '#/definitions/A' } }, required: ['a'], definitions: { A: { type: 'string' } } } },
          { kind: 'function', name: 'noparams', inputSchema: {} },
          { kind: 'function', name: 'weird', inputSchema: { type: 'string' } },
        ],
      }),
    );
    const tools = body.tools as Obj[];
    expect(tools[0]).toEqual({
      name: 'get_weather',
      description: 'd',
      input_schema: { type: 'object', properties: { a: { $ref: '#/$defs/A' } }, required: ['a'], $defs: { A: { type: 'string' } } },
    });
    expect(tools[1].input_schema).toEqual({ type: 'object', properties: {} });
    expect(tools[2].input_schema).toEqual({ type: 'object', properties: {} });
  });
  it('TD-4: invalid names sanitised in tools, tool_choice and history; reverse map in context', () => {
    const { body, context } = enc(
      req({
        tools: [fn('actions/download-logs')],
        toolChoice: { name: 'actions/download-logs' },
        messages: [
          user('q'),
          { role: 'assistant', content: [{ type: 'tool_call', id: 'c', name: 'actions/download-logs', arguments: {} }] },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 'c', content: [{ type: 'text', text: 'ok' }] }] },
        ],
      }),
    );
    expect((body.tools as Obj[])[0].name).toBe('actions_download-logs');
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'actions_download-logs' });
    expect(msgs(body)[1].content[0].name).toBe('actions_download-logs');
    expect(context.toolNames.get('actions_download-logs')).toBe('actions/download-logs');
  });
  it('custom (freeform) tools are wrapped, recorded, and their history calls wrapped', () => {
    const { body, context } = enc(
      req({
        tools: [{ kind: 'custom', name: 'apply_patch', description: 'patch', inputSchema: {}, format: { type: 'grammar', definition: 'start: x' } }],
        messages: [
          user('q'),
          { role: 'assistant', content: [{ type: 'tool_call', id: 'ctc_1', name: 'apply_patch', arguments: {}, kind: 'custom', input: '*** Begin Patch' }] },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 'ctc_1', kind: 'custom', content: [{ type: 'text', text: 'Done' }] }] },
        ],
      }),
    );
    const tool = (body.tools as Obj[])[0];
    expect((tool.input_schema as Obj).required).toEqual(['input']);
    expect(context.wrappedCustomTools.has('apply_patch')).toBe(true);
    expect(msgs(body)[1].content[0]).toEqual({ type: 'tool_use', id: 'ctc_1', name: 'apply_patch', input: { input: '*** Begin Patch' } });
    expect(msgs(body)[2].content[0]).toEqual({ type: 'tool_result', tool_use_id: 'ctc_1', content: 'Done' });
  });
  it('hosted tools: Anthropic ones passed raw, foreign ones dropped', () => {
    const { body } = enc(
      req({
        tools: [
          { kind: 'hosted', name: 'web_search', inputSchema: {}, raw: { type: 'web_search_20250305', name: 'web_search', max_uses: 2 }, origin: 'anthropic' },
          { kind: 'hosted', name: 'web_search', inputSchema: {}, raw: { type: 'web_search' }, origin: 'responses' },
          fn('f'),
        ],
      }),
    );
    expect(body.tools).toEqual([{ type: 'web_search_20250305', name: 'web_search', max_uses: 2 }, { name: 'f', input_schema: { type: 'object', properties: {} } }]);
  });
  it('Anthropic tool extras (defer_loading…) survive a same-dialect round trip', () => {
    const r = decodeRequest({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }], tools: [{ name: 'g', input_schema: { type: 'object' }, defer_loading: true }] });
    expect((enc(r).body.tools as Obj[])[0]).toEqual({ name: 'g', input_schema: { type: 'object', properties: {} }, defer_loading: true });
  });
});

describe('anthropic encodeRequest: tool_choice', () => {
  const tools = [fn('f')];
  it('TC-1/TC-2/TC-3/TC-4: auto, required → any, none, named → tool', () => {
    expect(enc(req({ tools, toolChoice: 'auto' })).body.tool_choice).toEqual({ type: 'auto' });
    expect(enc(req({ tools, toolChoice: 'required' })).body.tool_choice).toEqual({ type: 'any' });
    expect(enc(req({ tools, toolChoice: 'none' })).body.tool_choice).toEqual({ type: 'none' });
    expect(enc(req({ tools, toolChoice: { name: 'f' } })).body.tool_choice).toEqual({ type: 'tool', name: 'f' });
  });
  it('TC-5: tool_choice without tools is not sent', () => {
    expect(enc(req({ toolChoice: 'required' })).body.tool_choice).toBeUndefined();
  });
  it('TC-6: parallel_tool_calls false → disable_parallel_tool_use, omitted with none', () => {
    expect(enc(req({ tools, toolChoice: 'required', parallelToolCalls: false })).body.tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });
    expect(enc(req({ tools, parallelToolCalls: false })).body.tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
    expect(enc(req({ tools, toolChoice: 'none', parallelToolCalls: false })).body.tool_choice).toEqual({ type: 'none' });
  });
  it('TC-7: parallel_tool_calls true → disable_parallel_tool_use false explicitly', () => {
    expect(enc(req({ tools, toolChoice: 'auto', parallelToolCalls: true })).body.tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: false });
  });
  it('TC-12: thinking + forced tool choice is downgraded to auto (the API would 400)', () => {
    expect(enc(req({ tools, toolChoice: 'required', reasoning: { effort: 'high' } })).body.tool_choice).toEqual({ type: 'auto' });
    expect(enc(req({ tools, toolChoice: { name: 'f' }, reasoning: { budgetTokens: 2048 } })).body.tool_choice).toEqual({ type: 'auto' });
    // The validator catches the un-downgraded form, so the test above can fail.
    expect(
      validateAnthropicRequest({ model: 'm', max_tokens: 5000, thinking: { type: 'enabled', budget_tokens: 2048 }, tools: [{ name: 'f', input_schema: { type: 'object' } }], tool_choice: { type: 'any' }, messages: [{ role: 'user', content: 'x' }] }),
    ).toContain('Thinking may not be enabled when tool_choice forces tool use.');
  });
});

describe('anthropic encodeRequest: tool ids', () => {
  it('TU-1/TU-2: arguments become input; invalid ids normalised consistently on tool_use and tool_result', () => {
    const { body } = enc(
      req({
        tools: [fn('Bash')],
        messages: [
          user('q'),
          {
            role: 'assistant',
            content: [
              { type: 'tool_call', id: 'functions.Bash:0', name: 'Bash', arguments: { a: 1 } },
              { type: 'tool_call', id: 'call_x__thought__abc+/=', name: 'Bash', arguments: {} },
              { type: 'tool_call', id: 'functions.Bash_0', name: 'Bash', arguments: {} },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', toolCallId: 'functions.Bash:0', content: [{ type: 'text', text: '1' }] },
              { type: 'tool_result', toolCallId: 'call_x__thought__abc+/=', content: [{ type: 'text', text: '2' }] },
              { type: 'tool_result', toolCallId: 'functions.Bash_0', content: [{ type: 'text', text: '3' }] },
            ],
          },
        ],
      }),
    );
    const ids = msgs(body)[1].content.map((b) => b.id);
    expect(ids[0]).toBe('functions_Bash_0');
    expect(ids[1]).toBe('call_x');
    expect(new Set(ids).size).toBe(3);
    expect(msgs(body)[2].content.map((b) => b.tool_use_id)).toEqual(ids);
    expect(msgs(body)[1].content[0].input).toEqual({ a: 1 });
  });
});

describe('anthropic encodeRequest: limits and parameters', () => {
  it('MT-1/MT-2: max_tokens from the request, else the default option, else 4096', () => {
    expect(enc(req({ maxTokens: 100.6 })).body.max_tokens).toBe(101);
    expect(enc(req({}), { defaultMaxTokens: 8000 }).body.max_tokens).toBe(8000);
    expect(enc(req({})).body.max_tokens).toBe(4096);
  });
  it('MT-2: max_tokens stays above the thinking budget', () => {
    const { body } = enc(req({ maxTokens: 1000, reasoning: { budgetTokens: 4096 } }));
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 4096 });
    expect(body.max_tokens as number).toBeGreaterThan(4096);
  });
  it('SP-1: temperature and top_p pass through; dropped when thinking forbids them', () => {
    expect(enc(req({ temperature: 0.3, topP: 0.8, topK: 5 })).body).toMatchObject({ temperature: 0.3, top_p: 0.8, top_k: 5 });
    const withThinking = enc(req({ temperature: 0.3, topK: 5, reasoning: { effort: 'low' } })).body;
    expect(withThinking.temperature).toBeUndefined();
    expect(withThinking.top_k).toBeUndefined();
  });
  it('SP-2: stop → stop_sequences without whitespace-only entries', () => {
    expect(enc(req({ stop: ['a', ' ', '\n', 'b'] })).body.stop_sequences).toEqual(['a', 'b']);
    expect(enc(req({ stop: [' '] })).body.stop_sequences).toBeUndefined();
  });
  it('MD-1/MD-2: metadata.user → user_id unless it looks like an email or phone; other keys dropped', () => {
    expect(enc(req({ metadata: { user: 'u-123', tags: ['x'] } })).body.metadata).toEqual({ user_id: 'u-123' });
    expect(enc(req({ metadata: { user: 'a@b.com' } })).body.metadata).toBeUndefined();
    expect(enc(req({ metadata: { user: '+1 555 123 4567' } })).body.metadata).toBeUndefined();
  });
  it('TH-1: effort → thinking budget; none → no thinking', () => {
    expect(enc(req({ reasoning: { effort: 'minimal' } })).body.thinking).toEqual({ type: 'enabled', budget_tokens: 1024 });
    expect(enc(req({ reasoning: { effort: 'high' } })).body.thinking).toEqual({ type: 'enabled', budget_tokens: 4096 });
    expect(enc(req({ reasoning: { effort: 'max' } }), { defaultMaxTokens: 32000 }).body.thinking).toEqual({ type: 'enabled', budget_tokens: 16384 });
    const none = enc(req({ reasoning: { effort: 'none' } })).body;
    expect(none.thinking).toBeUndefined();
    expect(none.output_config).toBeUndefined();
  });
  it('TH-2: adaptive thinking with output_config.effort (minimal → low)', () => {
    const { body } = enc(req({ reasoning: { adaptive: true, effort: 'minimal' } }));
    expect(body.thinking).toEqual({ type: 'adaptive' });
    expect(body.output_config).toEqual({ effort: 'low' });
  });
  it('TH-3: native budget passed through; disabled stays disabled', () => {
    expect(enc(req({ reasoning: { enabled: true, budgetTokens: 3000 } }), { defaultMaxTokens: 8000 }).body.thinking).toEqual({ type: 'enabled', budget_tokens: 3000 });
    expect(enc(req({ reasoning: { enabled: false } })).body.thinking).toEqual({ type: 'disabled' });
  });
  it('TH-10/TH-14: signed Anthropic thinking first; redacted kept; unsigned and foreign reasoning dropped', () => {
    const { body } = enc(
      req({
        tools: [fn('f')],
        messages: [
          user('q'),
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'ok' },
              { type: 'reasoning', text: 'signed', signature: 'SIG', origin: 'anthropic' },
              { type: 'reasoning', text: '', redactedData: 'RED', origin: 'anthropic' },
              { type: 'reasoning', text: 'unsigned deepseek', origin: 'openai-chat' },
              { type: 'reasoning', text: 'no signature' },
              { type: 'reasoning', text: 'summary', encryptedContent: 'ENC', origin: 'responses' },
              { type: 'reasoning', text: 'unknown origin but signed', signature: 'SIG2' },
              { type: 'tool_call', id: 't', name: 'f', arguments: {} },
            ],
          },
          { role: 'user', content: [{ type: 'tool_result', toolCallId: 't', content: [{ type: 'text', text: 'r' }] }] },
        ],
      }),
    );
    expect(msgs(body)[1].content).toEqual([
      { type: 'thinking', thinking: 'signed', signature: 'SIG' },
      { type: 'redacted_thinking', data: 'RED' },
      { type: 'thinking', thinking: 'unknown origin but signed', signature: 'SIG2' },
      { type: 'text', text: 'ok' },
      { type: 'tool_use', id: 't', name: 'f', input: {} },
    ]);
  });
  it('interleaved Anthropic thinking keeps its order', () => {
    const { body } = enc(
      req({
        tools: [fn('f')],
        messages: [
          user('q'),
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'a', signature: 'S1', origin: 'anthropic' },
              { type: 'tool_call', id: 't1', name: 'f', arguments: {} },
              { type: 'reasoning', text: 'b', signature: 'S2', origin: 'anthropic' },
              { type: 'tool_call', id: 't2', name: 'f', arguments: {} },
            ],
          },
        ],
      }),
    );
    expect(msgs(body)[1].content.map((b) => b.type)).toEqual(['thinking', 'tool_use', 'thinking', 'tool_use']);
  });
  it('responseFormat json_schema → output_config.format; legacy output_format kept for Anthropic callers', () => {
    const schema = { type: 'object', properties: { t: { type: 'string' } } };
    expect(enc(req({ responseFormat: { type: 'json_schema', name: 'x', schema } })).body.output_config).toEqual({ format: { type: 'json_schema', schema } });
    expect(enc(req({ responseFormat: { type: 'json_object' } })).body.output_config).toBeUndefined();
    const legacy = decodeRequest({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }], output_format: { type: 'json_schema', schema } });
    expect(enc(legacy).body.output_format).toEqual({ type: 'json_schema', schema });
  });
  it('extensions.anthropic merged back; canonical values win; bookkeeping keys never leak', () => {
    const { body } = enc(
      req({
        reasoning: { adaptive: true, effort: 'high' },
        extensions: {
          anthropic: { context_management: { edits: [] }, output_config: { effort: 'low', other: 1 }, thinking: { display: 'omitted' }, _opaqueBlocks: [], service_tier: 'auto' },
        },
      }),
    );
    expect(body.context_management).toEqual({ edits: [] });
    expect(body.service_tier).toBe('auto');
    expect(body.output_config).toEqual({ effort: 'high', other: 1 });
    expect(body.thinking).toEqual({ type: 'adaptive', display: 'omitted' });
    expect(body._opaqueBlocks).toBeUndefined();
  });
  it('opaque server-tool blocks go back in place for an Anthropic upstream only', () => {
    const wire = {
      model: 'm',
      max_tokens: 100,
      tools: [{ type: 'web_search_20250305', name: 'web_search' }],
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
        { role: 'user', content: 'thanks' },
      ],
    };
    const r = decodeRequest(wire);
    expect(enc(r).body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'search' }] },
      wire.messages[1],
      { role: 'user', content: [{ type: 'text', text: 'thanks' }] },
    ]);
    // Reshaped history (the assistant turn changed): the blocks are dropped, not misplaced.
    const reshaped = { ...r, messages: [r.messages[0], { role: 'assistant' as const, content: [{ type: 'text' as const, text: 'x' }, { type: 'text' as const, text: 'y' }] }, r.messages[2]] };
    expect(msgs(enc(reshaped).body)[1].content.map((b) => b.type)).toEqual(['text', 'text']);
  });
});
