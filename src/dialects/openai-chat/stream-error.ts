import type { WireEvent } from '../../core/contracts/index.js';
import type { TokligenceError } from '../../core/errors.js';
import { frameObject, hasErrorMember } from '../shared/stream-failure.js';
import { encodeError } from './errors.js';

/** A `data: {"error":…}` chunk (no event name), as OpenAI-compatible servers end a failed stream. */
export function encodeStreamError(error: TokligenceError): WireEvent {
  return { data: encodeError(error).body as object };
}

/** `event: error`, or a chunk holding only an `error` member. */
export function streamFailure(event: string | undefined, data: unknown): 'error' | undefined {
  if (event === 'error') return 'error';
  const d = frameObject(data);
  return d && (d.type === 'error' || hasErrorMember(d)) ? 'error' : undefined;
}
