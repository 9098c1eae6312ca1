/**
 * The README's team section, step by step, as a new user runs it: `tokligence serve --profile team`,
 * then in another shell `user create`, `apikey create`, the official Anthropic and OpenAI SDKs with
 * that key, `usage` showing the calls and their cost, and a daily budget that ends in a 429 saying
 * which budget and when it resets. On SQLite (the profile's own `~/.tokligence/gateway.db`, under a
 * scratch HOME) and on PostgreSQL (`TOKLIGENCE_DATABASE_URL`). The upstream is a local fake speaking
 * Anthropic's wire format; every step is a real process or a real HTTP call.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { anthropicReply } from '../helpers/anthropic-upstream.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { createDatabase } from '../helpers/postgres.js';
import { type ServeProcess, startServe } from '../helpers/serve.js';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'src/cli/index.ts');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const pgUrl = inject('postgresUrl');

/** `npx tsx src/cli/index.ts …` in another shell: same HOME and environment as the server. */
function cli(args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', TSX, CLI, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 }, (err, stdout, stderr) =>
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream({ handler: anthropicReply('Hello from Claude') });
});
afterAll(async () => {
  await fake?.close();
});

const backends: Array<{ name: string; env: () => Promise<Record<string, string>> }> = [{ name: 'SQLite', env: async () => ({}) }];
if (pgUrl)
  backends.push({
    name: 'PostgreSQL',
    env: async () => ({ TOKLIGENCE_DATABASE__TYPE: 'postgresql', TOKLIGENCE_DATABASE_URL: await createDatabase(pgUrl) }),
  });

describe.each(backends)('README team section on $name', (backend) => {
  let home: string;
  let env: Record<string, string>;
  let serve: ServeProcess | undefined;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'tk-team-home-'));
    env = {
      HOME: home,
      ANTHROPIC_API_KEY: 'sk-ant-upstream-secret',
      ANTHROPIC_BASE_URL: fake.url,
      TOKLIGENCE_LOG_LEVEL: 'error',
      ...(await backend.env()),
    };
  });
  afterAll(async () => {
    await serve?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('serve, user create, apikey create, SDK calls with the key, usage with cost, a daily budget refusal', { timeout: 120_000 }, async () => {
    serve = await startServe(['--profile', 'team'], env, home);
    const upstream = () => fake.requests.slice(before);
    const before = fake.requests.length;
    if (backend.name === 'SQLite') expect(existsSync(join(home, '.tokligence', 'gateway.db'))).toBe(true);

    const created = await cli(['user', 'create', 'alice', '--email', 'alice@team.com', '--quota', '100', '--daily-quota', '0.0002', '--profile', 'team'], env, home);
    expect(created, created.stderr).toMatchObject({ code: 0 });
    const userId = /usr_[A-Za-z0-9_-]+/.exec(created.stdout)?.[0];
    expect(userId).toBeDefined();

    const keyOut = await cli(['apikey', 'create', 'alice', '--name', "Alice's key", '--profile', 'team'], env, home);
    expect(keyOut, keyOut.stderr).toMatchObject({ code: 0 });
    const key = /tkl_[A-Za-z0-9]+_[A-Za-z0-9_-]+/.exec(keyOut.stdout)?.[0];
    expect(key).toBeDefined();
    // Printed once, stored hashed: the listing shows no secret.
    const listed = await cli(['apikey', 'list', '--profile', 'team', '--json'], env, home);
    expect(listed.stdout).not.toContain(key!);

    // Without the key: refused in each dialect, and the upstream never hears of it.
    const anonymous = new Anthropic({ baseURL: serve.url, apiKey: 'tkl_nope_nope', maxRetries: 0 });
    await expect(anonymous.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 401 });
    expect(upstream()).toHaveLength(0);

    // Claude Code's way (x-api-key) and an OpenAI SDK's (Bearer), both to a Claude model.
    const anthropic = new Anthropic({ baseURL: serve.url, apiKey: key!, maxRetries: 0 });
    const msg = await anthropic.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
    expect(msg.content[0]).toMatchObject({ type: 'text', text: 'Hello from Claude' });
    const openai = new OpenAI({ baseURL: `${serve.url}/v1`, apiKey: key!, maxRetries: 0 });
    const chat = await openai.chat.completions.create({ model: 'claude-sonnet-4-6', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
    expect(chat.choices[0]?.message.content).toBe('Hello from Claude');
    // The gateway's key, not the caller's, went upstream.
    expect(upstream().map((r) => r.headers['x-api-key'])).toEqual(['sk-ant-upstream-secret', 'sk-ant-upstream-secret']);

    // A daily budget of $0.0002 and calls of about $0.0001 (12 in + 4 out tokens at Sonnet's
    // prices): within a few calls, a 429 naming the budget and when it resets.
    let refusal: { status?: number; message?: string; headers?: Headers | Record<string, string> } | undefined;
    for (let i = 0; i < 10 && !refusal; i++)
      await anthropic.messages
        .create({ model: 'claude-sonnet-4-6', max_tokens: 16, messages: [{ role: 'user', content: `again ${i}` }] })
        .catch((err: { status?: number; message?: string; headers?: Headers }) => {
          refusal = err;
        });
    expect(refusal?.status).toBe(429);
    expect(refusal?.message).toMatch(
      new RegExp(`Budget exceeded: the daily budget of user ${userId} is \\$0\\.0002, \\$0\\.\\d+ spent.*; it resets at \\d{4}-\\d\\d-\\d\\dT00:00:00\\.000Z`),
    );
    const answered = upstream().length;
    expect(answered).toBeGreaterThanOrEqual(3);

    // `usage` in another process, from the same store: every answered call with its cost.
    let report: { total: { requests: number; costUsd: number; inputTokens: number; outputTokens: number }; groups: Array<{ group?: string }> } | undefined;
    for (let tries = 0; tries < 50; tries++) {
      const usage = await cli(['usage', '--user', 'alice', '--profile', 'team', '--json'], env, home);
      expect(usage, usage.stderr).toMatchObject({ code: 0 });
      report = JSON.parse(usage.stdout);
      if (report?.total.requests === answered) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(report?.total).toMatchObject({ requests: answered, inputTokens: 12 * answered, outputTokens: 4 * answered });
    // Sonnet at $3 / $15 per million tokens.
    expect(report?.total.costUsd).toBeCloseTo(answered * (12 * 3 + 4 * 15) * 1e-6, 9);
    expect(report?.groups.map((g) => g.group)).toEqual(['anthropic/claude-sonnet-4-6']);
    const table = await cli(['usage', '--user', 'alice', '--profile', 'team'], env, home);
    expect(table.stdout).toMatch(/TOTAL\s+\d+\s+0\s+\d+\s+\d+\s+0\s+0\s+\$0\.000\d+/);
  });
});
