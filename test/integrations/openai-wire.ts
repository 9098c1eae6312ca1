/** Real OpenAI chat wire answers for the fake upstream: a tool call or text, JSON or SSE. */
import type { FakeReply, RecordedRequest } from '../helpers/fake-upstream.js';
import { sseFrames } from '../helpers/fake-upstream.js';

type Body = { model: string; stream?: boolean; messages: Array<{ role: string; content?: unknown }>; tools?: Array<{ function: { name: string } }> };

const usage = { prompt_tokens: 20, completion_tokens: 7, total_tokens: 27, prompt_tokens_details: { cached_tokens: 5 } };

/** Answer like a model in a tool loop: call the first tool until a tool result arrives, then summarise it. */
export function toolLoopReply(req: RecordedRequest, args: Record<string, unknown> = { city: 'Paris' }): FakeReply {
  const body = req.body as Body;
  const last = body.messages[body.messages.length - 1];
  const tool = body.tools?.[0]?.function.name;
  if (last?.role === 'tool' || !tool) return textReply(body, `The tool said: ${typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content)}`);
  return toolCallReply(body, tool, args);
}

export function textReply(body: Body, text: string): FakeReply {
  if (!body.stream)
    return {
      json: {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, finish_reason: 'stop', logprobs: null }],
        usage,
      },
    };
  const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: body.model };
  const half = Math.ceil(text.length / 2);
  return {
    chunks: [
      ...sseFrames([
        { data: { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] } },
        { data: { ...base, choices: [{ index: 0, delta: { content: text.slice(0, half) }, finish_reason: null }] } },
        { data: { ...base, choices: [{ index: 0, delta: { content: text.slice(half) }, finish_reason: null }] } },
        { data: { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] } },
        { data: { ...base, choices: [], usage } },
      ]),
      'data: [DONE]\n\n',
    ],
  };
}

export function toolCallReply(body: Body, name: string, args: Record<string, unknown>): FakeReply {
  const json = JSON.stringify(args);
  if (!body.stream)
    return {
      json: {
        id: 'chatcmpl-2',
        object: 'chat.completion',
        created: 1,
        model: body.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: 'call_up1', type: 'function', function: { name, arguments: json } }] },
            finish_reason: 'tool_calls',
            logprobs: null,
          },
        ],
        usage,
      },
    };
  const base = { id: 'chatcmpl-2', object: 'chat.completion.chunk', created: 1, model: body.model };
  const cut = Math.floor(json.length / 2);
  return {
    chunks: [
      ...sseFrames([
        { data: { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_up1', type: 'function', function: { name, arguments: '' } }] }, finish_reason: null }] } },
        { data: { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: json.slice(0, cut) } }] }, finish_reason: null }] } },
        { data: { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: json.slice(cut) } }] }, finish_reason: null }] } },
        { data: { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] } },
        { data: { ...base, choices: [], usage } },
      ]),
      'data: [DONE]\n\n',
    ],
  };
}
