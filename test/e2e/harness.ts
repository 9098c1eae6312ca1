/**
 * End-to-end harness: a fake upstream speaking the target dialect, a real Tokligence server in
 * front of it, and a real coding-agent client spawned against the server with a throwaway HOME.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tokligence } from '../../src/index.js';
import { createServer } from '../../src/server/index.js';
import { type FakeHandler, type FakeUpstream, type WireValidator, sseFrames, startFakeUpstream } from '../helpers/fake-upstream.js';

export const E2E_DIR = dirname(fileURLToPath(import.meta.url));
export const BIN = {
  /** Claude Code 2.1.197: native (Bun) binary from the platform optional dependency. */
  claude2197: join(E2E_DIR, 'node_modules/@anthropic-ai/claude-code/bin/claude.exe'),
  /** Claude Code 2.0.77 (npm alias): pure-JS cli.js run with this Node. */
  claude2077: join(E2E_DIR, 'node_modules/claude-code-2077/cli.js'),
  /** Codex 0.169.0: the JS launcher picks the musl binary of the platform package. */
  codex: join(E2E_DIR, 'node_modules/@openai/codex/bin/codex.js'),
  /** Gemini CLI 0.61.0 (the newest whose engines allow Node 20): one esbuild bundle run with this Node. */
  gemini: join(E2E_DIR, 'node_modules/@google/gemini-cli/bundle/gemini.js'),
};

/** Kill a client that has not finished after this long. */
export const CLIENT_TIMEOUT_MS = 120_000;

export interface Gateway {
  url: string;
  fake: FakeUpstream;
  /** What the client sent the gateway (dialect, body as received), in order. */
  inbound: Array<{ dialect: string; body: unknown }>;
  close(): Promise<void>;
}

/**
 * Start a fake upstream of the given type and a Tokligence server that routes every model name
 * (`*` alias, name passed through) to it.
 */
export async function startGateway(options: {
  upstream: 'openai-compatible' | 'anthropic' | 'openai';
  handler: FakeHandler;
  /** Model routes instead of "everything to the fake under its own name". */
  models?: Record<string, string>;
  validator?: WireValidator;
  validationError?: (problems: string[]) => unknown;
  /** Require this client key (gateway auth on), so the client's own way of sending it is tested. */
  clientKey?: string;
}): Promise<Gateway> {
  const fake = await startFakeUpstream({ handler: options.handler, validator: options.validator, validationError: options.validationError });
  const baseUrl = options.upstream === 'anthropic' ? fake.url : `${fake.url}/v1`;
  const inbound: Gateway['inbound'] = [];
  const tk = new Tokligence({
    env: {},
    // No gateway retries: a scripted 429 must reach the client at once (the clients retry themselves).
    retry: { attempts: 0 },
    ...(options.clientKey ? { gateway: { auth: { enabled: true, keys: [{ name: 'e2e', key: options.clientKey }] } } } : {}),
    middleware: [
      (ctx, next) => {
        inbound.push({ dialect: ctx.dialect ?? 'canonical', body: ctx.rawBody });
        return next();
      },
    ],
    providers: { fake: { type: options.upstream, baseUrl, apiKey: 'sk-upstream-fake' } },
    // The default profile maps claude-* / gpt-* to the real providers; these override it.
    models: options.models ?? { 'claude-*': 'fake/*', 'gpt-*': 'fake/*', '*': 'fake/*' },
  });
  const server = await createServer(tk, { logLevel: 'silent' }).listen(0, '127.0.0.1');
  return {
    url: server.url,
    fake,
    inbound,
    close: async () => {
      await server.close(0);
      await fake.close();
      // TK_E2E_DUMP=<dir> keeps what the upstream received, for debugging a client/gateway mismatch.
      const dump = process.env.TK_E2E_DUMP;
      if (dump) {
        mkdirSync(dump, { recursive: true });
        writeFileSync(join(dump, `${options.upstream}-${Date.now()}.json`), JSON.stringify({ inbound, upstream: fake.requests }, null, 2));
      }
    },
  };
}

export interface ClientRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

/** Spawn a client with no stdin and a hard timeout; never rejects. */
export function runClient(
  command: string,
  args: string[],
  options: { env: Record<string, string>; cwd: string; timeoutMs?: number },
): Promise<ClientRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      // Only what the client needs: no inherited keys, proxies or config from the CI box.
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', TERM: 'dumb', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      // The whole process group: clients spawn shells and helpers of their own.
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs ?? CLIENT_TIMEOUT_MS);
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Math.round(performance.now() - started), timedOut });
    };
    child.on('error', (err) => {
      stderr += `\nspawn error: ${err.message}`;
      finish(null, null);
    });
    child.on('close', finish);
  });
}

/**
 * Why a client cannot run here (missing install, binary that does not start), or undefined when
 * `<bin> --version` works. Tests skip with this reason instead of failing CI.
 */
export function clientUnavailable(command: string, args: string[] = []): string | undefined {
  const path = args.length ? args[args.length - 1] : command;
  if (!existsSync(path)) return `${path} is missing: run \`npm ci --prefix test/e2e\``;
  const home = tempDir('version-home');
  const r = spawnSync(command, [...args, '--version'], { encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH ?? '', HOME: home.path } });
  home.cleanup();
  if (r.error) return `\`${[command, ...args, '--version'].join(' ')}\` failed: ${r.error.message}`;
  if (r.status !== 0) return `\`${[command, ...args, '--version'].join(' ')}\` exited ${r.status}: ${(r.stderr || r.stdout).trim().slice(0, 500)}`;
  return undefined;
}

/** A fresh temp directory, removed by the returned cleanup. */
/** Claude Code's environment for a run against the gateway: no update checks, telemetry or bug reports. */
export function claudeCodeEnv(home: string, gatewayUrl: string): Record<string, string> {
  return {
    HOME: home,
    ANTHROPIC_BASE_URL: gatewayUrl,
    ANTHROPIC_API_KEY: 'sk-ant-fake',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_ERROR_REPORTING: '1',
    DISABLE_BUG_COMMAND: '1',
    CLAUDE_CODE_DISABLE_TERMINAL_TITLE: '1',
    SHELL: '/bin/bash',
  };
}

export function tempDir(prefix: string): { path: string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), `tk-e2e-${prefix}-`));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** A short transcript of a client run and the upstream traffic, printed when an assertion fails. */
export function describeRun(run: ClientRun, fake: FakeUpstream): string {
  const reqs = fake.requests.map((r, i) => `#${i} ${r.method} ${r.url} ${r.rawBody.length}B`).join('\n');
  return `exit=${run.code} signal=${run.signal} timedOut=${run.timedOut} ms=${run.ms}\n--- stdout\n${run.stdout.slice(-4000)}\n--- stderr\n${run.stderr.slice(-4000)}\n--- upstream requests\n${reqs}`;
}

// ---------------------------------------------------------------------------------------------
// Scripted upstream answers.

/** Split a string into `n` roughly equal pieces (tool arguments arrive in fragments in real life). */
export function splitInto(text: string, n: number): string[] {
  const size = Math.ceil(text.length / n);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const usage = { prompt_tokens: 120, completion_tokens: 12, total_tokens: 132 };

/** OpenAI chat SSE: one streamed tool call, finish_reason tool_calls, a usage chunk, [DONE]. */
export function openaiToolCallStream(model: string, id: string, name: string, args: string): string[] {
  const base = { id: 'chatcmpl-e2e-1', object: 'chat.completion.chunk', created: 1_700_000_000, model };
  const chunk = (delta: object, finish: string | null = null) => ({ ...base, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
  const pieces = splitInto(args, 4);
  return sseFrames([
    { data: chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id, type: 'function', function: { name, arguments: '' } }] }) },
    ...pieces.map((p) => ({ data: chunk({ tool_calls: [{ index: 0, function: { arguments: p } }] }) })),
    { data: chunk({}, 'tool_calls') },
    { data: { ...base, choices: [], usage } },
    { data: '[DONE]' },
  ]);
}

/** OpenAI chat SSE: streamed text, finish_reason stop, a usage chunk, [DONE]. */
export function openaiTextStream(model: string, text: string): string[] {
  const base = { id: 'chatcmpl-e2e-2', object: 'chat.completion.chunk', created: 1_700_000_000, model };
  const chunk = (delta: object, finish: string | null = null) => ({ ...base, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] });
  return sseFrames([
    { data: chunk({ role: 'assistant', content: '' }) },
    ...splitInto(text, 3).map((t) => ({ data: chunk({ content: t }) })),
    { data: chunk({}, 'stop') },
    { data: { ...base, choices: [], usage } },
    { data: '[DONE]' },
  ]);
}

const anthropicUsage = { input_tokens: 120, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

function anthropicStart(model: string, id: string) {
  return {
    event: 'message_start',
    data: {
      type: 'message_start',
      message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: anthropicUsage },
    },
  };
}

/**
 * Anthropic SSE: one `tool_use` block whose input arrives as several input_json_delta fragments,
 * optionally preceded by a signed `thinking` block (what the real API sends when thinking is on).
 */
export function anthropicToolUseStream(model: string, id: string, name: string, input: object, thinking?: { text: string; signature: string }): string[] {
  const json = JSON.stringify(input);
  const at = thinking ? 1 : 0;
  const delta = (index: number, d: object) => ({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: d } });
  const thinkingBlock = thinking
    ? [
        { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } } },
        ...splitInto(thinking.text, 2).map((t) => delta(0, { type: 'thinking_delta', thinking: t })),
        delta(0, { type: 'signature_delta', signature: thinking.signature }),
        { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
      ]
    : [];
  return sseFrames([
    anthropicStart(model, 'msg_e2e_1'),
    { event: 'ping', data: { type: 'ping' } },
    ...thinkingBlock,
    { event: 'content_block_start', data: { type: 'content_block_start', index: at, content_block: { type: 'tool_use', id, name, input: {} } } },
    ...['', ...splitInto(json, 4)].map((partial_json) => delta(at, { type: 'input_json_delta', partial_json })),
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: at } },
    { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 20 } } },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ]);
}

/** Anthropic SSE: one streamed text block, stop_reason end_turn. */
export function anthropicTextStream(model: string, text: string): string[] {
  return sseFrames([
    anthropicStart(model, 'msg_e2e_2'),
    { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
    ...splitInto(text, 3).map((t) => ({ event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: t } } })),
    { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
    { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 5 } } },
    { event: 'message_stop', data: { type: 'message_stop' } },
  ]);
}
