/**
 * Issue 7, item 11 — prompt-cache markers survive. On the Anthropic → Anthropic path, pass-through
 * and translate mode (`gateway: { workMode: 'translate' }`), `cache_control` (with `ttl: "1h"`) on
 * system blocks, tools, messages and tool_results reaches the upstream exactly as sent (compared in
 * the upstream's raw body JSON), and the cache read / write token counts come back in usage:
 * non-stream and stream, to an Anthropic caller (`cache_read_input_tokens`,
 * `cache_creation_input_tokens`) and to an OpenAI caller (`prompt_tokens_details.cached_tokens`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { type FakeUpstream, type RecordedRequest, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';

const H1 = { type: 'ephemeral', ttl: '1h' } as const;
const M5 = { type: 'ephemeral', ttl: '5m' } as const;

/** A Claude Code–like request with a marker on every kind of block that can carry one. */
const REQUEST = {
  model: 'claude',
  max_tokens: 64,
  system: [
    { type: 'text', text: 'You are a coding agent.' },
    { type: 'text', text: 'Long project instructions…', cache_control: H1 },
  ],
  tools: [
    { name: 'read_file', description: 'Read a file', input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
    { name: 'bash', description: 'Run a command', input_schema: { type: 'object', properties: { command: { type: 'string' } } }, cache_control: H1 },
  ],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'Read a.txt', cache_control: H1 }] },
    { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'read_file', input: { path: 'a.txt' } }] },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'contents of a' }], cache_control: M5 },
        { type: 'text', text: 'Summarise it', cache_control: { type: 'ephemeral' } },
      ],
    },
  ],
};

const USAGE = { input_tokens: 10, output_tokens: 4, cache_read_input_tokens: 1200, cache_creation_input_tokens: 300 };

function reply(req: RecordedRequest) {
  const stream = (req.body as { stream?: boolean }).stream === true;
  if (!stream)
    return { json: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', stop_sequence: null, usage: USAGE } };
  return {
    chunks: sseFrames([
      {
        event: 'message_start',
        data: { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude', content: [], stop_reason: null, stop_sequence: null, usage: { ...USAGE, output_tokens: 1 } } },
      },
      { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'ok' } } },
      { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
      { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 4 } } },
      { event: 'message_stop', data: { type: 'message_stop' } },
    ]),
  };
}

/** Every `cache_control` in a body, by its JSON path. */
function markers(value: unknown, path = '', out: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      markers(v, `${path}.${i}`, out);
    });
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === 'cache_control') out[path] = JSON.stringify(v);
      else markers(v, `${path}.${k}`, out);
    }
  return out;
}

const modes = ['auto', 'translate'] as const;
const gateways: Record<string, { url: string; fake: FakeUpstream; close(): Promise<void> }> = {};

beforeAll(async () => {
  for (const workMode of modes) {
    const fake = await startFakeUpstream({ handler: reply });
    const tk = new Tokligence({
      env: {},
      configFile: false,
      gateway: { workMode },
      providers: { anthropic: { type: 'anthropic', baseUrl: fake.url, apiKey: 'sk-ant-test' } },
      models: { claude: 'anthropic/claude-sonnet-4-5' },
    } as never);
    const server = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
    gateways[workMode] = { url: server.url, fake, close: async () => {
        await server.close(0);
        await fake.close();
      },
    };
  }
});
afterAll(async () => {
  await Promise.all(Object.values(gateways).map((g) => g.close()));
});

const post = (url: string, path: string, body: unknown) => fetch(`${url}${path}`, { method: 'POST', headers: { 'anthropic-version': '2023-06-01' }, body: JSON.stringify(body) });

function sseData(raw: string): Array<Record<string, unknown>> {
  return raw
    .split('\n')
    .filter((l) => l.startsWith('data: ') && l !== 'data: [DONE]')
    .map((l) => JSON.parse(l.slice(6)));
}

describe('item 11: prompt-cache markers survive Anthropic → Anthropic', () => {
  const sent = markers(REQUEST);

  it('the request under test has markers on system, tools, messages and tool_results, with ttl', () => {
    expect(Object.keys(sent)).toEqual(['.system.1', '.tools.1', '.messages.0.content.0', '.messages.2.content.0', '.messages.2.content.1']);
    expect(Object.values(sent).filter((m) => m.includes('"ttl":"1h"'))).toHaveLength(3);
  });

  for (const workMode of modes)
    for (const stream of [false, true]) {
      const label = `${workMode === 'auto' ? 'pass-through' : 'translate'} · ${stream ? 'stream' : 'non-stream'}`;

      it(`${label}: every cache_control reaches the upstream byte for byte, in the same place`, async () => {
        const g = gateways[workMode] as (typeof gateways)[string];
        const before = g.fake.requests.length;
        const res = await post(g.url, '/v1/messages', { ...REQUEST, stream });
        expect(res.status).toBe(200);
        await res.text();
        const upstream = g.fake.requests[before] as RecordedRequest;
        expect(res.headers.get('x-tokligence-route')).toMatch(/anthropic\/claude-sonnet-4-5;ok/);
        // Compared as the JSON text of each marker in the raw bytes the upstream received.
        expect(markers(JSON.parse(upstream.rawBody))).toEqual(sent);
        for (const m of Object.values(sent)) expect(upstream.rawBody).toContain(`"cache_control":${m}`);
        const body = upstream.body as typeof REQUEST;
        expect(body.system).toEqual(REQUEST.system);
        expect(body.tools.map((t) => t.cache_control)).toEqual(REQUEST.tools.map((t) => t.cache_control));
      });

      it(`${label}: cache read / write tokens come back to an Anthropic caller`, async () => {
        const g = gateways[workMode] as (typeof gateways)[string];
        const res = await post(g.url, '/v1/messages', { ...REQUEST, stream });
        expect(res.status).toBe(200);
        if (!stream) {
          const json = await res.json();
          expect(json.usage).toMatchObject({ input_tokens: 10, cache_read_input_tokens: 1200, cache_creation_input_tokens: 300, output_tokens: 4 });
          return;
        }
        const events = sseData(await res.text());
        const start = events.find((e) => e.type === 'message_start') as { message: { usage: Record<string, number> } };
        expect(start.message.usage).toMatchObject({ input_tokens: 10, cache_read_input_tokens: 1200, cache_creation_input_tokens: 300 });
        const delta = events.find((e) => e.type === 'message_delta') as { usage: Record<string, number> };
        expect(delta.usage.output_tokens).toBe(4);
      });

      it(`${label}: cache read tokens come back to an OpenAI caller as prompt_tokens_details.cached_tokens`, async () => {
        const g = gateways[workMode] as (typeof gateways)[string];
        const res = await post(g.url, '/v1/chat/completions', {
          model: 'claude',
          stream,
          ...(stream ? { stream_options: { include_usage: true } } : {}),
          messages: [
            { role: 'system', content: 'You are a coding agent.' },
            { role: 'user', content: 'hi' },
          ],
        });
        expect(res.status).toBe(200);
        const usage = stream
          ? (sseData(await res.text()).find((c) => c.usage) as { usage: Record<string, unknown> }).usage
          : ((await res.json()) as { usage: Record<string, unknown> }).usage;
        // OpenAI counts cached (and newly cached) tokens inside prompt_tokens.
        expect(usage).toMatchObject({ prompt_tokens: 1510, completion_tokens: 4, total_tokens: 1514, prompt_tokens_details: { cached_tokens: 1200 } });
      });
    }
});
