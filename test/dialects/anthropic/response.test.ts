import { describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../../src/core/types.js';
import { emptyUsage, promptTokens } from '../../../src/core/types.js';
import { decodeResponse, encodeResponse, mapStopReason, toStopReason } from '../../../src/dialects/anthropic/index.js';
import { newWireContext } from '../../../src/core/contracts/index.js';
import { loadJson } from './helpers.js';

type Obj = Record<string, unknown>;
const wire = (over: Obj = {}): Obj => ({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [{ type: 'text', text: 'hi' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 5, output_tokens: 2 },
  ...over,
});
const resp = (over: Partial<ChatResponse> = {}): ChatResponse => ({
  id: 'msg_x',
  model: 'm',
  content: [{ type: 'text', text: 'hi' }],
  finishReason: 'stop',
  usage: emptyUsage(),
  ...over,
});

describe('anthropic decodeResponse', () => {
  it('keeps content order, drops empty text, keeps thinking signature, maps usage (fixture)', () => {
    const r = decodeResponse(loadJson('response-thinking-tool.json'));
    expect(r.content).toEqual([
      { type: 'reasoning', text: 'Need the weather.', signature: 'EqSigABC==', origin: 'anthropic' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool_call', id: 'toolu_01', name: 'get_weather', arguments: { city: 'Boston' } },
    ]);
    expect(r.finishReason).toBe('tool_calls');
    expect(r.rawFinishReason).toBe('tool_use');
    expect(r.usage).toEqual({ inputTokens: 100, outputTokens: 40, cacheReadTokens: 300, cacheWriteTokens: 20 });
  });

  it('§3.8: every stop_reason maps, raw reason and stop sequence kept', () => {
    const cases: Array<[string, string]> = [
      ['end_turn', 'stop'],
      ['stop_sequence', 'stop'],
      ['max_tokens', 'length'],
      ['tool_use', 'tool_calls'],
      ['refusal', 'content_filter'],
      ['pause_turn', 'pause'],
      ['model_context_window_exceeded', 'length'],
    ];
    for (const [raw, finish] of cases) {
      const r = decodeResponse(wire({ stop_reason: raw }));
      expect(r.finishReason).toBe(finish);
      expect(r.rawFinishReason).toBe(raw);
    }
    expect(decodeResponse(wire({ stop_reason: 'stop_sequence', stop_sequence: 'END' })).stopSequence).toBe('END');
    expect(mapStopReason(null)).toBe('stop');
  });

  it('TD-4: tool names reverse-mapped; wrapped custom calls unwrapped', () => {
    const ctx = newWireContext('m');
    ctx.toolNames.set('actions_download-logs', 'actions/download-logs');
    ctx.wrappedCustomTools.add('apply_patch');
    const r = decodeResponse(
      wire({
        content: [
          { type: 'tool_use', id: 't1', name: 'actions_download-logs', input: {} },
          { type: 'tool_use', id: 't2', name: 'apply_patch', input: { input: '*** Begin Patch' } },
        ],
        stop_reason: 'tool_use',
      }),
      ctx,
    );
    expect(r.content[0]).toMatchObject({ name: 'actions/download-logs' });
    expect(r.content[1]).toMatchObject({ name: 'apply_patch', kind: 'custom', input: '*** Begin Patch', arguments: {} });
  });

  it('an unreadable upstream answer is a 502, not a crash', () => {
    expect(() => decodeResponse({ nope: true })).toThrow(/unreadable/);
  });

  it('server tool blocks survive a decode → encode for an Anthropic caller', () => {
    const content = [
      { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'q' } },
      { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
      { type: 'text', text: 'Sunny.' },
    ];
    const out = encodeResponse(decodeResponse(wire({ content })));
    expect(out.content).toEqual(content);
  });
});

describe('anthropic encodeResponse', () => {
  it('round trip of the fixture: identical apart from the dropped empty text block', () => {
    const fixture = loadJson<Obj>('response-thinking-tool.json');
    const out = encodeResponse(decodeResponse(fixture));
    expect(out).toEqual({ ...fixture, content: (fixture.content as Obj[]).slice(0, 3) });
  });

  it('TU-8: never emits empty text blocks', () => {
    const out = encodeResponse(resp({ content: [{ type: 'text', text: '' }, { type: 'tool_call', id: 'c', name: 'f', arguments: {} }], finishReason: 'tool_calls' }));
    expect(out.content).toEqual([{ type: 'tool_use', id: 'c', name: 'f', input: {} }]);
  });

  it('TU-7: tool_use ids normalised for Anthropic clients, kept when valid', () => {
    const out = encodeResponse(
      resp({
        content: [
          { type: 'tool_call', id: 'call_abc', name: 'f', arguments: {} },
          { type: 'tool_call', id: 'functions.f:1', name: 'f', arguments: {} },
        ],
        finishReason: 'tool_calls',
      }),
    );
    expect(out.content.map((b) => b.id)).toEqual(['call_abc', 'functions_f_1']);
  });

  it('tool calls present ⇒ tool_use, whatever the upstream said (Ollama stop)', () => {
    expect(encodeResponse(resp({ content: [{ type: 'tool_call', id: 'c', name: 'f', arguments: {} }], finishReason: 'stop' })).stop_reason).toBe('tool_use');
  });

  it('§3.8 back: length, content_filter, pause, stop sequence, context window', () => {
    expect(encodeResponse(resp({ finishReason: 'length' })).stop_reason).toBe('max_tokens');
    expect(encodeResponse(resp({ finishReason: 'content_filter' })).stop_reason).toBe('refusal');
    expect(encodeResponse(resp({ finishReason: 'pause' })).stop_reason).toBe('pause_turn');
    const seq = encodeResponse(resp({ finishReason: 'stop', stopSequence: 'END' }));
    expect([seq.stop_reason, seq.stop_sequence]).toEqual(['stop_sequence', 'END']);
    expect(encodeResponse(resp({ finishReason: 'stop' })).stop_reason).toBe('end_turn');
    expect(encodeResponse(resp({ finishReason: 'length', rawFinishReason: 'model_context_window_exceeded' })).stop_reason).toBe('model_context_window_exceeded');
    expect(toStopReason('length', { hasToolUse: false, rawFinishReason: 'length' })).toBe('max_tokens');
  });

  it('USG-1/USG-2: usage one to one, cache fields only when > 0', () => {
    expect(encodeResponse(resp({ usage: { inputTokens: 7, outputTokens: 3, cacheReadTokens: 0, cacheWriteTokens: 0 } })).usage).toEqual({ input_tokens: 7, output_tokens: 3 });
    expect(encodeResponse(resp({ usage: { inputTokens: 40, outputTokens: 20, cacheReadTokens: 60, cacheWriteTokens: 5 } })).usage).toEqual({
      input_tokens: 40,
      output_tokens: 20,
      cache_read_input_tokens: 60,
      cache_creation_input_tokens: 5,
    });
  });

  it('USG-3: A→canonical→A usage is the identity with cache read and write > 0', () => {
    const usage = { input_tokens: 11, output_tokens: 22, cache_creation_input_tokens: 33, cache_read_input_tokens: 44 };
    const r = decodeResponse(wire({ usage }));
    expect(promptTokens(r.usage)).toBe(11 + 33 + 44);
    expect(encodeResponse(r).usage).toEqual(usage);
  });

  it('TH-13/TH-14: foreign reasoning becomes unsigned thinking; empty unsigned skipped; redacted kept', () => {
    const out = encodeResponse(
      resp({
        content: [
          { type: 'reasoning', text: 'deepseek thoughts', origin: 'openai-chat' },
          { type: 'reasoning', text: '', origin: 'openai-chat' },
          { type: 'reasoning', text: '', signature: 'SIGONLY', origin: 'anthropic' },
          { type: 'reasoning', text: '', redactedData: 'RED', origin: 'anthropic' },
          { type: 'text', text: 'a' },
        ],
      }),
    );
    expect(out.content).toEqual([
      { type: 'thinking', thinking: 'deepseek thoughts', signature: '' },
      { type: 'thinking', thinking: '', signature: 'SIGONLY' },
      { type: 'redacted_thinking', data: 'RED' },
      { type: 'text', text: 'a' },
    ]);
  });

  it('custom calls reach an Anthropic caller as their {input} wrapper; model alias echoed', () => {
    const out = encodeResponse(resp({ content: [{ type: 'tool_call', id: 'c', name: 'apply_patch', kind: 'custom', input: 'P', arguments: {} }] }), { model: 'alias' });
    expect(out.content[0]).toEqual({ type: 'tool_use', id: 'c', name: 'apply_patch', input: { input: 'P' } });
    expect(out.model).toBe('alias');
    expect(out.id).toBe('msg_x');
  });
});
