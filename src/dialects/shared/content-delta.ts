import type { SseMessage } from '../../core/sse.js';

/**
 * `DialectCodec.isContentDelta` for dialects that name every event (`event:` line): a message is a
 * content delta when its event name is one of `names` and its data cannot hold an error (an
 * `"error"` anywhere, even inside text, makes it decode: false alarms only cost a parse).
 */
export function namedContentDeltas(names: readonly string[]): (message: SseMessage) => boolean {
  const set = new Set(names);
  return (message) => message.event !== undefined && set.has(message.event) && !message.data.includes('"error"');
}
