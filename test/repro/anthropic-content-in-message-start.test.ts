/**
 * Issue 21 #5: Anthropic answers with their content already in `message_start` (programmatic tool
 * calling: `content: [server_tool_use, tool_use …]`, `stop_reason: "tool_use"` there, no
 * message_delta) came out empty with finish `stop`. A call whose result is in the same answer
 * already ran upstream and is not handed on as pending.
 */
import { describe, expect, it } from 'vitest';
import { anthropicCodec } from '../../src/dialects/anthropic/index.js';
import { DIALECTS, fixtureText, replay } from '../helpers/replay.js';
import { readAnswer, streamProblems } from '../helpers/validators/streams.js';

const recorded = fixtureText('anthropic/precompleted-message-start.chunks.txt');
const toolFinish: Record<string, string> = { anthropic: 'tool_use', 'openai-chat': 'tool_calls', responses: 'completed', gemini: 'STOP' };

describe('repro: content already in message_start', () => {
  it.each(DIALECTS)('reaches a %s caller with the pending call, its finish and usage', async (caller) => {
    const { wire } = await replay('anthropic', recorded, caller);
    expect(streamProblems(caller, wire)).toEqual([]);
    const answer = readAnswer(caller, wire);
    expect(answer.tools).toEqual([{ name: 'query_db', args: { region: 'West' } }]);
    expect(answer.finish).toBe(toolFinish[caller]);
    expect(answer.usage.output).toBe(96);
  });

  it('a call whose result is in the same answer is not pending (stream and non-stream agree)', async () => {
    const ran = recorded.replace(
      '"caller":{"type":"code_execution_20250825","tool_id":"srvtoolu_01Code"}}',
      '"caller":{"type":"code_execution_20250825","tool_id":"srvtoolu_01Code"}},{"type":"tool_result","tool_use_id":"toolu_01QueryWest","content":"42"},{"type":"text","text":"West: 42"}',
    );
    const { canonical } = await replay('anthropic', ran, 'openai-chat');
    expect(canonical.filter((e) => e.type === 'part_start').map((e) => (e as { part: { type: string } }).part.type)).toEqual(['text']);
    const message = JSON.parse(ran.split('\n')[1]!.slice('data: '.length)).message;
    const response = anthropicCodec.decodeResponse(message);
    expect(response.content.map((p) => p.type)).toEqual(['text']);
  });
});
