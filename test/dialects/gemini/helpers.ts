import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatRequest, ToolDefinition } from '../../../src/core/types.js';
import { codecFor } from '../../../src/dialects/index.js';
import { type Capture, captureDialect, loadCaptures } from '../../helpers/client-captures.js';
import { type FakeUpstream, startFakeUpstream } from '../../helpers/fake-upstream.js';
import { geminiValidationError, validateGeminiRequest } from '../../helpers/validators/gemini.js';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/gemini');

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export function fixtureJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

/** SSE chunks of a `.chunks.txt` fixture, one per blank-line-separated block. */
export function fixtureChunks(name: string): string[] {
  return fixtureText(name)
    .split(/\n\n/)
    .filter((b) => b.trim() !== '')
    .map((b) => `${b}\n\n`);
}

/** A fake Gemini upstream that validates bodies like the real API. */
export function startFakeGemini(): Promise<FakeUpstream> {
  return startFakeUpstream({ validator: validateGeminiRequest, validationError: geminiValidationError });
}

/** POST an encoded body the way the google provider does. */
export function postGemini(fake: FakeUpstream, model: string, body: unknown, stream = false): Promise<Response> {
  const path = stream ? `/v1beta/models/${model}:streamGenerateContent?alt=sse` : `/v1beta/models/${model}:generateContent`;
  return fetch(fake.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'test-key' },
    body: JSON.stringify(body),
  });
}

/** The tool list of a captured client request as canonical tools, decoded by its own dialect's codec. */
export function captureTools(capture: Capture): ToolDefinition[] {
  return codecFor(captureDialect(capture)).decodeRequest(capture.body).tools ?? [];
}

export function capturesWithTools(): Capture[] {
  return loadCaptures().filter((c) => Array.isArray(c.body.tools) && (c.body.tools as unknown[]).length > 0);
}

/** A canonical request shaped like Claude Code's tool round trip (text, thinking, tool_use, tool_result). */
export function claudeCodeLikeRequest(tools: ToolDefinition[]): ChatRequest {
  return {
    model: 'gemini-3-pro-preview',
    system: [
      { type: 'text', text: "You are Claude Code, Anthropic's official CLI for Claude.", cacheControl: { type: 'ephemeral' } },
      { type: 'text', text: '' },
      { type: 'text', text: 'Main prompt…' },
    ],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: '<system-reminder>context</system-reminder>' },
          { type: 'text', text: 'run echo hi', cacheControl: { type: 'ephemeral' } },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'I should run it.', signature: 'ErUBCkYIBxgCIkB…anthropic', origin: 'anthropic' },
          { type: 'text', text: "I'll run that." },
          { type: 'tool_call', id: 'toolu_01ABC', name: 'Bash', arguments: { command: 'echo hi', description: 'Print hi' } },
        ],
      },
      {
        role: 'user',
        content: [{ type: 'tool_result', toolCallId: 'toolu_01ABC', content: [{ type: 'text', text: 'hi' }], isError: false, cacheControl: { type: 'ephemeral' } }],
      },
    ],
    tools,
    maxTokens: 32000,
    reasoning: { effort: 'high' },
    metadata: { user: 'user_abc' },
    stream: true,
  };
}
