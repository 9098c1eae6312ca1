/**
 * Codex CLI 0.169.0 (OpenAI Responses client) → Tokligence → an Anthropic Messages upstream: a
 * function tool round trip (exec_command) and a custom tool round trip (apply_patch writes a file).
 * Run by `npm run test:e2e` (see test/e2e/run.sh).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../helpers/fake-upstream.js';
import { anthropicValidationError, validateAnthropicRequest } from '../helpers/validators/anthropic.js';
import {
  BIN,
  type Gateway,
  anthropicTextStream,
  anthropicToolUseStream,
  clientUnavailable,
  describeRun,
  runClient,
  startGateway,
  tempDir,
} from './harness.js';

const EXEC_ID = 'toolu_e2e_exec_1';
const PATCH_ID = 'toolu_e2e_patch_1';
const PATCH = '*** Begin Patch\n*** Add File: hello.txt\n+hi from e2e\n*** End Patch\n';
const EXEC_PROMPT = 'run echo hi';
const PATCH_PROMPT = 'create hello.txt saying hi from e2e';

type Block = { type: string; id?: string; name?: string; input?: unknown; tool_use_id?: string; content?: unknown; text?: string };
type Msg = { role: string; content: string | Block[] };
type MessagesBody = { model: string; messages: Msg[]; tools?: Array<{ name: string; input_schema?: unknown }>; thinking?: { type: string } };
const THINKING = { text: 'The user wants hello.txt; apply_patch adds it.', signature: 'c2lnbmF0dXJlLWUyZS0x' };
const thinkingOn = (body: MessagesBody) => body.thinking?.type === 'enabled' || body.thinking?.type === 'adaptive';

const blocks = (m: Msg): Block[] => (typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content);
const textOf = (content: unknown): string =>
  typeof content === 'string' ? content : Array.isArray(content) ? content.map((b: Block) => (b.type === 'text' ? (b.text ?? '') : '')).join('') : '';
const userText = (body: MessagesBody) =>
  body.messages
    .filter((m) => m.role === 'user')
    .flatMap(blocks)
    .map((b) => textOf([b]))
    .join('\n');

/** First call: the scripted tool_use; the call carrying its tool_result: a closing text. */
function handler(req: RecordedRequest) {
  const body = req.body as MessagesBody;
  const hasResult = body.messages.some((m) => blocks(m).some((b) => b.type === 'tool_result'));
  if (hasResult) return { chunks: anthropicTextStream(body.model, 'Done: hi') };
  const tools = new Set(body.tools?.map((t) => t.name));
  const said = userText(body);
  // Like the real API: with thinking on, the answer starts with a signed thinking block.
  const thinking = thinkingOn(body) ? THINKING : undefined;
  if (said.includes(PATCH_PROMPT) && tools.has('apply_patch'))
    return { chunks: anthropicToolUseStream(body.model, PATCH_ID, 'apply_patch', { input: PATCH }, thinking) };
  if (said.includes(EXEC_PROMPT) && tools.has('exec_command'))
    return { chunks: anthropicToolUseStream(body.model, EXEC_ID, 'exec_command', { cmd: 'echo hi' }, thinking) };
  return { chunks: anthropicTextStream(body.model, 'ok') };
}

/**
 * A rule of the real Messages API the shared validator does not check: with thinking on, the last
 * assistant turn (the one whose tool_use the trailing tool_result answers) must start with a
 * thinking or redacted_thinking block, else 400 "Expected `thinking` or `redacted_thinking`, but found `tool_use`".
 */
function thinkingReplayProblems(raw: unknown): string[] {
  const body = raw as MessagesBody;
  if (!thinkingOn(body)) return [];
  const i = body.messages.findLastIndex((m) => m.role === 'assistant');
  if (i < 0 || !blocks(body.messages[i]).some((b) => b.type === 'tool_use')) return [];
  const first = blocks(body.messages[i])[0]?.type;
  return first === 'thinking' || first === 'redacted_thinking'
    ? []
    : [`messages.${i}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${first}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block`];
}
const validate = (body: unknown) => [...validateAnthropicRequest(body), ...thinkingReplayProblems(body)];

/** Codex config: our gateway as a Responses provider, nothing that phones home. */
function writeConfig(codexHome: string, gatewayUrl: string, model: string) {
  writeFileSync(
    join(codexHome, 'config.toml'),
    [
      `model = "${model}"`,
      'model_provider = "tokligence"',
      'check_for_update_on_startup = false',
      'approval_policy = "never"',
      '',
      '[analytics]',
      'enabled = false',
      '',
      '[model_providers.tokligence]',
      'name = "tokligence"',
      `base_url = "${gatewayUrl}/v1"`,
      'wire_api = "responses"',
      'env_key = "TK_KEY"',
      'request_max_retries = 0',
      'stream_max_retries = 0',
      '',
    ].join('\n'),
  );
}

const unavailable = clientUnavailable(process.execPath, [BIN.codex]);
if (unavailable) console.warn(`[e2e] skipping Codex 0.169.0: ${unavailable}`);

describe.skipIf(!!unavailable)('Codex 0.169.0 → gateway → Anthropic upstream', () => {
  let gw: Gateway;
  const dirs: Array<{ cleanup(): void }> = [];
  beforeAll(async () => {
    gw = await startGateway({ upstream: 'anthropic', handler, validator: validate, validationError: anthropicValidationError });
  });
  afterAll(async () => {
    await gw?.close();
    for (const d of dirs) d.cleanup();
  });

  async function runCodex(model: string, prompt: string) {
    const home = tempDir('codex-home');
    const work = tempDir('codex-work');
    dirs.push(home, work);
    writeConfig(home.path, gw.url, model);
    gw.fake.requests.length = 0;
    const run = await runClient(
      process.execPath,
      [BIN.codex, 'exec', '--disable', 'plugins', '--skip-git-repo-check', '--dangerously-bypass-approvals-and-sandbox', '-C', work.path, prompt],
      { cwd: work.path, env: { HOME: home.path, CODEX_HOME: home.path, TK_KEY: 'tk-fake-key', SHELL: '/bin/bash' } },
    );
    const transcript = describeRun(run, gw.fake);
    console.log(`[e2e] Codex ${model} "${prompt}": exit ${run.code} in ${run.ms} ms, ${gw.fake.requests.length} upstream calls`);
    for (const [i, r] of gw.fake.requests.entries()) {
      expect(r.url.split('?')[0], transcript).toBe('/v1/messages');
      expect(validate(r.body), `upstream request #${i}\n${transcript}`).toEqual([]);
    }
    return { run, transcript, work: work.path, bodies: gw.fake.requests.map((r) => r.body as MessagesBody) };
  }

  /** The request that answered `id`: an assistant tool_use followed by a user tool_result for it. */
  function expectRoundTrip(bodies: MessagesBody[], id: string, name: string, input: object, transcript: string) {
    const followUp = bodies.find((b) => b.messages.some((m) => blocks(m).some((x) => x.type === 'tool_result' && x.tool_use_id === id)));
    expect(followUp, transcript).toBeDefined();
    const msgs = followUp!.messages;
    const ai = msgs.findIndex((m) => m.role === 'assistant' && blocks(m).some((b) => b.type === 'tool_use' && b.id === id));
    expect(ai, transcript).toBeGreaterThanOrEqual(0);
    expect(blocks(msgs[ai]).find((b) => b.type === 'tool_use')).toMatchObject({ id, name, input });
    expect(msgs[ai + 1]?.role).toBe('user');
    const result = blocks(msgs[ai + 1]).find((b) => b.type === 'tool_result');
    expect(result?.tool_use_id).toBe(id);
    return textOf(result?.content);
  }

  it('exec_command round trip: runs `echo hi` and sends the output back as a tool_result', async () => {
    const { run, transcript, bodies } = await runCodex('claude-sonnet-4-5', EXEC_PROMPT);
    expect(run.code, transcript).toBe(0);
    const output = expectRoundTrip(bodies, EXEC_ID, 'exec_command', { cmd: 'echo hi' }, transcript);
    expect(output).toContain('hi');
    expect(run.stdout).toContain('Done: hi');
  });

  it('apply_patch (custom tool) round trip with gpt-5.5: writes hello.txt and reports success', async () => {
    const { run, transcript, bodies, work } = await runCodex('gpt-5.5', PATCH_PROMPT);
    expect(run.code, transcript).toBe(0);
    // Codex sent apply_patch as a custom (freeform) tool; the gateway wraps it as a function taking `input`.
    const tool = bodies[0]?.tools?.find((t) => t.name === 'apply_patch');
    expect(tool?.input_schema, transcript).toMatchObject({ type: 'object', properties: { input: { type: 'string' } } });
    const output = expectRoundTrip(bodies, PATCH_ID, 'apply_patch', { input: PATCH }, transcript);
    expect(output).toMatch(/hello\.txt/);
    expect(existsSync(join(work, 'hello.txt'))).toBe(true);
    expect(readFileSync(join(work, 'hello.txt'), 'utf8')).toBe('hi from e2e\n');
    // gpt-5.5 asks for reasoning, so thinking was on. The follow-up must either carry our signed
    // thinking block first, byte for byte (the reasoning survived the Responses round trip), or have
    // thinking switched off (the API's own way out); anything else is a 400 from the real API.
    const followUp = bodies.find((b) => b.messages.some((m) => blocks(m).some((x) => x.type === 'tool_result')));
    if (followUp && thinkingOn(followUp)) {
      const assistant = followUp.messages.findLast((m) => m.role === 'assistant');
      expect(assistant && blocks(assistant)[0], transcript).toMatchObject({ type: 'thinking', thinking: THINKING.text, signature: THINKING.signature });
    }
  });
});
