/**
 * What the server does for Gemini-shaped callers besides calling: the model list and lookup in
 * Google's shape, the countTokens body, and the JSON-array framing of `streamGenerateContent`
 * without `?alt=sse`.
 */
import type { Runtime } from '../runtime/index.js';
import { InvalidRequestError, NotFoundError, toTokligenceError } from '../core/errors.js';
import type { WireEvent } from '../core/contracts/index.js';
import { codecFor } from '../dialects/index.js';
import { visibleToTenant } from '../runtime/tenants.js';

const METHODS = ['generateContent', 'streamGenerateContent', 'countTokens'];

/** A `Model` resource as `GET /v1beta/models` lists it. */
function modelResource(id: string) {
  return { name: `models/${id}`, version: '001', displayName: id, supportedGenerationMethods: METHODS };
}

/** `GET /v1beta/models`: configured aliases (globs left out) and each provider's listed models. */
export function geminiModelList(ids: string[]) {
  return { models: ids.map(modelResource) };
}

/** `GET /v1beta/models/{model}`: any name the gateway can route (aliases and globs apply), else 404. */
export function geminiModel(tk: Runtime, id: string, tenant?: string) {
  const model = id.replace(/^models\//, '');
  try {
    if (visibleToTenant(tk.config, tenant, model) && tk.resolve(model).some((t) => visibleToTenant(tk.config, tenant, t.provider))) return modelResource(model);
  } catch {
    // not routable: a 404 below
  }
  throw new NotFoundError(`models/${model} is not found: no route for this model name`);
}

/**
 * The request a `countTokens` body stands for: `{contents}` or `{generateContentRequest: {…}}`,
 * with the model from the URL.
 */
export function geminiCountTokensBody(body: unknown, model: string): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new InvalidRequestError('Request body must be a JSON object');
  const wrapped = (body as { generateContentRequest?: unknown }).generateContentRequest;
  if (wrapped !== undefined && (wrapped === null || typeof wrapped !== 'object' || Array.isArray(wrapped)))
    throw new InvalidRequestError('generateContentRequest: expected an object', 'generateContentRequest');
  const request = (wrapped ?? body) as Record<string, unknown>;
  const { generateContentRequest: _nested, ...rest } = request;
  return { ...rest, model };
}

/**
 * A Gemini stream as `streamGenerateContent` answers without `?alt=sse`: one JSON array, an
 * element per chunk (`[{…}\r\n,{…}\r\n]`). A failure after the start becomes a last element in
 * Google's error shape, the array is closed, and the failure is rethrown so the server logs it.
 */
export async function* jsonArrayStream(events: AsyncIterable<WireEvent>): AsyncGenerator<string> {
  let first = true;
  const element = (data: unknown) => {
    const text = `${first ? '[' : '\r\n,'}${typeof data === 'string' ? data : JSON.stringify(data)}`;
    first = false;
    return text;
  };
  try {
    for await (const ev of events) yield element(ev.data);
  } catch (err) {
    const error = toTokligenceError(err);
    if (error.kind !== 'aborted') yield `${element(codecFor('gemini').encodeError(error).body)}\r\n]`;
    throw err;
  }
  yield first ? '[]' : '\r\n]';
}
