import { describe, expect, it } from 'vitest';
import type { ToolCallPart } from '../../../src/core/types.js';
import { decodeRequest, encodeRequest } from '../../../src/dialects/openai-chat/index.js';
import { loadCaptures } from '../../helpers/client-captures.js';
import { validateOpenAIChatRequest } from '../../helpers/validators/openai-chat.js';

const captures = loadCaptures('codex-0.94.0-chat');

/**
 * The documented normalisations of a same-dialect decode → encode:
 * - every system / developer message is hoisted into ONE system message, texts joined with "\n\n";
 * - the extra top-level `name` Codex puts on each tool (`{type, name, function}`) is dropped;
 * - streaming requests always carry `stream_options.include_usage: true` (USG-7).
 */
function normalise(body: Record<string, unknown>): Record<string, unknown> {
  const messages = body.messages as Array<Record<string, unknown>>;
  const system = messages.filter((m) => m.role === 'system' || m.role === 'developer');
  const rest = messages.filter((m) => m.role !== 'system' && m.role !== 'developer');
  const out: Record<string, unknown> = {
    ...body,
    messages: [...(system.length ? [{ role: 'system', content: system.map((m) => m.content).join('\n\n') }] : []), ...rest],
  };
  if (Array.isArray(body.tools)) out.tools = (body.tools as Array<Record<string, unknown>>).map(({ name: _name, ...t }) => t);
  if (body.stream === true) out.stream_options = { include_usage: true };
  return out;
}

describe('Codex 0.94.0 chat captures', () => {
  it('are present', () => {
    expect(captures.length).toBeGreaterThanOrEqual(3);
  });

  for (const cap of captures) {
    it(`${cap.file}: decodes, re-encodes to a valid body, round-trips apart from documented normalisations`, () => {
      expect(validateOpenAIChatRequest(cap.body)).toEqual([]);
      const request = decodeRequest(cap.body);
      expect(request.system?.length).toBe(2); // system + developer
      expect(request.tools?.length).toBe(7);
      const { body } = encodeRequest(request);
      expect(validateOpenAIChatRequest(body)).toEqual([]);
      expect(body).toEqual(normalise(cap.body));
    });
  }

  it('the tool round trip pairs the tool message with the assistant call', () => {
    const cap = captures.find((c) => c.file.includes('chat-tool--003'));
    expect(cap).toBeDefined();
    const request = decodeRequest(cap?.body);
    const last = request.messages.at(-1);
    expect(last?.role).toBe('user');
    const call = request.messages.at(-2)?.content[0] as ToolCallPart;
    expect(call.type).toBe('tool_call');
    expect(last?.content[0]).toMatchObject({ type: 'tool_result', toolCallId: call.id });
  });
});
