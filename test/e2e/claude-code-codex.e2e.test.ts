/**
 * Claude Code → Tokligence → a Responses-only model (`gpt-5.1-codex` on an `openai` provider; the
 * fake refuses /chat/completions as OpenAI does for the codex family), with a real Bash tool round
 * trip: the gateway translates Anthropic Messages to the Responses API and back (issue 21 item 4).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../helpers/fake-upstream.js';
import { responsesOnly } from '../helpers/responses-upstream.js';
import { responsesValidationError, validateResponsesRequest } from '../helpers/validators/responses.js';
import { BIN, type Gateway, claudeCodeEnv, clientUnavailable, describeRun, runClient, startGateway, tempDir } from './harness.js';

const PROMPT = 'run echo hi using bash';

type Item = { type?: string; role?: string; content?: unknown; call_id?: string; name?: string; arguments?: string; output?: unknown };
type ResponsesBody = { model: string; input: Item[] | string; tools?: Array<{ type?: string; name?: string }> };

const text = (content: unknown): string =>
  typeof content === 'string' ? content : Array.isArray(content) ? content.map((p: { text?: string }) => p?.text ?? '').join('') : '';
const items = (body: ResponsesBody): Item[] => (typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : body.input);

/** Bash call first, "Done: hi" once its output is back; side calls (titles, …) get text. */
function script(req: RecordedRequest) {
  const body = req.body as ResponsesBody;
  if (items(body).some((i) => i.type === 'function_call_output')) return { text: 'Done: hi' };
  const lastUser = [...items(body)].reverse().find((i) => i.role === 'user');
  const hasBash = body.tools?.some((t) => t.name === 'Bash');
  if (hasBash && lastUser && text(lastUser.content).includes(PROMPT))
    return { call: { name: 'Bash', arguments: JSON.stringify({ command: 'echo hi', description: 'Print hi' }) } };
  return { text: 'ok' };
}

const version = { name: 'Claude Code 2.1.197 (native binary)', command: BIN.claude2197, args: [] as string[] };
const unavailable = clientUnavailable(version.command, version.args);
if (unavailable) console.warn(`[e2e] skipping ${version.name}: ${unavailable}`);

describe.skipIf(!!unavailable)(`${version.name} → gateway → a Responses-only *-codex model`, () => {
  let gw: Gateway;
  let home: ReturnType<typeof tempDir>;
  let work: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    gw = await startGateway({
      upstream: 'openai',
      handler: responsesOnly(script),
      validator: (b, req) => (req.url.endsWith('/responses') ? validateResponsesRequest(b) : []),
      validationError: responsesValidationError,
      // Every model Claude Code asks for (main loop and side calls) goes to the codex model.
      models: { 'claude-*': 'fake/gpt-5.1-codex', 'gpt-*': 'fake/gpt-5.1-codex', '*': 'fake/gpt-5.1-codex' },
    });
    home = tempDir('claude-home');
    work = tempDir('claude-work');
  });
  afterAll(async () => {
    await gw?.close();
    home?.cleanup();
    work?.cleanup();
  });

  it('runs `echo hi` through the Bash tool on gpt-5.1-codex', async () => {
    const run = await runClient(version.command, [...version.args, '-p', PROMPT, '--allowedTools', 'Bash', '--output-format', 'json'], {
      cwd: work.path,
      env: claudeCodeEnv(home.path, gw.url),
    });
    const transcript = describeRun(run, gw.fake);
    console.log(`[e2e] ${version.name} on codex: exit ${run.code} in ${run.ms} ms, ${gw.fake.requests.length} upstream calls`);

    // Every upstream request went to /responses, for the codex model, valid as the API would check.
    for (const [i, r] of gw.fake.requests.entries()) {
      expect(r.url, transcript).toBe('/v1/responses');
      expect((r.body as ResponsesBody).model).toBe('gpt-5.1-codex');
      expect(validateResponsesRequest(r.body), `upstream request #${i}`).toEqual([]);
    }
    expect(run.code, transcript).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}');
    expect(result, transcript).toMatchObject({ type: 'result', subtype: 'success', is_error: false });
    expect(result.result).toContain('Done: hi');

    // The follow-up carries the call and its output under the call id the model gave.
    const followUp = gw.fake.requests.map((r) => r.body as ResponsesBody).find((b) => items(b).some((i) => i.type === 'function_call_output'));
    expect(followUp, transcript).toBeDefined();
    const call = items(followUp!).find((i) => i.type === 'function_call');
    expect(call).toMatchObject({ call_id: 'call_up1', name: 'Bash' });
    expect(JSON.parse(call!.arguments!)).toMatchObject({ command: 'echo hi' });
    const output = items(followUp!).find((i) => i.type === 'function_call_output');
    expect(output?.call_id).toBe('call_up1');
    expect(text(output?.output)).toContain('hi');
  });
});
