import { type FakeReply, type RecordedRequest, sseFrames } from './fake-upstream.js';

/** A scripted Anthropic messages answer (JSON, or SSE when the request streams), text or one tool_use. */
export function anthropicReply(
  answer: string | { tool: string; input: Record<string, unknown>; id?: string } | ((req: RecordedRequest) => string),
): (req: RecordedRequest) => FakeReply {
  return (req) => {
    const body = req.body as { stream?: boolean; model?: string };
    const model = body.model ?? 'claude-test';
    const value = typeof answer === 'function' ? answer(req) : answer;
    const block =
      typeof value === 'string'
        ? { type: 'text', text: value }
        : { type: 'tool_use', id: value.id ?? 'toolu_01', name: value.tool, input: value.input };
    const stop = block.type === 'tool_use' ? 'tool_use' : 'end_turn';
    const usage = { input_tokens: 12, output_tokens: 4, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
    if (!body.stream)
      return { json: { id: 'msg_01', type: 'message', role: 'assistant', model, content: [block], stop_reason: stop, stop_sequence: null, usage } };
    const start = block.type === 'text' ? { type: 'text', text: '' } : { ...block, input: {} };
    const delta =
      block.type === 'text' ? { type: 'text_delta', text: (block as { text: string }).text } : { type: 'input_json_delta', partial_json: JSON.stringify((block as { input: unknown }).input) };
    return {
      chunks: sseFrames([
        { event: 'message_start', data: { type: 'message_start', message: { id: 'msg_01', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } } },
        { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: start } },
        { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta } },
        { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
        { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 4 } } },
        { event: 'message_stop', data: { type: 'message_stop' } },
      ]),
    };
  };
}
