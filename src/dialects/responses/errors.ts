import type { HeaderReader } from '../../core/errors.js';
import { type ErrorKind, parseRetryAfter, type TokligenceError, upstreamError } from '../../core/errors.js';
import type { EncodedError } from '../../core/contracts/index.js';
import { statusForOpenAiError } from '../shared/openai-error-status.js';
import type { OpenAiErrorBody } from './wire.js';

/** OpenAI error `type` (and a `code` where OpenAI has a well-known one) per kind. */
const SHAPE: Record<ErrorKind, { type: string; code: string | null; status?: number }> = {
  invalid_request: { type: 'invalid_request_error', code: null },
  authentication: { type: 'authentication_error', code: 'invalid_api_key' },
  permission: { type: 'permission_error', code: null },
  not_found: { type: 'invalid_request_error', code: 'not_found' },
  request_too_large: { type: 'invalid_request_error', code: 'request_too_large' },
  context_window: { type: 'invalid_request_error', code: 'context_length_exceeded' },
  content_policy: { type: 'invalid_request_error', code: 'content_policy_violation' },
  rate_limit: { type: 'rate_limit_exceeded', code: 'rate_limit_exceeded' },
  // OpenAI has no 529: an overloaded upstream is a 503 server_error, which OpenAI clients retry.
  overloaded: { type: 'server_error', code: 'server_is_overloaded', status: 503 },
  timeout: { type: 'server_error', code: 'timeout' },
  connection: { type: 'server_error', code: 'upstream_connection_error' },
  aborted: { type: 'invalid_request_error', code: 'request_aborted' },
  config: { type: 'server_error', code: null, status: 500 },
  api_error: { type: 'server_error', code: null },
};

/** The error body and status an OpenAI client expects: `{error:{message,type,param,code}}`. */
export function errorBody(error: TokligenceError): { status: number; body: OpenAiErrorBody } {
  const shape = SHAPE[error.kind];
  const status = shape.status ?? error.status;
  return {
    status,
    body: { error: { message: error.message, type: shape.type, param: error.param ?? null, code: shape.code } },
  };
}

/** Render an error for a Responses caller (HTTP status, body, `retry-after`). */
export function encodeError(error: TokligenceError): EncodedError {
  const { status, body } = errorBody(error);
  const out: EncodedError = { status, body };
  if (error.retryAfter !== undefined) out.headers = { 'retry-after': String(Math.ceil(error.retryAfter)) };
  return out;
}

/** The in-stream `response.failed` `error.code` for a kind (the API's own code set). */
export function streamErrorCode(error: TokligenceError): string {
  if (error.kind === 'rate_limit') return 'rate_limit_exceeded';
  if (error.kind === 'invalid_request' || error.kind === 'context_window' || error.kind === 'content_policy') return 'invalid_prompt';
  return 'server_error';
}

/** Read an OpenAI-style error answer into the taxonomy (context window / content policy sniffed). */
export function decodeError(status: number, body: unknown, headers?: HeaderReader): TokligenceError {
  let message = `Upstream answered HTTP ${status}`;
  let providerType: string | undefined;
  let param: string | undefined;
  const parsed = typeof body === 'string' ? tryJson(body) : body;
  const err = parsed && typeof parsed === 'object' ? (parsed as { error?: unknown }).error : undefined;
  if (err && typeof err === 'object') {
    const e = err as { message?: unknown; type?: unknown; code?: unknown; param?: unknown };
    if (typeof e.message === 'string' && e.message) message = e.message;
    // The code is the more specific signal (`context_length_exceeded`, `rate_limit_exceeded`).
    providerType = typeof e.code === 'string' ? e.code : typeof e.type === 'string' ? e.type : undefined;
    if (typeof e.param === 'string') param = e.param;
  } else if (typeof body === 'string' && body.trim()) {
    message = body.trim().slice(0, 500);
  }
  return upstreamError(status, message, {
    providerType,
    param,
    providerMessage: message,
    retryAfter: parseRetryAfter(headers),
    requestId: headers?.get('x-request-id') ?? undefined,
  });
}

/**
 * An in-stream `error` event or `response.failed` error → the taxonomy, through the same reading
 * as an HTTP error answer (`insufficient_quota` is a 429 rate_limit either way).
 */
export function streamError(error: { code?: unknown; type?: unknown; message?: unknown; param?: unknown } | null | undefined): TokligenceError {
  const e = error ?? {};
  const message = typeof e.message === 'string' && e.message ? e.message : 'The response failed';
  return decodeError(statusForOpenAiError(e), { error: { ...e, message } });
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
