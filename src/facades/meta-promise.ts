import type { DialectName } from '../core/types.js';
import type { CallMeta } from '../runtime/meta.js';
import { callResponse } from './response.js';

/**
 * The promise a facade returns: the SDK object, as the official SDKs give it, plus
 * - `withMeta()`: the answer with what the gateway did (route, cache outcome, usage, cost,
 *   security report, request id);
 * - `withResponse()` / `asResponse()`, as openai-node's and the Anthropic SDK's `APIPromise`: the
 *   answer with a web `Response` built in-process (see `callResponse`: status 200, the request id
 *   in `x-request-id` / `request-id`, the route, cache and guardrail headers the server sends).
 *   For a stream, `withResponse()`'s response has no body (the stream is `data`), and
 *   `asResponse()`'s body is the stream as the dialect's SSE.
 *
 * @example
 * ```ts
 * const { data, meta } = await tk.chat.completions.create({ model, messages }).withMeta();
 * console.log(meta.cache, meta.route, await meta.cost);
 * const { response, request_id } = await tk.chat.completions.create({ model, messages }).withResponse();
 * console.log(request_id, response.headers.get('x-tokligence-route'));
 * ```
 */
export type MetaPromise<T> = Promise<T> & {
  /** The answer together with the call's metadata. */
  withMeta(): Promise<{ data: T; meta: CallMeta }>;
  /** The answer, the in-process `Response` and the request id. */
  withResponse(): Promise<{ data: T; response: Response; request_id: string | null }>;
  /** The in-process `Response` alone (its body is the answer, as JSON or SSE). */
  asResponse(): Promise<Response>;
};

/** Wrap a call that yields the answer with its metadata as a promise of the answer alone, plus the helpers. */
export function metaPromise<T>(work: Promise<{ data: T; meta: CallMeta }>, dialect: DialectName = 'openai-chat'): MetaPromise<T> {
  // The answer's promise handles the work's rejection, so ignoring the helpers leaves nothing unhandled.
  const data = work.then((r) => r.data) as MetaPromise<T>;
  data.withMeta = () => work;
  data.withResponse = () => work.then((r) => ({ data: r.data, response: callResponse(dialect, r.data, r.meta, 'none'), request_id: r.meta.requestId }));
  data.asResponse = () => work.then((r) => callResponse(dialect, r.data, r.meta, 'answer'));
  return data;
}
