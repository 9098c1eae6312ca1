import { type FakeReply, type RecordedRequest, sseFrames } from './fake-upstream.js';

/**
 * A scripted OpenAI chat-completions upstream answer: JSON, or SSE when the request asks to
 * stream. `text` may depend on the request (e.g. echo the last user message).
 */
export function chatCompletionReply(text: string | ((req: RecordedRequest) => string), finish = 'stop'): (req: RecordedRequest) => FakeReply {
  return (req) => {
    const body = req.body as { stream?: boolean; model?: string };
    const content = typeof text === 'function' ? text(req) : text;
    const model = body.model ?? 'up-model';
    if (!body.stream)
      return {
        json: {
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finish, logprobs: null }],
          usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 },
        },
      };
    const chunk = (delta: unknown, finish_reason: string | null = null, usage?: unknown) => ({
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      created: 1,
      model,
      choices: [{ index: 0, delta, finish_reason, logprobs: null }],
      ...(usage ? { usage } : {}),
    });
    const half = Math.ceil(content.length / 2);
    return {
      chunks: [
        ...sseFrames([
          { data: chunk({ role: 'assistant', content: '' }) },
          { data: chunk({ content: content.slice(0, half) }) },
          { data: chunk({ content: content.slice(half) }) },
          { data: chunk({}, finish, { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 }) },
        ]),
        'data: [DONE]\n\n',
      ],
    };
  };
}
