import type { WireEvent } from '../../core/contracts/index.js';
import type { TokligenceError } from '../../core/errors.js';
import { frameObject } from '../shared/stream-failure.js';
import { encodeError } from './errors.js';

/** An `error` event `{type:"error", code, message, param}`: the stream's shape, not the HTTP error body. */
export function encodeStreamError(error: TokligenceError): WireEvent {
  const body = encodeError(error).body as { error?: { message?: string; type?: string; code?: unknown; param?: unknown } };
  return {
    event: 'error',
    data: { type: 'error', code: body.error?.code ?? body.error?.type ?? null, message: body.error?.message ?? error.message, param: body.error?.param ?? null },
  };
}

/** `error` events fail in-band; `response.failed` is the stream's own terminal failure event. */
export function streamFailure(event: string | undefined, data: unknown): 'error' | 'failed' | undefined {
  if (event === 'error') return 'error';
  if (event === 'response.failed') return 'failed';
  const type = frameObject(data, ['"error"', 'response.failed'])?.type;
  return type === 'error' ? 'error' : type === 'response.failed' ? 'failed' : undefined;
}
