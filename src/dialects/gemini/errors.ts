import type { HeaderReader } from '../../core/errors.js';
import {
  type ErrorKind,
  kindFromStatus,
  parseRetryAfter,
  TokligenceError,
  upstreamError,
} from '../../core/errors.js';
import type { EncodedError } from '../../core/contracts/index.js';
import { isObject } from './schema.js';

/** google.rpc status names and the HTTP status Gemini answers them with. */
const GRPC_TO_KIND: Record<string, { kind: ErrorKind; status: number }> = {
  INVALID_ARGUMENT: { kind: 'invalid_request', status: 400 },
  FAILED_PRECONDITION: { kind: 'invalid_request', status: 400 },
  OUT_OF_RANGE: { kind: 'invalid_request', status: 400 },
  UNAUTHENTICATED: { kind: 'authentication', status: 401 },
  PERMISSION_DENIED: { kind: 'permission', status: 403 },
  NOT_FOUND: { kind: 'not_found', status: 404 },
  RESOURCE_EXHAUSTED: { kind: 'rate_limit', status: 429 },
  CANCELLED: { kind: 'aborted', status: 499 },
  INTERNAL: { kind: 'api_error', status: 500 },
  UNKNOWN: { kind: 'api_error', status: 500 },
  UNAVAILABLE: { kind: 'overloaded', status: 503 },
  DEADLINE_EXCEEDED: { kind: 'timeout', status: 504 },
};

/** Canonical kind → [HTTP status, google.rpc status] for Gemini-shaped callers. */
const KIND_TO_WIRE: Record<ErrorKind, [number, string]> = {
  invalid_request: [400, 'INVALID_ARGUMENT'],
  context_window: [400, 'INVALID_ARGUMENT'],
  content_policy: [400, 'INVALID_ARGUMENT'],
  request_too_large: [413, 'INVALID_ARGUMENT'],
  authentication: [401, 'UNAUTHENTICATED'],
  permission: [403, 'PERMISSION_DENIED'],
  not_found: [404, 'NOT_FOUND'],
  rate_limit: [429, 'RESOURCE_EXHAUSTED'],
  // Gemini clients retry 503 UNAVAILABLE; Anthropic's 529 means nothing to them.
  overloaded: [503, 'UNAVAILABLE'],
  timeout: [504, 'DEADLINE_EXCEEDED'],
  connection: [503, 'UNAVAILABLE'],
  aborted: [499, 'CANCELLED'],
  config: [500, 'INTERNAL'],
  api_error: [500, 'INTERNAL'],
};

/** `{error:{code,message,status}}` for a Gemini-shaped caller, with Retry-After and a RetryInfo detail. */
export function encodeGeminiError(error: TokligenceError): EncodedError {
  let [status, grpc] = KIND_TO_WIRE[error.kind];
  if (error.kind === 'api_error' && error.status >= 500 && error.status < 600) status = error.status;
  const body: { error: Record<string, unknown> } = { error: { code: status, message: error.message, status: grpc } };
  const headers: Record<string, string> = {};
  if (error.retryAfter !== undefined) {
    headers['retry-after'] = String(Math.max(0, Math.ceil(error.retryAfter)));
    body.error.details = [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${error.retryAfter}s` }];
  }
  return { status, body, ...(Object.keys(headers).length > 0 ? { headers } : {}) };
}

/**
 * An upstream Gemini error (status, body, headers) → TokligenceError. The google.rpc status
 * decides the kind (`UNAVAILABLE` → overloaded, `RESOURCE_EXHAUSTED` → rate_limit, …); an
 * invalid API key (400 `API_KEY_INVALID`) is an authentication error; an input over the context
 * window is `context_window`. Retry-After comes from the header or the RetryInfo detail.
 */
export function decodeGeminiError(status: number, body: unknown, headers?: HeaderReader): TokligenceError {
  let parsed = body;
  if (typeof parsed === 'string') {
    try {
      parsed = JSON.parse(parsed);
    } catch {
      // not JSON: the text is the message
    }
  }
  // The non-SSE stream endpoint answers errors as a one-element array.
  if (Array.isArray(parsed)) parsed = parsed[0];
  const err = isObject(parsed) && isObject(parsed.error) ? parsed.error : undefined;
  const message =
    (typeof err?.message === 'string' && err.message) ||
    (typeof body === 'string' && body) ||
    `Gemini upstream error (HTTP ${status})`;
  const grpc = typeof err?.status === 'string' ? err.status : undefined;
  const details = Array.isArray(err?.details) ? err.details.filter(isObject) : [];
  const retryAfter = parseRetryAfter(headers) ?? retryDelay(details);
  const options = {
    ...(retryAfter !== undefined ? { retryAfter } : {}),
    ...(grpc ? { providerType: grpc } : {}),
    providerMessage: message,
    ...(headers?.get('x-request-id') ? { requestId: headers.get('x-request-id')! } : {}),
  };

  if (details.some((d) => d.reason === 'API_KEY_INVALID') || /api key not valid/i.test(message))
    return new TokligenceError('authentication', message, { ...options, status: 401 });
  if (/input token count.*exceeds the maximum|exceeds the maximum number of tokens/i.test(message))
    return new TokligenceError('context_window', message, { ...options, status: 400 });
  const mapped = grpc ? GRPC_TO_KIND[grpc] : undefined;
  if (!mapped || mapped.kind === 'invalid_request') {
    const effective = status >= 400 ? status : (mapped?.status ?? 500);
    return upstreamError(effective, message, options);
  }
  const httpStatus = status >= 400 ? status : mapped.status;
  const kind = mapped.kind === 'api_error' ? kindFromStatus(httpStatus) : mapped.kind;
  return new TokligenceError(kind, message, { ...options, status: kind === 'overloaded' ? 503 : httpStatus });
}

function retryDelay(details: Array<Record<string, unknown>>): number | undefined {
  for (const d of details) {
    if (typeof d.retryDelay !== 'string') continue;
    const m = /^(\d+(?:\.\d+)?)s$/.exec(d.retryDelay);
    if (m) return Number(m[1]);
  }
  return undefined;
}
