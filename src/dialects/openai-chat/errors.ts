import type { HeaderReader } from '../../core/errors.js';
import {
  type ErrorKind,
  parseRetryAfter,
  type TokligenceError,
  TokligenceError as TokligenceErrorClass,
  upstreamError,
} from '../../core/errors.js';
import type { EncodedError } from '../../core/contracts/index.js';
import type { ChatErrorWire } from './wire.js';

/** The OpenAI error `type` / `code` and HTTP status for each kind (§3.15). */
const SHAPE: Record<ErrorKind, { status: number; type: string; code: string | null }> = {
  invalid_request: { status: 400, type: 'invalid_request_error', code: null },
  authentication: { status: 401, type: 'authentication_error', code: 'invalid_api_key' },
  permission: { status: 403, type: 'permission_error', code: null },
  not_found: { status: 404, type: 'not_found_error', code: null },
  request_too_large: { status: 413, type: 'invalid_request_error', code: 'request_too_large' },
  context_window: { status: 400, type: 'invalid_request_error', code: 'context_length_exceeded' },
  content_policy: { status: 400, type: 'invalid_request_error', code: 'content_filter' },
  // OpenAI's own 429 body: type "requests", code "rate_limit_exceeded".
  rate_limit: { status: 429, type: 'requests', code: 'rate_limit_exceeded' },
  // OpenAI has no 529; clients retry a 503 server_error (REC in §3.15).
  overloaded: { status: 503, type: 'server_error', code: 'overloaded' },
  timeout: { status: 504, type: 'server_error', code: 'timeout' },
  connection: { status: 502, type: 'server_error', code: 'upstream_connection_error' },
  aborted: { status: 499, type: 'invalid_request_error', code: 'request_aborted' },
  config: { status: 500, type: 'server_error', code: 'configuration_error' },
  api_error: { status: 500, type: 'server_error', code: null },
};

/** The `{error:{message,type,param,code}}` object for an error (also used inside streams). */
export function errorBody(error: TokligenceError): ChatErrorWire {
  const shape = SHAPE[error.kind] ?? SHAPE.api_error;
  return { error: { message: error.message, type: shape.type, param: error.param ?? null, code: shape.code } };
}

/** Render an error as an OpenAI error response. */
export function encodeError(error: TokligenceError): EncodedError {
  const shape = SHAPE[error.kind] ?? SHAPE.api_error;
  // Keep the error's own status when it is more precise (e.g. 422 from an upstream), except for
  // overloaded: OpenAI clients know 503, not Anthropic's 529.
  const status = error.kind === 'overloaded' ? 503 : error.status || shape.status;
  const headers: Record<string, string> = {};
  if (error.retryAfter !== undefined) headers['retry-after'] = String(Math.ceil(error.retryAfter));
  return { status, body: errorBody(error), ...(Object.keys(headers).length > 0 ? { headers } : {}) };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Pull message / type / code / param out of the many error bodies OpenAI-compatible servers send. */
function readBody(body: unknown): { message?: string; type?: string; code?: string; param?: string } {
  if (typeof body === 'string') {
    try {
      return readBody(JSON.parse(body));
    } catch {
      return { message: str(body.trim()) };
    }
  }
  if (!body || typeof body !== 'object') return {};
  const b = body as Record<string, unknown>;
  const err = b.error;
  if (err && typeof err === 'object' && !Array.isArray(err)) {
    const e = err as Record<string, unknown>;
    return {
      message: str(e.message) ?? str(b.message),
      type: str(e.type),
      code: typeof e.code === 'number' ? String(e.code) : str(e.code),
      param: str(e.param),
    };
  }
  // Ollama: {"error":"model not found"}; vLLM: {"object":"error","message","type","code"};
  // FastAPI: {"detail": "…"} or {"detail":[{msg,loc}]}.
  const detail = b.detail;
  const detailMessage =
    str(detail) ??
    (Array.isArray(detail) ? detail.map((d) => str((d as { msg?: unknown })?.msg) ?? JSON.stringify(d)).join('; ') : undefined) ??
    (detail && typeof detail === 'object' ? str((detail as { message?: unknown }).message) : undefined);
  return {
    message: str(err) ?? str(b.message) ?? detailMessage,
    type: str(b.type),
    code: typeof b.code === 'number' ? String(b.code) : str(b.code),
    param: str(b.param),
  };
}

/**
 * Read an OpenAI-compatible upstream's error answer into the taxonomy. The `code` refines the
 * kind where the status alone cannot (context window, content filter, rate limit on a 400).
 */
export function decodeError(status: number, body: unknown, headers?: HeaderReader): TokligenceError {
  const { message, type, code, param } = readBody(body);
  const text = message ?? `upstream returned HTTP ${status}`;
  const retryAfter = parseRetryAfter(headers);
  const options = {
    providerType: code ?? type,
    providerMessage: message,
    ...(param ? { param } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
    ...(headers?.get('x-request-id') ? { requestId: headers.get('x-request-id') as string } : {}),
  };
  const byCode: Partial<Record<string, ErrorKind>> = {
    context_length_exceeded: 'context_window',
    string_above_max_length: 'context_window',
    content_filter: 'content_policy',
    content_policy_violation: 'content_policy',
    rate_limit_exceeded: 'rate_limit',
    insufficient_quota: 'rate_limit',
    invalid_api_key: 'authentication',
    model_not_found: 'not_found',
  };
  const kind = (code && byCode[code]) || (type && byCode[type]);
  if (kind && status < 500) return new TokligenceErrorClass(kind, text, { ...options, status });
  return upstreamError(status, text, options);
}
