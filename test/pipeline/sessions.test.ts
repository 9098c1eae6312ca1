/** Gateway-kept Responses sessions (`store` / `previous_response_id`) against non-Responses upstreams, over HTTP. */
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { trimConversation } from '../../src/pipeline/sessions.js';
import { createServer } from '../../src/server/index.js';
import { anthropicReply } from '../helpers/anthropic-upstream.js';
import { type FakeUpstream, type RecordedRequest, startFakeUpstream } from '../helpers/fake-upstream.js';
import { anthropicValidationError, validateAnthropicRequest } from '../helpers/validators/anthropic.js';
import { responsesValidationError, validateResponsesRequest } from '../helpers/validators/responses.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

type AnthropicBody = { system?: unknown; messages: Array<{ role: string; content: unknown }> };

/** Echo how many user turns the upstream saw, so each answer differs. */
const echo = (req: RecordedRequest) => `Seen ${(req.body as AnthropicBody).messages.filter((m) => m.role === 'user').length} user turns.`;

async function anthropicUpstream(handler = anthropicReply(echo)) {
  const fake = await startFakeUpstream({ validator: (b) => validateAnthropicRequest(b), validationError: anthropicValidationError, handler });
  cleanup.push(() => fake.close());
  return fake;
}

async function gateway(fake: FakeUpstream, providers?: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const tk = new Tokligence({
    env: {},
    configFile: false,
    providers: providers ?? { up: { type: 'anthropic', baseUrl: fake.url, apiKey: 'sk-ant' } },
    agent: { enableSessionPersistence: true, maxConversationLength: 50 },
    ...extra,
  } as never);
  cleanup.push(() => tk.close());
  const server = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
  cleanup.push(() => server.close(0));
  return { tk, url: server.url, openai: new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'x', maxRetries: 0 }) };
}

const text = (content: unknown) => (typeof content === 'string' ? content : (content as Array<{ text?: string }>).map((b) => b.text ?? `[${(b as { type: string }).type}]`).join(''));

describe('sessions: previous_response_id against an Anthropic upstream', () => {
  it('the second turn sends only previous_response_id + new input; the upstream receives the whole history', async () => {
    const fake = await anthropicUpstream();
    const { openai } = await gateway(fake);
    const first = await openai.responses.create({ model: 'up/claude-test', instructions: 'You are terse.', input: 'My name is Ada.' });
    expect(first.id).toMatch(/^resp_/);
    expect(first.output_text).toBe('Seen 1 user turns.');
    const second = await openai.responses.create({ model: 'up/claude-test', previous_response_id: first.id, input: 'What is my name?' });
    expect(second.output_text).toBe('Seen 2 user turns.');
    expect(second.id).not.toBe(first.id);
    const sent = fake.requests[1]?.body as AnthropicBody;
    expect(sent.messages.map((m) => [m.role, text(m.content)])).toEqual([
      ['user', 'My name is Ada.'],
      ['assistant', 'Seen 1 user turns.'],
      ['user', 'What is my name?'],
    ]);
    expect(JSON.stringify(sent.system)).toContain('You are terse.');
    expect(JSON.stringify(sent)).not.toContain('previous_response_id');
  });

  it('a streamed turn is stored under the id the caller received in the stream', async () => {
    const fake = await anthropicUpstream();
    const { openai } = await gateway(fake);
    const first = await openai.responses.create({ model: 'up/claude-test', input: 'one' });
    const streamed = await openai.responses.stream({ model: 'up/claude-test', previous_response_id: first.id, input: 'two' }).finalResponse();
    expect(streamed.id).toMatch(/^resp_/);
    expect(streamed.output_text).toBe('Seen 2 user turns.');
    const third = await openai.responses.create({ model: 'up/claude-test', previous_response_id: streamed.id, input: 'three' });
    expect(third.output_text).toBe('Seen 3 user turns.');
    const sent = fake.requests[2]?.body as AnthropicBody;
    expect(sent.messages.map((m) => text(m.content))).toEqual(['one', 'Seen 1 user turns.', 'two', 'Seen 2 user turns.', 'three']);
  });

  it('a tool call in one turn and its output in the next pair up at the upstream', async () => {
    const fake = await anthropicUpstream();
    fake.replies.push(anthropicReply({ tool: 'weather', input: { city: 'Paris' }, id: 'toolu_01' })({ body: { stream: false } } as RecordedRequest));
    const { openai } = await gateway(fake);
    const tools = [{ type: 'function' as const, name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false }];
    const first = await openai.responses.create({ model: 'up/claude-test', tools, input: 'Weather in Paris?' });
    const callItem = first.output.find((o) => o.type === 'function_call');
    expect(callItem).toBeDefined();
    const callId = (callItem as { call_id: string }).call_id;
    const second = await openai.responses.create({
      model: 'up/claude-test',
      tools,
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: callId, output: '{"celsius":21}' }],
    });
    expect(second.status).toBe('completed');
    const sent = fake.requests[1]?.body as { messages: Array<{ role: string; content: Array<{ type: string; id?: string; tool_use_id?: string }> }> };
    expect(sent.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(sent.messages[1]?.content[0]).toMatchObject({ type: 'tool_use', name: 'weather' });
    expect(sent.messages[2]?.content[0]).toMatchObject({ type: 'tool_result', tool_use_id: sent.messages[1]?.content[0]?.id });
  });

  it('an unknown previous_response_id is a 404 not_found naming the field; the upstream is not called', async () => {
    const fake = await anthropicUpstream();
    const { url } = await gateway(fake);
    const res = await fetch(`${url}/v1/responses`, { method: 'POST', body: JSON.stringify({ model: 'up/claude-test', previous_response_id: 'resp_nope', input: 'hi' }) });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; param: string; message: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.param).toBe('previous_response_id');
    expect(body.error.message).toContain('resp_nope');
    expect(fake.requests).toHaveLength(0);
  });

  it('store: false keeps nothing, so a later reference to it is unknown', async () => {
    const fake = await anthropicUpstream();
    const { openai } = await gateway(fake);
    const first = await openai.responses.create({ model: 'up/claude-test', input: 'secret', store: false });
    await expect(openai.responses.create({ model: 'up/claude-test', previous_response_id: first.id, input: 'again' })).rejects.toMatchObject({ status: 404 });
  });

  it('with sessions off (the default) the gateway keeps no history', async () => {
    const fake = await anthropicUpstream();
    const tk = new Tokligence({ env: {}, configFile: false, providers: { up: { type: 'anthropic', baseUrl: fake.url, apiKey: 'k' } } } as never);
    expect(tk.config.agent.enable_session_persistence).toBe(false);
    const first = (await tk.responses.create({ model: 'up/claude-test', input: 'x' } as never)) as { id: string };
    await tk.responses.create({ model: 'up/claude-test', previous_response_id: first.id, input: 'y' } as never);
    expect((fake.requests[1]?.body as AnthropicBody | undefined)?.messages).toHaveLength(1);
  });

  it('is on in the agent profile', () => {
    expect(new Tokligence({ profile: 'agent', env: {}, configFile: false } as never).config.agent.enable_session_persistence).toBe(true);
  });
});

describe('sessions: an OpenAI Responses upstream keeps its own state', () => {
  it('an id the gateway does not know goes to a Responses upstream unchanged (pass-through), and its answer is not stored here', async () => {
    const responseJson = (id: string) => ({
      id,
      object: 'response',
      created_at: 1,
      status: 'completed',
      model: 'gpt-test',
      output: [{ type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'upstream-kept', annotations: [] }] }],
      usage: { input_tokens: 5, output_tokens: 2, total_tokens: 7, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
    });
    const fake = await startFakeUpstream({ validator: validateResponsesRequest, validationError: responsesValidationError });
    cleanup.push(() => fake.close());
    fake.replies.push({ json: responseJson('resp_upstream_1') }, { json: responseJson('resp_upstream_2') });
    const { openai, tk } = await gateway(fake, { openai: { type: 'openai', baseUrl: `${fake.url}/v1`, apiKey: 'sk' } });
    const first = await openai.responses.create({ model: 'openai/gpt-test', input: 'hi' });
    expect(first.id).toBe('resp_upstream_1');
    const second = await openai.responses.create({ model: 'openai/gpt-test', previous_response_id: first.id, input: 'more' });
    expect(second.id).toBe('resp_upstream_2');
    expect(fake.requests[1]?.body).toMatchObject({ previous_response_id: 'resp_upstream_1', input: 'more' });
    void tk;
  });
});

describe('trimConversation (max_conversation_length)', () => {
  const u = (t: string) => ({ role: 'user' as const, content: [{ type: 'text' as const, text: t }] });
  const a = (t: string) => ({ role: 'assistant' as const, content: [{ type: 'text' as const, text: t }] });
  const tr = { role: 'user' as const, content: [{ type: 'tool_result' as const, toolCallId: 'c', content: [] }] };
  it('keeps the newest messages and starts at a human message', () => {
    const msgs = [u('1'), a('1'), u('2'), a('2'), tr, a('3'), u('4'), a('4')];
    expect(trimConversation(msgs, 10)).toBe(msgs);
    expect(trimConversation(msgs, 4)).toEqual([tr, a('3'), u('4'), a('4')].slice(2));
    expect(trimConversation(msgs, 5)).toEqual([u('4'), a('4')]);
    expect(trimConversation(msgs, 6)).toEqual([u('2'), a('2'), tr, a('3'), u('4'), a('4')]);
  });
});
