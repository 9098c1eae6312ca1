import { mapAsync } from '../core/async.js';
import type { ChatEvent } from '../core/types.js';
import type { ChatResult } from '../providers/types.js';

type StreamResult = Extract<ChatResult, { type: 'stream' }>;

/**
 * Hold a stream's events until its first content (or its end), so an upstream that fails before
 * any content, even after `message_start` / `response.created`, can still be retried or fall
 * back. Returns the same stream with the held events replayed first. An `error` event before
 * content is thrown.
 */
export async function holdUntilContent(result: StreamResult): Promise<StreamResult> {
  // With pass-through, the raw messages wait in the tee's buffer while the decoder's copy is peeked.
  const iterator = result.events[Symbol.asyncIterator]();
  const held: ChatEvent[] = [];
  let ended = false;
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      if (next.value.type === 'error') throw next.value.error;
      held.push(next.value);
      if (next.value.type !== 'start') break;
    }
  } catch (err) {
    // Close the upstream we are giving up on.
    void iterator.return?.()?.catch?.(() => {});
    throw err;
  }
  async function* replay(): AsyncGenerator<ChatEvent> {
    try {
      yield* held;
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      if (!ended) await iterator.return?.();
    }
  }
  return { ...result, events: replay() };
}

/** Call `onEnd` once when a stream finishes, fails or its consumer stops. */
export function onStreamEnd<T>(events: AsyncIterable<T>, onEnd: () => void): AsyncIterable<T> {
  return mapAsync(events, (ev) => ev, { onEnd });
}
