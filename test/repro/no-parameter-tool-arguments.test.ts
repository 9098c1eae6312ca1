/**
 * Issue 21 #1: a Claude tool with no parameters (`input: {}` and one empty input_json_delta) reached
 * a Responses caller with `arguments: ""` — not JSON — in function_call_arguments.done,
 * output_item.done and response.completed. Every caller must get a JSON object.
 */
import { describe, expect, it } from 'vitest';
import { DIALECTS, fixtureText, replay } from '../helpers/replay.js';
import { readAnswer, streamProblems } from '../helpers/validators/streams.js';

// biome-ignore lint/suspicious/noExplicitAny: reading loosely typed wire JSON in assertions
type Wire = Record<string, any>;

const recorded = fixtureText('anthropic/no-parameter-tool.chunks.txt');

describe('repro: a parameterless Claude tool call', () => {
  it.each(DIALECTS)('reaches a %s caller as a valid stream with arguments {}', async (caller) => {
    const { wire } = await replay('anthropic', recorded, caller);
    expect(streamProblems(caller, wire)).toEqual([]);
    const answer = readAnswer(caller, wire);
    expect(answer.tools).toEqual([{ name: 'get_current_time', args: {} }]);
    expect(answer.text).toBe("I'll check the time.");
  });

  it('the Responses caller sees "{}" everywhere the arguments appear', async () => {
    const { wire } = await replay('anthropic', recorded, 'responses');
    const data = wire.map((e) => e.data as Wire);
    expect(data.find((d) => d.type === 'response.function_call_arguments.done')?.arguments).toBe('{}');
    expect(data.find((d) => d.type === 'response.output_item.done' && d.item.type === 'function_call')?.item.arguments).toBe('{}');
    const completed = data.find((d) => d.type === 'response.completed');
    expect(completed?.response.output.find((i: { type: string }) => i.type === 'function_call').arguments).toBe('{}');
  });
});
