import type { WireEvent } from '../../core/contracts/index.js';
import type { TokligenceError } from '../../core/errors.js';
import { frameObject } from '../shared/stream-failure.js';
import { encodeError } from './errors.js';

/** `event: error` with the error envelope, as Anthropic ends a failed stream. */
export function encodeStreamError(error: TokligenceError): WireEvent {
  return { event: 'error', data: encodeError(error).body as object };
}

/** `event: error`, or a frame whose `type` is `error`. */
export function streamFailure(event: string | undefined, data: unknown): 'error' | undefined {
  if (event === 'error') return 'error';
  return frameObject(data)?.type === 'error' ? 'error' : undefined;
}
