/**
 * The Gemini REST surface over HTTP: Gemini CLI's captured request through the server to an
 * Anthropic upstream and an OpenAI chat upstream (each validated as the real API would), the
 * JSON-array stream, same-dialect pass-through to a Google upstream, countTokens, the model list,
 * auth by `x-goog-api-key` / `?key=`, and errors in Google's shape.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { anthropicReply } from '../helpers/anthropic-upstream.js';
import { chatCompletionReply } from '../helpers/chat-upstream.js';
import { loadCaptures } from '../helpers/client-captures.js';
import { type WireValidator, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';
import { anthropicValidationError, validateAnthropicRequest } from '../helpers/validators/anthropic.js';
import { geminiValidationError, validateGeminiRequest } from '../helpers/validators/gemini.js';
import { openaiValidationError, validateOpenAIChatRequest } from '../helpers/validators/openai-chat.js';

const KEY = 'gk-test-key';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const capture = loadCaptures('gemini-cli-0.61.0')[0];
const cliBody = capture?.body as Record<string, unknown>;

/** A gateway with one fake upstream of `type`; `gemini-*` names go to it (`gemini-x` is the upstream's `up-x`). */
async function gateway(type: 'anthropic' | 'openai-compatible' | 'google', reply: Parameters<typeof startFakeUpstream>[0] & {}) {
  const fake = await startFakeUpstream(reply);
  closers.push(() => fake.close());
  const tk = new Tokligence({
    env: {},
    configFile: false,
    retry: { attempts: 0 },
    gateway: { auth: { enabled: true, keys: [{ name: 'cli', key: KEY }] } },
    providers: { up: { type, baseUrl: type === 'openai-compatible' ? `${fake.url}/v1` : fake.url, apiKey: 'sk-up' } },
    models: { 'gemini-*': 'up/up-*', 'claude-*': 'up/*' },
  } as never);
  const server = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
  closers.push(() => server.close(0));
  return { url: server.url, fake };
}

const post = (url: string, body: unknown, headers: Record<string, string> = { 'x-goog-api-key': KEY }) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** The `data:` payloads of an SSE body. */
const sseData = (text: string) =>
  text
    .split(/\r?\n\r?\n/)
    .map((frame) => frame.split(/\r?\n/).find((l) => l.startsWith('data: '))?.slice(6))
    .filter((d): d is string => d !== undefined)
    .map((d) => JSON.parse(d) as Record<string, unknown>);

type Chunk = { candidates?: Array<{ content: { parts: Array<Record<string, unknown>> }; finishReason?: string }>; usageMetadata?: Record<string, number>; error?: unknown };
const partsOf = (chunks: Chunk[]) => chunks.flatMap((c) => c.candidates?.[0]?.content.parts ?? []);

const validating = (validator: WireValidator, validationError: (p: string[]) => unknown) => ({ validator, validationError });

describe.skipIf(!capture)('Gemini CLI 0.61.0 request through the server', () => {
  it('streams (?alt=sse) a translated tool call from an Anthropic upstream', async () => {
    const { url, fake } = await gateway('anthropic', {
      handler: anthropicReply({ tool: 'run_shell_command', input: { command: 'echo hi' }, id: 'toolu_g1' }),
      ...validating((b) => validateAnthropicRequest(b), anthropicValidationError),
    });
    const res = await post(`${url}${capture?.url}`, cliBody);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    expect(text).not.toMatch(/^event:/m);
    const chunks = sseData(text) as Chunk[];
    const call = partsOf(chunks).find((p) => p.functionCall)?.functionCall as { id?: string; name: string; args: unknown };
    expect(call).toMatchObject({ id: 'toolu_g1', name: 'run_shell_command', args: { command: 'echo hi' } });
    const last = chunks[chunks.length - 1];
    expect(last?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(last?.usageMetadata).toMatchObject({ promptTokenCount: 12, candidatesTokenCount: 4 });
    // The upstream got the model the alias named (from the URL), all 16 tools, as a stream.
    const sent = fake.requests[0]?.body as { model: string; stream: boolean; tools: unknown[] };
    expect(sent).toMatchObject({ model: 'up-2.5-flash', stream: true });
    expect(sent.tools).toHaveLength(16);
  });

  it('answers generateContent (JSON) from an OpenAI chat upstream, the key in ?key=', async () => {
    const { url, fake } = await gateway('openai-compatible', { handler: chatCompletionReply('Hello from chat'), ...validating(validateOpenAIChatRequest, openaiValidationError) });
    const res = await post(`${url}/v1beta/models/gemini-2.5-flash:generateContent?key=${KEY}`, cliBody, {});
    const body = (await res.json()) as Chunk & { modelVersion: string };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.candidates?.[0]?.content.parts).toEqual([{ text: 'Hello from chat' }]);
    expect(body.modelVersion).toBe('gemini-2.5-flash');
    expect((fake.requests[0]?.body as { stream?: boolean } | undefined)?.stream).not.toBe(true);
  });

  it('streams without ?alt=sse as one JSON array, under the /gemini prefix', async () => {
    const { url } = await gateway('openai-compatible', { handler: chatCompletionReply('Hello in pieces'), ...validating(validateOpenAIChatRequest, openaiValidationError) });
    const res = await post(`${url}/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent`, cliBody);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const chunks = JSON.parse(await res.text()) as Chunk[];
    expect(Array.isArray(chunks)).toBe(true);
    expect(partsOf(chunks).map((p) => p.text).join('')).toBe('Hello in pieces');
    expect(chunks[chunks.length - 1]?.candidates?.[0]?.finishReason).toBe('STOP');
  });
});

describe('Gemini routes', () => {
  it('passes a Gemini caller through to a Google upstream: model in the URL only, bytes unchanged', async () => {
    const frames = sseFrames([
      { data: { candidates: [{ content: { role: 'model', parts: [{ text: 'Hi' }] }, index: 0 }], usageMetadata: { promptTokenCount: 3, totalTokenCount: 3 }, modelVersion: 'up-gemini-x', responseId: 'r1' } },
      { data: { candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 }], usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 1, totalTokenCount: 4 }, modelVersion: 'up-gemini-x', responseId: 'r1' } },
    ]);
    const { url, fake } = await gateway('google', { handler: () => ({ chunks: frames }), ...validating(validateGeminiRequest, geminiValidationError) });
    const request = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig: { temperature: 0.2 } };
    const res = await post(`${url}/v1beta/models/gemini-x:streamGenerateContent?alt=sse`, request);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(frames.join(''));
    expect(res.headers.get('x-tokligence-route')).toContain('up/up-x;ok');
    expect(fake.requests[0]?.url).toBe('/v1beta/models/up-x:streamGenerateContent?alt=sse');
    expect(fake.requests[0]?.body).toEqual(request);
  });

  it('counts tokens locally ({contents} or {generateContentRequest}) and lists models in Google shape', async () => {
    const { url } = await gateway('anthropic', { handler: anthropicReply('x') });
    const contents = [{ role: 'user', parts: [{ text: 'How many tokens is this sentence?' }] }];
    const a = (await (await post(`${url}/v1beta/models/gemini-2.5-flash:countTokens`, { contents })).json()) as { totalTokens: number };
    const b = (await (await post(`${url}/v1beta/models/gemini-2.5-flash:countTokens`, { generateContentRequest: { model: 'models/gemini-2.5-flash', contents } })).json()) as {
      totalTokens: number;
    };
    expect(a.totalTokens).toBeGreaterThan(5);
    expect(b.totalTokens).toBe(a.totalTokens);

    const list = (await (await fetch(`${url}/v1beta/models`, { headers: { 'x-goog-api-key': KEY } })).json()) as { models: Array<{ name: string }> };
    expect(Array.isArray(list.models)).toBe(true);
    const one = await fetch(`${url}/v1beta/models/gemini-2.5-pro`, { headers: { 'x-goog-api-key': KEY } });
    expect(await one.json()).toMatchObject({ name: 'models/gemini-2.5-pro', supportedGenerationMethods: expect.arrayContaining(['generateContent']) });
  });

  it('answers errors in Google shape: bad key, unknown path, unroutable model, bad body', async () => {
    const { url } = await gateway('anthropic', { handler: anthropicReply('x') });
    const request = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };
    const noKey = await post(`${url}/v1beta/models/gemini-2.5-flash:generateContent`, request, { 'x-goog-api-key': 'wrong' });
    expect(noKey.status).toBe(401);
    const noKeyBody = await noKey.text();
    expect(JSON.parse(noKeyBody)).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
    expect(noKeyBody).not.toContain('wrong');

    const unknown = await post(`${url}/v1beta/models/gemini-2.5-flash:embedContent`, request);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });

    const model = await fetch(`${url}/v1beta/models/no-such-model`, { headers: { 'x-goog-api-key': KEY } });
    expect(model.status).toBe(404);
    expect(await model.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });

    const bad = await post(`${url}/v1beta/models/gemini-2.5-flash:streamGenerateContent`, { contents: [{ role: 'user', parts: [] }] });
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as Array<{ error: { status: string; message: string } }>;
    // The JSON-array endpoint answers errors as a one-element array, as Google's does.
    expect(badBody[0]?.error).toMatchObject({ status: 'INVALID_ARGUMENT', message: expect.stringContaining('contents') });
  });
});
