import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheKey, stableStringify } from '../../src/cache/index.js';
import type { ChatRequest } from '../../src/core/types.js';

const base: ChatRequest = {
  model: 'gpt-4.1',
  system: [{ type: 'text', text: 'Be brief.' }],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] }],
  tools: [
    {
      kind: 'function',
      name: 'weather',
      inputSchema: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string' } }, required: ['city'] },
    },
  ],
  temperature: 0.2,
};

describe('stableStringify', () => {
  it('sorts object keys at every depth, keeps array order, drops undefined like JSON.stringify', () => {
    expect(stableStringify({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(stableStringify([undefined, 'x', Number.NaN])).toBe('[null,"x",null]');
    const value = { s: 'é "q"\n', n: -1.5e-7, t: true, nil: null };
    expect(JSON.parse(stableStringify(value))).toEqual(value);
  });
});

describe('cache key', () => {
  const key = (r: Partial<ChatRequest>, tenant?: string) => cacheKey({ ...base, ...r }, tenant);

  it('is a sha256 hex digest', () => {
    expect(key({})).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores stream, includeUsage, metadata and storage/tracing extensions', () => {
    const k = key({});
    expect(key({ stream: true, includeUsage: true })).toBe(k);
    expect(key({ metadata: { user: 'u1', session: 's', tags: ['x'] } })).toBe(k);
    expect(key({ extensions: { responses: { store: true, user: 'u', prompt_cache_key: 'p' } } })).toBe(key({ extensions: { responses: {} } }));
  });

  it('ignores key order in tool schemas and tool-call arguments', () => {
    const reordered: ChatRequest = {
      ...base,
      tools: [{ kind: 'function', name: 'weather', inputSchema: { required: ['city'], properties: { unit: { type: 'string' }, city: { type: 'string' } }, type: 'object' } }],
    };
    expect(cacheKey(reordered)).toBe(key({}));
    const withCall = (args: Record<string, unknown>): Partial<ChatRequest> => ({
      messages: [...base.messages, { role: 'assistant', content: [{ type: 'tool_call', id: 'c1', name: 'weather', arguments: args }] }],
    });
    expect(key(withCall({ city: 'Paris', unit: 'c' }))).toBe(key(withCall({ unit: 'c', city: 'Paris' })));
  });

  it('changes with temperature, tools, tool choice, model, system, messages, response format, reasoning, previous_response_id and tenant', () => {
    const k = key({});
    const variants: Array<[string, string]> = [
      ['temperature', key({ temperature: 0.3 })],
      ['no temperature', key({ temperature: undefined })],
      ['tools', key({ tools: [] })],
      ['tool schema', key({ tools: [{ ...base.tools![0]!, description: 'Forecast' }] })],
      ['tool choice', key({ toolChoice: 'required' })],
      ['model', key({ model: 'gpt-4.1-mini' })],
      ['system', key({ system: [{ type: 'text', text: 'Be long.' }] })],
      ['messages', key({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Rome?' }] }] })],
      ['max tokens', key({ maxTokens: 10 })],
      ['response format', key({ responseFormat: { type: 'json_object' } })],
      ['reasoning', key({ reasoning: { effort: 'high' } })],
      ['previous_response_id', key({ extensions: { responses: { previous_response_id: 'resp_1' } } })],
      ['tenant', key({}, 'alice')],
    ];
    for (const [what, variant] of variants) expect(variant, what).not.toBe(k);
    expect(key({}, 'alice')).not.toBe(key({}, 'bob'));
  });
});

describe('cache key encoding (property)', () => {
  const withArgs = (args: unknown): ChatRequest => ({
    ...base,
    messages: [...base.messages, { role: 'assistant', content: [{ type: 'tool_call', id: 'c1', name: 'weather', arguments: args as Record<string, unknown> }] }],
  });
  const texts = (parts: string[]): ChatRequest => ({ ...base, messages: [{ role: 'user', content: parts.map((text) => ({ type: 'text' as const, text })) }] });

  it('two argument values share a key exactly when their sorted JSON is the same', () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(cacheKey(withArgs(a)) === cacheKey(withArgs(b))).toBe(stableStringify(a) === stableStringify(b));
      }),
      { numRuns: 500 },
    );
  });

  it('never confuses where one string ends and the next begins, whatever the characters', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 4 }), fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 4 }), (a, b) => {
        expect(cacheKey(texts(a)) === cacheKey(texts(b))).toBe(JSON.stringify(a) === JSON.stringify(b));
      }),
      { numRuns: 500 },
    );
    // A text part takes a shortcut; it must write what the general walk writes.
    const general = { ...base, messages: [{ role: 'user' as const, content: [{ type: 'text', citations: undefined, text: 'héllo' } as never] }] };
    expect(cacheKey(texts(['héllo']))).toBe(cacheKey(general));
    // The classic ambiguities of naive concatenation.
    expect(cacheKey(texts(['ab', 'c']))).not.toBe(cacheKey(texts(['a', 'bc'])));
    expect(cacheKey(texts(['s1:a']))).not.toBe(cacheKey(texts(['a', 'a'])));
    expect(cacheKey(texts(['1', '']))).not.toBe(cacheKey(texts(['', '1'])));
    // A string that spells out the framing of a part boundary must not pass for two parts.
    for (const frame of ['}{s:types:texts:texts:', '}{s4:types4:texts4:texts1:']) {
      expect(cacheKey(texts([`a${frame}b`]))).not.toBe(cacheKey(texts(['a', 'b'])));
    }
  });
});
