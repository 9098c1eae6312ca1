/**
 * How the framework adapters reach a gateway: in-process through a `Tokligence` instance's canonical
 * entry (`run()`: the framework's types map onto the canonical model and nothing is lost to a wire
 * format in between), or over HTTP to a Tokligence server (any OpenAI-compatible endpoint, really),
 * where OpenAI chat is the wire. The adapters only map their framework's types to and from canonical.
 */
import { TokligenceError } from '../../core/errors.js';
import { readSse } from '../../core/sse.js';
import { collectStream, responseToEvents } from '../../core/stream.js';
import type { ChatEvent, ChatRequest, ChatResponse } from '../../core/types.js';
import { openaiChatCodec } from '../../dialects/openai-chat/index.js';
import type { WireContext } from '../../core/contracts/index.js';
import { createRuntime, runCanonical, type TokligenceOptions } from '../../runtime/index.js';

/** The part of `Tokligence` the adapters use (structural, so a second copy of the class still fits). */
export interface TokligenceLike {
  run(
    request: ChatRequest,
    options?: { signal?: AbortSignal; headers?: Record<string, string> },
  ): Promise<{ type: 'response'; response: ChatResponse } | { type: 'stream'; events: AsyncIterable<ChatEvent> }>;
}

/** Where an adapter sends its calls. */
export interface GatewayOptions {
  /** An in-process gateway. */
  client?: TokligenceLike;
  /** A Tokligence server (or any OpenAI-compatible base URL ending in `/v1`). */
  baseURL?: string;
  /** Bearer key for `baseURL`. */
  apiKey?: string;
  /** Extra headers for `baseURL` calls (e.g. `x-tokligence-profile`). */
  headers?: Record<string, string>;
  /** A fetch of your own (tests, proxies). */
  fetch?: typeof fetch;
}

export interface CallOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** One way to run canonical requests. */
export interface Transport {
  generate(request: ChatRequest, options?: CallOptions): Promise<ChatResponse>;
  stream(request: ChatRequest, options?: CallOptions): Promise<AsyncIterable<ChatEvent>>;
  /** Where calls go, for error reports. */
  readonly url: string;
}

/**
 * The in-process gateway an adapter makes for itself when given neither `client` nor `baseURL`:
 * the same runtime a `new Tokligence(options)` builds, reached through its canonical entry.
 */
export function defaultClient(options?: TokligenceOptions): TokligenceLike {
  const runtime = createRuntime(options);
  return { run: (request, callOptions) => runCanonical(runtime, request, callOptions) };
}

/** True for something with Tokligence's `run` method. */
export function isTokligenceLike(value: unknown): value is TokligenceLike {
  return !!value && typeof (value as { run?: unknown }).run === 'function';
}

/** Pick the transport for the options: `client` wins, else `baseURL`. */
export function createTransport(options: GatewayOptions): Transport {
  if (options.client) return inProcessTransport(options.client);
  if (options.baseURL) return httpTransport(options);
  throw new TokligenceError('config', 'Tokligence adapter: pass `client` (a Tokligence instance) or `baseURL` (a gateway URL)');
}

function encode(request: ChatRequest, stream: boolean): { body: Record<string, unknown>; context: WireContext } {
  return openaiChatCodec.encodeRequest({ ...request, stream });
}

function inProcessTransport(client: TokligenceLike): Transport {
  return {
    url: 'tokligence://in-process',
    async generate(request, options = {}) {
      const result = await client.run({ ...request, stream: false }, { signal: options.signal, headers: options.headers });
      return result.type === 'response' ? result.response : collectStream(result.events);
    },
    async stream(request, options = {}) {
      const result = await client.run({ ...request, stream: true }, { signal: options.signal, headers: options.headers });
      return result.type === 'stream' ? result.events : responseToEvents(result.response);
    },
  };
}

function httpTransport(options: GatewayOptions): Transport {
  const base = (options.baseURL ?? '').replace(/\/+$/, '');
  const url = `${base}/chat/completions`;
  const doFetch = options.fetch ?? fetch;

  async function post(body: Record<string, unknown>, call: CallOptions): Promise<Response> {
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
          ...options.headers,
          ...call.headers,
        },
        body: JSON.stringify(body),
        signal: call.signal,
      });
    } catch (err) {
      if (call.signal?.aborted) throw new TokligenceError('aborted', 'request aborted', { cause: err });
      throw new TokligenceError('connection', `cannot reach ${url}: ${(err as Error).message}`, { cause: err });
    }
    if (!res.ok) {
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // a proxy's HTML error page: keep the text
      }
      throw openaiChatCodec.decodeError(res.status, parsed, res.headers);
    }
    return res;
  }

  return {
    url,
    async generate(request, call = {}) {
      const { body, context } = encode(request, false);
      const res = await post(body, call);
      return openaiChatCodec.decodeResponse(await res.json(), context);
    },
    async stream(request, call = {}) {
      const { body, context } = encode(request, true);
      const res = await post(body, call);
      if (!res.body) throw new TokligenceError('api_error', `empty stream body from ${url}`);
      return throwErrors(openaiChatCodec.decodeStream(readSse(res.body), context));
    },
  };
}

/** Turn `error` events into thrown errors, as the in-process transport does. */
async function* throwErrors(events: AsyncIterable<ChatEvent>): AsyncGenerator<ChatEvent> {
  for await (const ev of events) {
    if (ev.type === 'error') throw ev.error;
    yield ev;
  }
}

/**
 * Whether trying another model may help: the error taxonomy's own verdict, read structurally so an
 * error thrown by another bundle's copy of TokligenceError counts too.
 */
export function isRetryable(err: unknown): boolean {
  if (err && typeof err === 'object' && typeof (err as { retryable?: unknown }).retryable === 'boolean')
    return (err as { retryable: boolean }).retryable;
  return false;
}
