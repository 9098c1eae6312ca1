import { type BatchStep, transformBatches } from '../core/batch.js';
import type { WireEvent } from '../core/contracts/wire-event.js';
import type { DialectName } from '../core/types.js';
import { codecFor } from '../dialects/index.js';

/** A wire stream as the SDK objects its caller expects; an in-band error frame is thrown as the dialect's error. */
export function sdkObjects(dialect: DialectName, events: AsyncIterable<WireEvent>): AsyncIterable<unknown> {
  const codec = codecFor(dialect);
  return transformBatches(events, () => {
    const s: BatchStep<WireEvent, unknown> = {
      push(batch) {
        const out: unknown[] = [];
        for (const ev of batch) {
          if (ev.data === '[DONE]') continue;
          // A failure goes out after the objects before it, as the SDKs would have handed them out.
          let data: unknown;
          try {
            data = typeof ev.data === 'string' ? JSON.parse(ev.data) : ev.data;
          } catch (error) {
            s.failure = { error };
            break;
          }
          if (codec.streamFailure(ev.event, data) === 'error') {
            s.failure = { error: codec.decodeError(500, data) };
            break;
          }
          out.push(data);
        }
        return out;
      },
    };
    return s;
  });
}
