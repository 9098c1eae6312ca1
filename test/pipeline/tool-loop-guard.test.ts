/** Tool-loop guard: unit checks of the scan, then HTTP through the server to fake upstreams. */
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/types.js';
import { Tokligence } from '../../src/index.js';
import { scanToolLoop } from '../../src/pipeline/tool-loop-guard.js';
import { createServer } from '../../src/server/index.js';
import { anthropicReply } from '../helpers/anthropic-upstream.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { anthropicValidationError, validateAnthropicRequest } from '../helpers/validators/anthropic.js';
import { openaiValidationError, validateOpenAIChatRequest } from '../helpers/validators/openai-chat.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const call = (id: string, name: string, args: Record<string, unknown>): Message => ({ role: 'assistant', content: [{ type: 'tool_call', id, name, arguments: args }] });
const result = (id: string): Message => ({ role: 'user', content: [{ type: 'tool_result', toolCallId: id, content: [{ type: 'text', text: 'same output' }] }] });
const human = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });

describe('scanToolLoop', () => {
  it('counts identical consecutive calls at the tail, arguments compared key-sorted', () => {
    const messages = [human('go'), call('1', 'read', { path: 'a', lines: 10 }), result('1'), call('2', 'read', { lines: 10, path: 'a' }), result('2'), call('3', 'read', { path: 'a', lines: 10 }), result('3')];
    expect(scanToolLoop(messages)).toEqual({ repeated: { name: 'read', count: 3 }, toolTurns: 3 });
  });

  it('a different call, a plain assistant answer or a human message ends the run', () => {
    expect(scanToolLoop([human('go'), call('1', 'read', { p: 1 }), result('1'), call('2', 'read', { p: 2 }), result('2'), call('3', 'read', { p: 2 }), result('3')]).repeated).toEqual({ name: 'read', count: 2 });
    expect(scanToolLoop([call('1', 'x', {}), result('1'), { role: 'assistant', content: [{ type: 'text', text: 'hm' }] }, human('again'), call('2', 'x', {}), result('2')])).toEqual({ repeated: { name: 'x', count: 1 }, toolTurns: 1 });
    expect(scanToolLoop([call('1', 'x', {}), result('1'), { role: 'assistant', content: [{ type: 'text', text: 'done?' }] }, result('9'), call('2', 'x', {}), result('2')]).repeated?.count).toBe(1);
  });

  it('parallel calls in one turn count in order; a conversation without tool calls has no run', () => {
    const parallel: Message = { role: 'assistant', content: [{ type: 'tool_call', id: 'a', name: 'ls', arguments: {} }, { type: 'tool_call', id: 'b', name: 'ls', arguments: {} }] };
    expect(scanToolLoop([human('go'), parallel, result('a')]).repeated).toEqual({ name: 'ls', count: 2 });
    expect(scanToolLoop([human('hi')])).toEqual({ toolTurns: 0 });
  });
});

// ── HTTP ─────────────────────────────────────────────────────────────────────────────────────────

const guard = { enabled: true, duplicateDetection: true, warnAfter: 3, blockAfter: 5, maxIterations: 8 };

async function serveWith(fake: FakeUpstream, type: 'anthropic' | 'openai-compatible', toolCalling: Record<string, unknown> = guard) {
  const tk = new Tokligence({
    env: {},
    configFile: false,
    providers: { up: type === 'anthropic' ? { type, baseUrl: fake.url, apiKey: 'sk-ant' } : { type, baseUrl: `${fake.url}/v1` } },
    toolCalling,
  } as never);
  const server = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
  cleanup.push(() => server.close(0));
  return server.url;
}

/** An Anthropic conversation where the model called `bash {cmd}` n times; args per turn from `cmd(i)`. */
function anthropicLoop(n: number, cmd: (i: number) => string = () => 'npm test') {
  const messages: unknown[] = [{ role: 'user', content: 'Fix the failing test.' }];
  for (let i = 0; i < n; i++) {
    messages.push({ role: 'assistant', content: [{ type: 'tool_use', id: `toolu_${i}`, name: 'bash', input: { cmd: cmd(i), timeout: 60 } }] });
    messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: `toolu_${i}`, content: '1 failing' }] });
  }
  return { model: 'up/claude-test', max_tokens: 100, tools: [{ name: 'bash', input_schema: { type: 'object', properties: { cmd: { type: 'string' } } } }], messages };
}

function chatLoop(n: number) {
  const messages: unknown[] = [{ role: 'user', content: 'Fix the failing test.' }];
  for (let i = 0; i < n; i++) {
    messages.push({ role: 'assistant', content: null, tool_calls: [{ id: `call_${i}`, type: 'function', function: { name: 'bash', arguments: i % 2 ? '{"timeout":60,"cmd":"npm test"}' : '{"cmd":"npm test","timeout":60}' } }] });
    messages.push({ role: 'tool', tool_call_id: `call_${i}`, content: '1 failing' });
  }
  return { model: 'up/gpt', tools: [{ type: 'function', function: { name: 'bash', parameters: { type: 'object', properties: {} } } }], messages };
}

function responsesLoop(n: number) {
  const input: unknown[] = [{ role: 'user', content: 'Fix the failing test.' }];
  for (let i = 0; i < n; i++) {
    input.push({ type: 'function_call', call_id: `call_${i}`, name: 'bash', arguments: '{"cmd":"npm test"}' });
    input.push({ type: 'function_call_output', call_id: `call_${i}`, output: '1 failing' });
  }
  return { model: 'up/gpt', tools: [{ type: 'function', name: 'bash', parameters: { type: 'object', properties: {} } }], input };
}

const post = (url: string, path: string, body: unknown) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body: JSON.stringify(body) });

describe('tool-loop guard over HTTP', () => {
  it('below warn_after nothing changes: the request still passes through byte for byte', async () => {
    const fake = await startFakeUpstream({ validator: (b) => validateAnthropicRequest(b), validationError: anthropicValidationError, handler: anthropicReply('ok') });
    cleanup.push(() => fake.close());
    const url = await serveWith(fake, 'anthropic');
    const body = anthropicLoop(2);
    expect((await post(url, '/v1/messages', body)).status).toBe(200);
    expect(fake.requests[0]?.body).toEqual({ ...body, model: 'claude-test' });
  });

  it('at warn_after the upstream sees a note naming the tool and the count (Anthropic caller → Anthropic upstream)', async () => {
    const fake = await startFakeUpstream({ validator: (b) => validateAnthropicRequest(b), validationError: anthropicValidationError, handler: anthropicReply('Trying something else.') });
    cleanup.push(() => fake.close());
    const url = await serveWith(fake, 'anthropic');
    const res = await post(url, '/v1/messages', anthropicLoop(3));
    expect(res.status).toBe(200);
    const sent = fake.requests[0]?.body as { messages: Array<{ role: string; content: Array<{ type: string; text?: string }> }>; system?: unknown };
    const last = sent.messages[sent.messages.length - 1];
    expect(last?.role).toBe('user');
    expect(last?.content[0]?.type).toBe('tool_result');
    const note = last?.content.find((b) => b.type === 'text')?.text ?? '';
    expect(note).toContain('"bash" 3 times in a row');
    expect(sent.system).toBeUndefined();
  });

  it('at warn_after an OpenAI chat caller’s upstream sees the note too (key order of the arguments does not matter)', async () => {
    const fake = await startFakeUpstream({ validator: validateOpenAIChatRequest, validationError: openaiValidationError, handler: chatCompletionReply('ok') });
    cleanup.push(() => fake.close());
    const url = await serveWith(fake, 'openai-compatible');
    expect((await post(url, '/v1/chat/completions', chatLoop(4))).status).toBe(200);
    const sent = JSON.stringify(fake.requests[0]?.body);
    expect(sent).toContain('\\"bash\\" 4 times in a row');
  });

  it.each([
    ['openai-chat', '/v1/chat/completions', chatLoop(5), 'messages'],
    ['responses', '/v1/responses', responsesLoop(5), 'input'],
  ] as const)('at block_after a %s caller gets a 400 invalid_request naming the tool, and the upstream is not called', async (_d, path, body, param) => {
    const fake = await startFakeUpstream({ handler: chatCompletionReply('never') });
    cleanup.push(() => fake.close());
    const url = await serveWith(fake, 'openai-compatible');
    const res = await post(url, path, body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { type: string; param: string; message: string } };
    expect(json.error.type).toBe('invalid_request_error');
    expect(json.error.param).toBe(param);
    expect(json.error.message).toContain('"bash" was called 5 times in a row');
    expect(fake.requests).toHaveLength(0);
  });

  it('at block_after an Anthropic caller gets its own error shape', async () => {
    const fake = await startFakeUpstream({ handler: anthropicReply('never') });
    cleanup.push(() => fake.close());
    const url = await serveWith(fake, 'anthropic');
    const res = await post(url, '/v1/messages', anthropicLoop(6));
    expect(res.status).toBe(400);
    const json = (await res.json()) as { type: string; error: { type: string; message: string } };
    expect(json.type).toBe('error');
    expect(json.error.type).toBe('invalid_request_error');
    expect(json.error.message).toContain('"bash" was called 6 times in a row');
    expect(fake.requests).toHaveLength(0);
  });

  it('max_iterations caps tool-call turns since the last user message, duplicates or not', async () => {
    const fake = await startFakeUpstream({ handler: anthropicReply('ok') });
    cleanup.push(() => fake.close());
    const url = await serveWith(fake, 'anthropic');
    expect((await post(url, '/v1/messages', anthropicLoop(8, (i) => `step ${i}`))).status).toBe(200);
    const res = await post(url, '/v1/messages', anthropicLoop(9, (i) => `step ${i}`));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('9 tool-call turns');
    expect(fake.requests).toHaveLength(1);
  });

  it('duplicate_detection: false leaves repeats alone (the turn cap still applies)', async () => {
    const fake = await startFakeUpstream({ handler: anthropicReply('ok') });
    cleanup.push(() => fake.close());
    const url = await serveWith(fake, 'anthropic', { ...guard, duplicateDetection: false });
    expect((await post(url, '/v1/messages', anthropicLoop(6))).status).toBe(200);
    expect(JSON.stringify(fake.requests[0]?.body)).not.toContain('tool-loop guard');
  });

  it('is on by default in the coder and agent profiles, off in personal', () => {
    for (const profile of ['coder', 'agent']) expect(new Tokligence({ profile, env: {}, configFile: false } as never).config.tool_calling.enabled, profile).toBe(true);
    expect(new Tokligence({ profile: 'personal', env: {}, configFile: false } as never).config.tool_calling.enabled).toBe(false);
  });
});
