/**
 * The HTTP status an OpenAI-style error would have come with, for errors that arrive without one
 * (a mid-stream `error` event or chunk). Chat and Responses streams both use it, so an error gets
 * the same kind and status whether it came as an HTTP answer or inside a stream.
 */
const STATUS_BY_CODE: Record<string, number> = {
  rate_limit_exceeded: 429,
  insufficient_quota: 429,
  rate_limit_error: 429,
  requests: 429,
  tokens: 429,
  server_is_overloaded: 503,
  overloaded: 503,
  overloaded_error: 503,
  slow_down: 503,
  invalid_api_key: 401,
  authentication_error: 401,
  permission_error: 403,
  model_not_found: 404,
  not_found: 404,
  not_found_error: 404,
  context_length_exceeded: 400,
  string_above_max_length: 400,
  invalid_prompt: 400,
  invalid_request_error: 400,
  content_policy_violation: 400,
  content_filter: 400,
  timeout: 504,
};

export function statusForOpenAiError(error: unknown): number {
  if (!error || typeof error !== 'object') return 500;
  const e = error as { code?: unknown; status?: unknown; type?: unknown };
  for (const v of [e.status, e.code]) {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{3}$/.test(v) ? Number(v) : undefined;
    if (n && n >= 400 && n < 600) return n;
  }
  for (const v of [e.code, e.type]) {
    if (typeof v !== 'string') continue;
    const known = STATUS_BY_CODE[v];
    if (known) return known;
    if (v.startsWith('invalid_')) return 400;
  }
  return 500;
}
