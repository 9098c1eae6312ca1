import type { WireEvent } from '../core/contracts/wire-event.js';
import type { ChatEvent, ChatResponse } from '../core/types.js';
import type { CallMeta } from './meta.js';

/** What a call produced, in the caller's dialect: a JSON body or a stream of wire events. */
export type DialectResult = (
  | {
      type: 'json';
      body: unknown;
      /** The body exactly as the upstream sent it, when it was passed through unchanged. */
      text?: string;
    }
  | { type: 'stream'; events: AsyncIterable<WireEvent> }
) &
  CallMeta;

/**
 * With `sseBytes: true`, a call may also answer this: a same-dialect stream passed through as the
 * upstream's own SSE bytes (whole events per chunk), ready to write to an HTTP response.
 */
export type SseDialectResult = { type: 'sse'; chunks: AsyncIterable<Uint8Array> } & CallMeta;

/** What `Tokligence.run()` answers: the canonical response or event stream, with the call's metadata. */
export type CanonicalResult = ({ type: 'response'; response: ChatResponse } | { type: 'stream'; events: AsyncIterable<ChatEvent> }) & CallMeta;
