import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChatRequest, ContentPart } from '../../src/core/types.js';
import { estimateRequestTokens, estimateTextTokens, requestText } from '../../src/tokens/estimate.js';

const text = fc.string({ unit: 'grapheme', maxLength: 30 });
const part: fc.Arbitrary<ContentPart> = fc.oneof(
  text.map((t) => ({ type: 'text' as const, text: t })),
  text.map((t) => ({ type: 'reasoning' as const, text: t })),
  fc.record({ name: text, args: fc.dictionary(text, text, { maxKeys: 3 }) }).map(({ name, args }) => ({ type: 'tool_call' as const, id: 'c', name, arguments: args })),
  fc.array(text, { maxLength: 3 }).map((ts) => ({ type: 'tool_result' as const, toolCallId: 'c', content: ts.map((t) => ({ type: 'text' as const, text: t })) })),
  fc.constant({ type: 'image' as const, source: { kind: 'url' as const, url: 'https://x/y.png' } }),
  text.map((t) => ({ type: 'document' as const, source: { kind: 'text' as const, text: t } })),
);
const request: fc.Arbitrary<ChatRequest> = fc.record({
  system: fc.array(text.map((t) => ({ type: 'text' as const, text: t })), { maxLength: 2 }),
  messages: fc.array(fc.record({ role: fc.constantFrom('user' as const, 'assistant' as const), content: fc.array(part, { maxLength: 4 }) }), { maxLength: 5 }),
  tools: fc.array(fc.record({ name: text, description: fc.option(text, { nil: undefined }), props: fc.dictionary(text, fc.constant({ type: 'string' }), { maxKeys: 3 }) }), { maxLength: 3 }).map((ts) =>
    ts.map((t) => ({ kind: 'function' as const, name: t.name, description: t.description, inputSchema: { type: 'object', properties: t.props } })),
  ),
}).map((r) => ({ model: 'm', ...r }));

describe('estimateRequestTokens', () => {
  it('equals the estimate of the joined request text, without building it', () => {
    fc.assert(
      fc.property(request, (r) => {
        expect(estimateRequestTokens(r)).toBe(estimateTextTokens(requestText(r)));
      }),
      { numRuns: 500 },
    );
  });
});
