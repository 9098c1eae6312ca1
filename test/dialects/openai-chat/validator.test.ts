import { describe, expect, it } from 'vitest';
import { validateOpenAIChatRequest as v } from '../../helpers/validators/openai-chat.js';

const ok = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] };
const call = (id: string, args = '{}') => ({ id, type: 'function', function: { name: 'f', arguments: args } });
const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }];

describe('validateOpenAIChatRequest (the fake upstream’s idea of the real API)', () => {
  it('accepts a plain body', () => expect(v(ok)).toEqual([]));

  it('rejects missing model, empty messages and bad roles', () => {
    expect(v({ messages: ok.messages })).toContain('model: required');
    expect(v({ model: 'm', messages: [] })[0]).toMatch(/^messages/);
    expect(v({ model: 'm', messages: [{ role: 'human', content: 'x' }] })[0]).toMatch(/role/);
  });

  it('DeepSeek rule: a tool message must answer a tool_call of the preceding assistant message', () => {
    expect(v({ ...ok, messages: [{ role: 'user', content: 'x' }, { role: 'tool', tool_call_id: 'a', content: 'r' }] })[0]).toMatch(/must be a response to a preceding message with 'tool_calls'/);
    const good = { ...ok, tools, messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: null, tool_calls: [call('a'), call('b')] }, { role: 'tool', tool_call_id: 'a', content: 'r' }, { role: 'tool', tool_call_id: 'b', content: 'r' }, { role: 'user', content: 'y' }] };
    expect(v(good)).toEqual([]);
  });

  it('every tool_call must be answered before the next non-tool message (ALT-8 violation)', () => {
    const bad = { ...ok, tools, messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: null, tool_calls: [call('a')] }, { role: 'user', content: 'why?' }, { role: 'tool', tool_call_id: 'a', content: 'r' }] };
    const problems = v(bad);
    expect(problems.some((p) => /must be followed by tool messages/.test(p))).toBe(true);
  });

  it('arguments must be a JSON string; names must match the OpenAI pattern; ≤ 4 stop sequences', () => {
    expect(v({ ...ok, tools, messages: [{ role: 'assistant', content: null, tool_calls: [call('a', '{oops')] }, { role: 'tool', tool_call_id: 'a', content: '' }] }).join()).toMatch(/not valid JSON/);
    expect(v({ ...ok, tools: [{ type: 'function', function: { name: 'a/b' } }] }).join()).toMatch(/function\.name/);
    expect(v({ ...ok, tools: [{ type: 'function', function: { name: 'x'.repeat(65) } }] }).join()).toMatch(/function\.name/);
    expect(v({ ...ok, stop: ['1', '2', '3', '4', '5'] }).join()).toMatch(/at most 4/);
  });

  it('flags Anthropic-only fields anywhere', () => {
    const bad = {
      ...ok,
      system: 'S',
      thinking: { type: 'enabled' },
      output_config: {},
      stop_sequences: ['x'],
      top_k: 3,
      metadata: { user_id: 'u' },
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { cache_control: { type: 'string' } } } }, input_schema: {} }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'x', cache_control: { type: 'ephemeral' } }, { type: 'tool_result' }] }],
    };
    const problems = v(bad).join('\n');
    for (const k of ['system', 'thinking', 'output_config', 'stop_sequences', 'top_k', 'metadata.user_id', 'input_schema', 'messages[0].content[0].cache_control', "'tool_result'"])
      expect(problems).toContain(k);
    // a schema property that happens to be called cache_control is fine
    expect(problems).not.toContain('parameters.properties.cache_control');
  });

  it('tool and system messages accept only text parts', () => {
    const body = {
      ...ok,
      tools,
      messages: [
        { role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://x.test/a.png' } }] },
        { role: 'assistant', content: null, tool_calls: [call('a')] },
        { role: 'tool', tool_call_id: 'a', content: [{ type: 'image_url', image_url: { url: 'https://x.test/a.png' } }] },
      ],
    };
    const problems = v(body).join('\n');
    expect(problems).toContain('messages[0].content[0].type: system messages accept only text parts');
    expect(problems).toContain('messages[2].content[0].type: tool messages accept only text parts');
  });

  it('tool_choice / parallel_tool_calls need tools; stream_options needs stream', () => {
    expect(v({ ...ok, tool_choice: 'auto' }).join()).toMatch(/tool_choice/);
    expect(v({ ...ok, parallel_tool_calls: false }).join()).toMatch(/parallel_tool_calls/);
    expect(v({ ...ok, stream_options: { include_usage: true } }).join()).toMatch(/stream_options/);
  });
});
