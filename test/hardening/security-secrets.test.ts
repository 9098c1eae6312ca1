/**
 * Issue 7, Security 2: secrets never leak into any sink. Unique canaries are planted in provider
 * keys, provider headers, client keys, query strings and request headers; success, retry, fallback,
 * timeout, upstream errors (one echoing the request's credentials back), an in-stream error and a
 * crash are driven; then every sink is searched: log lines, /metrics, bodies and headers returned to
 * the caller (decision log included), in-process errors and route, and files under the test's dir.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tokligence } from '../../src/index.js';
import type { Middleware } from '../../src/core/contracts/index.js';
import { createServer } from '../../src/server/index.js';
import { createLogger } from '../../src/server/logger.js';
import { type FakeUpstream, type RecordedRequest, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';
import { okReply } from '../routing/helpers.js';

const tag = Math.random().toString(36).slice(2, 10);
const C = {
  primaryKey: `sk-canary-primary-${tag}`,
  backupKey: `sk-canary-backup-${tag}`,
  anthropicKey: `sk-ant-canary-${tag}`,
  providerHeader: `hdr-canary-org-${tag}`,
  clientKey: `tk-canary-client-${tag}`,
  wrongClientKey: `tk-canary-wrong-${tag}`,
  query: `q-canary-${tag}`,
  header: `h-canary-${tag}`,
};
const ALL = Object.values(C);

let primary: FakeUpstream;
let backup: FakeUpstream;
let claude: FakeUpstream;
let dir: string;
const lines: string[] = [];
const answers: string[] = [];
let gateway: { url: string; close(ms?: number): Promise<void> };
let tk: Tokligence;

/** An upstream error that repeats every credential it was sent, the way misbehaving proxies do. */
function echoCredentials(req: RecordedRequest, status = 401) {
  const creds = `authorization=${req.headers.authorization} x-api-key=${req.headers['x-api-key']} org=${req.headers['openai-organization']}`;
  return { status, json: { error: { message: `Incorrect API key provided (${creds})`, type: 'invalid_request_error', code: `bad ${req.headers.authorization}` } } };
}

/** Every scripted behaviour, picked by the model name the gateway sends. */
function primaryHandler(req: RecordedRequest) {
  const body = req.body as { model: string; stream?: boolean };
  switch (body.model) {
    case 'ok':
      return okReply('fine', body.stream === true);
    case 'flaky': // retried: 503 then OK
      return primary.requests.filter((r) => (r.body as { model: string }).model === 'flaky').length % 2 === 1 ? echoCredentials(req, 503) : okReply('fine after retry', false);
    case 'down': // falls back to the backup provider
      return echoCredentials(req, 500);
    case 'slow':
      return { delayMs: 1500, ...okReply('too late', false) };
    case 'stream-error':
      return {
        chunks: sseFrames([
          { data: { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'par' }, finish_reason: null }] } },
          { data: { error: { message: `upstream failed for Bearer ${C.primaryKey}`, type: 'server_error' } } },
        ]),
      };
    default:
      return echoCredentials(req);
  }
}

const crash: Middleware = async (ctx, next) => {
  if (ctx.request.model === 'crash') throw new TypeError(`cannot read properties of ${C.primaryKey} (client ${C.clientKey})`);
  return next();
};

beforeAll(async () => {
  primary = await startFakeUpstream({ handler: primaryHandler });
  backup = await startFakeUpstream({ handler: (req) => okReply('from backup', (req.body as { stream?: boolean }).stream === true) });
  claude = await startFakeUpstream({ handler: (req) => echoCredentials(req, 403) });
  dir = mkdtempSync(join(tmpdir(), 'tk-secrets-'));
  // Keys come from the environment through `${VAR}` in a config file on disk, as in production.
  const file = join(dir, 'tokligence.yaml');
  writeFileSync(
    file,
    [
      'retry: { attempts: 1, min_delay_ms: 1, max_delay_ms: 2 }',
      'gateway:',
      '  request_timeout: 0.3',
      '  log_level: debug',
      `  auth: { enabled: true, keys: [{ name: alice, key: "\${CLIENT_KEY}" }] }`,
      'providers:',
      `  primary: { type: openai-compatible, base_url: "${primary.url}/v1", api_key: "\${PRIMARY_KEY}", headers: { OpenAI-Organization: "\${ORG}" } }`,
      `  backup: { type: openai-compatible, base_url: "${backup.url}/v1", api_key: "\${BACKUP_KEY}" }`,
      `  claude: { type: anthropic, base_url: "${claude.url}", api_key: "\${ANTHROPIC_KEY}" }`,
      'models:',
      '  fallback-alias: [primary/down, backup/m]',
      '',
    ].join('\n'),
  );
  tk = new Tokligence({
    configFile: file,
    env: { CLIENT_KEY: C.clientKey, PRIMARY_KEY: C.primaryKey, BACKUP_KEY: C.backupKey, ANTHROPIC_KEY: C.anthropicKey, ORG: C.providerHeader },
    middleware: [crash],
  });
  const logger = createLogger('debug', 'json', (l) => lines.push(l));
  gateway = await createServer(tk, { logger }).listen(0, '127.0.0.1');
});

afterAll(async () => {
  await gateway?.close(0);
  await Promise.all([primary?.close(), backup?.close(), claude?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

/** One HTTP call carrying the canaries in query, headers and key; the whole answer is kept as a sink. */
async function call(path: string, body: unknown, key = C.clientKey): Promise<number> {
  const res = await fetch(`${gateway.url}${path}?api_key=${C.query}&key=${key}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'x-api-key': key, 'x-custom': C.header, cookie: `session=${C.header}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  answers.push(JSON.stringify([...res.headers]), await res.text());
  return res.status;
}

const chat = (model: string, stream = false) => ({ model, stream, messages: [{ role: 'user', content: 'hi' }] });

/** Every file under `root`, read as text. */
function filesUnder(root: string): string {
  return readdirSync(root, { recursive: true })
    .map((f) => join(root, String(f)))
    .filter((p) => statSync(p).isFile())
    .map((p) => readFileSync(p, 'utf8'))
    .join('\n');
}

function expectNoCanary(sink: string, name: string) {
  for (const secret of ALL) expect(sink.includes(secret), `${name} contains ${secret}`).toBe(false);
}

describe('secrets never reach any sink', () => {
  it('drives success, retry, fallback, timeout, echoed upstream errors, stream errors and a crash, over HTTP', async () => {
    expect(await call('/v1/chat/completions', chat('primary/ok'))).toBe(200);
    expect(await call('/v1/chat/completions', chat('primary/ok', true))).toBe(200);
    expect(await call('/v1/chat/completions', chat('primary/flaky'))).toBe(200); // 503 (echoing keys) then 200
    expect(await call('/v1/chat/completions', chat('fallback-alias'))).toBe(200); // 500 echoing keys, then backup
    expect(await call('/v1/chat/completions', chat('primary/slow'))).toBe(504); // timeout
    expect(await call('/v1/chat/completions', chat('primary/echo'))).toBe(401); // 401 echoing every credential
    expect(await call('/v1/responses', { model: 'primary/echo', input: 'hi' })).toBe(401);
    expect(await call('/v1/messages', { model: 'claude/claude-x', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] })).toBe(403);
    expect(await call('/v1/messages', { model: 'claude/claude-x', max_tokens: 8, stream: true, messages: [{ role: 'user', content: 'hi' }] })).toBe(403);
    expect(await call('/v1/chat/completions', chat('primary/stream-error', true))).toBe(200); // error after content
    expect(await call('/v1/chat/completions', chat('crash'))).toBe(500);
    expect(await call('/v1/chat/completions', chat('primary/ok'), C.wrongClientKey)).toBe(401);
    expect(await call('/v1/messages/count_tokens', { model: 'claude/claude-x', messages: [{ role: 'user', content: 'hi' }] })).toBe(200);

    // The keys were really used (so the canaries were really there to leak)…
    expect(primary.requests[0].headers.authorization).toBe(`Bearer ${C.primaryKey}`);
    expect(primary.requests[0].headers['openai-organization']).toBe(C.providerHeader);
    expect(claude.requests[0].headers['x-api-key']).toBe(C.anthropicKey);
    expect(backup.requests.length).toBeGreaterThan(0);
    // …and the upstream did echo them back.
    expect(primary.requests.some((r) => r.headers.authorization?.includes(C.primaryKey))).toBe(true);

    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    await new Promise((r) => setTimeout(r, 50)); // `call` log lines are written when usage settles
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.join('\n')).toContain('[REDACTED]'); // echoed keys were there, and were replaced
    expectNoCanary(lines.join('\n'), 'logs');
    expectNoCanary(metrics, '/metrics');
    expectNoCanary(answers.join('\n'), 'answers (bodies, x-tokligence-route and other headers)');
    expectNoCanary(filesUnder(dir).replace(/\$\{[A-Z_]+\}/g, ''), 'files written under the test dir');
  });

  it('in-process: thrown errors, their fields and the decision log carry no key', async () => {
    const seen: string[] = [];
    const record = (x: unknown) => seen.push(String(JSON.stringify(x, x instanceof Error ? Object.getOwnPropertyNames(x) : undefined)), String((x as Error)?.stack ?? ''));
    for (const model of ['primary/echo', 'fallback-alias', 'primary/flaky', 'claude/claude-x', 'crash']) {
      await tk.chat.completions
        .create(chat(model) as never, { onRoute: (route) => record(route) })
        .then(record)
        .catch((err: Error & { cause?: unknown }) => {
          record(err);
          record(err.cause);
        });
    }
    const stream = await tk.chat.completions.create(chat('primary/stream-error', true) as never, { onRoute: record });
    await (async () => {
      for await (const chunk of stream as unknown as AsyncIterable<unknown>) record(chunk);
    })().catch(record);
    expect(seen.join('\n')).toContain('[REDACTED]');
    expectNoCanary(seen.join('\n'), 'in-process errors and routes');
  });
});
