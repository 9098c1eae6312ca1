/**
 * Claude Code (Anthropic Messages client) → Tokligence → an OpenAI chat upstream, with a real Bash
 * tool round trip. Run by `npm run test:e2e` (see test/e2e/run.sh).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../helpers/fake-upstream.js';
import { openaiValidationError, validateOpenAIChatRequest } from '../helpers/validators/openai-chat.js';
import { BIN, type Gateway, claudeCodeEnv, clientUnavailable, describeRun, openaiTextStream, openaiToolCallStream, runClient, startGateway, tempDir } from './harness.js';

const TOOL_CALL_ID = 'call_e2e_bash_1';
const PROMPT = 'run echo hi using bash';

type ChatMessage = { role: string; content?: unknown; tool_call_id?: string; tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }> };
type ChatBody = { model: string; messages: ChatMessage[]; tools?: Array<{ function?: { name?: string } }> };

const text = (content: unknown): string =>
  typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((p: { text?: string }) => p?.text ?? '').join('')
      : '';

/** Main loop: tool call first, then "Done: hi" once the tool result is back; side calls get text. */
function handler(req: RecordedRequest) {
  const body = req.body as ChatBody;
  if (body.messages.some((m) => m.role === 'tool')) return { chunks: openaiTextStream(body.model, 'Done: hi') };
  const lastUser = [...body.messages].reverse().find((m) => m.role === 'user');
  const hasBash = body.tools?.some((t) => t.function?.name === 'Bash');
  if (hasBash && lastUser && text(lastUser.content).includes(PROMPT))
    return { chunks: openaiToolCallStream(body.model, TOOL_CALL_ID, 'Bash', JSON.stringify({ command: 'echo hi', description: 'Print hi' })) };
  return { chunks: openaiTextStream(body.model, 'ok') };
}

const VERSIONS = [
  { name: 'Claude Code 2.1.197 (native binary)', command: BIN.claude2197, args: [] as string[] },
  { name: 'Claude Code 2.0.77 (cli.js on Node)', command: process.execPath, args: [BIN.claude2077] },
];

for (const version of VERSIONS) {
  const unavailable = clientUnavailable(version.command, version.args);
  if (unavailable) console.warn(`[e2e] skipping ${version.name}: ${unavailable}`);

  describe.skipIf(!!unavailable)(`${version.name} → gateway → OpenAI chat upstream`, () => {
    let gw: Gateway;
    let home: ReturnType<typeof tempDir>;
    let work: ReturnType<typeof tempDir>;
    beforeAll(async () => {
      gw = await startGateway({ upstream: 'openai-compatible', handler, validator: (b) => validateOpenAIChatRequest(b), validationError: openaiValidationError });
      home = tempDir('claude-home');
      work = tempDir('claude-work');
    });
    afterAll(async () => {
      await gw?.close();
      home?.cleanup();
      work?.cleanup();
    });

    it('runs `echo hi` through the Bash tool and gets the result back', async () => {
      const run = await runClient(version.command, [...version.args, '-p', PROMPT, '--allowedTools', 'Bash', '--output-format', 'json'], {
        cwd: work.path,
        env: claudeCodeEnv(home.path, gw.url),
      });
      const transcript = describeRun(run, gw.fake);
      console.log(`[e2e] ${version.name}: exit ${run.code} in ${run.ms} ms, ${gw.fake.requests.length} upstream calls`);

      // Every upstream request was a valid Chat Completions request.
      for (const [i, r] of gw.fake.requests.entries()) {
        expect(r.url, transcript).toBe('/v1/chat/completions');
        expect(validateOpenAIChatRequest(r.body), `upstream request #${i}`).toEqual([]);
      }
      expect(run.code, transcript).toBe(0);
      const result = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}');
      expect(result, transcript).toMatchObject({ type: 'result', subtype: 'success', is_error: false });
      expect(result.result).toContain('Done: hi');

      // The call after the tool call carries the tool result under the id we sent.
      const bodies = gw.fake.requests.map((r) => r.body as ChatBody);
      const followUp = bodies.find((b) => b.messages.some((m) => m.role === 'tool'));
      expect(followUp, transcript).toBeDefined();
      const assistant = followUp!.messages.find((m) => m.tool_calls?.length);
      expect(assistant?.tool_calls?.[0]).toMatchObject({ id: TOOL_CALL_ID, function: { name: 'Bash' } });
      expect(JSON.parse(assistant!.tool_calls![0].function.arguments)).toMatchObject({ command: 'echo hi' });
      const toolMsg = followUp!.messages.find((m) => m.role === 'tool');
      expect(toolMsg?.tool_call_id).toBe(TOOL_CALL_ID);
      expect(text(toolMsg?.content)).toContain('hi');
    });
  });
}
