import { newId } from '../../core/ids.js';
import type { ChatEvent } from '../../core/types.js';
import { fromWireName } from '../shared/tool-names.js';
import type { WireContext } from '../../core/contracts/index.js';
import { MINTED_CALL_ID_PREFIX, type WireResponsePart } from './wire.js';

/**
 * Turns Gemini response parts, in arrival order, into canonical part events: one part open at a
 * time, closed before the next opens. The non-stream decoder runs the same machine over the whole
 * answer, so a response decodes to the same content whether or not it was streamed.
 *
 * - Consecutive text parts (stream pieces) form one text part; empty text opens nothing.
 * - Consecutive `thought: true` parts form one reasoning part (`origin: 'gemini'`); a
 *   `thoughtSignature` on it is its signature and ends it.
 * - A `thoughtSignature` on a text part closes the text and becomes a signature-only reasoning
 *   part right after it (the encoder gives it back to that text part).
 * - A `functionCall` arrives whole: part_start, one `tool_arguments` delta with the JSON args (or
 *   the raw input of a wrapped custom tool), part_end carrying the call's `thoughtSignature`.
 * - Media parts in model output (image generation) have no canonical stream part and are dropped.
 */
export class GeminiPartSequencer {
  private index = -1;
  private open: 'text' | 'reasoning' | undefined;
  private openSigned = false;
  hasToolCalls = false;

  constructor(private readonly context?: WireContext) {}

  push(part: WireResponsePart): ChatEvent[] {
    const events: ChatEvent[] = [];
    const signature = part.thoughtSignature || undefined;
    if (part.functionCall) {
      this.close(events);
      const fc = part.functionCall;
      const index = ++this.index;
      const name = fromWireName(fc.name, this.context);
      const custom = this.context?.wrappedCustomTools.has(name) ?? false;
      const args = fc.args ?? {};
      events.push({
        type: 'part_start',
        index,
        part: { type: 'tool_call', id: fc.id || newId(`${MINTED_CALL_ID_PREFIX}_`), name, ...(custom ? { kind: 'custom' as const } : {}) },
      });
      const json = custom ? (typeof args.input === 'string' ? args.input : JSON.stringify(args)) : JSON.stringify(args);
      if (json) events.push({ type: 'delta', index, delta: { type: 'tool_arguments', json } });
      events.push({ type: 'part_end', index, ...(signature ? { signature } : {}) });
      this.hasToolCalls = true;
      return events;
    }
    if (part.text === undefined) return events;
    if (part.thought) {
      if (this.open !== 'reasoning' || this.openSigned) this.openPart(events, 'reasoning');
      if (part.text) events.push({ type: 'delta', index: this.index, delta: { type: 'reasoning', text: part.text } });
      if (signature) {
        events.push({ type: 'delta', index: this.index, delta: { type: 'signature', signature } });
        this.openSigned = true;
      }
      return events;
    }
    if (part.text !== '') {
      if (this.open !== 'text') this.openPart(events, 'text');
      events.push({ type: 'delta', index: this.index, delta: { type: 'text', text: part.text } });
    }
    if (signature) {
      this.openPart(events, 'reasoning');
      events.push({ type: 'delta', index: this.index, delta: { type: 'signature', signature } });
      this.close(events);
    }
    return events;
  }

  /** Close the open part, if any. */
  close(events: ChatEvent[] = []): ChatEvent[] {
    if (this.open !== undefined) events.push({ type: 'part_end', index: this.index });
    this.open = undefined;
    this.openSigned = false;
    return events;
  }

  private openPart(events: ChatEvent[], kind: 'text' | 'reasoning'): void {
    this.close(events);
    this.index++;
    this.open = kind;
    events.push({
      type: 'part_start',
      index: this.index,
      part: kind === 'text' ? { type: 'text' } : { type: 'reasoning', origin: 'gemini' },
    });
  }
}
