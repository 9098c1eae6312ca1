import { transportError } from './errors.js';
import type { UpstreamResponse } from './types.js';

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
