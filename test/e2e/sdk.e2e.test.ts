/**
 * The official SDKs (`openai`, `@anthropic-ai/sdk`, `@google/genai`, from the root install) pointed
 * at a running Tokligence server: against the built-in mock provider, and across dialects against
 * fake upstreams (OpenAI SDK → Anthropic upstream, Anthropic SDK → OpenAI chat upstream, Google's
 * SDK → both). Non-stream, stream, a tool call, and an upstream 429 surfacing as the SDK's error.
 */
import Anthropic from '@anthropic-ai/sdk';
import { ApiError, type FunctionCall, GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import type { FakeReply, RecordedRequest } from '../helpers/fake-upstream.js';
import { anthropicValidationError, validateAnthropicRequest } from '../helpers/validators/anthropic.js';
import { openaiValidationError, validateOpenAIChatRequest } from '../helpers/validators/openai-chat.js';
import { type Gateway, anthropicTextStream, anthropicToolUseStream, openaiTextStream, openaiToolCallStream, startGateway } from './harness.js';

type Scenario = 'text' | 'tool' | 'ratelimit';
const weatherTool = { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

/** Picks the scenario from the last user text ("tool ..." / "ratelimit ..."), answers JSON or SSE as asked. */
function scenarioOf(text: string): Scenario {
  return text.startsWith('ratelimit') ? 'ratelimit' : text.startsWith('tool') ? 'tool' : 'text';
}

function anthropicUpstream(req: RecordedRequest): FakeReply {
  const body = req.body as { model: string; stream?: boolean; messages: Array<{ content: string | Array<{ type: string; text?: string }> }> };
  const last = body.messages[body.messages.length - 1].content;
  const said = typeof last === 'string' ? last : last.map((b) => b.text ?? '').join('');
  const scenario = scenarioOf(said);
  if (scenario === 'ratelimit')
    return { status: 429, headers: { 'retry-after': '7' }, json: { type: 'error', error: { type: 'rate_limit_error', message: 'Number of request tokens has exceeded your per-minute rate limit' } } };
  const usage = { input_tokens: 11, output_tokens: 7 };
  if (scenario === 'tool') {
    if (body.stream) return { chunks: anthropicToolUseStream(body.model, 'toolu_sdk_1', 'get_weather', { city: 'Paris' }) };
    return {
      json: {
        id: 'msg_sdk_1',
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [{ type: 'tool_use', id: 'toolu_sdk_1', name: 'get_weather', input: { city: 'Paris' } }],
        stop_reason: 'tool_use',
        stop_sequence: null,
        usage,
      },
    };
  }
  if (body.stream) return { chunks: anthropicTextStream(body.model, 'Hello from Anthropic fake') };
  return {
    json: { id: 'msg_sdk_2', type: 'message', role: 'assistant', model: body.model, content: [{ type: 'text', text: 'Hello from Anthropic fake' }], stop_reason: 'end_turn', stop_sequence: null, usage },
  };
}

function openaiUpstream(req: RecordedRequest): FakeReply {
  const body = req.body as { model: string; stream?: boolean; messages: Array<{ role: string; content: unknown }> };
  const last = body.messages[body.messages.length - 1].content;
  const said = typeof last === 'string' ? last : Array.isArray(last) ? last.map((p: { text?: string }) => p.text ?? '').join('') : '';
  const scenario = scenarioOf(said);
  if (scenario === 'ratelimit')
    return { status: 429, headers: { 'retry-after': '7' }, json: { error: { message: 'Rate limit reached for requests', type: 'requests', param: null, code: 'rate_limit_exceeded' } } };
  const usage = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 };
  const base = { id: 'chatcmpl-sdk', object: 'chat.completion', created: 1_700_000_000, model: body.model };
  if (scenario === 'tool') {
    if (body.stream) return { chunks: openaiToolCallStream(body.model, 'call_sdk_1', 'get_weather', '{"city":"Paris"}') };
    return {
      json: {
        ...base,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: 'call_sdk_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
            finish_reason: 'tool_calls',
            logprobs: null,
          },
        ],
        usage,
      },
    };
  }
  if (body.stream) return { chunks: openaiTextStream(body.model, 'Hello from OpenAI fake') };
  return { json: { ...base, choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from OpenAI fake', refusal: null }, finish_reason: 'stop', logprobs: null }], usage } };
}

describe('official SDKs → gateway → built-in mock provider', () => {
  let server: { url: string; close(ms?: number): Promise<void> };
  let openai: OpenAI;
  let anthropic: Anthropic;
  beforeAll(async () => {
    server = await createServer(new Tokligence({ env: {} }), { logLevel: 'silent' }).listen(0, '127.0.0.1');
    openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sk-any', maxRetries: 0 });
    anthropic = new Anthropic({ baseURL: server.url, apiKey: 'sk-ant-any', maxRetries: 0 });
  });
  afterAll(() => server?.close(0));

  it('openai chat.completions: non-stream and stream', async () => {
    const r = await openai.chat.completions.create({ model: 'mock-1', messages: [{ role: 'user', content: 'say hello' }] });
    expect(r.object).toBe('chat.completion');
    expect(r.choices[0].message.content?.length).toBeGreaterThan(0);
    const stream = await openai.chat.completions.create({ model: 'mock-1', messages: [{ role: 'user', content: 'say hello' }], stream: true, stream_options: { include_usage: true } });
    let text = '';
    let sawUsage = false;
    for await (const c of stream) {
      text += c.choices[0]?.delta?.content ?? '';
      if (c.usage) sawUsage = true;
    }
    expect(text).toBe(r.choices[0].message.content);
    expect(sawUsage).toBe(true);
  });

  it('openai responses and anthropic messages: non-stream and stream', async () => {
    const resp = await openai.responses.create({ model: 'mock-1', input: 'say hello' });
    expect(resp.output_text.length).toBeGreaterThan(0);
    const rstream = await openai.responses.create({ model: 'mock-1', input: 'say hello', stream: true });
    let done: OpenAI.Responses.Response | undefined;
    for await (const ev of rstream) if (ev.type === 'response.completed') done = ev.response;
    expect(done?.output_text ?? done?.output.length).toBeTruthy();

    const msg = await anthropic.messages.create({ model: 'mock-1', max_tokens: 100, messages: [{ role: 'user', content: 'say hello' }] });
    expect(msg.type).toBe('message');
    expect(msg.content[0].type).toBe('text');
    const final = await anthropic.messages.stream({ model: 'mock-1', max_tokens: 100, messages: [{ role: 'user', content: 'say hello' }] }).finalMessage();
    expect(final.content).toEqual(msg.content);
  });

  it('mock tool call through both SDKs', async () => {
    const r = await openai.chat.completions.create({
      model: 'mock-1',
      messages: [{ role: 'user', content: 'use get_weather for Paris' }],
      tools: [{ type: 'function', function: weatherTool }],
    });
    expect(r.choices[0].finish_reason).toBe('tool_calls');
    expect(r.choices[0].message.tool_calls?.[0]).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
    const m = await anthropic.messages
      .stream({
        model: 'mock-1',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'use get_weather for Paris' }],
        tools: [{ name: weatherTool.name, description: weatherTool.description, input_schema: weatherTool.parameters as Anthropic.Tool.InputSchema }],
      })
      .finalMessage();
    expect(m.stop_reason).toBe('tool_use');
    expect(m.content.find((b) => b.type === 'tool_use')).toMatchObject({ name: 'get_weather' });
  });
});

describe('openai SDK → gateway → Anthropic upstream', () => {
  let gw: Gateway;
  let openai: OpenAI;
  beforeAll(async () => {
    gw = await startGateway({ upstream: 'anthropic', handler: anthropicUpstream, validator: (b) => validateAnthropicRequest(b), validationError: anthropicValidationError });
    openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'sk-any', maxRetries: 0 });
  });
  afterAll(() => gw?.close());

  it('non-stream', async () => {
    const r = await openai.chat.completions.create({ model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hello' }] });
    expect(r.choices[0]).toMatchObject({ finish_reason: 'stop', message: { role: 'assistant', content: 'Hello from Anthropic fake' } });
    expect(r.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 7 });
  });

  it('stream', async () => {
    const stream = await openai.chat.completions.create({ model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hello' }], stream: true });
    let text = '';
    let finish: string | null | undefined;
    for await (const c of stream) {
      text += c.choices[0]?.delta?.content ?? '';
      finish ??= c.choices[0]?.finish_reason;
    }
    expect(text).toBe('Hello from Anthropic fake');
    expect(finish).toBe('stop');
  });

  it('tool call, streamed and not', async () => {
    const params = { model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user' as const, content: 'tool please' }], tools: [{ type: 'function' as const, function: weatherTool }] };
    const r = await openai.chat.completions.create(params);
    expect(r.choices[0].finish_reason).toBe('tool_calls');
    const call = r.choices[0].message.tool_calls?.[0];
    expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse((call as { function: { arguments: string } } | undefined)?.function.arguments ?? 'null')).toEqual({ city: 'Paris' });
    const final = await openai.chat.completions.stream(params).finalChatCompletion();
    expect(final.choices[0].finish_reason).toBe('tool_calls');
    const streamed = final.choices[0].message.tool_calls?.[0] as { function: { arguments: string } } | undefined;
    expect(JSON.parse(streamed?.function.arguments ?? 'null')).toEqual({ city: 'Paris' });
    // The upstream got an Anthropic tool definition.
    const sent = gw.fake.requests.at(-1)?.body as { tools: Array<{ name: string; input_schema: unknown }> };
    expect(sent.tools[0]).toMatchObject({ name: 'get_weather', input_schema: { type: 'object' } });
  });

  it('upstream 429 → RateLimitError with status 429', async () => {
    const err = await openai.chat.completions.create({ model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'ratelimit me' }] }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err.status).toBe(429);
    expect(err.headers?.get('retry-after')).toBe('7');
  });
});

describe('@anthropic-ai/sdk → gateway → OpenAI chat upstream', () => {
  let gw: Gateway;
  let anthropic: Anthropic;
  beforeAll(async () => {
    gw = await startGateway({ upstream: 'openai-compatible', handler: openaiUpstream, validator: (b) => validateOpenAIChatRequest(b), validationError: openaiValidationError });
    anthropic = new Anthropic({ baseURL: gw.url, apiKey: 'sk-ant-any', maxRetries: 0 });
  });
  afterAll(() => gw?.close());

  it('non-stream', async () => {
    const m = await anthropic.messages.create({ model: 'gpt-4.1', max_tokens: 50, messages: [{ role: 'user', content: 'hello' }] });
    expect(m).toMatchObject({ type: 'message', role: 'assistant', stop_reason: 'end_turn', content: [{ type: 'text', text: 'Hello from OpenAI fake' }] });
    expect(m.usage).toMatchObject({ input_tokens: 11, output_tokens: 7 });
  });

  it('stream', async () => {
    const stream = anthropic.messages.stream({ model: 'gpt-4.1', max_tokens: 50, messages: [{ role: 'user', content: 'hello' }] });
    let text = '';
    stream.on('text', (t) => {
      text += t;
    });
    const final = await stream.finalMessage();
    expect(text).toBe('Hello from OpenAI fake');
    expect(final.stop_reason).toBe('end_turn');
  });

  it('tool call, streamed and not', async () => {
    const params = {
      model: 'gpt-4.1',
      max_tokens: 50,
      messages: [{ role: 'user' as const, content: 'tool please' }],
      tools: [{ name: weatherTool.name, description: weatherTool.description, input_schema: weatherTool.parameters as Anthropic.Tool.InputSchema }],
    };
    const m = await anthropic.messages.create(params);
    expect(m.stop_reason).toBe('tool_use');
    expect(m.content.find((b) => b.type === 'tool_use')).toMatchObject({ name: 'get_weather', input: { city: 'Paris' } });
    const final = await anthropic.messages.stream(params).finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    expect(final.content.find((b) => b.type === 'tool_use')).toMatchObject({ name: 'get_weather', input: { city: 'Paris' } });
    const sent = gw.fake.requests.at(-1)?.body as { tools: Array<{ type: string; function: { name: string } }> };
    expect(sent.tools[0]).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
  });

  it('upstream 429 → RateLimitError with status 429', async () => {
    const err = await anthropic.messages.create({ model: 'gpt-4.1', max_tokens: 50, messages: [{ role: 'user', content: 'ratelimit me' }] }).catch((e) => e);
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    expect(err.status).toBe(429);
    expect(err.headers?.get('retry-after')).toBe('7');
    expect(err.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });
});

/**
 * Google's own SDK with `httpOptions.baseUrl` at the gateway (`generateContent`,
 * `generateContentStream` with `?alt=sse`), the key sent as `x-goog-api-key`, Claude and GPT
 * models behind it.
 */
for (const up of [
  { name: 'Anthropic upstream', upstream: 'anthropic' as const, model: 'claude-sonnet-4-5', handler: anthropicUpstream, validator: (b: unknown) => validateAnthropicRequest(b), validationError: anthropicValidationError },
  { name: 'OpenAI chat upstream', upstream: 'openai-compatible' as const, model: 'gpt-4.1', handler: openaiUpstream, validator: (b: unknown) => validateOpenAIChatRequest(b), validationError: openaiValidationError },
]) {
  describe(`@google/genai → gateway → ${up.name}`, () => {
    let gw: Gateway;
    let ai: GoogleGenAI;
    const config = { maxOutputTokens: 50 };
    const tools = [{ functionDeclarations: [{ name: weatherTool.name, description: weatherTool.description, parametersJsonSchema: weatherTool.parameters }] }];
    beforeAll(async () => {
      gw = await startGateway({ upstream: up.upstream, handler: up.handler, validator: up.validator, validationError: up.validationError, clientKey: 'gk-sdk' });
      ai = new GoogleGenAI({ apiKey: 'gk-sdk', httpOptions: { baseUrl: gw.url, retryOptions: { attempts: 1 } } });
    });
    afterAll(() => gw?.close());

    it('generateContent and generateContentStream', async () => {
      const expected = up.upstream === 'anthropic' ? 'Hello from Anthropic fake' : 'Hello from OpenAI fake';
      const r = await ai.models.generateContent({ model: up.model, contents: 'hello', config });
      expect(r.text).toBe(expected);
      expect(r.candidates?.[0]?.finishReason).toBe('STOP');
      expect(r.usageMetadata).toMatchObject({ promptTokenCount: 11, candidatesTokenCount: 7 });
      let text = '';
      let finish: string | undefined;
      for await (const chunk of await ai.models.generateContentStream({ model: up.model, contents: 'hello', config })) {
        text += chunk.text ?? '';
        finish ??= chunk.candidates?.[0]?.finishReason;
      }
      expect(text).toBe(expected);
      expect(finish).toBe('STOP');
    });

    it('tool round trip: a function call (streamed and not), its functionResponse sent back', async () => {
      const ask = { role: 'user', parts: [{ text: 'tool please' }] };
      const r = await ai.models.generateContent({ model: up.model, contents: [ask], config: { ...config, tools } });
      const call = r.functionCalls?.[0] as FunctionCall;
      expect(call).toMatchObject({ name: 'get_weather', args: { city: 'Paris' } });
      const streamed: FunctionCall[] = [];
      for await (const chunk of await ai.models.generateContentStream({ model: up.model, contents: [ask], config: { ...config, tools } }))
        streamed.push(...(chunk.functionCalls ?? []));
      expect(streamed).toEqual([expect.objectContaining({ name: 'get_weather', args: { city: 'Paris' } })]);
      const next = await ai.models.generateContent({
        model: up.model,
        contents: [ask, { role: 'model', parts: [{ functionCall: call }] }, { role: 'user', parts: [{ functionResponse: { id: call.id, name: call.name, response: { result: 'sunny, 21 C' } } }] }],
        config: { ...config, tools },
      });
      expect(next.text).toMatch(/^Hello from/);
      // The upstream got the result paired with its call, in its own dialect.
      const sent = JSON.stringify(gw.fake.requests.at(-1)?.body);
      expect(sent).toContain('sunny, 21 C');
      expect(sent).toContain(up.upstream === 'anthropic' ? '"tool_use_id":"toolu_sdk_1"' : '"tool_call_id":"call_sdk_1"');
    });

    it('upstream 429 → ApiError with status 429', async () => {
      const err = await ai.models.generateContent({ model: up.model, contents: 'ratelimit me', config }).catch((e) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err.status).toBe(429);
      expect(err.message).toContain('RESOURCE_EXHAUSTED');
    });
  });
}
