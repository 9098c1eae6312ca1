import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateLimitError } from '../../../src/core/errors.js';
import { collectStream } from '../../../src/core/stream.js';
import type { ChatEvent, ContentPart, FinishReason, Usage } from '../../../src/core/types.js';
import { decodeStream, encodeStream } from '../../../src/dialects/responses/index.js';
import { responsesStreamProblems } from '../../helpers/validators/streams.js';

type Data = Record<string, unknown> & { type: string; sequence_number: number };
type Item = Record<string, unknown> & { id: string; type: string };
import { canonicalProblems, collect, fixtureChunks, frames, fromArray, sse } from './helpers.js';

const usage: Usage = { inputTokens: 7, outputTokens: 11, cacheReadTokens: 3, cacheWriteTokens: 0, reasoningTokens: 2 };

/** Split a string into pieces at the given cut points. */
function pieces(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const p of points) {
    out.push(text.slice(last, p));
    last = p;
  }
  out.push(text.slice(last));
  return out;
}

const partArb = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), chunks: fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 4 }) }),
  fc.record({
    kind: fc.constant('reasoning' as const),
    chunks: fc.array(fc.string({ maxLength: 6 }), { minLength: 0, maxLength: 3 }),
    own: fc.boolean(),
    encrypted: fc.option(fc.base64String({ minLength: 4, maxLength: 20 }), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('call' as const),
    name: fc.stringMatching(/^[a-z_]{1,10}$/),
    args: fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.boolean())),
    cuts: fc.array(fc.nat(), { maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('custom' as const), input: fc.string({ maxLength: 30 }), cuts: fc.array(fc.nat(), { maxLength: 4 }) }),
);
type PartSpec = typeof partArb extends fc.Arbitrary<infer T> ? T : never;

function canonical(parts: PartSpec[], finish: FinishReason | 'error'): ChatEvent[] {
  const events: ChatEvent[] = [{ type: 'start', id: 'msg_up', model: 'claude-x' }];
  parts.forEach((p, index) => {
    if (p.kind === 'text') {
      events.push({ type: 'part_start', index, part: { type: 'text' } });
      for (const t of p.chunks) events.push({ type: 'delta', index, delta: { type: 'text', text: t } });
      events.push({ type: 'part_end', index });
    } else if (p.kind === 'reasoning') {
      const origin = p.own ? ('responses' as const) : ('anthropic' as const);
      events.push({ type: 'part_start', index, part: { type: 'reasoning', origin, ...(p.own ? { id: `rs_${index}` } : {}) } });
      for (const t of p.chunks) events.push({ type: 'delta', index, delta: { type: 'reasoning', text: t } });
      if (!p.own) events.push({ type: 'delta', index, delta: { type: 'signature', signature: 'SIG' } });
      events.push({ type: 'part_end', index, ...(p.own && p.encrypted ? { encryptedContent: p.encrypted } : {}) });
    } else if (p.kind === 'call') {
      events.push({ type: 'part_start', index, part: { type: 'tool_call', id: `call_${index}`, name: p.name } });
      for (const j of pieces(JSON.stringify(p.args), p.cuts)) events.push({ type: 'delta', index, delta: { type: 'tool_arguments', json: j } });
      events.push({ type: 'part_end', index });
    } else {
      events.push({ type: 'part_start', index, part: { type: 'tool_call', id: `call_${index}`, name: 'apply_patch', kind: 'custom' } });
      for (const j of pieces(p.input, p.cuts)) events.push({ type: 'delta', index, delta: { type: 'tool_arguments', json: j } });
      events.push({ type: 'part_end', index });
    }
  });
  if (finish === 'error') events.push({ type: 'error', error: new RateLimitError('slow down', { retryAfter: 2 }) });
  else events.push({ type: 'finish', finishReason: finish, usage });
  return events;
}

/** Foreign signed reasoning sealed into encrypted_content by the encoder (see reasoning-envelope.ts). */
const sealed = (p: ContentPart) => p.type === 'reasoning' && p.encryptedContent?.startsWith('tkg1.') === true;

/** What a Responses caller can get back from a canonical answer (empty text and foreign empty reasoning vanish). */
function visible(content: ContentPart[]) {
  return content
    .filter((p) => !(p.type === 'text' && p.text === '') && !(p.type === 'reasoning' && (p.origin !== 'responses' || sealed(p)) && p.text === ''))
    .map((p) => {
      if (p.type === 'text') return { type: 'text', text: p.text };
      if (p.type === 'reasoning') return { type: 'reasoning', text: p.text, ...(p.origin === 'responses' && !sealed(p) ? { enc: p.encryptedContent } : {}) };
      if (p.type === 'tool_call') return { type: 'tool_call', id: p.id, name: p.name, args: p.arguments, input: p.input };
      return p;
    });
}

describe('responses encodeStream', () => {
  it('property: every generated canonical stream gives a valid Responses SSE stream that decodes back', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(partArb, { maxLength: 6 }),
        fc.constantFrom<FinishReason | 'error'>('stop', 'length', 'tool_calls', 'content_filter', 'error'),
        async (parts, finish) => {
          const events = canonical(parts, finish);
          const wire = await collect(encodeStream(fromArray(events), { model: 'alias' }));
          expect(responsesStreamProblems(wire)).toEqual([]);
          const decoded = await collect(decodeStream(sse(frames(wire))));
          expect(canonicalProblems(decoded)).toEqual([]);
          if (finish === 'error') {
            expect(decoded.at(-1)).toMatchObject({ type: 'error', error: { kind: 'rate_limit' } });
            return;
          }
          const expected = await collectStream(fromArray(events));
          const got = await collectStream(fromArray(decoded));
          expect(visible(got.content)).toEqual(visible(expected.content));
          expect(got.usage).toEqual(usage);
          expect(got.model).toBe('alias');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('re-encodes the long Codex-style fixture: same ids, same encrypted content, one reasoning item with two summary parts', async () => {
    const decoded = decodeStream(sse(fixtureChunks('codex-reasoning-text-patch-exec.chunks.txt')));
    const wire = await collect(encodeStream(decoded));
    expect(responsesStreamProblems(wire)).toEqual([]);
    const types = wire.map((e) => e.event);
    expect(types.slice(0, 4)).toEqual(['response.created', 'response.in_progress', 'response.output_item.added', 'response.reasoning_summary_part.added']);
    const done = wire.filter((e) => e.event === 'response.output_item.done').map((e) => (e.data as { item: Item }).item);
    expect(done.map((i) => [i.type, i.id])).toEqual([
      ['reasoning', 'rs_fixture01'],
      ['message', expect.stringMatching(/^msg_/)],
      ['custom_tool_call', 'ctc_fixture01'],
      ['function_call', 'fc_fixture01'],
    ]);
    expect(done[0]).toMatchObject({ summary: [{ text: expect.stringContaining('Planning') }, { text: expect.stringContaining('Choosing') }] });
    expect(done[0]?.encrypted_content).toBe(`gAAAAABo-fixture-encrypted+/==${'x'.repeat(40)}`);
    const completed = wire.at(-1)?.data as { type: string; response: { id: string; status: string; usage: Record<string, unknown> } };
    expect(completed.type).toBe('response.completed');
    expect(completed.response.id).toBe('resp_fixture01');
    expect(completed.response.usage).toMatchObject({ input_tokens: 5200, input_tokens_details: { cached_tokens: 4096 }, output_tokens: 310 });
  });

  it('event payloads carry the fields the official event types define', async () => {
    const events = canonical(
      [
        { kind: 'reasoning', chunks: ['r'], own: false, encrypted: undefined },
        { kind: 'text', chunks: ['Hi'] },
        { kind: 'call', name: 'f', args: { a: 1 }, cuts: [] },
      ],
      'tool_calls',
    );
    const wire = await collect(encodeStream(fromArray(events)));
    const byType = new Map(wire.map((e) => [e.event, e.data as Data]));
    expect(byType.get('response.output_text.delta')).toMatchObject({ item_id: expect.any(String), output_index: 1, content_index: 0, delta: 'Hi', logprobs: [] });
    expect(byType.get('response.content_part.added')).toMatchObject({ part: { type: 'output_text', text: '', annotations: [] } });
    expect(byType.get('response.reasoning_summary_text.delta')).toMatchObject({ output_index: 0, summary_index: 0, delta: 'r' });
    expect(byType.get('response.function_call_arguments.done')).toMatchObject({ output_index: 2, name: 'f', arguments: '{"a":1}' });
    expect(byType.get('response.output_item.added')).toMatchObject({ item: { type: 'function_call', call_id: 'call_2', name: 'f', arguments: '', status: 'in_progress' } });
    const completed = byType.get('response.completed') as unknown as { response: { output: Item[] } };
    // Foreign reasoning: no Responses encrypted content of its own; only a sealed signature if it had one.
    const enc = (completed.response.output[0] as { encrypted_content?: string }).encrypted_content;
    expect(enc === undefined || enc.startsWith('tkg1.')).toBe(true);
  });

  it('length → response.incomplete with incomplete_details.reason max_output_tokens', async () => {
    const wire = await collect(encodeStream(fromArray(canonical([{ kind: 'text', chunks: ['cut'] }], 'length'))));
    expect(wire.at(-1)?.data).toMatchObject({ type: 'response.incomplete', response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } } });
  });

  it('an error event → response.failed then error, with the OpenAI code, and nothing after', async () => {
    const wire = await collect(encodeStream(fromArray(canonical([{ kind: 'text', chunks: ['partial'] }], 'error'))));
    expect(responsesStreamProblems(wire)).toEqual([]);
    expect(wire.at(-2)?.data).toMatchObject({ type: 'response.failed', response: { status: 'failed', error: { code: 'rate_limit_exceeded', message: 'slow down' } } });
    expect(wire.at(-1)).toMatchObject({ event: 'error', data: { type: 'error', code: 'rate_limit_exceeded', message: 'slow down', param: null } });
  });

  it('an empty stream (start, finish) is still created → in_progress → completed', async () => {
    const wire = await collect(encodeStream(fromArray(canonical([], 'stop'))));
    expect(wire.map((e) => e.event)).toEqual(['response.created', 'response.in_progress', 'response.completed']);
    expect(wire[0]?.data).toMatchObject({ response: { id: expect.stringMatching(/^resp_/) } });
  });
});
