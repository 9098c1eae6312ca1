/**
 * Issue 21 #3: a namespaced Responses `function_call` (namespace "get_weather", name "get_weather",
 * as hosted tool search returns it) reached Anthropic and chat callers as `get_weather.get_weather`,
 * a name they never declared and that is invalid in both dialects. Callers get the name they declared.
 */
import { describe, expect, it } from 'vitest';
import { newWireContext } from '../../src/core/contracts/index.js';
import { responsesCodec } from '../../src/dialects/responses/index.js';
import { DIALECTS, fixtureText, replay } from '../helpers/replay.js';
import { readAnswer, streamProblems } from '../helpers/validators/streams.js';

const recorded = fixtureText('responses/namespaced-function-call.chunks.txt');

describe('repro: a namespaced Responses function call', () => {
  it.each(DIALECTS)('reaches a %s caller that declared get_weather under that name', async (caller) => {
    const { wire } = await replay('responses', recorded, caller, { declaredTools: ['get_weather'] });
    expect(streamProblems(caller, wire)).toEqual([]);
    expect(readAnswer(caller, wire).tools).toEqual([{ name: 'get_weather', args: { location: 'Paris' } }]);
  });

  it('the encoder records what the caller declared, so the answer can be read back', () => {
    const { context } = responsesCodec.encodeRequest({
      model: 'gpt-5.2',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] }],
      tools: [{ kind: 'function', name: 'get_weather', inputSchema: { type: 'object' } }],
    });
    expect([...(context.declaredTools ?? [])]).toEqual(['get_weather']);
  });

  it('a caller that declared the namespaced tool keeps namespace.name (Responses caller, Codex namespaces)', async () => {
    const { canonical } = await replay('responses', recorded, 'responses', { declaredTools: ['get_weather.get_weather'] });
    expect(canonical.find((e) => e.type === 'part_start')).toMatchObject({ part: { name: 'get_weather.get_weather' } });
  });

  it('the non-stream answer resolves names the same way', () => {
    const context = newWireContext('gpt-5.2');
    context.declaredTools = new Set(['get_weather']);
    const response = responsesCodec.decodeResponse(
      {
        id: 'resp_ns01',
        object: 'response',
        status: 'completed',
        model: 'gpt-5.2',
        output: [{ id: 'fc_ns01', type: 'function_call', status: 'completed', namespace: 'get_weather', name: 'get_weather', call_id: 'call_ns01', arguments: '{"location":"Paris"}' }],
        usage: { input_tokens: 120, output_tokens: 22, total_tokens: 142 },
      },
      context,
    );
    expect(response.content).toEqual([expect.objectContaining({ type: 'tool_call', name: 'get_weather', arguments: { location: 'Paris' } })]);
  });
});
