import { formatSse } from '../core/sse.js';
import type { DialectName } from '../core/types.js';
import { type CallMeta, metaHeaders } from '../runtime/index.js';

/**
 * The `Response` of an in-process call, for `.asResponse()` / `.withResponse()` (openai-node's and
 * the Anthropic SDK's names). No HTTP happened, so it is built from the answer: status 200, the
 * body as the server would send it (the JSON answer, or the dialect's SSE for a stream), and the
 * headers the SDKs and the server use: `x-request-id` and `request-id` (the call's id),
 * `x-tokligence-route`, `-attempts`, `-cache`, `-scanned`, `-provider`, `-model`.
 */
export function callResponse(dialect: DialectName, data: unknown, meta: CallMeta, body: 'answer' | 'none'): Response {
  const headers = new Headers({ 'x-request-id': meta.requestId, 'request-id': meta.requestId });
  for (const [k, v] of Object.entries(metaHeaders(meta))) headers.set(k, asciiHeader(v));
  if (meta.provider) headers.set('x-tokligence-provider', asciiHeader(meta.provider));
  if (meta.model) headers.set('x-tokligence-model', asciiHeader(meta.model));
  const stream = isStream(data);
  headers.set('content-type', stream ? 'text/event-stream' : 'application/json');
  if (body === 'none') return new Response(null, { status: 200, headers });
  return new Response(stream ? sseBody(dialect, data) : JSON.stringify(data), { status: 200, headers });
}

function isStream(data: unknown): data is AsyncIterable<unknown> {
  return typeof data === 'object' && data !== null && Symbol.asyncIterator in data;
}

/** A header value as visible ASCII (a model name may hold anything). */
const asciiHeader = (v: string) => v.replace(/[^\x20-\x7e]/g, '?').slice(0, 1024);

/** The SDK objects of a stream, framed as the dialect's SSE (named events where the dialect names them). */
function sseBody(dialect: DialectName, events: AsyncIterable<unknown>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const it = events[Symbol.asyncIterator]();
  const named = dialect === 'anthropic' || dialect === 'responses';
  let finished = false;
  return new ReadableStream({
    async pull(ctrl) {
      try {
        const { value, done } = await it.next();
        if (done) {
          if (!finished && dialect === 'openai-chat') ctrl.enqueue(encoder.encode(formatSse(undefined, '[DONE]')));
          finished = true;
          ctrl.close();
          return;
        }
        const event = named ? (value as { type?: string }).type : undefined;
        ctrl.enqueue(encoder.encode(formatSse(event, value)));
      } catch (err) {
        ctrl.error(err);
      }
    },
    async cancel() {
      await it.return?.();
    },
  });
}
