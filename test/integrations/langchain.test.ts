/**
 * The LangChain adapter through LangChain itself: invoke / stream / batch / bindTools /
 * withStructuredOutput, `createAgent` tool loops on the mock and against fake upstreams over HTTP,
 * the thin server as a `baseURL`, fallbackModel and errors.
 */
import { AIMessageChunk, HumanMessage, SystemMessage, ToolMessage, AIMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { createAgent } from 'langchain';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TokligenceChatModel } from '../../src/integrations/langchain/index.js';
import { MockProvider, Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { type FakeReply, type FakeUpstream, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';
import { anthropicValidationError, validateAnthropicRequest } from '../helpers/validators/anthropic.js';
import { openaiValidationError, validateOpenAIChatRequest } from '../helpers/validators/openai-chat.js';
import { toolLoopReply } from './openai-wire.js';

const fakes: FakeUpstream[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
  for (const c of closers.splice(0)) await c();
});

const offline = (drivers?: MockProvider[]) => new Tokligence({ env: {}, ...(drivers ? { drivers } : {}) });

const weather = tool(async ({ city }: { city: string }) => `Sunny in ${city}, 21C`, {
  name: 'weather',
  description: 'Get the weather for a city',
  schema: z.object({ city: z.string().describe('City name') }),
});

describe('TokligenceChatModel on the in-process mock', () => {
  it('invoke returns an AIMessageChunk with text and usage_metadata', async () => {
    const model = new TokligenceChatModel({ model: 'mock-1', client: offline() });
    const out = await model.invoke([new SystemMessage('Be brief.'), new HumanMessage('Say hello')]);
    expect(out).toBeInstanceOf(AIMessageChunk);
    expect(out.content).toBe('Mock answer to: Say hello');
    expect(out.usage_metadata?.input_tokens).toBeGreaterThan(0);
    expect(out.usage_metadata?.total_tokens).toBe((out.usage_metadata?.input_tokens ?? 0) + (out.usage_metadata?.output_tokens ?? 0));
    expect(out.response_metadata.finish_reason).toBe('stop');
  });

  it('stream yields several text chunks that concat to the answer, usage on the last', async () => {
    const model = new TokligenceChatModel({ model: 'mock-1', client: offline() });
    const chunks: AIMessageChunk[] = [];
    for await (const c of await model.stream('Tell me something fairly long please, at least a few chunks')) chunks.push(c);
    expect(chunks.length).toBeGreaterThan(2);
    const full = chunks.reduce((a, b) => a.concat(b));
    expect(full.content).toBe('Mock answer to: Tell me something fairly long please, at least a few chunks');
    expect(full.usage_metadata?.output_tokens).toBeGreaterThan(0);
  });

  it('batch answers each input in order', async () => {
    const model = new TokligenceChatModel({ model: 'mock-1', client: offline() });
    const outs = await model.batch(['one', 'two', 'three']);
    expect(outs.map((o) => o.content)).toEqual(['Mock answer to: one', 'Mock answer to: two', 'Mock answer to: three']);
  });

  it('bindTools (zod tool) → tool_calls with parsed args; the tool schema reaches the gateway without $schema', async () => {
    const tk = offline();
    const model = new TokligenceChatModel({ model: 'mock-1', client: tk });
    const req = model.toRequest([new HumanMessage('x')], { tools: [weather] });
    expect(req.tools?.[0]).toMatchObject({ name: 'weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } });
    expect(req.tools?.[0]?.inputSchema.$schema).toBeUndefined();
    const out = await model.bindTools([weather]).invoke('use weather for Paris');
    expect(out.tool_calls).toEqual([expect.objectContaining({ name: 'weather', args: { city: 'mock' }, type: 'tool_call' })]);
    expect(out.response_metadata.finish_reason).toBe('tool_calls');
  });

  it('bindTools with a plain JSON-schema tool and tool_choice "any" → required', () => {
    const model = new TokligenceChatModel({ model: 'mock-1', client: offline() });
    const req = model.toRequest([new HumanMessage('x')], {
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }],
      tool_choice: 'any',
    });
    expect(req.toolChoice).toBe('required');
    expect(req.tools?.[0]?.name).toBe('lookup');
  });

  it('streams tool_call_chunks that concat into tool_calls', async () => {
    const model = new TokligenceChatModel({ model: 'mock-1', client: new Tokligence({ env: {}, drivers: [new MockProvider({ chunkSize: 4 })] }) });
    const chunks: AIMessageChunk[] = [];
    for await (const c of await model.bindTools([weather]).stream('use weather for Paris')) chunks.push(c);
    const argChunks = chunks.flatMap((c) => c.tool_call_chunks ?? []).filter((t) => t.args);
    expect(argChunks.length).toBeGreaterThan(1);
    const full = chunks.reduce((a, b) => a.concat(b));
    expect(full.tool_calls).toEqual([expect.objectContaining({ name: 'weather', args: { city: 'mock' } })]);
  });

  it('maps history: tool calls, tool results (merged), reasoning', () => {
    const model = new TokligenceChatModel({ model: 'mock-1', client: offline() });
    const req = model.toRequest([
      new HumanMessage('hi'),
      new AIMessage({ content: '', tool_calls: [{ id: 'a', name: 'weather', args: { city: 'X' } }, { id: 'b', name: 'weather', args: { city: 'Y' } }] }),
      new ToolMessage({ content: 'ok X', tool_call_id: 'a' }),
      new ToolMessage({ content: 'boom', tool_call_id: 'b', status: 'error' }),
    ]);
    expect(req.messages).toHaveLength(3);
    expect(req.messages[1]?.content).toEqual([
      { type: 'tool_call', id: 'a', name: 'weather', arguments: { city: 'X' } },
      { type: 'tool_call', id: 'b', name: 'weather', arguments: { city: 'Y' } },
    ]);
    expect(req.messages[2]?.content).toEqual([
      { type: 'tool_result', toolCallId: 'a', content: [{ type: 'text', text: 'ok X' }] },
      { type: 'tool_result', toolCallId: 'b', content: [{ type: 'text', text: 'boom' }], isError: true },
    ]);
  });

  it('withStructuredOutput(zod) forces the extract tool and returns the parsed object', async () => {
    const mock = new MockProvider({ script: [{ match: 'ada', toolCalls: [{ name: 'person', arguments: { name: 'Ada', born: 1815 } }] }] });
    const model = new TokligenceChatModel({ model: 'mock-1', client: offline([mock]) });
    const schema = z.object({ name: z.string(), born: z.number() });
    const out = await model.withStructuredOutput(schema, { name: 'person' }).invoke('Tell me about Ada Lovelace');
    expect(out).toEqual({ name: 'Ada', born: 1815 });
    const withRaw = await model.withStructuredOutput(schema, { name: 'person', includeRaw: true }).invoke('ada');
    expect(withRaw.parsed).toEqual({ name: 'Ada', born: 1815 });
    expect(withRaw.raw).toBeInstanceOf(AIMessageChunk);
  });

  it('withStructuredOutput jsonSchema method asks for response_format and parses the JSON text', async () => {
    const mock = new MockProvider({ script: [{ match: 'ada', text: '{"name":"Ada","born":1815}' }] });
    const model = new TokligenceChatModel({ model: 'mock-1', client: offline([mock]) });
    const out = await model.withStructuredOutput(z.object({ name: z.string(), born: z.number() }), { method: 'jsonSchema' }).invoke('ada');
    expect(out).toEqual({ name: 'Ada', born: 1815 });
  });

  it('exposes a profile for createAgent (tool calling on)', () => {
    const model = new TokligenceChatModel({ model: 'mock-1', client: offline() });
    expect(model.profile.toolCalling).toBe(true);
    expect(model._llmType()).toBe('tokligence');
  });
});

describe('createAgent (langchain) with a tool loop', () => {
  it('mock provider: human → ai(tool call) → tool → ai', async () => {
    const agent = createAgent({ model: new TokligenceChatModel({ model: 'mock-1', client: offline() }), tools: [weather] });
    const out = await agent.invoke({ messages: [{ role: 'user', content: 'Use weather for Paris' }] });
    expect(out.messages.map((m) => m.type)).toEqual(['human', 'ai', 'tool', 'ai']);
    expect(out.messages[2]?.content).toBe('Sunny in mock, 21C');
    expect(out.messages[3]?.content).toContain('weather returned: Sunny in mock, 21C');
  });

  it('mock provider, streaming: token chunks arrive through streamMode "messages"', async () => {
    const agent = createAgent({ model: new TokligenceChatModel({ model: 'mock-1', client: offline() }), tools: [weather] });
    const stream = await agent.stream({ messages: [{ role: 'user', content: 'Use weather for Paris' }] }, { streamMode: 'messages' });
    const tokens: string[] = [];
    let toolChunks = 0;
    for await (const [chunk] of stream) {
      if (chunk.type === 'ai' && typeof chunk.content === 'string') tokens.push(chunk.content);
      if ((chunk as AIMessageChunk).tool_call_chunks?.length) toolChunks++;
    }
    expect(toolChunks).toBeGreaterThan(0);
    expect(tokens.join('')).toContain('weather returned: Sunny in mock');
  });

  it('against a fake OpenAI upstream over HTTP (requests validated like the real API)', async () => {
    const fake = await startFakeUpstream({ validator: validateOpenAIChatRequest, validationError: openaiValidationError, handler: (r) => toolLoopReply(r) });
    fakes.push(fake);
    const tk = new Tokligence({ env: {}, providers: { openai: { type: 'openai', baseUrl: fake.url, apiKey: 'sk-test' } } });
    const agent = createAgent({ model: new TokligenceChatModel({ model: 'openai/gpt-4o', client: tk }), tools: [weather] });
    const out = await agent.invoke({ messages: [{ role: 'user', content: 'Weather in Paris?' }] });
    expect(out.messages.map((m) => m.type)).toEqual(['human', 'ai', 'tool', 'ai']);
    expect(out.messages[2]?.content).toBe('Sunny in Paris, 21C');
    expect(out.messages[3]?.content).toBe('The tool said: Sunny in Paris, 21C');
    const second = fake.requests[1]?.body as { messages: Array<{ role: string; tool_call_id?: string }>; tools: unknown[] };
    expect(second.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(second.messages[2]?.tool_call_id).toBe('call_up1');
    const ai = out.messages[1] as AIMessage;
    expect(ai.usage_metadata).toMatchObject({ input_tokens: 20, output_tokens: 7, input_token_details: { cache_read: 5 } });
  });

  it('against a fake Anthropic upstream, streaming (SSE tool_use → tool_call_chunks → tool loop)', async () => {
    let n = 0;
    const fake = await startFakeUpstream({
      validator: (b) => validateAnthropicRequest(b),
      validationError: anthropicValidationError,
      handler: (r) => (n++ === 0 ? anthropicReply(r.body, 'tool') : anthropicReply(r.body, 'Paris is sunny.')),
    });
    fakes.push(fake);
    const tk = new Tokligence({ env: {}, providers: { anthropic: { type: 'anthropic', baseUrl: fake.url, apiKey: 'sk-ant' } } });
    const agent = createAgent({ model: new TokligenceChatModel({ model: 'anthropic/claude-sonnet-4-5', client: tk }), tools: [weather] });
    const stream = await agent.stream({ messages: [{ role: 'user', content: 'Weather in Paris?' }] }, { streamMode: ['values', 'messages'] });
    let last: { messages: Array<{ type: string; content: unknown }> } | undefined;
    const toolChunks: unknown[] = [];
    for await (const [mode, payload] of stream) {
      if (mode === 'values') last = payload as typeof last;
      else toolChunks.push(...(((payload as unknown as [AIMessageChunk])[0].tool_call_chunks ?? []) as unknown[]));
    }
    expect((fake.requests[0]!.body as { stream?: boolean }).stream).toBe(true);
    expect(toolChunks.length).toBeGreaterThan(1);
    expect(last?.messages.map((m) => m.type)).toEqual(['human', 'ai', 'tool', 'ai']);
    expect(last?.messages[2]?.content).toBe('Sunny in Paris, 21C');
    expect(last?.messages[3]?.content).toBe('Paris is sunny.');
    const second = fake.requests[1]?.body as { messages: Array<{ role: string; content: Array<{ type: string; tool_use_id?: string }> }> };
    expect(second.messages[2]?.content[0]).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_1' });
  });
});

describe('TokligenceChatModel over HTTP (baseURL → the thin server)', () => {
  it('invoke, stream with tools, and usage through createServer', async () => {
    const server = await createServer(offline()).listen(0, '127.0.0.1');
    closers.push(() => server.close());
    const model = new TokligenceChatModel({ model: 'mock-1', baseURL: `${server.url}/v1` });
    const out = await model.invoke('hello there');
    expect(out.content).toBe('Mock answer to: hello there');
    expect(out.usage_metadata?.output_tokens).toBeGreaterThan(0);
    const chunks: AIMessageChunk[] = [];
    for await (const c of await model.bindTools([weather]).stream('use weather for Rome')) chunks.push(c);
    const full = chunks.reduce((a, b) => a.concat(b));
    expect(full.tool_calls?.[0]).toMatchObject({ name: 'weather', args: { city: 'mock' } });
    const agent = createAgent({ model, tools: [weather] });
    const res = await agent.invoke({ messages: [{ role: 'user', content: 'Use weather for Oslo' }] });
    expect(res.messages.map((m) => m.type)).toEqual(['human', 'ai', 'tool', 'ai']);
  });

  it('an HTTP error becomes a thrown error with the status', async () => {
    const fake = await startFakeUpstream({ handler: () => ({ status: 400, json: { error: { message: 'bad thing', type: 'invalid_request_error', param: 'messages' } } }) });
    fakes.push(fake);
    const model = new TokligenceChatModel({ model: 'x', baseURL: fake.url, fallbackModel: 'y' });
    await expect(model.invoke('hi')).rejects.toMatchObject({ status: 400, message: expect.stringContaining('bad thing') });
    expect(fake.requests).toHaveLength(1); // a 400 is not retryable: no fallback
  });
});

describe('fallbackModel', () => {
  it('gpt-4-turbo fails with 503 → claude-3-opus-20240229 answers (invoke and stream)', async () => {
    const openai = await startFakeUpstream({ handler: () => ({ status: 503, json: { error: { message: 'overloaded', type: 'server_error' } } }) });
    const anthropic = await startFakeUpstream({ validator: (b) => validateAnthropicRequest(b), validationError: anthropicValidationError, handler: (r) => anthropicReply(r.body, 'from claude') });
    fakes.push(openai, anthropic);
    const tk = new Tokligence({
      env: {},
      providers: { openai: { type: 'openai', baseUrl: openai.url, apiKey: 'sk' }, anthropic: { type: 'anthropic', baseUrl: anthropic.url, apiKey: 'sk-ant' } },
      models: { 'gpt-*': 'openai/*', 'claude-*': 'anthropic/*' },
    });
    const model = new TokligenceChatModel({ model: 'gpt-4-turbo', fallbackModel: 'claude-3-opus-20240229', client: tk });
    const out = await model.invoke('hi');
    expect(out.content).toBe('from claude');
    expect((openai.requests[0]!.body as { model: string }).model).toBe('gpt-4-turbo');
    expect((anthropic.requests[0]!.body as { model: string }).model).toBe('claude-3-opus-20240229');
    let text = '';
    for await (const c of await model.stream('hi again')) text += c.content;
    expect(text).toBe('from claude');
    // The router may retry a target itself; the model tried first is always the primary.
    expect(openai.requests.length).toBeGreaterThanOrEqual(2);
    expect(anthropic.requests).toHaveLength(2);
    expect((anthropic.requests[1]!.body as { stream?: boolean }).stream).toBe(true);
  });

  it('without a fallbackModel the retryable error surfaces', async () => {
    const openai = await startFakeUpstream({ handler: () => ({ status: 429, json: { error: { message: 'slow down', type: 'rate_limit_exceeded' } } }) });
    fakes.push(openai);
    const tk = new Tokligence({ env: {}, providers: { openai: { type: 'openai', baseUrl: openai.url, apiKey: 'sk' } } });
    const model = new TokligenceChatModel({ model: 'openai/gpt-4o', client: tk });
    await expect(model.invoke('hi')).rejects.toMatchObject({ status: 429, kind: 'rate_limit' });
  });
});

/** A streamed or JSON Anthropic answer, as the request asked: `'tool'` calls weather(Paris), anything else is text. */
function anthropicReply(body: unknown, what: string): FakeReply {
  const stream = (body as { stream?: boolean }).stream === true;
  if (stream) return { chunks: what === 'tool' ? anthropicTool() : anthropicText(what) };
  const content = what === 'tool' ? [{ type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } }] : [{ type: 'text', text: what }];
  return {
    json: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content, stop_reason: what === 'tool' ? 'tool_use' : 'end_turn', stop_sequence: null, usage: { input_tokens: 12, output_tokens: 5 } },
  };
}

function anthropicText(text: string): string[] {
  return sseFrames([
    { event: 'message_start', data: { type: 'message_start', message: { id: 'msg_2', type: 'message', role: 'assistant', model: 'claude', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 12, output_tokens: 1 } } } },
    { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
    { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } } },
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
    { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 5 } } },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ]);
}

function anthropicTool(): string[] {
  return sseFrames([
    { event: 'message_start', data: { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 12, output_tokens: 1 } } } },
    { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_1', name: 'weather', input: {} } } },
    { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"city":' } } },
    { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '"Paris"}' } } },
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
    { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 9 } } },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ]);
}
