import type { WireEvent } from '../core/contracts/wire-event.js';
import type { DialectName } from '../core/types.js';
import { codecFor } from '../dialects/index.js';

/** A wire stream as the SDK objects its caller expects; an in-band error frame is thrown as the dialect's error. */
export async function* sdkObjects(dialect: DialectName, events: AsyncIterable<WireEvent>): AsyncGenerator<unknown> {
  const codec = codecFor(dialect);
  for await (const ev of events) {
    if (ev.data === '[DONE]') continue;
    const data = typeof ev.data === 'string' ? JSON.parse(ev.data) : ev.data;
    if (codec.streamFailure(ev.event, data) === 'error') throw codec.decodeError(500, data);
    yield data;
  }
}
