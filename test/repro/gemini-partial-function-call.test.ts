/**
 * Issue 21 #4: a Gemini `functionCall` chunk carrying partial arguments without `name` failed
 * schema validation and cost the caller the whole answer (`500 Gemini stream: unexpected chunk`).
 * Calls streamed in pieces (`willContinue`, `partialArgs`) are gathered; a part we cannot read is
 * skipped and counted, never fatal.
 */
import { describe, expect, it } from 'vitest';
import { DIALECTS, fixtureText, replay } from '../helpers/replay.js';
import { readAnswer, streamProblems } from '../helpers/validators/streams.js';

const recorded = fixtureText('gemini/partial-function-call-args.chunks.txt');

describe('repro: a Gemini function call streamed in pieces', () => {
  it.each(DIALECTS)('reaches a %s caller whole', async (caller) => {
    const { wire, canonical } = await replay('gemini', recorded, caller);
    expect(canonical.some((e) => e.type === 'error')).toBe(false);
    expect(streamProblems(caller, wire)).toEqual([]);
    const answer = readAnswer(caller, wire);
    expect(answer.text).toBe('Let me look that up.');
    expect(answer.tools).toEqual([{ name: 'get_weather', args: { location: 'San Francisco, CA', days: 3 } }]);
  });

  it('keeps the thought signature on the call', async () => {
    const { canonical } = await replay('gemini', recorded, 'gemini');
    expect(canonical.find((e) => e.type === 'part_end' && e.index === 1)).toMatchObject({ signature: 'CiQBjz1rX2dlbWluaS1zaWc=' });
  });

  it('an unreadable part is skipped and counted; the rest of the answer arrives', async () => {
    const odd = recorded.replace('{"text":"Let me look that up."}', '{"text":"Let me look that up."},{"text":42},{"executableCode":{"language":"PYTHON","code":"print(1)"}}');
    const { wire, context } = await replay('gemini', odd, 'openai-chat');
    expect(streamProblems('openai-chat', wire)).toEqual([]);
    expect(readAnswer('openai-chat', wire).tools).toHaveLength(1);
    expect(Object.fromEntries(context.skipped)).toEqual({ 'part:unreadable': 1, 'part:executableCode': 1 });
  });
});
