/**
 * Upstream answers per provider dialect for the hardening tests: a healthy answer, the first frame
 * of a stream, a first content frame, and each dialect's own in-band error frames.
 */
import { type FakeReply, sseFrames } from '../helpers/fake-upstream.js';

export type UpstreamDialect = 'anthropic' | 'openai-chat' | 'responses';

type Frame = { event?: string; data: unknown };

const chatChunk = (delta: unknown, finish: string | null = null, usage?: unknown) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...(usage ? { usage } : {}),
});

const responseObject = (status: string, output: unknown[] = [], extra: Record<string, unknown> = {}) => ({
  id: 'resp_1',
  object: 'response',
  created_at: 1,
  status,
  model: 'm',
  output,
  ...extra,
});

/** The frames before any content: `message_start`, a role chunk, `response.created`. */
export function startFrames(d: UpstreamDialect): Frame[] {
  if (d === 'anthropic')
    return [
      {
        event: 'message_start',
        data: {
          type: 'message_start',
          message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } },
        },
      },
    ];
  if (d === 'openai-chat') return [{ data: chatChunk({ role: 'assistant', content: '' }) }];
  return [
    { event: 'response.created', data: { type: 'response.created', sequence_number: 0, response: responseObject('in_progress') } },
    { event: 'response.in_progress', data: { type: 'response.in_progress', sequence_number: 1, response: responseObject('in_progress') } },
  ];
}

/** Frames that carry `text` as the first content. */
export function contentFrames(d: UpstreamDialect, text: string): Frame[] {
  if (d === 'anthropic')
    return [
      { event: 'content_block_start', data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } } },
      { event: 'content_block_delta', data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } } },
    ];
  if (d === 'openai-chat') return [{ data: chatChunk({ content: text }) }];
  return [
    {
      event: 'response.output_item.added',
      data: { type: 'response.output_item.added', sequence_number: 2, output_index: 0, item: { id: 'msg_1', type: 'message', status: 'in_progress', role: 'assistant', content: [] } },
    },
    {
      event: 'response.content_part.added',
      data: { type: 'response.content_part.added', sequence_number: 3, item_id: 'msg_1', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } },
    },
    { event: 'response.output_text.delta', data: { type: 'response.output_text.delta', sequence_number: 4, item_id: 'msg_1', output_index: 0, content_index: 0, delta: text } },
  ];
}

/** The frames that end a good stream. */
export function endFrames(d: UpstreamDialect, text: string): Frame[] {
  if (d === 'anthropic')
    return [
      { event: 'content_block_stop', data: { type: 'content_block_stop', index: 0 } },
      { event: 'message_delta', data: { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 3 } } },
      { event: 'message_stop', data: { type: 'message_stop' } },
    ];
  if (d === 'openai-chat') return [{ data: chatChunk({}, 'stop', { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 }) }, { data: '[DONE]' }];
  const message = { id: 'msg_1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] };
  return [
    { event: 'response.output_text.done', data: { type: 'response.output_text.done', sequence_number: 5, item_id: 'msg_1', output_index: 0, content_index: 0, text } },
    { event: 'response.output_item.done', data: { type: 'response.output_item.done', sequence_number: 6, output_index: 0, item: message } },
    {
      event: 'response.completed',
      data: {
        type: 'response.completed',
        sequence_number: 7,
        response: responseObject('completed', [message], { usage: { input_tokens: 5, output_tokens: 3, total_tokens: 8, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } } }),
      },
    },
  ];
}

/** Each dialect's in-band error frames (Responses has two: `response.failed` and `error`). */
export const IN_BAND_ERRORS: Array<{ upstream: UpstreamDialect; name: string; frames: Frame[] }> = [
  { upstream: 'anthropic', name: 'event: error', frames: [{ event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }] },
  { upstream: 'openai-chat', name: '{"error":{…}} data chunk', frames: [{ data: { error: { message: 'The server had an error', type: 'server_error', code: 'server_error' } } }] },
  {
    upstream: 'responses',
    name: 'response.failed',
    frames: [
      {
        event: 'response.failed',
        data: { type: 'response.failed', sequence_number: 9, response: responseObject('failed', [], { error: { code: 'server_error', message: 'The model failed' } }) },
      },
    ],
  },
  { upstream: 'responses', name: 'event: error', frames: [{ event: 'error', data: { type: 'error', sequence_number: 9, code: 'server_error', message: 'The model failed', param: null } }] },
];

/** A healthy answer saying `text`, JSON or SSE as asked. */
export function healthyReply(d: UpstreamDialect, text: string, stream: boolean): FakeReply {
  if (stream) return { chunks: sseFrames([...startFrames(d), ...contentFrames(d, text), ...endFrames(d, text)]) };
  if (d === 'anthropic')
    return {
      json: { id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [{ type: 'text', text }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 3 } },
    };
  if (d === 'openai-chat')
    return {
      json: {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1,
        model: 'm',
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
      },
    };
  return {
    json: responseObject('completed', [{ id: 'msg_1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] }], {
      usage: { input_tokens: 5, output_tokens: 3, total_tokens: 8 },
    }),
  };
}

/** Provider settings for a fake upstream speaking `d`. */
export function providerFor(d: UpstreamDialect, url: string): Record<string, unknown> {
  if (d === 'anthropic') return { type: 'anthropic', baseUrl: url, apiKey: 'sk-ant-test' };
  if (d === 'openai-chat') return { type: 'openai-compatible', baseUrl: `${url}/v1` };
  return { type: 'openai', baseUrl: `${url}/v1`, apiKey: 'sk-test' };
}

/** A status error body in the upstream's own shape. */
export function statusError(d: UpstreamDialect, status: number, headers: Record<string, string> = {}): FakeReply {
  if (d === 'anthropic')
    return { status, headers, json: { type: 'error', error: { type: status === 429 ? 'rate_limit_error' : 'overloaded_error', message: `upstream ${status}` } } };
  return { status, headers, json: { error: { message: `upstream ${status}`, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', code: null } } };
}
