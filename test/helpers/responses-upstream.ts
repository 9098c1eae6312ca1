import { type FakeReply, type FakeUpstream, type RecordedRequest, sseFrames, startFakeUpstream } from './fake-upstream.js';
import { responsesValidationError, validateResponsesRequest } from './validators/responses.js';

/** What the scripted Responses model does: say `text`, or call `call` (arguments as JSON text). */
export interface ResponsesScript {
  text?: string;
  call?: { name: string; arguments: string };
}

/**
 * A Responses-only upstream (like OpenAI's `*-codex` models): `/v1/responses` answers, validated
 * as the real API would; `/v1/chat/completions` is refused with OpenAI's own error for such models.
 */
export async function startResponsesOnlyUpstream(script: (req: RecordedRequest) => ResponsesScript): Promise<FakeUpstream> {
  return startFakeUpstream({
    validator: (body, req) => (req.url.endsWith('/responses') ? validateResponsesRequest(body) : []),
    validationError: responsesValidationError,
    handler: responsesOnly(script),
  });
}

/** A handler that answers /responses with `script` and refuses /chat/completions as OpenAI does for such models. */
export function responsesOnly(script: (req: RecordedRequest) => ResponsesScript): (req: RecordedRequest) => FakeReply {
  return (req) => {
    if (!req.url.endsWith('/responses'))
      return {
        status: 404,
        json: {
          error: {
            message: `This model is only supported in v1/responses and not in v1/chat/completions.`,
            type: 'invalid_request_error',
            param: 'model',
            code: null,
          },
        },
      };
    return responsesReply(req, script(req));
  };
}

/** A Responses API answer (JSON, or SSE when the request streams) doing what `script` says. */
export function responsesReply(req: RecordedRequest, script: ResponsesScript): FakeReply {
  const body = req.body as { model?: string; stream?: boolean };
  const model = body.model ?? 'up-model';
  const item = script.call
    ? { id: 'fc_up1', type: 'function_call', status: 'completed', call_id: 'call_up1', name: script.call.name, arguments: script.call.arguments }
    : { id: 'msg_up1', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: script.text ?? '', annotations: [] }] };
  const usage = { input_tokens: 21, input_tokens_details: { cached_tokens: 0 }, output_tokens: 9, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 30 };
  const response = (status: string, output: unknown[], u: unknown) => ({ id: 'resp_up1', object: 'response', created_at: 1767000000, status, model, output, usage: u });
  if (!body.stream) return { json: response('completed', [item], usage) };
  let seq = 0;
  const ev = (type: string, payload: Record<string, unknown>) => ({ event: type, data: { type, sequence_number: seq++, ...payload } });
  const events = [ev('response.created', { response: response('in_progress', [], null) }), ev('response.in_progress', { response: response('in_progress', [], null) })];
  if (script.call) {
    const args = script.call.arguments;
    events.push(
      ev('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', arguments: '' } }),
      ev('response.function_call_arguments.delta', { item_id: 'fc_up1', output_index: 0, delta: args.slice(0, 5) }),
      ev('response.function_call_arguments.delta', { item_id: 'fc_up1', output_index: 0, delta: args.slice(5) }),
      ev('response.function_call_arguments.done', { item_id: 'fc_up1', output_index: 0, name: script.call.name, arguments: args }),
    );
  } else {
    const text = script.text ?? '';
    const at = { item_id: 'msg_up1', output_index: 0, content_index: 0 };
    events.push(
      ev('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } }),
      ev('response.content_part.added', { ...at, part: { type: 'output_text', text: '', annotations: [] } }),
      ev('response.output_text.delta', { ...at, delta: text.slice(0, 3), logprobs: [] }),
      ev('response.output_text.delta', { ...at, delta: text.slice(3), logprobs: [] }),
      ev('response.output_text.done', { ...at, text, logprobs: [] }),
      ev('response.content_part.done', { ...at, part: { type: 'output_text', text, annotations: [] } }),
    );
  }
  events.push(ev('response.output_item.done', { output_index: 0, item }), ev('response.completed', { response: response('completed', [item], usage) }));
  return { headers: { 'content-type': 'text/event-stream' }, chunks: sseFrames(events) };
}
