import type { WireEvent } from '../../core/contracts/index.js';
import type { TokligenceError } from '../../core/errors.js';
import { frameObject, hasErrorMember } from '../shared/stream-failure.js';
import { encodeGeminiError } from './errors.js';

/** A `data: {"error":{code,message,status}}` chunk, as the Gemini API ends a failed SSE stream. */
export function encodeStreamError(error: TokligenceError): WireEvent {
  return { data: encodeGeminiError(error).body as object };
}

/** A chunk holding only an `error` member (or a named `error` event from a proxy). */
export function streamFailure(event: string | undefined, data: unknown): 'error' | undefined {
  if (event === 'error') return 'error';
  const d = frameObject(data);
  return d && hasErrorMember(d) ? 'error' : undefined;
}
