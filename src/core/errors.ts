/**
 * One error taxonomy for every dialect and provider. Each dialect renders a TokligenceError in its
 * own error shape (`encodeError`), and maps upstream errors into it (`decodeError`).
 */

export type ErrorKind =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'request_too_large'
  | 'context_window'
  | 'content_policy'
  | 'rate_limit'
  | 'overloaded'
  | 'timeout'
  | 'connection'
  | 'aborted'
  | 'config'
  | 'api_error';

const DEFAULT_STATUS: Record<ErrorKind, number> = {
  invalid_request: 400,
  authentication: 401,
  permission: 403,
  not_found: 404,
  request_too_large: 413,
  context_window: 400,
  content_policy: 400,
  rate_limit: 429,
  overloaded: 529,
  timeout: 504,
  connection: 502,
  aborted: 499,
  config: 500,
  api_error: 500,
};

export interface TokligenceErrorOptions {
  status?: number;
  /** The request field at fault, as a dotted path in the caller's dialect (`messages.0.content`). */
  param?: string;
  /** Seconds to wait before retrying, from `Retry-After` / `retry-after-ms`. */
  retryAfter?: number;
  provider?: string;
  /** The upstream's own error type (`overloaded_error`, `rate_limit_exceeded`, …). */
  providerType?: string;
  providerMessage?: string;
  requestId?: string;
  cause?: unknown;
}

/**
 * The key of each error class's identity. `Symbol.for` is one symbol per process, so copies of this
 * module (the ESM and CommonJS builds, two installed versions, a bundle) recognise each other's errors.
 */
const ERROR_CLASS = Symbol.for('tokligence.error');

export class TokligenceError extends Error {
  static readonly [ERROR_CLASS]: string = 'TokligenceError';

  /**
   * `err instanceof TokligenceError` (or a subclass) is also true for an error thrown by another
   * copy of the package: the ESM and CommonJS entries, a bundled app, two installs side by side.
   * A class is matched by its own identity name, so a subclass without one matches only itself.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: the class `instanceof` was asked about (this one or a subclass).
    return isInstance(this, value);
  }

  readonly kind: ErrorKind;
  readonly status: number;
  readonly param?: string;
  readonly retryAfter?: number;
  readonly provider?: string;
  readonly providerType?: string;
  readonly providerMessage?: string;
  readonly requestId?: string;

  constructor(kind: ErrorKind, message: string, options: TokligenceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TokligenceError';
    this.kind = kind;
    this.status = options.status ?? DEFAULT_STATUS[kind];
    this.param = options.param;
    this.retryAfter = options.retryAfter;
    this.provider = options.provider;
    this.providerType = options.providerType;
    this.providerMessage = options.providerMessage;
    this.requestId = options.requestId;
  }

  /** Whether a retry (or the next fallback target) may succeed. */
  get retryable(): boolean {
    return (
      this.kind === 'rate_limit' ||
      this.kind === 'overloaded' ||
      this.kind === 'timeout' ||
      this.kind === 'connection' ||
      (this.kind === 'api_error' && this.status >= 500) ||
      this.status === 408 ||
      this.status === 409
    );
  }
}

/** `value instanceof cls`, or an error of the same identity from another copy of this module. */
function isInstance(cls: object, value: unknown): boolean {
  if (Function.prototype[Symbol.hasInstance].call(cls, value)) return true;
  if (typeof value !== 'object' || value === null || !Object.hasOwn(cls, ERROR_CLASS)) return false;
  const id = (cls as Record<symbol, unknown>)[ERROR_CLASS];
  for (let proto = Object.getPrototypeOf(value); proto; proto = Object.getPrototypeOf(proto)) {
    const ctor = (proto as { constructor?: unknown }).constructor as Record<symbol, unknown> | undefined;
    if (ctor && Object.hasOwn(ctor, ERROR_CLASS) && ctor[ERROR_CLASS] === id) return true;
  }
  return false;
}

/** The caller's request is wrong; `param` names the field. */
export class InvalidRequestError extends TokligenceError {
  static override readonly [ERROR_CLASS]: string = 'InvalidRequestError';

  constructor(message: string, param?: string, options: TokligenceErrorOptions = {}) {
    super('invalid_request', message, { ...options, param: param ?? options.param });
    this.name = 'InvalidRequestError';
  }
}

export class AuthenticationError extends TokligenceError {
  static override readonly [ERROR_CLASS]: string = 'AuthenticationError';

  constructor(message: string, options: TokligenceErrorOptions = {}) {
    super('authentication', message, options);
    this.name = 'AuthenticationError';
  }
}

export class NotFoundError extends TokligenceError {
  static override readonly [ERROR_CLASS]: string = 'NotFoundError';

  constructor(message: string, options: TokligenceErrorOptions = {}) {
    super('not_found', message, options);
    this.name = 'NotFoundError';
  }
}

export class RateLimitError extends TokligenceError {
  static override readonly [ERROR_CLASS]: string = 'RateLimitError';

  constructor(message: string, options: TokligenceErrorOptions = {}) {
    super('rate_limit', message, options);
    this.name = 'RateLimitError';
  }
}

export class OverloadedError extends TokligenceError {
  static override readonly [ERROR_CLASS]: string = 'OverloadedError';

  constructor(message: string, options: TokligenceErrorOptions = {}) {
    super('overloaded', message, options);
    this.name = 'OverloadedError';
  }
}

export class ContextWindowExceededError extends TokligenceError {
  static override readonly [ERROR_CLASS]: string = 'ContextWindowExceededError';

  constructor(message: string, options: TokligenceErrorOptions = {}) {
    super('context_window', message, options);
    this.name = 'ContextWindowExceededError';
  }
}

export class ContentPolicyError extends TokligenceError {
  static override readonly [ERROR_CLASS]: string = 'ContentPolicyError';

  constructor(message: string, options: TokligenceErrorOptions = {}) {
    super('content_policy', message, options);
    this.name = 'ContentPolicyError';
  }
}

export class TimeoutError extends TokligenceError {
  static override readonly [ERROR_CLASS]: string = 'TimeoutError';

  constructor(message: string, options: TokligenceErrorOptions = {}) {
    super('timeout', message, options);
    this.name = 'TimeoutError';
  }
}

export class ConnectionError extends TokligenceError {
  static override readonly [ERROR_CLASS]: string = 'ConnectionError';

  constructor(message: string, options: TokligenceErrorOptions = {}) {
    super('connection', message, options);
    this.name = 'ConnectionError';
  }
}

/** A configuration problem, found at construction; the message names the path and the fix. */
export class ConfigError extends TokligenceError {
  static override readonly [ERROR_CLASS]: string = 'ConfigError';

  constructor(message: string, options: TokligenceErrorOptions = {}) {
    super('config', message, options);
    this.name = 'ConfigError';
  }
}

/** Kind for an HTTP status from an upstream, before message-based refinement. */
export function kindFromStatus(status: number): ErrorKind {
  if (status === 400 || status === 422) return 'invalid_request';
  if (status === 401) return 'authentication';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit';
  if (status === 529 || status === 503) return 'overloaded';
  if (status === 504) return 'timeout';
  return 'api_error';
}

/**
 * Build the error for an upstream failure. Message sniffing finds the two kinds that drive their
 * own fallbacks (context window, content policy), which every provider reports as a plain 400.
 */
export function upstreamError(
  status: number,
  message: string,
  options: TokligenceErrorOptions & { providerType?: string } = {},
): TokligenceError {
  let kind = kindFromStatus(status);
  const text = `${options.providerType ?? ''} ${message}`.toLowerCase();
  if (options.providerType === 'overloaded_error') kind = 'overloaded';
  else if (
    kind === 'invalid_request' &&
    /prompt is too long|context length|context_length_exceeded|maximum context|context window|too many tokens/.test(text)
  )
    kind = 'context_window';
  else if (kind === 'invalid_request' && /content[ _-]?(filter|policy|management)|safety system/.test(text))
    kind = 'content_policy';
  return new TokligenceError(kind, message, { ...options, status });
}

/** Anything with a case-insensitive `get`: web Headers, or a transport's header view. */
export interface HeaderReader {
  get(name: string): string | null;
}

/** Parse `Retry-After` (seconds or HTTP date) and `retry-after-ms` into seconds. */
export function parseRetryAfter(headers: HeaderReader | Record<string, string | undefined> | undefined): number | undefined {
  if (!headers) return undefined;
  const get = (name: string): string | null | undefined =>
    typeof headers.get === 'function' ? (headers as HeaderReader).get(name) : (headers as Record<string, string | undefined>)[name];
  const ms = get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Number(ms) / 1000;
  const ra = get('retry-after');
  if (!ra) return undefined;
  if (Number.isFinite(Number(ra))) return Number(ra);
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/** Any thrown value as a TokligenceError (unknown failures become a 500 `api_error`). */
export function toTokligenceError(err: unknown): TokligenceError {
  if (err instanceof TokligenceError) return err;
  if (err instanceof Error && err.name === 'AbortError')
    return new TokligenceError('aborted', 'Request was aborted', { cause: err });
  const message = err instanceof Error ? err.message : String(err);
  return new TokligenceError('api_error', message, { cause: err });
}
