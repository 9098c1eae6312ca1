import { newId } from '../../core/ids.js';
import type { ChatEvent } from '../../core/types.js';
import { fromWireName } from '../shared/tool-names.js';
import { noteSkipped, type WireContext } from '../../core/contracts/index.js';
import { setAtJsonPath } from './json-path.js';
import { MINTED_CALL_ID_PREFIX, type WireResponseFunctionCall, type WireResponsePart, wireResponsePart } from './wire.js';

/** A call streamed in pieces (`willContinue` / `partialArgs`), gathered until its last piece. */
interface PartialCall {
  id?: string;
  name: string;
  args: Record<string, unknown>;
  signature?: string;
  /** The JSON path whose string value the next piece continues. */
  continuing?: string;
}

/** Part fields we translate; a part with none of them is an unknown kind (counted, skipped). */
const KNOWN_PART_KEYS = ['text', 'functionCall', 'inlineData', 'fileData'] as const;

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
 * - A call streamed in pieces (`willContinue`, `partialArgs`) is gathered and emitted whole.
 * - Media parts in model output (image generation) have no canonical stream part and are dropped.
 * - A part that does not parse, or of a kind we do not know (`executableCode`, newer ones), is
 *   skipped and counted on the WireContext: one odd part never costs the caller the answer.
 */
export class GeminiPartSequencer {
  private index = -1;
  private open: 'text' | 'reasoning' | undefined;
  private openSigned = false;
  hasToolCalls = false;

  constructor(private readonly context?: WireContext) {}

  private partial: PartialCall | undefined;

  push(raw: unknown): ChatEvent[] {
    const events: ChatEvent[] = [];
    const parsed = wireResponsePart.safeParse(raw);
    if (!parsed.success) {
      noteSkipped(this.context, 'part:unreadable');
      return events;
    }
    const part: WireResponsePart = parsed.data;
    const signature = part.thoughtSignature || undefined;
    if (part.functionCall) {
      const fc = part.functionCall;
      if (this.partial || fc.willContinue || fc.partialArgs) {
        this.gather(fc, signature, events);
        return events;
      }
      this.close(events);
      if (!fc.name) {
        noteSkipped(this.context, 'part:functionCall without name');
        return events;
      }
      this.emitCall(events, { id: fc.id, name: fc.name, args: fc.args ?? {}, signature });
      return events;
    }
    if (!KNOWN_PART_KEYS.some((k) => part[k] !== undefined)) {
      // Unknown: it changes nothing, not even a call being gathered around it.
      const kind = Object.keys(part).find((k) => k !== 'thought' && k !== 'thoughtSignature');
      if (kind) noteSkipped(this.context, `part:${kind}`);
      return events;
    }
    this.flushPartial(events);
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

  /** Close the open part, if any (a call still being gathered is emitted as it stands). */
  close(events: ChatEvent[] = []): ChatEvent[] {
    if (this.open !== undefined) events.push({ type: 'part_end', index: this.index });
    this.open = undefined;
    this.openSigned = false;
    this.flushPartial(events);
    return events;
  }

  /** One piece of a streamed call: name and id from the first, args path by path, emitted at the last. */
  private gather(fc: WireResponseFunctionCall, signature: string | undefined, events: ChatEvent[]): void {
    if (this.partial && fc.name && fc.name !== this.partial.name) this.flushPartial(events);
    if (!this.partial) {
      this.close(events);
      this.partial = { name: fc.name ?? '', args: {} };
    }
    const call = this.partial;
    if (fc.id) call.id = fc.id;
    if (fc.name) call.name = fc.name;
    if (signature) call.signature = signature;
    if (fc.args) Object.assign(call.args, fc.args);
    for (const arg of fc.partialArgs ?? []) {
      if (!arg.jsonPath) continue;
      const append = call.continuing === arg.jsonPath && arg.stringValue !== undefined;
      const value =
        arg.stringValue !== undefined ? arg.stringValue : arg.numberValue ?? arg.boolValue ?? (arg.nullValue !== undefined ? null : undefined);
      if (value === undefined && arg.nullValue === undefined) continue;
      if (!setAtJsonPath(call.args, arg.jsonPath, value, append)) noteSkipped(this.context, 'part:functionCall.partialArgs path');
      call.continuing = arg.willContinue ? arg.jsonPath : undefined;
    }
    if (!fc.willContinue) this.flushPartial(events);
  }

  private flushPartial(events: ChatEvent[]): void {
    const call = this.partial;
    if (!call) return;
    this.partial = undefined;
    if (!call.name) {
      noteSkipped(this.context, 'part:functionCall without name');
      return;
    }
    this.emitCall(events, call);
  }

  /** A whole call: part_start, one `tool_arguments` delta, part_end with the thought signature. */
  private emitCall(events: ChatEvent[], fc: { id?: string; name: string; args: Record<string, unknown>; signature?: string }): void {
    const index = ++this.index;
    const name = fromWireName(fc.name, this.context);
    const custom = this.context?.wrappedCustomTools.has(name) ?? false;
    const args = fc.args;
    events.push({
      type: 'part_start',
      index,
      part: { type: 'tool_call', id: fc.id || newId(`${MINTED_CALL_ID_PREFIX}_`), name, ...(custom ? { kind: 'custom' as const } : {}) },
    });
    const json = custom ? (typeof args.input === 'string' ? args.input : JSON.stringify(args)) : JSON.stringify(args);
    if (json) events.push({ type: 'delta', index, delta: { type: 'tool_arguments', json } });
    events.push({ type: 'part_end', index, ...(fc.signature ? { signature: fc.signature } : {}) });
    this.hasToolCalls = true;
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
