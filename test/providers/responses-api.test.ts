/**
 * `api` on openai / openai-compatible providers (issue 21 item 4): a Responses-only model (the
 * `*-codex` family) serves callers of every dialect, through a fake that refuses
 * /chat/completions the way OpenAI does for such models.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import type { FakeUpstream } from '../helpers/fake-upstream.js';
import { startResponsesOnlyUpstream } from '../helpers/responses-upstream.js';

const fakes: FakeUpstream[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function upstream() {
  const fake = await startResponsesOnlyUpstream((req) => {
    const body = req.body as { tools?: unknown[] };
    return body.tools?.length ? { call: { name: 'get_weather', arguments: '{"city":"Paris"}' } } : { text: 'hello from codex' };
  });
  fakes.push(fake);
  return fake;
}

function gateway(fake: FakeUpstream, provider: Record<string, unknown>) {
  return new Tokligence({ env: {}, configFile: false, providers: { up: { baseUrl: `${fake.url}/v1`, apiKey: 'k', ...provider } } } as never);
}

const weatherTool = { type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };

describe('a Responses-only model behind an openai provider', () => {
  it('a chat caller reaches gpt-5.1-codex: the default for type openai sends *-codex to /responses', async () => {
    const fake = await upstream();
    const tk = gateway(fake, { type: 'openai' });
    const reply = await tk.chat.completions.create({ model: 'up/gpt-5.1-codex', messages: [{ role: 'user', content: 'hi' }] });
    expect(reply.choices[0]?.message.content).toBe('hello from codex');
    expect(reply.usage).toMatchObject({ prompt_tokens: 21, completion_tokens: 9 });
    expect(fake.requests.map((r) => r.url)).toEqual(['/v1/responses']);
  });

  it('other models still go to /chat/completions (and this fake refuses them, as OpenAI would)', async () => {
    const fake = await upstream();
    const tk = gateway(fake, { type: 'openai' });
    await expect(tk.chat.completions.create({ model: 'up/gpt-4.1', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 404 });
    expect(fake.requests.map((r) => r.url)).toEqual(['/v1/chat/completions']);
  });

  it('api: chat turns the default off; api: responses sends every model', async () => {
    const fake = await upstream();
    await expect(
      gateway(fake, { type: 'openai', api: 'chat' }).chat.completions.create({ model: 'up/gpt-5.1-codex', messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toMatchObject({ status: 404 });
    const reply = await gateway(fake, { type: 'openai', api: 'responses' }).chat.completions.create({ model: 'up/gpt-4.1', messages: [{ role: 'user', content: 'hi' }] });
    expect(reply.choices[0]?.message.content).toBe('hello from codex');
  });

  it('an openai-compatible vendor with api: { responses: [globs] }, streamed, with a tool call', async () => {
    const fake = await upstream();
    const tk = gateway(fake, { type: 'openai-compatible', api: { responses: ['*-codex'] } });
    const stream = await tk.chat.completions.create({ model: 'up/vendor-codex', stream: true, tools: [weatherTool], messages: [{ role: 'user', content: 'weather?' }] });
    let args = '';
    let name = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      const tc = chunk.choices[0]?.delta.tool_calls?.[0];
      if (tc?.function?.name) name = tc.function.name;
      args += tc?.function?.arguments ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect({ name, args: JSON.parse(args), finish }).toEqual({ name: 'get_weather', args: { city: 'Paris' }, finish: 'tool_calls' });
    expect(fake.requests[0]?.url).toBe('/v1/responses');
  });

  it('an Anthropic caller (Claude Code over HTTP) gets a streamed tool_use from a *-codex model', async () => {
    const fake = await upstream();
    const tk = new Tokligence({
      env: {},
      configFile: false,
      providers: { openai: { type: 'openai', baseUrl: `${fake.url}/v1`, apiKey: 'k' } },
      models: { 'claude-*': 'openai/gpt-5.1-codex' },
    } as never);
    const server = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
    try {
      const client = new Anthropic({ baseURL: server.url, apiKey: 'unused' });
      const message = await client.messages
        .stream({
          model: 'claude-sonnet-4-6',
          max_tokens: 256,
          tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
          messages: [{ role: 'user', content: 'weather in Paris?' }],
        })
        .finalMessage();
      expect(message.stop_reason).toBe('tool_use');
      expect(message.content).toEqual([expect.objectContaining({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } })]);
      expect(message.usage).toMatchObject({ output_tokens: 9 });
      expect(fake.requests.map((r) => r.url)).toEqual(['/v1/responses']);
    } finally {
      await server.close(0);
    }
  });

  it('the config names a misplaced api option', () => {
    expect(() => loadConfig({ configFile: false, env: {}, config: { providers: { ant: { type: 'anthropic', apiKey: 'k', api: 'responses' } } } } as never)).toThrow(
      /providers\.ant\.api: only for openai and openai-compatible providers/,
    );
  });
});
