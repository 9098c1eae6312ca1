/**
 * The AI SDK's own OpenAI provider (`@ai-sdk/openai`, `openai.responses()`) with its defaults,
 * pointed at the real server over HTTP, a fake Anthropic upstream behind it. With `store` on (its
 * default) the SDK sends the text it got in step 1 back as `{"type":"item_reference","id":"msg_…"}`
 * in step 2: the gateway must resolve the ids it minted. Also: an unknown id's 400, `store: false`,
 * and an unknown id forwarded to a Responses upstream (which minted it).
 */
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { type FakeReply, type RecordedRequest, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';
import { anthropicValidationError, validateAnthropicRequest } from '../helpers/validators/anthropic.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const weather = tool({
  description: 'Get the weather for a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, forecast: 'sunny', celsius: 21 }),
});

type Block = { type: string; text?: string; id?: string; name?: string; input?: unknown; tool_use_id?: string };
type Body = { model: string; stream?: boolean; messages: Array<{ role: string; content: string | Block[] }> };
const blocks = (c: string | Block[]): Block[] => (typeof c === 'string' ? [{ type: 'text', text: c }] : c);

/** Like Claude: some text before the tool call; once the result is back, the answer. */
function claude(req: RecordedRequest): FakeReply {
  const body = req.body as Body;
  const done = body.messages.some((m) => blocks(m.content).some((b) => b.type === 'tool_result'));
  const content: Block[] = done
    ? [{ type: 'text', text: 'It is sunny in Paris.' }]
    : [
        { type: 'text', text: 'Let me check the weather.' },
        { type: 'tool_use', id: 'toolu_ref_1', name: 'weather', input: { city: 'Paris' } },
      ];
  const stop = done ? 'end_turn' : 'tool_use';
  const usage = { input_tokens: 40, output_tokens: 9, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
  if (!body.stream) return { json: { id: 'msg_up', type: 'message', role: 'assistant', model: body.model, content, stop_reason: stop, stop_sequence: null, usage } };
  const events: Array<{ event: string; data: unknown }> = [
    { event: 'message_start', data: { type: 'message_start', message: { id: 'msg_up', type: 'message', role: 'assistant', model: body.model, content: [], stop_reason: null, stop_sequence: null, usage } } },
  ];
  content.forEach((b, index) => {
    const start = b.type === 'text' ? { type: 'text', text: '' } : { ...b, input: {} };
    const delta = b.type === 'text' ? { type: 'text_delta', text: b.text } : { type: 'input_json_delta', partial_json: JSON.stringify(b.input) };
    events.push(
      { event: 'content_block_start', data: { type: 'content_block_start', index, content_block: start } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index, delta } },
      { event: 'content_block_stop', data: { type: 'content_block_stop', index } },
    );
  });
  events.push(
    { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 9 } } },
    { event: 'message_stop', data: { type: 'message_stop' } },
  );
  return { chunks: sseFrames(events) };
}

async function gateway(options: { upstream?: 'anthropic' | 'openai'; handler?: (req: RecordedRequest) => FakeReply } = {}) {
  const anthropic = (options.upstream ?? 'anthropic') === 'anthropic';
  const fake = await startFakeUpstream({
    handler: options.handler ?? claude,
    ...(anthropic ? { validator: (b: unknown) => validateAnthropicRequest(b), validationError: anthropicValidationError } : {}),
  });
  const tk = new Tokligence({
    env: {},
    configFile: false,
    retry: { attempts: 0 },
    providers: { up: anthropic ? { type: 'anthropic', baseUrl: fake.url, apiKey: 'k' } : { type: 'openai', baseUrl: `${fake.url}/v1`, apiKey: 'k' } },
    // The default profile maps claude-* / gpt-* to the real providers; these override it.
    models: { 'claude-*': 'up/*', 'gpt-*': 'up/*', '*': 'up/*' },
  } as never);
  const server = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
  closers.push(() => server.close(0), () => fake.close());
  return { url: server.url, fake };
}

/** The assistant turn the upstream got in step 2: the text of step 1 (resolved from its reference) and the tool call. */
function expectResolvedSecondStep(fake: { requests: RecordedRequest[] }) {
  expect(fake.requests).toHaveLength(2);
  const second = fake.requests[1]?.body as Body;
  const assistant = second.messages.find((m) => m.role === 'assistant');
  expect(blocks(assistant?.content ?? [])).toEqual([
    { type: 'text', text: 'Let me check the weather.' },
    { type: 'tool_use', id: 'toolu_ref_1', name: 'weather', input: { city: 'Paris' } },
  ]);
}

describe("@ai-sdk/openai's responses() with its defaults (store on) → gateway → Anthropic", () => {
  it('generateText, multi-step with a tool: the item_reference to step 1 text resolves', async () => {
    const { url, fake } = await gateway();
    const openai = createOpenAI({ baseURL: `${url}/v1`, apiKey: 'sk-any' });
    const r = await generateText({ model: openai.responses('claude-sonnet-4-5'), tools: { weather }, stopWhen: stepCountIs(3), maxRetries: 0, prompt: 'Weather in Paris?' });
    expect(r.text).toBe('It is sunny in Paris.');
    expect(r.steps).toHaveLength(2);
    // What the SDK sent in step 2: the text as a reference to the id we minted.
    const refs = (JSON.stringify(r.steps[1]?.request.body).match(/"item_reference","id":"msg_[^"]+"/g) ?? []).length;
    expect(refs).toBe(1);
    expectResolvedSecondStep(fake);
  });

  it('streamText, multi-step with a tool', async () => {
    const { url, fake } = await gateway();
    const openai = createOpenAI({ baseURL: `${url}/v1`, apiKey: 'sk-any' });
    const r = streamText({ model: openai.responses('claude-sonnet-4-5'), tools: { weather }, stopWhen: stepCountIs(3), maxRetries: 0, prompt: 'Weather in Paris?' });
    expect(await r.text).toBe('It is sunny in Paris.');
    const steps = await r.steps;
    expect(steps).toHaveLength(2);
    expect(steps[0]?.text).toBe('Let me check the weather.');
    expect(JSON.stringify(steps[1]?.request.body)).toMatch(/"item_reference","id":"msg_/);
    expectResolvedSecondStep(fake);
  });

  it('with store: false the SDK sends the items themselves, and the gateway keeps nothing', async () => {
    const { url, fake } = await gateway();
    const openai = createOpenAI({ baseURL: `${url}/v1`, apiKey: 'sk-any' });
    const r = await generateText({
      model: openai.responses('claude-sonnet-4-5'),
      tools: { weather },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
      prompt: 'Weather in Paris?',
      providerOptions: { openai: { store: false } },
    });
    expect(r.text).toBe('It is sunny in Paris.');
    expect(JSON.stringify(r.steps[1]?.request.body)).not.toContain('item_reference');
    expectResolvedSecondStep(fake);
    // The step-1 message id is unknown to the gateway: store: false kept nothing.
    const stepOneId = (r.steps[0]?.response.body as { output: Array<{ type: string; id: string }> } | undefined)?.output.find((i) => i.type === 'message')?.id;
    const res = await fetch(`${url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-any' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', input: [{ role: 'user', content: 'hi' }, { type: 'item_reference', id: stepOneId }] }),
    });
    expect(res.status).toBe(400);
  });
});

describe('item_reference the gateway does not know', () => {
  it('is a 400 naming input.N.id and saying what to send instead (translated upstream)', async () => {
    const { url, fake } = await gateway();
    const res = await fetch(`${url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', input: [{ role: 'user', content: 'hi' }, { type: 'item_reference', id: 'msg_never_minted' }] }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { type: string; param: string; message: string } };
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param: 'input.1.id' });
    expect(body.error.message).toContain("'msg_never_minted'");
    expect(body.error.message).toMatch(/store: false/);
    expect(fake.requests).toHaveLength(0);
  });

  it('goes on unchanged to a Responses upstream, which minted it', async () => {
    const answer = {
      id: 'resp_up',
      object: 'response',
      created_at: 1,
      status: 'completed',
      model: 'gpt-5',
      output: [{ type: 'message', id: 'msg_up_2', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'ok', annotations: [] }] }],
      usage: { input_tokens: 3, output_tokens: 1, total_tokens: 4 },
    };
    const { url, fake } = await gateway({ upstream: 'openai', handler: () => ({ json: answer }) });
    const input = [{ role: 'user', content: 'hi' }, { type: 'item_reference', id: 'msg_up_1' }];
    const res = await fetch(`${url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-5', input }) });
    expect(res.status).toBe(200);
    expect((fake.requests[0]?.body as { input: unknown } | undefined)?.input).toEqual(input);
  });
});
