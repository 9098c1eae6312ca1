import type { TokligenceError } from '../core/errors.js';
import type { DialectName } from '../core/types.js';
import { codecFor } from './index.js';
import type { WireEvent } from '../core/contracts/index.js';

/**
 * The error event that ends a failed stream in the caller's dialect: Anthropic `event: error` with
 * the error envelope, OpenAI chat a `data: {"error":…}` chunk, Responses an `error` event
 * `{type:"error", code, message, param}` (its stream shape, not the HTTP error body), Gemini a plain
 * `data: {"error":{code,message,status}}` chunk (its SSE has no event names).
 */
export function streamErrorFrame(dialect: DialectName, error: TokligenceError): WireEvent {
  const body = codecFor(dialect).encodeError(error).body as { error?: { message?: string; type?: string; code?: unknown; param?: unknown } };
  if (dialect === 'responses')
    return { event: 'error', data: { type: 'error', code: body.error?.code ?? body.error?.type ?? null, message: body.error?.message ?? error.message, param: body.error?.param ?? null } };
  return { event: dialect === 'openai-chat' || dialect === 'gemini' ? undefined : 'error', data: body as object };
}
