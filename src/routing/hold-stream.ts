import { mapAsync } from '../core/async.js';
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
  // Not an async generator: its `return` would wait behind a pending `next` (the upstream's next
  // event), so a consumer that stops could not let the upstream go until it spoke again.
  let i = 0;
  const replay: AsyncIterator<ChatEvent> = {
    next: () => {
      if (i < held.length) return Promise.resolve({ done: false, value: held[i++] as ChatEvent });
      if (ended) return Promise.resolve({ done: true, value: undefined });
      return iterator.next();
    },
    return: async () => {
      i = held.length;
      if (!ended) {
        ended = true;
        await iterator.return?.();
      }
      return { done: true, value: undefined };
    },
  };
  return { ...result, events: { [Symbol.asyncIterator]: () => replay } };
}

/** Call `onEnd` once when a stream finishes, fails or its consumer stops. */
export function onStreamEnd<T>(events: AsyncIterable<T>, onEnd: () => void): AsyncIterable<T> {
  return mapAsync(events, (ev) => ev, { onEnd });
}
