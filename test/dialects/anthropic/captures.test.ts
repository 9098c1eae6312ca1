/**
 * Every captured Claude Code request decodes, re-encodes to a body the real API accepts, and
 * round-trips to the capture except for these documented normalisations:
 *   N1. `system` as a string becomes a one-block text list;
 *   N2. message `content` as a string becomes a one-block text list;
 *   N3. `role:"system"` messages are removed from `messages` and their non-empty text blocks are
 *       appended to `system` in order (SYS-7); keys on those messages other than role/content
 *       (Claude Code's per-turn `output_config`) are dropped;
 *   N4. a tool_result whose content is a single plain text block is sent as a string.
 */
import { describe, expect, it } from 'vitest';
import { anthropicCodec } from '../../../src/dialects/anthropic/index.js';
import { loadCaptures } from '../../helpers/client-captures.js';
import { validateAnthropicClientRequest, validateAnthropicRequest } from '../../helpers/validators/anthropic.js';

type Obj = Record<string, unknown>;

function normalise(capture: Obj): Obj {
  const out: Obj = structuredClone(capture);
  const textList = (c: unknown) => (typeof c === 'string' ? [{ type: 'text', text: c }] : c);
  const system: Obj[] = out.system === undefined ? [] : (textList(out.system) as Obj[]);
  const messages: Obj[] = [];
  for (const m of out.messages as Obj[]) {
    if (m.role === 'system') {
      for (const b of textList(m.content) as Obj[]) if (String(b.text).trim() !== '') system.push(b);
      continue;
    }
    const content = (textList(m.content) as Obj[]).map((b) => {
      if (b.type !== 'tool_result' || !Array.isArray(b.content) || b.content.length !== 1) return b;
      const only = b.content[0] as Obj;
      return only.type === 'text' && !only.cache_control && !only.citations ? { ...b, content: only.text } : b;
    });
    messages.push({ ...m, content });
  }
  out.messages = messages;
  if (system.length > 0) out.system = system;
  return out;
}

const captures = loadCaptures('claude-');

describe('anthropic codec on real Claude Code captures', () => {
  it('has captures to test', () => {
    expect(captures.length).toBeGreaterThanOrEqual(20);
  });

  for (const c of captures) {
    it(`${c.file}: decodes, re-encodes valid for the API, round-trips modulo N1–N4`, () => {
      expect(validateAnthropicClientRequest(c.body)).toEqual([]);
      const request = anthropicCodec.decodeRequest(c.body);
      const { body } = anthropicCodec.encodeRequest(request);
      expect(validateAnthropicRequest(body)).toEqual([]);
      expect(body).toEqual(normalise(c.body));
    });
  }

  it('SYS-7 regression: Claude Code 2.1 system messages are valid only with the client allowance', () => {
    const withSystem = captures.find((c) => (c.body.messages as Obj[]).some((m) => m.role === 'system'));
    expect(withSystem).toBeDefined();
    expect(validateAnthropicRequest(withSystem?.body).some((p) => p.includes('role'))).toBe(true);
    const { body } = anthropicCodec.encodeRequest(anthropicCodec.decodeRequest(withSystem?.body));
    expect((body.messages as Obj[]).every((m) => m.role !== 'system')).toBe(true);
  });

  it('the thinking capture replays its signed thinking block byte for byte, first', () => {
    const c = captures.find((x) => x.file.includes('tool-thinking--003'));
    if (!c) throw new Error('capture missing');
    const { body } = anthropicCodec.encodeRequest(anthropicCodec.decodeRequest(c.body));
    const assistant = (body.messages as Array<{ role: string; content: Obj[] }>).find((m) => m.role === 'assistant');
    const original = (c.body.messages as Array<{ role: string; content: Obj[] }>).find((m) => m.role === 'assistant');
    expect(assistant?.content[0]).toEqual(original?.content[0]);
    expect(assistant?.content[0].type).toBe('thinking');
  });
});
