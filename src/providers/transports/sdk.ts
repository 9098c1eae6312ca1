import { ConfigError } from '../../core/errors.js';
import { transportError } from './errors.js';
import type { Transport, TransportRequest, UpstreamResponse } from './types.js';

/** The error classes both official SDKs export (same names, same shapes). */
export interface SdkErrorClasses {
  APIError: abstract new (...args: never[]) => { status?: number; error?: unknown; headers?: unknown; message: string };
  APIConnectionTimeoutError: abstract new (...args: never[]) => Error;
  APIUserAbortError: abstract new (...args: never[]) => Error;
}

/**
 * Run an SDK call and return its raw HTTP response. An HTTP error is handed back as the Response
 * it was, so the dialect codec maps it like any other; an abort stays an AbortError; a connection
 * failure or timeout becomes a retryable TokligenceError.
 */
export async function callSdk(
  call: () => Promise<Response>,
  sdk: SdkErrorClasses,
  errorBody: (error: unknown, message: string) => unknown,
  provider: string,
  timeoutMs: number,
): Promise<UpstreamResponse> {
  try {
    return fromWebResponse(await call());
  } catch (err) {
    if (err instanceof sdk.APIUserAbortError) {
      const abort = new Error('Request was aborted');
      abort.name = 'AbortError';
      throw abort;
    }
    if (err instanceof sdk.APIError && typeof err.status === 'number')
      return fromWebResponse(new Response(JSON.stringify(errorBody(err.error, err.message)), { status: err.status, headers: err.headers as Headers }));
    throw transportError(err, provider, err instanceof sdk.APIConnectionTimeoutError, timeoutMs);
  }
}

/** `.asResponse()` of an SDK's APIPromise: the raw fetch Response, body unread. */
export function asResponse(promise: unknown): Promise<Response> {
  return (promise as { asResponse(): Promise<Response> }).asResponse();
}

/** A web Response as an UpstreamResponse (its body stream is async-iterable in Node). */
export function fromWebResponse(res: Response): UpstreamResponse {
  return {
    status: res.status,
    headers: res.headers,
    body: (res.body ?? (async function* () {})()) as unknown as AsyncIterable<Uint8Array>,
    text: () => res.text(),
  };
}

/** What this transport uses of either SDK's module: the client class and its error classes. */
type SdkModule = SdkErrorClasses & { default: new (settings: Record<string, unknown>) => unknown };

/**
 * Import the SDK (an optional peer dependency: only `transport: sdk` needs it at run time). The
 * literal specifiers inside try/catch let bundlers leave a missing SDK to run time.
 */
async function loadSdk(sdk: SdkTransportOptions['sdk']): Promise<SdkModule> {
  try {
    return (sdk === 'openai' ? await import('openai') : await import('@anthropic-ai/sdk')) as unknown as SdkModule;
  } catch (err) {
    const pkg = sdk === 'openai' ? 'openai@6' : '@anthropic-ai/sdk@1';
    throw new ConfigError(`transport: sdk needs the official SDK: npm install ${pkg}`, { cause: err });
  }
}

export interface SdkTransportOptions {
  /** Which official SDK carries the call. */
  sdk: 'openai' | 'anthropic';
  apiKey: string;
  baseURL?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  provider: string;
  /** Path of the endpoint the encoded body is for (`/chat/completions`, `/v1/messages`, …). */
  path: string;
}

interface SdkClient {
  post(path: string, options: Record<string, unknown>): unknown;
}

/**
 * An official SDK (`openai` or `@anthropic-ai/sdk`) as transport, opt-in with `transport: sdk`: its
 * auth and connection handling, its own retries off (the router is the only retry loop), loaded on
 * first use. The generic `post` sends the body as given: `messages.create` would strip fields and
 * print deprecation warnings to the host app's console.
 */
export class SdkTransport implements Transport {
  private loaded?: Promise<{ client: SdkClient; errors: SdkErrorClasses }>;

  constructor(private readonly options: SdkTransportOptions) {}

  private load(): Promise<{ client: SdkClient; errors: SdkErrorClasses }> {
    const o = this.options;
    const settings = {
      apiKey: o.apiKey,
      baseURL: o.baseURL,
      defaultHeaders: o.headers,
      maxRetries: 0,
      // The gateway logs for itself; an SDK must not print to the host app's console.
      logLevel: 'off' as const,
      timeout: o.timeoutMs,
    };
    this.loaded ??= loadSdk(o.sdk).then((m) => ({ client: new m.default(settings) as SdkClient, errors: m }));
    return this.loaded;
  }

  async send(request: TransportRequest): Promise<UpstreamResponse> {
    const { client, errors } = await this.load();
    const body = { body: request.body, stream: request.stream, signal: request.signal, headers: request.headers };
    return callSdk(
      () => asResponse(client.post(request.path ?? this.options.path, body)),
      errors,
      this.options.sdk === 'openai'
        ? (error, message) => ({ error: error ?? { message } })
        : (error, message) => error ?? { type: 'error', error: { type: 'api_error', message } },
      this.options.provider,
      this.options.timeoutMs,
    );
  }
}
