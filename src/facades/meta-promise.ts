import type { CallMeta } from '../runtime/meta.js';

/**
 * The promise a facade returns: the SDK object, as the official SDKs give it, plus `withMeta()` for
 * what the gateway did (route, cache outcome, usage, cost, security report, request id), the way
 * openai-node's `withResponse()` gives the raw HTTP response.
 *
 * @example
 * ```ts
 * const { data, meta } = await tk.chat.completions.create({ model, messages }).withMeta();
 * console.log(meta.cache, meta.route, await meta.cost);
 * ```
 */
export type MetaPromise<T> = Promise<T> & {
  /** The answer together with the call's metadata. */
  withMeta(): Promise<{ data: T; meta: CallMeta }>;
};

/** Wrap a call that yields the answer with its metadata as a promise of the answer alone, plus `withMeta()`. */
export function metaPromise<T>(work: Promise<{ data: T; meta: CallMeta }>): MetaPromise<T> {
  // The answer's promise handles the work's rejection, so ignoring `withMeta()` leaves nothing unhandled.
  const data = work.then((r) => r.data) as MetaPromise<T>;
  data.withMeta = () => work;
  return data;
}
