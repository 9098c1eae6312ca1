// The fake upstream's answers, built once: OpenAI chat.completion JSON and SSE (a role chunk, 20
// content chunks, a finish chunk, a usage chunk, [DONE]) and the Anthropic message JSON and SSE.
// Shared by the fake server and the in-process overhead bench (a transport that answers from memory).
const WORDS = 'The quick brown fox jumps over the lazy dog while the gateway forwards every token it is given'.split(' ');
const PIECES = WORDS.slice(0, 20).map((w, i) => (i === 0 ? w : ` ${w}`));
const TEXT = PIECES.join('');
const CREATED = 1_750_000_000;

export const openaiJson = JSON.stringify({
  id: 'chatcmpl-bench0001',
  object: 'chat.completion',
  created: CREATED,
  model: 'gpt-4o-2024-08-06',
  choices: [{ index: 0, message: { role: 'assistant', content: TEXT, refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
  usage: {
    prompt_tokens: 250,
    completion_tokens: 20,
    total_tokens: 270,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  },
  service_tier: 'default',
  system_fingerprint: 'fp_bench',
});

const chunk = (delta, finish = null, usage = undefined) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-bench0001',
    object: 'chat.completion.chunk',
    created: CREATED,
    model: 'gpt-4o-2024-08-06',
    service_tier: 'default',
    system_fingerprint: 'fp_bench',
    choices: usage ? [] : [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(usage !== undefined ? { usage } : {}),
  })}\n\n`;
export const openaiSse = [
  chunk({ role: 'assistant', content: '', refusal: null }),
  ...PIECES.map((p) => chunk({ content: p })),
  chunk({}, 'stop'),
  chunk(undefined, null, { prompt_tokens: 250, completion_tokens: 20, total_tokens: 270 }),
  'data: [DONE]\n\n',
].join('');

export const anthropicJson = JSON.stringify({
  id: 'msg_bench0001',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5-20250929',
  content: [{ type: 'text', text: TEXT }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 250, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 20, service_tier: 'standard' },
});

const ev = (event, data) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
export const anthropicSse = [
  ev('message_start', {
    type: 'message_start',
    message: {
      id: 'msg_bench0001',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 250, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 },
    },
  }),
  ev('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
  ...PIECES.map((p) => ev('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: p } })),
  ev('content_block_stop', { type: 'content_block_stop', index: 0 }),
  ev('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 20 } }),
  ev('message_stop', { type: 'message_stop' }),
].join('');
