import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatRequest, ToolDefinition } from '../../../src/core/types.js';
import { type Capture, loadCaptures } from '../../helpers/client-captures.js';
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

/**
 * The tool list of a captured Claude Code / Codex request as canonical tools (only the tools: the
 * other dialect codecs are written elsewhere). Anthropic `input_schema`, Responses `parameters`,
 * chat `function.parameters`; custom and hosted tools keep their kind.
 */
export function captureTools(capture: Capture): ToolDefinition[] {
  const out: ToolDefinition[] = [];
  const add = (t: Record<string, unknown>): void => {
    if (typeof t.input_schema === 'object') {
      out.push({ kind: 'function', name: String(t.name), description: t.description as string, inputSchema: t.input_schema as Record<string, unknown> });
    } else if (t.type === 'function' && typeof t.function === 'object') {
      const f = t.function as Record<string, unknown>;
      out.push({ kind: 'function', name: String(f.name), description: f.description as string, inputSchema: (f.parameters ?? {}) as Record<string, unknown> });
    } else if (t.type === 'function') {
      out.push({ kind: 'function', name: String(t.name), description: t.description as string, inputSchema: (t.parameters ?? {}) as Record<string, unknown> });
    } else if (t.type === 'custom') {
      out.push({ kind: 'custom', name: String(t.name), description: t.description as string, inputSchema: {}, format: t.format });
    } else if (t.type === 'namespace' && Array.isArray(t.tools)) {
      for (const inner of t.tools as Array<Record<string, unknown>>) add({ ...inner, name: `${t.name}.${String(inner.name)}` });
    } else {
      out.push({ kind: 'hosted', name: String(t.type ?? t.name), inputSchema: {}, raw: t, origin: 'responses' });
    }
  };
  for (const t of (capture.body.tools ?? []) as Array<Record<string, unknown>>) add(t);
  return out;
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
