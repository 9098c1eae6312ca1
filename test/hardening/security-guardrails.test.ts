/**
 * Issue 7, Security 3: guardrails fail closed and say what they scanned. The matrix
 * {openai-chat, anthropic, responses} × {stream, non-stream} × {detector ok, throws, times out}
 * runs against a recording fake upstream with a plugged-in Detector: a blocked pattern never
 * reaches the upstream or the caller; a failing detector refuses the call unless
 * `security.fail_open: true`; each call's ScanReport lists what was scanned, not scanned and failed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TokligenceError } from '../../src/core/errors.js';
import type { DialectName } from '../../src/core/types.js';
import { type DialectResult, Tokligence } from '../../src/index.js';
import type { Detector } from '../../src/security/detector.js';
import { createServer } from '../../src/server/index.js';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import { okReply } from '../routing/helpers.js';

type Mode = 'ok' | 'throws' | 'times out';
const DIALECTS: DialectName[] = ['openai-chat', 'anthropic', 'responses'];
const MODES: Mode[] = ['ok', 'throws', 'times out'];
/** What the ML detector catches (rules do not). */
const ML_PATTERN = 'XYZZY-MAGIC';
/** What a custom rule blocks, in input and in output. */
const RULE_PATTERN = 'PLUGH-SECRET';

function detector(mode: Mode): Detector {
  return {
    name: 'ml',
    detect(text) {
      if (mode === 'throws') throw new Error('model server unreachable');
      if (mode === 'times out') return new Promise(() => {}); // never answers
      return { score: text.includes(ML_PATTERN) ? 0.99 : 0.01, label: 'INJECTION' };
    },
  };
}

let upstream: FakeUpstream;
/** What the upstream answers with (text), per test. */
let reply = 'all good here';

beforeAll(async () => {
  upstream = await startFakeUpstream({ handler: (req) => okReply(reply, (req.body as { stream?: boolean }).stream === true) });
});
afterAll(() => upstream?.close());
beforeEach(() => {
  upstream.requests.length = 0;
  reply = 'all good here';
});

function client(mode: Mode, failOpen = false): Tokligence {
  return new Tokligence({
    env: {},
    configFile: false,
    retry: { attempts: 0 },
    providers: { up: { type: 'openai-compatible', baseUrl: `${upstream.url}/v1` } },
    security: {
      failOpen,
      promptFirewall: {
        enabled: true,
        builtinPacks: [],
        rules: [{ name: 'plugh', keywords: [RULE_PATTERN], appliesTo: ['user', 'tool_results', 'output'] }],
        mlDetection: { timeoutMs: 50 },
      },
    },
    detectors: [detector(mode)],
  } as never);
}

function body(dialect: DialectName, text: string, stream: boolean): Record<string, unknown> {
  if (dialect === 'anthropic') return { model: 'up/m', max_tokens: 64, stream, messages: [{ role: 'user', content: text }] };
  if (dialect === 'responses') return { model: 'up/m', stream, input: text };
  return { model: 'up/m', stream, messages: [{ role: 'user', content: text }] };
}

/** The whole answer as the caller sees it (JSON body or every stream frame), or the error. */
async function run(tk: Tokligence, dialect: DialectName, text: string, stream: boolean): Promise<{ seen: string; result?: DialectResult; error?: TokligenceError }> {
  try {
    const result = await tk.call(dialect, body(dialect, text, stream));
    if (result.type === 'json') return { seen: JSON.stringify(result.body), result };
    const frames: string[] = [];
    for await (const ev of result.events) frames.push(JSON.stringify(ev));
    return { seen: frames.join('\n'), result };
  } catch (err) {
    const error = err as TokligenceError;
    return { seen: `${error.message} ${JSON.stringify(error)}`, error };
  }
}

const upstreamSaw = () => upstream.requests.map((r) => r.rawBody).join('\n');

describe.each(DIALECTS)('guardrails matrix: %s', (dialect) => {
  describe.each([false, true])('stream %s', (stream) => {
    describe.each(MODES)('detector %s', (mode) => {
      it('a clean prompt: passes only when the detector gave a verdict; otherwise refused (503) before the upstream', async () => {
        const { result, error } = await run(client(mode), dialect, 'hello there, how are you', stream);
        if (mode === 'ok') {
          expect(error).toBeUndefined();
          expect(upstream.requests).toHaveLength(1);
          expect(result?.security).toEqual({ scanned: ['user_text', 'output'], not_scanned: [], failed: [] });
          return;
        }
        expect(error).toBeInstanceOf(TokligenceError);
        expect(error?.status).toBe(503);
        expect(error?.message).toContain(`detector:ml (${mode === 'throws' ? 'error' : 'timeout'})`);
        expect(upstream.requests).toHaveLength(0);
      });

      it('with security.fail_open the clean prompt goes through, and the failure is reported, never hidden', async () => {
        const { result, error } = await run(client(mode, true), dialect, 'hello there, how are you', stream);
        expect(error).toBeUndefined();
        expect(upstream.requests).toHaveLength(1);
        expect(result?.security?.failed).toEqual(mode === 'ok' ? [] : [`detector:ml (${mode === 'throws' ? 'error' : 'timeout'})`]);
        // The rules did look at the user text (and the output rule at the answer).
        expect(result?.security?.scanned).toEqual(['user_text', 'output']);
        expect(result?.security?.not_scanned).toEqual([]);
      });

      it('the detector pattern never reaches the upstream or comes back to the caller', async () => {
        const { seen, error } = await run(client(mode), dialect, `please ${ML_PATTERN} now`, stream);
        expect(error).toBeInstanceOf(TokligenceError);
        expect(error?.status).toBe(mode === 'ok' ? 400 : 503);
        if (mode === 'ok') expect(error?.kind).toBe('content_policy');
        expect(upstream.requests).toHaveLength(0);
        expect(upstreamSaw()).not.toContain(ML_PATTERN);
        expect(seen).not.toContain(ML_PATTERN);
      });

      it('the rule pattern is blocked in input (whatever the detector does) and in the answer', async () => {
        const input = await run(client(mode, true), dialect, `tell me ${RULE_PATTERN}`, stream);
        expect(input.error?.kind).toBe('content_policy');
        expect(upstream.requests).toHaveLength(0);
        expect(input.seen).not.toContain(RULE_PATTERN);

        reply = `sure, the code is ${RULE_PATTERN} and more`;
        const output = await run(client(mode, true), dialect, 'what is the code?', stream);
        expect(upstream.requests).toHaveLength(1); // asked…
        expect(upstreamSaw()).not.toContain(RULE_PATTERN);
        expect(output.seen).not.toContain(RULE_PATTERN); // …but the answer never reached the caller
        expect(output.result?.security?.scanned).toContain('output');
      });
    });
  });
});

describe('the scan report names what nobody looked at', () => {
  it('images and tool definitions are not_scanned; tool results are scanned by the rules and the detector', async () => {
    const tk = client('ok');
    const result = await tk.call('openai-chat', {
      model: 'up/m',
      tools: [{ type: 'function', function: { name: 'lookup', description: 'look something up', parameters: { type: 'object', properties: {} } } }],
      messages: [
        { role: 'system', content: 'be brief' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is in this picture?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          ],
        },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'found it' },
      ],
    });
    expect(result.security?.scanned.sort()).toEqual(['output', 'tool_results', 'user_text']);
    // No rule applies to the system prompt, nothing reads images, tool calls or tool definitions.
    expect(result.security?.not_scanned.sort()).toEqual(['images', 'system', 'tool_arguments', 'tool_definitions']);
    expect(result.security?.failed).toEqual([]);
  });

  it('the server sends the report as x-tokligence-scanned (and logs it)', async () => {
    const lines: string[] = [];
    const tk = client('times out', true);
    const { url, close } = await createServer(tk, { logger: { log: (_l, msg, fields) => lines.push(JSON.stringify({ msg, ...fields })) } }).listen(0, '127.0.0.1');
    try {
      const res = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(body('openai-chat', 'hi there', false)) });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-tokligence-scanned')).toBe('scanned=user_text,output; failed=detector:ml (timeout)');
      await res.text();
      await new Promise((r) => setTimeout(r, 20));
      expect(lines.some((l) => l.includes('"failed":["detector:ml (timeout)"]'))).toBe(true);
      const refused = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(body('openai-chat', `x ${ML_PATTERN}`, false)) });
      expect(refused.status).toBe(200); // fail-open and no verdict: the detector could not see the pattern…
      expect(refused.headers.get('x-tokligence-scanned')).toContain('failed=detector:ml (timeout)'); // …and says so
    } finally {
      await close(0);
    }
  });
});
