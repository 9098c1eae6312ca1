import type { HeaderReader } from '../../core/errors.js';
/**
 * Errors in the Anthropic shape (§3.15): `{type:"error",error:{type,message}}`, and upstream
 * Anthropic errors read back into the taxonomy.
 */
import { type ErrorKind, parseRetryAfter, type TokligenceError, upstreamError } from '../../core/errors.js';
import type { EncodedError } from '../../core/contracts/index.js';
import type { WireErrorBody } from './wire.js';

const TYPE_BY_KIND: Partial<Record<ErrorKind, string>> = {
  invalid_request: 'invalid_request_error',
  context_window: 'invalid_request_error',
  content_policy: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  request_too_large: 'request_too_large',
  rate_limit: 'rate_limit_error',
  overloaded: 'overloaded_error',
  timeout: 'timeout_error',
};

/** Anthropic error type for a status, when the kind says nothing more precise. */
export function errorTypeForStatus(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 504:
      return 'timeout_error';
    case 529:
      return 'overloaded_error';
    default:
      return status >= 400 && status < 500 ? 'invalid_request_error' : 'api_error';
  }
}

/** HTTP status for an Anthropic error type (stream `error` events carry no status). */
export function statusForErrorType(type: string): number {
  switch (type) {
    case 'invalid_request_error':
      return 400;
    case 'authentication_error':
      return 401;
    case 'billing_error':
      return 402;
    case 'permission_error':
      return 403;
    case 'not_found_error':
      return 404;
    case 'request_too_large':
      return 413;
    case 'rate_limit_error':
      return 429;
    case 'timeout_error':
      return 504;
    case 'overloaded_error':
      return 529;
    default:
      return 500;
  }
}

/** The error type an Anthropic client expects for this error. */
export function anthropicErrorType(error: TokligenceError): string {
  if (error.status === 402) return 'billing_error';
  return TYPE_BY_KIND[error.kind] ?? errorTypeForStatus(error.status);
}

export function errorBody(error: TokligenceError): WireErrorBody {
  const body: WireErrorBody = { type: 'error', error: { type: anthropicErrorType(error), message: error.message } };
  if (error.requestId) body.request_id = error.requestId;
  return body;
}

/** Render a TokligenceError for an Anthropic caller, with Retry-After when known. */
export function encodeError(error: TokligenceError): EncodedError {
  const headers: Record<string, string> = {};
  if (error.retryAfter !== undefined) headers['retry-after'] = String(Math.ceil(error.retryAfter));
  // Overload is 529 on this dialect whatever status the upstream used.
  const status = error.kind === 'overloaded' ? 529 : error.status;
  return { status, body: errorBody(error), ...(Object.keys(headers).length > 0 ? { headers } : {}) };
}

/** Pull type and message out of the Anthropic envelope or the common other shapes. */
function readBody(body: unknown): { type?: string; message?: string; requestId?: string } {
  let b = body;
  if (typeof b === 'string') {
    try {
      b = JSON.parse(b);
    } catch {
      return { message: b as string };
    }
  }
  if (!b || typeof b !== 'object') return {};
  const o = b as Record<string, unknown>;
  const requestId = typeof o.request_id === 'string' ? o.request_id : undefined;
  const err = o.error;
  if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    return {
      type: typeof e.type === 'string' ? e.type : undefined,
      message: typeof e.message === 'string' ? e.message : undefined,
      requestId,
    };
  }
  if (typeof err === 'string') return { message: err, requestId };
  const detail = o.detail as Record<string, unknown> | undefined;
  if (detail && typeof detail === 'object' && typeof detail.message === 'string') return { message: detail.message };
  if (typeof o.Message === 'string') return { message: o.Message };
  if (typeof o.message === 'string') return { message: o.message, requestId };
  return {};
}

/** Read an Anthropic upstream's error answer into the taxonomy. */
export function decodeError(status: number, body: unknown, headers?: HeaderReader): TokligenceError {
  const { type, message, requestId } = readBody(body);
  const text = message ?? `Anthropic upstream error (HTTP ${status})`;
  return upstreamError(status, text, {
    providerType: type,
    providerMessage: message,
    provider: 'anthropic',
    retryAfter: parseRetryAfter(headers),
    requestId: requestId ?? headers?.get('request-id') ?? undefined,
  });
}

/** An `error` event inside an Anthropic stream, as a TokligenceError (status from its type). */
export function streamError(data: unknown): TokligenceError {
  const { type, message } = readBody(data);
  const t = type ?? 'api_error';
  return upstreamError(statusForErrorType(t), message ?? 'Anthropic stream error', {
    providerType: t,
    providerMessage: message,
    provider: 'anthropic',
  });
}
