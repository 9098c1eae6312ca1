/**
 * The core issue's "done when" cases, end to end: the in-process client against local fake
 * upstreams that speak the real wire formats and validate requests like the real APIs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { type FakeUpstream, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';
import { anthropicValidationError, validateAnthropicRequest } from '../helpers/validators/anthropic.js';
import { openaiValidationError, validateOpenAIChatRequest } from '../helpers/validators/openai-chat.js';

let fake: FakeUpstream | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const anthropicToolStream = (toolName: string, args: string[]) =>
  sseFrames([
    { event: 'message_start', data: { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 1, cache_read_input_tokens: 4, cache_creation_input_tokens: 0 } } } },
    { event: 'ping', data: { type: 'ping' } },
    { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
    { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Let me check.' } } },
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
    { event: 'content_block_start', data: { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: toolName, input: {} } } },
    ...args.map((partial_json) => ({ event: 'content_block_delta', data: { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json } } })),
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 1 } },
    { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 30 } } },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ]);

describe('chat.completions.create against an Anthropic-speaking upstream', () => {
  it('streams OpenAI chunks: tool_calls by index with argument fragments, finish_reason tool_calls, usage chunk', async () => {
    fake = await startFakeUpstream({ validator: (b) => validateAnthropicRequest(b), validationError: anthropicValidationError });
    fake.replies.push({ chunks: anthropicToolStream('get_weather', ['{"loc', 'ation":"Boston"}']) });
    const tk = new Tokligence({ env: {}, providers: { anthropic: { type: 'anthropic', baseUrl: fake.url, apiKey: 'sk-ant-test' } } });
    const stream = await tk.chat.completions.create({
      model: 'anthropic/claude-sonnet-4-5',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Weather in Boston?' }],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } } }],
    });
    const chunks = [];
    for await (const c of stream) chunks.push(c);

    const sent = fake.requests[0]?.body as Record<string, unknown>;
    expect(sent.model).toBe('claude-sonnet-4-5');
    // The official SDK authenticates with the configured key (x-api-key, or Bearer in SDK 1.x).
    const h = fake.requests[0]?.headers;
    expect(h?.['x-api-key'] ?? h?.authorization?.replace(/^Bearer /, '')).toBe('sk-ant-test');
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks.filter((c) => c.choices[0]?.delta.role).length).toBe(1);
    const toolDeltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(toolDeltas.every((t) => t.index === 0)).toBe(true);
    expect(toolDeltas[0]).toMatchObject({ index: 0, id: 'toolu_1', type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse(toolDeltas.map((t) => t.function?.arguments ?? '').join(''))).toEqual({ location: 'Boston' });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Let me check.');
    expect(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0]?.finish_reason).toBe('tool_calls');
    const usage = chunks[chunks.length - 1];
    expect(usage?.choices).toEqual([]);
    expect(usage?.usage).toMatchObject({ prompt_tokens: 14, completion_tokens: 30, total_tokens: 44 });
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
  });

  it('non-stream: tool calls and usage map into a chat.completion', async () => {
    fake = await startFakeUpstream({ validator: (b) => validateAnthropicRequest(b), validationError: anthropicValidationError });
    fake.replies.push({
      json: {
        id: 'msg_2', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', stop_reason: 'tool_use', stop_sequence: null,
        content: [{ type: 'text', text: 'Checking.' }, { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { location: 'Paris' } }],
        usage: { input_tokens: 5, output_tokens: 7, cache_creation_input_tokens: 2, cache_read_input_tokens: 3 },
      },
    });
    const tk = new Tokligence({ env: {}, providers: { anthropic: { type: 'anthropic', baseUrl: fake.url, apiKey: 'k' } } });
    const res = await tk.chat.completions.create({
      model: 'anthropic/claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { location: { type: 'string' } } } } }],
    });
    expect(res.choices[0]?.finish_reason).toBe('tool_calls');
    expect(res.choices[0]?.message.content).toBe('Checking.');
    const call = res.choices[0]?.message.tool_calls?.[0];
    expect(call && call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ location: 'Paris' });
    expect(res.usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 7 });
  });
});

describe('messages.create against an OpenAI-speaking upstream', () => {
  it('streams valid Anthropic events from OpenAI chunks with parallel tool calls, and sends tool results back as role:"tool"', async () => {
    fake = await startFakeUpstream({ validator: (b) => validateOpenAIChatRequest(b), validationError: openaiValidationError });
    const chunk = (delta: unknown, finish: string | null = null) => ({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish }] });
    fake.replies.push({
      chunks: [
        ...sseFrames([
          { data: chunk({ role: 'assistant', content: '' }) },
          { data: chunk({ content: 'Hi' }) },
          { data: chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '' } }] }) },
          { data: chunk({ tool_calls: [{ index: 0, function: { arguments: '{"x":1}' } }] }) },
          { data: chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'g', arguments: '{}' } }] }) },
          { data: chunk({}, 'tool_calls') },
          { data: { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [], usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120, prompt_tokens_details: { cached_tokens: 60 } } } },
        ]),
        'data: [DONE]\n\n',
      ],
    });
    const tk = new Tokligence({ env: {}, providers: { oai: { type: 'openai-compatible', baseUrl: `${fake.url}/v1`, apiKey: 'sk-test' } } });
    const tools = [
      { name: 'f', input_schema: { type: 'object' as const, properties: { x: { type: 'number' } } } },
      { name: 'g', input_schema: { type: 'object' as const, properties: {} } },
    ];
    const stream = await tk.messages.create({ model: 'oai/gpt-4o', max_tokens: 100, stream: true, tools, messages: [{ role: 'user', content: 'go' }] });
    const events = [];
    for await (const e of stream) events.push(e);

    expect(fake.requests[0]?.url).toBe('/v1/chat/completions');
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer sk-test');
    expect(events.map((e) => e.type)).toEqual([
      'message_start',
      'content_block_start', 'content_block_delta', 'content_block_stop',
      'content_block_start', 'content_block_delta', 'content_block_stop',
      'content_block_start', 'content_block_delta', 'content_block_stop',
      'message_delta', 'message_stop',
    ]);
    const starts = events.filter((e) => e.type === 'content_block_start');
    expect(starts.map((e) => e.index)).toEqual([0, 1, 2]);
    expect(starts[1]).toMatchObject({ content_block: { type: 'tool_use', id: 'call_a', name: 'f' } });
    const delta = events.find((e) => e.type === 'message_delta');
    expect(delta).toMatchObject({ delta: { stop_reason: 'tool_use' }, usage: { input_tokens: 40, output_tokens: 20, cache_read_input_tokens: 60 } });

    // Round trip: the tool results go upstream as role:"tool" messages right after the assistant turn.
    fake.replies.push({ json: { id: 'c2', object: 'chat.completion', created: 1, model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: 'done' }, finish_reason: 'stop' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } } });
    const res = await tk.messages.create({
      model: 'oai/gpt-4o',
      max_tokens: 100,
      tools,
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: [{ type: 'text', text: 'Hi' }, { type: 'tool_use', id: 'call_a', name: 'f', input: { x: 1 } }, { type: 'tool_use', id: 'call_b', name: 'g', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_a', content: 'one' }, { type: 'tool_result', tool_use_id: 'call_b', content: 'boom', is_error: true }, { type: 'text', text: 'and?' }] },
      ],
    });
    expect(res.content).toEqual([{ type: 'text', text: 'done' }]);
    expect(res.stop_reason).toBe('end_turn');
    const sent = (fake.requests[1]!.body as { messages: Array<Record<string, unknown>> }).messages;
    expect(sent.slice(1).map((m) => m.role)).toEqual(['assistant', 'tool', 'tool', 'user']);
    expect(sent[2]).toMatchObject({ role: 'tool', tool_call_id: 'call_a', content: 'one' });
    expect(String(sent[3]?.content)).toContain('boom');
  });
});

describe('responses.create against an Anthropic-speaking upstream', () => {
  it('streams Responses events for reasoning, a function call and a custom (apply_patch) call', async () => {
    fake = await startFakeUpstream({ validator: (b) => validateAnthropicRequest(b), validationError: anthropicValidationError });
    const patch = '*** Begin Patch\n*** Add File: hello.txt\n+hi\n*** End Patch\n';
    const wrapped = JSON.stringify({ input: patch });
    fake.replies.push({
      chunks: sseFrames([
        { event: 'message_start', data: { type: 'message_start', message: { id: 'msg_3', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 50, output_tokens: 1 } } } },
        { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } } },
        { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Need a file.' } } },
        { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig-abc' } } },
        { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
        { event: 'content_block_start', data: { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_a', name: 'exec_command', input: {} } } },
        { event: 'content_block_delta', data: { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"cmd":"ls"}' } } },
        { event: 'content_block_stop', data: { type: 'content_block_stop', index: 1 } },
        { event: 'content_block_start', data: { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_b', name: 'apply_patch', input: {} } } },
        { event: 'content_block_delta', data: { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: wrapped.slice(0, 20) } } },
        { event: 'content_block_delta', data: { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: wrapped.slice(20) } } },
        { event: 'content_block_stop', data: { type: 'content_block_stop', index: 2 } },
        { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 40 } } },
        { event: 'message_stop', data: { type: 'message_stop' } },
      ]),
    });
    const tk = new Tokligence({ env: {}, providers: { anthropic: { type: 'anthropic', baseUrl: fake.url, apiKey: 'k' } }, models: { 'gpt-5': 'anthropic/claude-sonnet-4-5' } });
    const stream = await tk.responses.create({
      model: 'gpt-5',
      stream: true,
      reasoning: { effort: 'high' },
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'create hello.txt' }] }],
      tools: [
        { type: 'function', name: 'exec_command', strict: false, parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] } },
        { type: 'custom', name: 'apply_patch', description: 'FREEFORM patch', format: { type: 'grammar', syntax: 'lark', definition: 'start: "x"' } },
      ],
    });
    const events = [];
    for await (const e of stream) events.push(e);

    const sent = fake.requests[0]?.body as { thinking?: { budget_tokens?: number }; tools: Array<{ name: string; input_schema: { properties: Record<string, unknown> } }> };
    expect(sent.thinking?.budget_tokens).toBe(4096);
    expect(sent.tools.find((t) => t.name === 'apply_patch')?.input_schema.properties).toHaveProperty('input');
    const seq = events.map((e) => e.sequence_number);
    expect(seq).toEqual([...seq].sort((a, b) => a - b));
    expect(new Set(seq).size).toBe(seq.length);
    const done = events.filter((e) => e.type === 'response.output_item.done').map((e) => (e as { item: { type: string } }).item);
    expect(done.map((i) => i.type)).toEqual(['reasoning', 'function_call', 'custom_tool_call']);
    expect(done[1]).toMatchObject({ call_id: 'toolu_a', name: 'exec_command', arguments: '{"cmd":"ls"}' });
    expect(done[2]).toMatchObject({ call_id: 'toolu_b', name: 'apply_patch', input: patch });
    const completed = events[events.length - 1] as { type: string; response: { usage: { input_tokens: number; output_tokens: number } } };
    expect(completed.type).toBe('response.completed');
    expect(completed.response.usage).toMatchObject({ input_tokens: 50, output_tokens: 40 });
  });
});
