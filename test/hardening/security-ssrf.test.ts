/**
 * Issue 7, Security 1: no upstream chosen by the caller (SSRF, key theft). Upstream hosts and
 * credentials come from configuration only: no body field (at any depth), header, query or model
 * name, in any dialect or route, in-process or over HTTP, can point the gateway elsewhere or swap
 * its key. Link-local and cloud-metadata base URLs are refused in config unless allowed.
 */
import dc from 'node:diagnostics_channel';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { type FakeUpstream, type RecordedRequest, startFakeUpstream } from '../helpers/fake-upstream.js';
import { okReply } from '../routing/helpers.js';

const GOOD_KEY = 'sk-good-configured-key-0001';
const CLAUDE_KEY = 'sk-ant-configured-key-0002';
const GEMINI_KEY = 'gm-configured-key-0003';
const EVIL_KEY = 'sk-evil-smuggled-key-9999';
const METADATA = 'http://169.254.169.254/latest/meta-data/iam/security-credentials/';

/** Every host:port an undici client of the gateway opened a connection to (a transport-level spy). */
const connects: string[] = [];
const onConnect = (m: unknown) => {
  const p = (m as { connectParams: { hostname: string; port: string; protocol: string } }).connectParams;
  connects.push(`${p.hostname}:${p.port || (p.protocol === 'https:' ? '443' : '80')}`);
};

let good: FakeUpstream;
let attacker: FakeUpstream;
let tk: Tokligence;
let gateway: { url: string; close(ms?: number): Promise<void> };

function answer(req: RecordedRequest) {
  const body = req.body as { stream?: boolean } | undefined;
  if (req.url.includes('/count_tokens')) return { json: { input_tokens: 7 } };
  if (req.url.startsWith('/v1/messages'))
    return {
      json: { id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [{ type: 'text', text: 'ok' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } },
    };
  if (req.url.startsWith('/v1beta/'))
    return { json: { candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP' }], usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1 } } };
  return okReply('ok from the configured upstream', body?.stream === true);
}

beforeAll(async () => {
  dc.subscribe('undici:client:beforeConnect', onConnect);
  good = await startFakeUpstream({ handler: answer });
  attacker = await startFakeUpstream({ handler: answer });
  tk = new Tokligence({
    env: {},
    configFile: false,
    retry: { attempts: 0 },
    providers: {
      good: { type: 'openai-compatible', baseUrl: `${good.url}/v1`, apiKey: GOOD_KEY },
      claude: { type: 'anthropic', baseUrl: good.url, apiKey: CLAUDE_KEY },
      gem: { type: 'google', baseUrl: good.url, apiKey: GEMINI_KEY },
    },
    models: { default: 'good/m', 'claude-x': 'claude/claude-x' },
  } as never);
  gateway = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
});

afterAll(async () => {
  dc.unsubscribe('undici:client:beforeConnect', onConnect);
  await gateway?.close(0);
  await good?.close();
  await attacker?.close();
});

/** Every way a caller might name an upstream or a credential. */
function smuggledFields(): Record<string, unknown> {
  const target = attacker.url;
  return {
    base_url: target,
    baseURL: target,
    baseUrl: target,
    api_base: `${target}/v1`,
    apiBase: target,
    api_key: EVIL_KEY,
    apiKey: EVIL_KEY,
    host: new URL(target).host,
    url: METADATA,
    endpoint: `${target}/v1/chat/completions`,
    azure_endpoint: target,
    custom_host: target,
    'x-portkey-custom-host': target,
    provider: { base_url: target, api_key: EVIL_KEY, name: 'evil' },
    headers: { Host: new URL(target).host, Authorization: `Bearer ${EVIL_KEY}` },
    extra_headers: { authorization: `Bearer ${EVIL_KEY}`, 'x-api-key': EVIL_KEY },
    extra_body: { base_url: target },
    litellm_params: { api_base: target, api_key: EVIL_KEY },
    upstream: METADATA,
    proxy: target,
  };
}

/** The fields at `depth` levels of nesting. */
const nest = (fields: Record<string, unknown>, depth: number): Record<string, unknown> => (depth === 0 ? fields : { inner: nest(fields, depth - 1), ...fields });

/** A request in `dialect` with the smuggled fields placed at `where`. */
function smuggle(dialect: 'openai-chat' | 'anthropic' | 'responses', model: string, where: string, depth: number, stream = false): Record<string, unknown> {
  const f = nest(smuggledFields(), depth);
  const tool =
    dialect === 'anthropic'
      ? { name: 'lookup', description: 'x', input_schema: { type: 'object', properties: { q: { type: 'string' } }, ...(where === 'tool' ? f : {}) }, ...(where === 'tool' ? f : {}) }
      : dialect === 'responses'
        ? { type: 'function', name: 'lookup', parameters: { type: 'object', properties: {}, ...(where === 'tool' ? f : {}) }, ...(where === 'tool' ? f : {}) }
        : { type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {}, ...(where === 'tool' ? f : {}) }, ...(where === 'tool' ? f : {}) } };
  const part = { type: dialect === 'responses' ? 'input_text' : 'text', text: `please fetch ${METADATA} with ${EVIL_KEY}`, ...(where === 'part' ? f : {}) };
  const message = { role: 'user', content: [part], ...(where === 'message' ? f : {}) };
  const common = {
    model,
    stream,
    ...(where === 'top' ? f : {}),
    ...(where === 'metadata' ? { metadata: { user_id: 'u', ...f } } : {}),
    ...(where === 'extensions' ? { extensions: f, extra: f, context_management: f } : {}),
    ...(where === 'tool' ? { tools: [tool] } : {}),
  };
  if (dialect === 'anthropic') return { ...common, max_tokens: 16, messages: [message] };
  if (dialect === 'responses') return { ...common, input: [{ type: 'message', ...message }] };
  return { ...common, messages: [message] };
}

const PLACES = ['top', 'metadata', 'message', 'part', 'tool', 'extensions'];
const PATHS: Record<string, string[]> = {
  'openai-chat': ['/v1/chat/completions', '/openai/v1/chat/completions', '/chat/completions'],
  anthropic: ['/v1/messages', '/anthropic/v1/messages'],
  responses: ['/v1/responses', '/openai/v1/responses'],
};
/** Model names that try to name a host, a URL or escape the provider's path. */
const HOSTILE_MODELS = (): string[] => [
  METADATA,
  'http://169.254.169.254/m',
  'evil.com/gpt-4o',
  `${new URL(attacker.url).host}/m`,
  `${attacker.url}/v1/m`,
  '//evil.com/m',
  '../good/m',
  'good/../../../admin',
  'good%2F..%2Fevil',
  'gem/../../../../evil',
  'gem/..%2F..%2Fevil?x=',
  'claude/../../v1/evil',
  '../../etc/passwd/m',
  'fd00:ec2::254/m',
  'metadata.google.internal/computeMetadata/v1',
];
const HOSTILE_HEADERS = (): Record<string, string> => ({
  'x-portkey-custom-host': attacker.url,
  'x-forwarded-host': new URL(attacker.url).host,
  'x-forwarded-for': '169.254.169.254',
  forwarded: `host=${new URL(attacker.url).host}`,
  'x-original-url': METADATA,
  'x-tokligence-base-url': attacker.url,
  'x-base-url': attacker.url,
  'anthropic-beta': 'tools-2024-04-04',
  authorization: `Bearer ${EVIL_KEY}`,
  'x-api-key': EVIL_KEY,
  'x-goog-api-key': EVIL_KEY,
});
const hostileQuery = () => `?base_url=${encodeURIComponent(attacker.url)}&api_key=${EVIL_KEY}&host=169.254.169.254&url=${encodeURIComponent(METADATA)}`;

/** The configured upstream's view: only configured credentials, its own Host, paths under the configured bases. */
function expectOnlyConfiguredUpstreams() {
  expect(attacker.requests).toHaveLength(0);
  const allowed = new Set([new URL(good.url).host, new URL(gateway.url).host]);
  const strays = connects.filter((c) => !allowed.has(c));
  expect(strays).toEqual([]);
  for (const r of good.requests) {
    const creds = [r.headers.authorization, r.headers['x-api-key'], r.headers['x-goog-api-key']].filter(Boolean);
    expect(creds).toHaveLength(1);
    expect([`Bearer ${GOOD_KEY}`, CLAUDE_KEY, GEMINI_KEY]).toContain(creds[0]);
    expect(r.headers.host).toBe(new URL(good.url).host);
    for (const h of ['x-forwarded-host', 'x-portkey-custom-host', 'forwarded', 'x-original-url']) expect(r.headers[h]).toBeUndefined();
    expect(r.url).toMatch(/^\/v1\/(chat\/completions|messages|messages\/count_tokens)$|^\/v1beta\/models\/[^/]+:(generateContent|streamGenerateContent\?alt=sse)$/);
  }
}

describe('SSRF: no request field, header, query or model name picks an upstream or a credential', () => {
  it('smuggled fields at every depth and place, in every dialect and route, over HTTP: only the configured upstream is contacted, with its own key', async () => {
    const before = good.requests.length;
    let sent = 0;
    for (const [dialect, paths] of Object.entries(PATHS) as Array<['openai-chat' | 'anthropic' | 'responses', string[]]>) {
      const model = dialect === 'anthropic' ? 'claude-x' : 'default';
      for (const where of PLACES)
        for (const depth of [0, 1, 4])
          for (const path of paths) {
            const stream = depth === 1;
            const res = await fetch(`${gateway.url}${path}${hostileQuery()}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...HOSTILE_HEADERS() },
              body: JSON.stringify(smuggle(dialect, model, where, depth, stream)),
            });
            const text = await res.text();
            sent++;
            // Unknown fields are tolerated or refused, never followed; a 5xx would mean we tried something.
            expect(res.status, `${dialect} ${where} depth ${depth}: ${text.slice(0, 200)}`).toBeLessThan(500);
          }
    }
    expect(sent).toBeGreaterThan(90);
    expect(good.requests.length - before).toBeGreaterThan(50); // most were served, by the configured upstream
    expectOnlyConfiguredUpstreams();
  });

  it('hostile model names never become a host or a path outside the provider: refused or sent to the configured upstream as a plain model id', async () => {
    for (const model of HOSTILE_MODELS())
      for (const [path, body] of [
        ['/v1/chat/completions', { model, messages: [{ role: 'user', content: 'hi' }] }],
        ['/v1/messages', { model, max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }],
        ['/v1/responses', { model, input: 'hi' }],
        ['/v1/messages/count_tokens', { model, messages: [{ role: 'user', content: 'hi' }] }],
      ] as const) {
        const res = await fetch(`${gateway.url}${path}${hostileQuery()}`, { method: 'POST', headers: HOSTILE_HEADERS(), body: JSON.stringify(body) });
        await res.text();
        expect(res.status, `${path} ${model}`).toBeLessThan(500);
      }
    expectOnlyConfiguredUpstreams();
  });

  it('GET /v1/models with hostile headers and query contacts no upstream at all', async () => {
    const before = good.requests.length;
    const res = await fetch(`${gateway.url}/v1/models${hostileQuery()}`, { headers: HOSTILE_HEADERS() });
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain(attacker.url);
    expect(good.requests.length).toBe(before);
    expectOnlyConfiguredUpstreams();
  });

  it('a raw Host header naming the attacker changes nothing (fetch cannot send one; node:http can)', async () => {
    const before = good.requests.length;
    const gw = new URL(gateway.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: gw.hostname, port: gw.port, method: 'POST', path: `/v1/chat/completions${hostileQuery()}`, headers: { host: new URL(attacker.url).host, 'content-type': 'application/json', ...HOSTILE_HEADERS() } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(smuggle('openai-chat', 'default', 'top', 2)));
    });
    expect(status).toBe(200);
    expect(good.requests.length).toBe(before + 1);
    expectOnlyConfiguredUpstreams();
  });

  it('in-process facades: smuggled params and RequestOptions.headers (host, authorization, custom-host) cannot redirect or re-key a call', async () => {
    const headers = { ...HOSTILE_HEADERS(), host: new URL(attacker.url).host, Host: new URL(attacker.url).host, Authorization: `Bearer ${EVIL_KEY}` };
    const before = good.requests.length;
    await tk.chat.completions.create(smuggle('openai-chat', 'default', 'top', 3) as never, { headers });
    const stream = await tk.chat.completions.create(smuggle('openai-chat', 'default', 'message', 1, true) as never, { headers });
    for await (const _ of stream as unknown as AsyncIterable<unknown>) {
      // drain
    }
    await tk.messages.create(smuggle('anthropic', 'claude-x', 'tool', 2) as never, { headers });
    await tk.messages.countTokens(smuggle('anthropic', 'claude-x', 'top', 1) as never, { headers });
    await tk.responses.create(smuggle('responses', 'default', 'extensions', 2) as never, { headers });
    await tk.call('anthropic', smuggle('anthropic', 'claude-x', 'metadata', 3), { headers });
    for (const model of HOSTILE_MODELS()) await tk.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] } as never, { headers }).catch(() => undefined);
    expect(good.requests.length).toBeGreaterThan(before + 5);
    const claudeCalls = good.requests.slice(before).filter((r) => r.url.startsWith('/v1/messages'));
    expect(claudeCalls.length).toBeGreaterThanOrEqual(2);
    expect(claudeCalls.some((r) => r.headers['anthropic-beta'] === 'tools-2024-04-04')).toBe(true); // harmless headers still pass
    expectOnlyConfiguredUpstreams();
  });
});

describe('config: link-local and cloud-metadata base URLs are refused unless allowed', () => {
  const load = (baseUrl: string, extra: Record<string, unknown> = {}) =>
    loadConfig({ configFile: false, env: {}, config: { providers: { up: { type: 'openai-compatible', baseUrl, ...extra } } } as never });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://169.254.170.2/v2/credentials', // ECS task credentials
    'http://[fd00:ec2::254]/latest',
    'http://metadata.google.internal/computeMetadata/v1',
    'http://metadata.google.internal./computeMetadata/v1',
    'http://2852039166/', // 169.254.169.254 as one number
    'http://0xa9.0xfe.0xa9.0xfe/',
    'http://[::ffff:169.254.169.254]/',
    'http://[fe80::1]/v1',
    'http://100.100.100.200/latest/meta-data', // Alibaba Cloud
  ])('refuses %s with a clear error naming the field and the flag', (url) => {
    // Named as the caller wrote it (camelCase here: the constructor), the flag in both spellings.
    expect(() => load(url)).toThrow(/providers\.up\.baseUrl: .* refused unless the provider sets allow_link_local: true \(allowLinkLocal in TypeScript\)/);
  });

  it('accepts it when the provider sets allow_link_local, and leaves ordinary and private hosts alone', () => {
    expect(load('http://169.254.169.254/v1', { allowLinkLocal: true }).providers.up.base_url).toBe('http://169.254.169.254/v1');
    for (const ok of ['http://localhost:11434/v1', 'http://10.0.0.5:8000/v1', 'http://192.168.1.2/v1', 'https://api.example.com/v1', 'http://[::1]:8000/v1'])
      expect(load(ok).providers.up.base_url).toBe(ok);
  });
});
