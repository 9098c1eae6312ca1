/**
 * Gemini CLI 0.61.0 (Gemini REST client, `:streamGenerateContent?alt=sse`) → Tokligence → an
 * Anthropic upstream and an OpenAI chat upstream, each with a real shell tool round trip
 * (`run_shell_command`). Run by `npm run test:e2e` (see test/e2e/run.sh).
 *
 * How the CLI is pointed at the gateway (read from its bundle, `createContentGenerator`):
 * `GOOGLE_GEMINI_BASE_URL` is the base URL of the @google/genai client, `GEMINI_API_KEY` goes out
 * as `x-goog-api-key`, and `security.auth.selectedType: "gemini-api-key"` in settings.json picks
 * API-key auth (without it the base URL selects the "gateway" auth type, which 0.61.0's own
 * validation then refuses: "Invalid auth method selected.").
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../helpers/fake-upstream.js';
import { anthropicValidationError, validateAnthropicRequest } from '../helpers/validators/anthropic.js';
import { openaiValidationError, validateOpenAIChatRequest } from '../helpers/validators/openai-chat.js';
import {
  BIN,
  type Gateway,
  anthropicTextStream,
  anthropicToolUseStream,
  clientUnavailable,
  describeRun,
  openaiTextStream,
  openaiToolCallStream,
  runClient,
  startGateway,
  tempDir,
} from './harness.js';

const PROMPT = 'run echo hi-from-gemini-e2e';
const COMMAND = 'echo hi-from-gemini-e2e';
const KEY = 'tk-gemini-e2e-key';

type Block = { type: string; id?: string; name?: string; input?: unknown; tool_use_id?: string; content?: unknown; text?: string };
type AnthropicBody = { model: string; messages: Array<{ role: string; content: string | Block[] }>; tools?: Array<{ name: string }> };
type ChatBody = { model: string; messages: Array<{ role: string; content?: unknown; tool_call_id?: string }>; tools?: Array<{ function?: { name?: string } }> };

const blocks = (m: AnthropicBody['messages'][number]): Block[] => (typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content);
const textOf = (content: unknown): string =>
  typeof content === 'string' ? content : Array.isArray(content) ? content.map((b: { text?: string }) => b?.text ?? '').join('') : '';

/** Tool call first (when the shell tool is offered), "Done: hi" once its result is back; side calls get text. */
function anthropicHandler(req: RecordedRequest) {
  const body = req.body as AnthropicBody;
  if (body.messages.some((m) => blocks(m).some((b) => b.type === 'tool_result'))) return { chunks: anthropicTextStream(body.model, 'Done: hi') };
  if (body.tools?.some((t) => t.name === 'run_shell_command'))
    return { chunks: anthropicToolUseStream(body.model, 'toolu_gemini_e2e_1', 'run_shell_command', { command: COMMAND }) };
  return { chunks: anthropicTextStream(body.model, 'ok') };
}

function chatHandler(req: RecordedRequest) {
  const body = req.body as ChatBody;
  if (body.messages.some((m) => m.role === 'tool')) return { chunks: openaiTextStream(body.model, 'Done: hi') };
  if (body.tools?.some((t) => t.function?.name === 'run_shell_command'))
    return { chunks: openaiToolCallStream(body.model, 'call_gemini_e2e_1', 'run_shell_command', JSON.stringify({ command: COMMAND })) };
  return { chunks: openaiTextStream(body.model, 'ok') };
}

/** Settings: API-key auth against our base URL, no usage statistics or telemetry. */
function writeSettings(home: string) {
  mkdirSync(join(home, '.gemini'), { recursive: true });
  writeFileSync(
    join(home, '.gemini', 'settings.json'),
    JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } }, privacy: { usageStatisticsEnabled: false }, telemetry: { enabled: false } }),
  );
}

const UPSTREAMS = [
  {
    name: 'Anthropic upstream',
    upstream: 'anthropic' as const,
    model: 'claude-sonnet-4-5',
    handler: anthropicHandler,
    validator: (b: unknown) => validateAnthropicRequest(b),
    validationError: anthropicValidationError,
    /** The shell output the CLI sent back, as the upstream saw it. */
    toolOutput: (bodies: unknown[]) => {
      for (const b of bodies as AnthropicBody[])
        for (const m of b.messages) for (const x of blocks(m)) if (x.type === 'tool_result' && x.tool_use_id === 'toolu_gemini_e2e_1') return textOf(x.content);
      return undefined;
    },
  },
  {
    name: 'OpenAI chat upstream',
    upstream: 'openai-compatible' as const,
    model: 'gpt-5',
    handler: chatHandler,
    validator: (b: unknown) => validateOpenAIChatRequest(b),
    validationError: openaiValidationError,
    toolOutput: (bodies: unknown[]) => {
      for (const b of bodies as ChatBody[]) for (const m of b.messages) if (m.role === 'tool' && m.tool_call_id === 'call_gemini_e2e_1') return textOf(m.content);
      return undefined;
    },
  },
];

const unavailable = clientUnavailable(process.execPath, [BIN.gemini]);
if (unavailable) console.warn(`[e2e] skipping Gemini CLI 0.61.0: ${unavailable}`);

for (const up of UPSTREAMS) {
  describe.skipIf(!!unavailable)(`Gemini CLI 0.61.0 → gateway → ${up.name}`, () => {
    let gw: Gateway;
    const dirs: Array<{ cleanup(): void }> = [];
    beforeAll(async () => {
      gw = await startGateway({ upstream: up.upstream, handler: up.handler, validator: up.validator, validationError: up.validationError, clientKey: KEY });
    });
    afterAll(async () => {
      await gw?.close();
      for (const d of dirs) d.cleanup();
    });

    it(`runs \`${COMMAND}\` through run_shell_command on ${up.model} and gets the output back`, async () => {
      const home = tempDir('gemini-home');
      const work = tempDir('gemini-work');
      dirs.push(home, work);
      writeSettings(home.path);
      const run = await runClient(process.execPath, [BIN.gemini, '-p', PROMPT, '--yolo', '--skip-trust', '-m', up.model, '-o', 'json'], {
        cwd: work.path,
        env: { HOME: home.path, GOOGLE_GEMINI_BASE_URL: gw.url, GEMINI_API_KEY: KEY, SHELL: '/bin/bash' },
      });
      const transcript = describeRun(run, gw.fake);
      console.log(`[e2e] Gemini CLI ${up.model}: exit ${run.code} in ${run.ms} ms, ${gw.fake.requests.length} upstream calls`);
      expect(run.code, transcript).toBe(0);
      const result = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as {
        response: string;
        stats: { tools: { byName: Record<string, { success: number; fail: number }> } };
      };
      expect(result.response, transcript).toBe('Done: hi');
      expect(result.stats.tools.byName.run_shell_command, transcript).toMatchObject({ success: 1, fail: 0 });
      // Every call came in as Gemini and went out translated; the shell really ran.
      expect(gw.inbound.length, transcript).toBeGreaterThanOrEqual(2);
      expect(gw.inbound.every((c) => c.dialect === 'gemini')).toBe(true);
      expect(gw.fake.requests.every((r) => r.url.startsWith(up.upstream === 'anthropic' ? '/v1/messages' : '/v1/chat/completions'))).toBe(true);
      expect(up.toolOutput(gw.fake.requests.map((r) => r.body)), transcript).toContain('hi-from-gemini-e2e');
    });
  });
}
