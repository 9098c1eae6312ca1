import { mapAsync } from '../core/async.js';
import { batched, batchesOf } from '../core/batch.js';
import type { ChatEvent } from '../core/types.js';
import type { ChatResult } from '../core/contracts/index.js';

type StreamResult = Extract<ChatResult, { type: 'stream' }>;

/**
 * Hold a stream's events until its first content (or its end), so an upstream that fails before
 * any content, even after `message_start` / `response.created`, can still be retried or fall
 * back. Returns the same stream with the held events replayed first. An `error` event before
 * content is thrown.
 */
export async function holdUntilContent(result: StreamResult): Promise<StreamResult> {
  // With pass-through, the raw messages wait in the tee's buffer while the decoder's copy is peeked.
  const iterator = batchesOf(result.events);
  const held: ChatEvent[] = [];
  let ended = false;
  try {
    for (let content = false; !content; ) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      for (const ev of next.value) {
        // An error after the first content is the caller's to see, in its place.
        if (!content && ev.type === 'error') throw ev.error;
        held.push(ev);
        if (ev.type !== 'start') content = true;
      }
    }
  } catch (err) {
    // Close the upstream we are giving up on.
    void iterator.return?.()?.catch?.(() => {});
    throw err;
  }
  // Not an async generator: its `return` would wait behind a pending `next` (the upstream's next
  // event), so a consumer that stops could not let the upstream go until it spoke again.
  let replayed = held.length === 0;
  const replay: AsyncIterator<readonly ChatEvent[]> = {
    next: () => {
      if (!replayed) {
        replayed = true;
        return Promise.resolve({ done: false, value: held });
      }
      if (ended) return Promise.resolve({ done: true, value: undefined });
      return iterator.next();
    },
    return: async () => {
      replayed = true;
      if (!ended) {
        ended = true;
        await iterator.return?.();
      }
      return { done: true, value: undefined };
    },
  };
  return { ...result, events: batched(() => replay) };
}

/** Call `onEnd` once when a stream finishes, fails or its consumer stops. */
export function onStreamEnd<T>(events: AsyncIterable<T>, onEnd: () => void): AsyncIterable<T> {
  return mapAsync(events, (ev) => ev, { onEnd });
}
