/**
 * Unknown stream events and parts never cost the caller the answer (issue 21 item 2): recorded
 * streams of every upstream dialect get unfamiliar events / parts inserted at random places; the
 * canonical stream must come out exactly as without them, and each insertion is counted on the
 * WireContext (what RouteAttempt.skipped and the metrics report).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DialectName } from '../../src/core/types.js';
import { fixtureText, replay } from '../helpers/replay.js';

/** One SSE event block per entry (the fixture split at blank lines). */
function blocks(text: string): string[] {
  return text
    .replaceAll('\r\n', '\n')
    .split(/\n\n/)
    .filter((b) => b.trim() !== '')
    .map((b) => `${b}\n\n`);
}

/** An event or part of a kind no decoder knows, as each dialect would carry it. */
const unknown: Record<DialectName, (n: number) => string> = {
  anthropic: (n) => `event: content_block_future_${n}\ndata: {"type":"content_block_future_${n}","index":0}\n\n`,
  responses: (n) => `event: response.future_event_${n}.delta\ndata: {"type":"response.future_event_${n}.delta","sequence_number":9999,"delta":"x"}\n\n`,
  'openai-chat': (n) =>
    `data: {"id":"chatcmpl-x","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"future_field_${n}":{"a":1}},"finish_reason":null}]}\n\n`,
  gemini: (n) => `data: {"candidates":[{"content":{"role":"model","parts":[{"futurePart${n}":{"a":1}}]},"index":0}]}\n\n`,
};

/** Ids we mint (Gemini sends none) differ from run to run. */
function minted(events: unknown): string {
  return JSON.stringify(events).replace(/call_gm_[0-9a-f]+/g, 'call_gm_*');
}

const recordings: Array<[DialectName, string]> = [
  ['anthropic', 'anthropic/golden-a-tool.chunks.txt'],
  ['anthropic', 'anthropic/thinking-text-two-tools.chunks.txt'],
  ['anthropic', 'anthropic/no-parameter-tool.chunks.txt'],
  ['responses', 'responses/codex-reasoning-text-patch-exec.chunks.txt'],
  ['responses', 'responses/namespaced-function-call.chunks.txt'],
  ['openai-chat', 'openai-chat/text-and-parallel-tools.chunks.txt'],
  ['openai-chat', 'openai-chat/deepseek-reasoning.chunks.txt'],
  ['gemini', 'gemini/text-and-function-call.chunks.txt'],
  ['gemini', 'gemini/partial-function-call-args.chunks.txt'],
];

describe('unknown events and parts: skipped, counted, never fatal', () => {
  it.each(recordings)('%s %s', async (dialect, path) => {
    const original = blocks(fixtureText(path));
    const expected = minted((await replay(dialect, original.join(''), 'openai-chat')).canonical);
    await fc.assert(
      fc.asyncProperty(
        // Positions after the first event and before the last (the stream's start and end stay put).
        fc.array(fc.integer({ min: 1, max: original.length - 1 }), { minLength: 1, maxLength: 6 }),
        async (positions) => {
          const out = [...original];
          for (const [n, at] of [...positions].sort((a, b) => b - a).entries()) out.splice(at, 0, unknown[dialect](n));
          const { canonical, context } = await replay(dialect, out.join(''), 'openai-chat');
          expect(minted(canonical)).toBe(expected);
          expect([...context.skipped.values()].reduce((a, b) => a + b, 0)).toBe(positions.length);
        },
      ),
      { numRuns: 40 },
    );
  });
});
