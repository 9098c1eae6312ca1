/**
 * The AI SDK provider through `ai@6` itself: generateText / streamText (multi-step with tools),
 * generateObject and Output.object, reasoning, usage, finish reasons, errors, against the mock and
 * against fake upstreams over HTTP.
 */
import { APICallError } from '@ai-sdk/provider';
import { createProviderRegistry, generateObject, generateText, Output, stepCountIs, streamText, tool } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MockProvider, Tokligence } from '../../src/index.js';
import { createTokligence } from '../../src/integrations/ai-sdk/index.js';
import { createServer } from '../../src/server/index.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { openaiValidationError, validateOpenAIChatRequest } from '../helpers/validators/openai-chat.js';
import { textReply, toolLoopReply } from './openai-wire.js';

const fakes: FakeUpstream[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
  for (const c of closers.splice(0)) await c();
});

const offline = (drivers?: MockProvider[]) => new Tokligence({ env: {}, ...(drivers ? { drivers } : {}) });

const weather = tool({
  description: 'Get the weather for a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, forecast: 'sunny', celsius: 21 }),
});

describe('createTokligence provider', () => {
  it('is callable and has languageModel(); models are LanguageModelV3', () => {
    const tokligence = createTokligence(offline());
    const m = tokligence('mock-1');
    expect(m.specificationVersion).toBe('v3');
    expect(m.provider).toBe('tokligence');
    expect(m.modelId).toBe('mock-1');
    expect(tokligence.languageModel('x').modelId).toBe('x');
    expect(tokligence.specificationVersion).toBe('v3');
    expect(m.supportedUrls['image/*']?.[0]?.test('https://example.com/a.png')).toBe(true);
    expect(() => tokligence.embeddingModel('e')).toThrow(/No such embeddingModel/);
  });

  it('works in createProviderRegistry as "tokligence:<model>"', async () => {
    const registry = createProviderRegistry({ tokligence: createTokligence(offline()) });
    const { text } = await generateText({ model: registry.languageModel('tokligence:mock-1'), prompt: 'hi' });
    expect(text).toBe('Mock answer to: hi');
  });
});

describe('generateText', () => {
  it('text, finishReason stop, usage', async () => {
    const r = await generateText({ model: createTokligence(offline())('mock-1'), system: 'Be brief.', prompt: 'Say hello' });
    expect(r.text).toBe('Mock answer to: Say hello');
    expect(r.finishReason).toBe('stop');
    expect(r.usage.inputTokens).toBeGreaterThan(0);
    expect(r.usage.totalTokens).toBe((r.usage.inputTokens ?? 0) + (r.usage.outputTokens ?? 0));
    expect(r.response.modelId).toBe('mock-1');
  });

  it('multi-step with a tool (stopWhen: stepCountIs(3)) on the mock', async () => {
    const r = await generateText({ model: createTokligence(offline())('mock-1'), tools: { weather }, stopWhen: stepCountIs(3), prompt: 'Use weather for Paris' });
    expect(r.steps).toHaveLength(2);
    expect(r.steps[0]?.finishReason).toBe('tool-calls');
    expect(r.steps[0]?.toolCalls[0]).toMatchObject({ toolName: 'weather', input: { city: 'mock' } });
    expect(r.text).toContain('weather returned: {"city":"mock","forecast":"sunny","celsius":21}');
    expect(r.totalUsage.inputTokens).toBeGreaterThan(r.steps[0]?.usage.inputTokens ?? 0);
  });

  it('reasoning parts come back as reasoningText', async () => {
    const mock = new MockProvider({ script: [{ match: 'think', reasoning: 'Let me think step by step.', text: 'Done.' }] });
    const r = await generateText({ model: createTokligence(offline([mock]))('mock-1'), prompt: 'think about it' });
    expect(r.reasoningText).toBe('Let me think step by step.');
    expect(r.text).toBe('Done.');
  });

  it('against a fake OpenAI upstream: tool loop over HTTP, cached tokens in usage', async () => {
    const fake = await startFakeUpstream({ validator: validateOpenAIChatRequest, validationError: openaiValidationError, handler: (r) => toolLoopReply(r) });
    fakes.push(fake);
    const tk = new Tokligence({ env: {}, providers: { openai: { type: 'openai', baseUrl: fake.url, apiKey: 'sk' } } });
    const r = await generateText({ model: createTokligence(tk)('openai/gpt-4o'), tools: { weather }, stopWhen: stepCountIs(3), prompt: 'Weather in Paris?' });
    expect(r.steps).toHaveLength(2);
    expect(r.text).toBe('The tool said: {"city":"Paris","forecast":"sunny","celsius":21}');
    const sent = fake.requests[0]?.body as { tools: Array<{ function: { name: string; parameters: Record<string, unknown> } }> };
    expect(sent.tools[0]?.function.name).toBe('weather');
    expect(sent.tools[0]?.function.parameters.$schema).toBeUndefined();
    expect(r.steps[0]?.usage.inputTokenDetails.cacheReadTokens).toBe(5);
    expect(r.steps[0]?.usage.inputTokens).toBe(20);
  });
});

describe('streamText', () => {
  it('multi-step with tools: tool-input-* then tool-call, tool-result, text, finish (mock)', async () => {
    const tk = new Tokligence({ env: {}, drivers: [new MockProvider({ chunkSize: 5 })] });
    const result = streamText({ model: createTokligence(tk)('mock-1'), tools: { weather }, stopWhen: stepCountIs(3), prompt: 'Use weather for Paris' });
    const types: string[] = [];
    for await (const part of result.fullStream) types.push(part.type);
    const dedup = types.filter((t, i) => t !== types[i - 1]);
    expect(dedup).toEqual([
      'start',
      'start-step',
      'text-start',
      'text-delta',
      'text-end',
      'tool-input-start',
      'tool-input-delta',
      'tool-input-end',
      'tool-call',
      'tool-result',
      'finish-step',
      'start-step',
      'text-start',
      'text-delta',
      'text-end',
      'finish-step',
      'finish',
    ]);
    expect(await result.text).toContain('weather returned');
    expect((await result.steps).length).toBe(2);
    expect(await result.finishReason).toBe('stop');
    expect((await result.totalUsage).outputTokens).toBeGreaterThan(0);
  });

  it('multi-step against a fake OpenAI upstream speaking SSE', async () => {
    const fake = await startFakeUpstream({ validator: validateOpenAIChatRequest, validationError: openaiValidationError, handler: (r) => toolLoopReply(r) });
    fakes.push(fake);
    const tk = new Tokligence({ env: {}, providers: { openai: { type: 'openai', baseUrl: fake.url, apiKey: 'sk' } } });
    const result = streamText({ model: createTokligence(tk)('openai/gpt-4o'), tools: { weather }, stopWhen: stepCountIs(3), prompt: 'Weather in Paris?' });
    const deltas: string[] = [];
    for await (const part of result.fullStream) if (part.type === 'tool-input-delta') deltas.push(part.delta);
    expect(deltas.join('')).toBe('{"city":"Paris"}');
    expect(await result.text).toBe('The tool said: {"city":"Paris","forecast":"sunny","celsius":21}');
    expect(fake.requests.every((r) => (r.body as { stream: boolean }).stream === true)).toBe(true);
    const second = fake.requests[1]?.body as { messages: Array<{ role: string; tool_call_id?: string }> };
    expect(second.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(second.messages[2]?.tool_call_id).toBe('call_up1');
    expect((await result.usage).inputTokens).toBe(20);
  });

  it('streams reasoning deltas', async () => {
    const mock = new MockProvider({ script: [{ match: 'think', reasoning: 'Hmm, considering the options.', text: 'Done.' }] });
    const result = streamText({ model: createTokligence(offline([mock]))('mock-1'), prompt: 'think' });
    let reasoning = '';
    for await (const part of result.fullStream) if (part.type === 'reasoning-delta') reasoning += part.text;
    expect(reasoning).toBe('Hmm, considering the options.');
  });

  it('through the thin server (baseURL), streaming', async () => {
    const server = await createServer(offline()).listen(0, '127.0.0.1');
    closers.push(() => server.close());
    const tokligence = createTokligence({ baseURL: `${server.url}/v1` });
    const result = streamText({ model: tokligence('mock-1'), tools: { weather }, stopWhen: stepCountIs(3), prompt: 'Use weather for Oslo' });
    expect(await result.text).toContain('weather returned');
    expect((await result.steps).length).toBe(2);
  });
});

describe('structured output', () => {
  const person = z.object({ name: z.string(), born: z.number() });

  it('generateObject on the mock (scripted JSON)', async () => {
    const mock = new MockProvider({ script: [{ match: 'ada', text: '{"name":"Ada Lovelace","born":1815}' }] });
    const { object } = await generateObject({ model: createTokligence(offline([mock]))('mock-1'), schema: person, prompt: 'Who was Ada?' });
    expect(object).toEqual({ name: 'Ada Lovelace', born: 1815 });
  });

  it('generateObject against a fake upstream: response_format json_schema reaches it', async () => {
    const fake = await startFakeUpstream({
      validator: validateOpenAIChatRequest,
      validationError: openaiValidationError,
      handler: (r) => textReply(r.body as never, '{"name":"Grace Hopper","born":1906}'),
    });
    fakes.push(fake);
    const tk = new Tokligence({ env: {}, providers: { openai: { type: 'openai', baseUrl: fake.url, apiKey: 'sk' } } });
    const { object } = await generateObject({ model: createTokligence(tk)('openai/gpt-4o'), schema: person, schemaName: 'person', prompt: 'Who was Grace?' });
    expect(object).toEqual({ name: 'Grace Hopper', born: 1906 });
    const rf = (fake.requests[0]!.body as { response_format: { type: string; json_schema: { name: string; schema: Record<string, unknown> } } }).response_format;
    expect(rf.type).toBe('json_schema');
    expect(rf.json_schema.name).toBe('person');
    expect(rf.json_schema.schema.properties).toMatchObject({ name: { type: 'string' }, born: { type: 'number' } });
  });

  it('generateText with Output.object', async () => {
    const mock = new MockProvider({ script: [{ match: 'ada', text: '{"name":"Ada","born":1815}' }] });
    const r = await generateText({ model: createTokligence(offline([mock]))('mock-1'), output: Output.object({ schema: person }), prompt: 'ada' });
    expect(r.output).toEqual({ name: 'Ada', born: 1815 });
  });
});

describe('errors', () => {
  it('an upstream 400 becomes an APICallError (not retryable) from generateText', async () => {
    const fake = await startFakeUpstream({ handler: () => ({ status: 400, json: { error: { message: 'Invalid value for temperature', type: 'invalid_request_error', param: 'temperature' } } }) });
    fakes.push(fake);
    const tk = new Tokligence({ env: {}, providers: { openai: { type: 'openai', baseUrl: fake.url, apiKey: 'sk' } } });
    const err = await generateText({ model: createTokligence(tk)('openai/gpt-4o'), prompt: 'hi' }).catch((e: unknown) => e);
    expect(APICallError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ statusCode: 400, isRetryable: false, message: expect.stringContaining('temperature') });
  });

  it('a 429 is a retryable APICallError; streamText reports it through onError and the error part', async () => {
    const fake = await startFakeUpstream({ handler: () => ({ status: 429, json: { error: { message: 'Rate limit reached', type: 'rate_limit_exceeded' } } }) });
    fakes.push(fake);
    const result = streamText({ model: createTokligence({ baseURL: fake.url })('gpt-4o'), prompt: 'hi', maxRetries: 0, onError: ({ error }) => {
        errors.push(error);
      },
    });
    const errors: unknown[] = [];
    const parts: Array<{ type: string; error?: unknown }> = [];
    for await (const part of result.fullStream) parts.push(part);
    const errorPart = parts.find((p) => p.type === 'error');
    expect(APICallError.isInstance(errorPart?.error)).toBe(true);
    expect(errorPart?.error).toMatchObject({ statusCode: 429, isRetryable: true });
    expect(errors).toHaveLength(1);
  });

  it('a mid-stream failure becomes an error part', async () => {
    const fake = await startFakeUpstream({
      handler: () => ({
        chunks: [
          `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'Hel' }, finish_reason: null }] })}\n\n`,
          `data: ${JSON.stringify({ error: { message: 'upstream exploded', type: 'server_error' } })}\n\n`,
        ],
      }),
    });
    fakes.push(fake);
    const result = streamText({ model: createTokligence({ baseURL: fake.url })('m'), prompt: 'hi', onError: () => {} });
    const parts: Array<{ type: string; error?: unknown; text?: string }> = [];
    for await (const part of result.fullStream) parts.push(part);
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => p.text).join('')).toBe('Hel');
    expect(parts.some((p) => p.type === 'error')).toBe(true);
  });

  it('an abort signal stops the call', async () => {
    const fake = await startFakeUpstream({ handler: (r) => ({ ...textReply(r.body as never, 'late'), delayMs: 2000 }) });
    fakes.push(fake);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(generateText({ model: createTokligence({ baseURL: fake.url })('m'), prompt: 'hi', abortSignal: controller.signal, maxRetries: 0 })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
