import { describe, expect, it } from 'vitest';
import type { ReasoningPart, ToolCallPart } from '../../../src/core/types.js';
import { responsesCodec } from '../../../src/dialects/responses/index.js';
import { loadCaptures } from '../../helpers/client-captures.js';
import { validateResponsesRequest } from '../../helpers/validators/responses.js';

const captures = loadCaptures('resp');

/**
 * Documented normalisations of a same-dialect round trip: input item ids of messages and tool
 * outputs are dropped (the API does not need them with `store:false`), `content: null` on a
 * reasoning item is dropped, and every message gets its explicit `type`.
 */
function normalise(item: Record<string, unknown>): Record<string, unknown> {
  const out = { ...item };
  if (out.type === undefined && 'role' in out) out.type = 'message';
  if (out.type === 'message' || out.type === 'function_call_output' || out.type === 'custom_tool_call_output') delete out.id;
  if (out.type === 'reasoning' && out.content === null) delete out.content;
  return out;
}

describe('Codex captures (CC-5, CC-6)', () => {
  it('found the Codex Responses captures', () => {
    expect(captures.length).toBeGreaterThanOrEqual(9);
  });

  for (const capture of captures) {
    describe(capture.file, () => {
      it('CC-5: decodes, re-encodes to a body the Responses validator accepts', () => {
        const request = responsesCodec.decodeRequest(capture.body);
        const { body } = responsesCodec.encodeRequest(request);
        expect(validateResponsesRequest(body)).toEqual([]);
      });

      it('round-trips to the same items and fields, apart from documented normalisations', () => {
        const request = responsesCodec.decodeRequest(capture.body);
        const { body } = responsesCodec.encodeRequest(request);
        const original = capture.body.input as Array<Record<string, unknown>>;
        expect(body.input).toEqual(original.map(normalise));
        const { input: _a, ...restOut } = body;
        const { input: _b, ...restIn } = capture.body;
        expect(restOut).toEqual(restIn);
      });

      it('CC-6: keeps store:false, include and reasoning encrypted_content byte for byte', () => {
        const request = responsesCodec.decodeRequest(capture.body);
        const { body } = responsesCodec.encodeRequest(request);
        expect(body.store).toBe(false);
        expect(body.include).toEqual(['reasoning.encrypted_content']);
        const inReasoning = (capture.body.input as Array<Record<string, unknown>>).filter((i) => i.type === 'reasoning');
        const outReasoning = (body.input as Array<Record<string, unknown>>).filter((i) => i.type === 'reasoning');
        expect(outReasoning.map((r) => r.encrypted_content)).toEqual(inReasoning.map((r) => r.encrypted_content));
      });
    });
  }

  it('developer messages become the system prompt, in order, ahead of the user turns', () => {
    const capture = captures.find((c) => c.file.includes('0.169.0-resp-gpt5-tool--003'));
    expect(capture).toBeDefined();
    const request = responsesCodec.decodeRequest(capture?.body);
    // Two developer messages, the second with several input_text parts.
    expect(request.system?.length).toBe(3);
    expect(request.extensions?.responses?.$system).toEqual([
      { role: 'developer', at: 0, parts: 1 },
      { role: 'developer', at: 0, parts: 2 },
    ]);
    expect(request.system?.[0]?.text).toMatch(/^You are a coding agent running in the Codex CLI/);
    expect(request.messages.map((m) => m.role)).toEqual(['user', 'user', 'assistant', 'user']);
    const call = request.messages[2]?.content[0] as ToolCallPart;
    expect(call).toMatchObject({ type: 'tool_call', id: 'call_mocke212d07f1efa97c33d0f', name: 'exec_command', arguments: { cmd: 'echo hi' } });
    expect(call.itemId).toBe('fc_mock905a5b502bca5d46ec90');
    expect(request.messages[3]?.content[0]).toMatchObject({ type: 'tool_result', toolCallId: 'call_mocke212d07f1efa97c33d0f' });
  });

  it('apply_patch custom tool and reasoning decode to custom call + encrypted reasoning', () => {
    const capture = captures.find((c) => c.file.includes('applypatch-reasoning--003'));
    const request = responsesCodec.decodeRequest(capture?.body);
    const tool = request.tools?.find((t) => t.name === 'apply_patch');
    expect(tool).toMatchObject({ kind: 'custom', format: { type: 'grammar', syntax: 'lark' } });
    const assistant = request.messages.find((m) => m.role === 'assistant');
    const reasoning = assistant?.content[0] as ReasoningPart;
    expect(reasoning).toMatchObject({
      type: 'reasoning',
      id: 'rs_mock7c8c7e99f3e4801b21ff',
      text: '**Planning** mock reasoning summary',
      summary: true,
      origin: 'responses',
      encryptedContent: 'gAAAAB-mock-encrypted-65493642ae5341db952e250b',
    });
    expect(assistant?.content[1]).toMatchObject({ type: 'tool_call', kind: 'custom', name: 'apply_patch', input: expect.stringContaining('*** Add File: hello.txt') });
    const result = request.messages.at(-1)?.content[0];
    expect(result).toMatchObject({ type: 'tool_result', kind: 'custom', toolCallId: 'call_mockc69bd22658c5b1104396' });
  });

  it('namespace tools are flattened to <namespace>.<tool> and regrouped on the way back', () => {
    const capture = captures.find((c) => c.file.includes('0.169.0-resp-gpt5-text'));
    const request = responsesCodec.decodeRequest(capture?.body);
    const names = request.tools?.map((t) => t.name) ?? [];
    expect(names).toContain('multi_agent_v1.close_agent');
    expect(request.tools?.find((t) => t.name === 'multi_agent_v1.close_agent')?.kind).toBe('function');
    const { body } = responsesCodec.encodeRequest(request);
    const ns = (body.tools as Array<Record<string, unknown>>).find((t) => t.type === 'namespace');
    expect(ns?.name).toBe('multi_agent_v1');
    expect(ns?.tools).toHaveLength(5);
  });
});
