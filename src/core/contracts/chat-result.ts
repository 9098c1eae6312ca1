import type { ChatEvent, ChatResponse, DialectName } from '../types.js';

/** A provider's answer: a whole response or a canonical stream, each with its raw form when passed through. */
export type ChatResult = (
  | { type: 'response'; response: ChatResponse; raw?: { dialect: DialectName; body: unknown; text?: string } }
  | {
      type: 'stream';
      events: AsyncIterable<ChatEvent>;
      /** The upstream's SSE bytes, cut at event boundaries (see `wholeEvents`). */
      raw?: { dialect: DialectName; bytes: AsyncIterable<Uint8Array> };
    }
) & {
  /**
   * What the decoder skipped, by kind (unknown events and parts, items no caller can hold): live,
   * complete once the answer or stream is. See `WireContext.skipped`.
   */
  skipped?: ReadonlyMap<string, number>;
};
