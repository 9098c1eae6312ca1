import { describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../../src/core/types.js';
import {
  decodeGeminiResponse,
  decodeGeminiUsage,
  encodeGeminiRequest,
  encodeGeminiResponse,
  encodeGeminiUsage,
  mapGeminiFinishReason,
  toGeminiFinishReason,
} from '../../../src/dialects/gemini/index.js';
import { newWireContext } from '../../../src/core/contracts/index.js';
import { fixtureJson, postGemini, startFakeGemini } from './helpers.js';

const answer = (parts: unknown[], finishReason = 'STOP', extra: Record<string, unknown> = {}) => ({
  candidates: [{ content: { role: 'model', parts }, finishReason, index: 0 }],
  modelVersion: 'gemini-2.5-flash',
  responseId: 'r1',
  ...extra,
});

describe('gemini decodeResponse', () => {
  it('TU-5: thought, text, function calls (id from Gemini or minted call_…, signature, origin gemini), usage', () => {
    const res = decodeGeminiResponse(fixtureJson('parallel-calls.response.json'));
    expect(res.id).toBe('resp-par-1');
    expect(res.model).toBe('gemini-2.5-pro');
    expect(res.content[0]).toEqual({ type: 'reasoning', text: "I'll check both cities.", signature: 'CiQTHOUGHTSIG==', origin: 'gemini' });
    expect(res.content[1]).toEqual({ type: 'text', text: 'Checking both.' });
    expect(res.content[2]).toMatchObject({ type: 'tool_call', name: 'get_weather', arguments: { location: 'Paris' }, signature: 'CiQFIRSTCALL==', origin: 'gemini' });
    expect((res.content[2] as { id: string }).id).toMatch(/^call_[A-Za-z0-9_]+$/);
    expect(res.content[3]).toEqual({ type: 'tool_call', id: 'fc-2', name: 'get_weather', arguments: { location: 'London' }, origin: 'gemini' });
    expect(res.finishReason).toBe('tool_calls');
    expect(res.rawFinishReason).toBe('STOP');
    expect(res.usage).toEqual({ inputTokens: 150, outputTokens: 65, cacheReadTokens: 50, cacheWriteTokens: 0, reasoningTokens: 25 });
  });

  it('TD-4: tool names are restored through the context; wrapped custom tools come back as custom calls', () => {
    const ctx = newWireContext('gemini-2.5-flash');
    ctx.toolNames.set('actions_download', 'actions/download');
    ctx.wrappedCustomTools.add('apply_patch');
    const res = decodeGeminiResponse(
      answer([{ functionCall: { name: 'actions_download', args: { a: 1 } } }, { functionCall: { name: 'apply_patch', args: { input: '*** Begin Patch' } } }]),
      ctx,
    );
    expect(res.content[0]).toMatchObject({ type: 'tool_call', name: 'actions/download', arguments: { a: 1 } });
    expect(res.content[1]).toMatchObject({ type: 'tool_call', name: 'apply_patch', kind: 'custom', input: '*** Begin Patch' });
  });

  it('TU-8: empty text parts never become content; a text part signature becomes a signature-only reasoning part', () => {
    const res = decodeGeminiResponse(answer([{ text: '' }, { text: 'Hello' }, { text: ' world', thoughtSignature: 'CiQx==' }]));
    expect(res.content).toEqual([
      { type: 'text', text: 'Hello world' },
      { type: 'reasoning', text: '', signature: 'CiQx==', origin: 'gemini' },
    ]);
  });

  it('promptFeedback.blockReason with no candidates → content_filter with no content', () => {
    const res = decodeGeminiResponse({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 } });
    expect(res.content).toEqual([]);
    expect(res.finishReason).toBe('content_filter');
    expect(res.rawFinishReason).toBe('PROHIBITED_CONTENT');
    expect(res.usage.inputTokens).toBe(9);
    expect(encodeGeminiResponse(res)).toEqual({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 0, totalTokenCount: 9 }, modelVersion: '', responseId: res.id });
  });

  it('an error envelope in a 200 body throws the mapped error', () => {
    expect(() => decodeGeminiResponse({ error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } })).toThrow(/overloaded/);
  });
});

describe('gemini finish reasons (§3.8)', () => {
  it.each([
    ['STOP', false, 'stop'],
    ['STOP', true, 'tool_calls'],
    ['MAX_TOKENS', false, 'length'],
    ['MAX_TOKENS', true, 'length'],
    ['SAFETY', false, 'content_filter'],
    ['RECITATION', false, 'content_filter'],
    ['BLOCKLIST', false, 'content_filter'],
    ['PROHIBITED_CONTENT', false, 'content_filter'],
    ['SPII', false, 'content_filter'],
    ['IMAGE_SAFETY', false, 'content_filter'],
    ['MALFORMED_FUNCTION_CALL', false, 'error'],
    ['UNEXPECTED_TOOL_CALL', true, 'error'],
    ['OTHER', false, 'stop'],
    [undefined, false, 'stop'],
  ] as const)('%s (tool calls: %s) → %s', (raw, calls, expected) => {
    expect(mapGeminiFinishReason(raw, calls)).toBe(expected);
  });

  it('canonical → Gemini, echoing the raw reason when it still fits', () => {
    expect(toGeminiFinishReason('stop')).toBe('STOP');
    expect(toGeminiFinishReason('tool_calls')).toBe('STOP');
    expect(toGeminiFinishReason('length')).toBe('MAX_TOKENS');
    expect(toGeminiFinishReason('content_filter')).toBe('SAFETY');
    expect(toGeminiFinishReason('content_filter', 'RECITATION')).toBe('RECITATION');
    expect(toGeminiFinishReason('content_filter', 'refusal')).toBe('SAFETY');
    expect(toGeminiFinishReason('error', 'MALFORMED_FUNCTION_CALL')).toBe('MALFORMED_FUNCTION_CALL');
    expect(toGeminiFinishReason('stop', 'MAX_TOKENS')).toBe('STOP');
    expect(toGeminiFinishReason('pause')).toBe('STOP');
  });
});

describe('gemini usage (§3.9)', () => {
  it('USG-2: prompt includes cached → input = prompt − cached; output = candidates + thoughts; reasoning = thoughts', () => {
    expect(decodeGeminiUsage({ promptTokenCount: 1000, cachedContentTokenCount: 600, candidatesTokenCount: 50, thoughtsTokenCount: 200, totalTokenCount: 1250 })).toEqual({
      inputTokens: 400,
      outputTokens: 250,
      cacheReadTokens: 600,
      cacheWriteTokens: 0,
      reasoningTokens: 200,
    });
    expect(decodeGeminiUsage({ promptTokenCount: 10, toolUsePromptTokenCount: 5, candidatesTokenCount: 2 })).toEqual({ inputTokens: 15, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0 });
    expect(decodeGeminiUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });
  });

  it('USG-3: decode → encode → decode is the identity', () => {
    const wire = { promptTokenCount: 1000, cachedContentTokenCount: 600, candidatesTokenCount: 50, thoughtsTokenCount: 200, totalTokenCount: 1250 };
    expect(encodeGeminiUsage(decodeGeminiUsage(wire))).toEqual(wire);
    const canonical = { inputTokens: 40, outputTokens: 20, cacheReadTokens: 60, cacheWriteTokens: 5, reasoningTokens: 8 };
    expect(decodeGeminiUsage(encodeGeminiUsage(canonical))).toEqual({ ...canonical, inputTokens: 45, cacheWriteTokens: 0 });
  });
});

describe('gemini encodeResponse', () => {
  it('round trip: decode → encode gives the Gemini answer back', () => {
    const wire = fixtureJson('parallel-calls.response.json');
    const encoded = encodeGeminiResponse(decodeGeminiResponse(wire));
    expect(encoded).toEqual(wire);
  });

  it('renders a foreign answer: reasoning as thoughts without foreign signatures, custom calls as {input}, minted ids hidden', () => {
    const response: ChatResponse = {
      id: 'msg_1',
      model: 'claude-x',
      content: [
        { type: 'reasoning', text: 'thinking', signature: 'anthropic-sig', origin: 'anthropic' },
        { type: 'reasoning', text: '', redactedData: 'xx', origin: 'anthropic' },
        { type: 'text', text: '' },
        { type: 'text', text: 'Done.' },
        { type: 'tool_call', id: 'toolu_1', name: 'Bash', arguments: { command: 'ls' } },
        { type: 'tool_call', id: 'call_gm_abc', name: 'apply_patch', kind: 'custom', input: 'patch', arguments: {} },
      ],
      finishReason: 'tool_calls',
      usage: { inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0 },
    };
    expect(encodeGeminiResponse(response, { model: 'alias' })).toEqual({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { text: 'thinking', thought: true },
              { text: 'Done.' },
              { functionCall: { id: 'toolu_1', name: 'Bash', args: { command: 'ls' } } },
              { functionCall: { name: 'apply_patch', args: { input: 'patch' } } },
            ],
          },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
      modelVersion: 'alias',
      responseId: 'msg_1',
    });
  });

  it('over HTTP: encode → fake Gemini answers JSON → decode', async () => {
    const fake = await startFakeGemini();
    try {
      fake.replies.push({ json: fixtureJson('parallel-calls.response.json') });
      const { body, context } = encodeGeminiRequest({
        model: 'gemini-2.5-pro',
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Paris and London?' }] }],
        tools: [{ kind: 'function', name: 'get_weather', inputSchema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } }],
      });
      const res = await postGemini(fake, 'gemini-2.5-pro', body);
      expect(res.status).toBe(200);
      const decoded = decodeGeminiResponse(await res.json(), context);
      expect(decoded.finishReason).toBe('tool_calls');
      expect(decoded.content.filter((p) => p.type === 'tool_call')).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });
});
