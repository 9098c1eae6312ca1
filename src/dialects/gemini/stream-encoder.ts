import { type Coroutine, END, NEXT, codeStream, coroutineCoder } from '../../core/batch.js';
import { newId } from '../../core/ids.js';
import type { ChatEvent, Usage } from '../../core/types.js';
import type { EncodeResponseOptions, StreamCoder, WireEvent } from '../../core/contracts/index.js';
import { wireCallId } from './encode-response.js';
import { encodeGeminiError } from './errors.js';
import { toGeminiFinishReason } from './map-finish-reason.js';
import { parseUpstreamArguments } from '../shared/tool-arguments.js';
import { encodeGeminiUsage } from './usage.js';

/**
 * Canonical events → `streamGenerateContent?alt=sse` chunks (plain `data:` events, no `event:`
 * names, no `[DONE]`). Every chunk is a GenerateContentResponse: text and thought deltas are sent
 * as they come; a function call is sent whole at its part_end (Gemini never splits one), with the
 * signature part_end carries; the last chunk has the finishReason and usageMetadata. Foreign
 * reasoning signatures and redacted reasoning are dropped; an `error` event becomes a
 * `{error:{code,message,status}}` chunk and ends the stream.
 */
export function encodeGeminiStream(events: AsyncIterable<ChatEvent>, options: EncodeResponseOptions = {}): AsyncIterable<WireEvent> {
  return codeStream(events, geminiStreamEncoder(options));
}

/** The encoder one event at a time (see StreamCoder). */
export function geminiStreamEncoder(options: EncodeResponseOptions = {}): StreamCoder<ChatEvent, WireEvent> {
  return coroutineCoder(encoding(options));
}

function* encoding(options: EncodeResponseOptions): Coroutine<ChatEvent, WireEvent> {
  let responseId = newId('gen_');
  let modelVersion = options.model ?? '';
  interface PartState {
    kind: 'text' | 'reasoning' | 'tool_call';
    gemini?: boolean;
    redacted?: boolean;
    thoughtText?: boolean;
    signed?: boolean;
    id?: string;
    name?: string;
    custom?: boolean;
    args: string;
  }
  const open = new Map<number, PartState>();
  // Like Gemini, every chunk carries the prompt size once it is known.
  let promptUsage: Record<string, number> | undefined;
  const chunk = (parts: Array<Record<string, unknown>>): WireEvent => ({
    data: {
      candidates: [{ content: { role: 'model', parts }, index: 0 }],
      ...(promptUsage ? { usageMetadata: promptUsage } : {}),
      modelVersion,
      responseId,
    },
  });
  for (let ev = yield NEXT; ev !== END; ev = yield NEXT) {
    switch (ev.type) {
      case 'start':
        if (ev.id) responseId = ev.id;
        if (!options.model && ev.model) modelVersion = ev.model;
        if (ev.usage?.inputTokens !== undefined) {
          const cached = ev.usage.cacheReadTokens ?? 0;
          const prompt = ev.usage.inputTokens + cached + (ev.usage.cacheWriteTokens ?? 0);
          promptUsage = { promptTokenCount: prompt, ...(cached > 0 ? { cachedContentTokenCount: cached } : {}), totalTokenCount: prompt };
        }
        break;
      case 'part_start': {
        const p = ev.part;
        if (p.type === 'tool_call') open.set(ev.index, { kind: 'tool_call', id: p.id, name: p.name, custom: p.kind === 'custom', args: '' });
        else if (p.type === 'reasoning') open.set(ev.index, { kind: 'reasoning', gemini: p.origin === 'gemini', redacted: p.redactedData !== undefined, args: '' });
        else open.set(ev.index, { kind: 'text', args: '' });
        break;
      }
      case 'delta': {
        const state = open.get(ev.index);
        const d = ev.delta;
        if (!state) break;
        if (d.type === 'text' && d.text) yield chunk([{ text: d.text }]);
        else if (d.type === 'reasoning' && d.text && !state.redacted) {
          state.thoughtText = true;
          yield chunk([{ text: d.text, thought: true }]);
        } else if (d.type === 'signature' && state.gemini) {
          state.signed = true;
          // On a thought it stays a thought's signature; a signature-only part belongs to the text before it.
          yield chunk([state.thoughtText ? { text: '', thought: true, thoughtSignature: d.signature } : { text: '', thoughtSignature: d.signature }]);
        } else if (d.type === 'tool_arguments') state.args += d.json;
        break;
      }
      case 'part_end': {
        const state = open.get(ev.index);
        open.delete(ev.index);
        if (state?.kind === 'reasoning' && state.gemini && ev.signature && !state.signed)
          yield chunk([state.thoughtText ? { text: '', thought: true, thoughtSignature: ev.signature } : { text: '', thoughtSignature: ev.signature }]);
        if (state?.kind !== 'tool_call') break;
        const args = state.custom ? { input: state.args } : parseUpstreamArguments(state.args);
        const id = state.id ? wireCallId(state.id) : undefined;
        yield chunk([{ functionCall: { ...(id ? { id } : {}), name: state.name, args }, ...(ev.signature ? { thoughtSignature: ev.signature } : {}) }]);
        break;
      }
      case 'finish':
        yield {
          data: {
            candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: toGeminiFinishReason(ev.finishReason, ev.rawFinishReason), index: 0 }],
            usageMetadata: encodeGeminiUsage(ev.usage as Usage),
            modelVersion,
            responseId,
          },
        };
        return;
      case 'error':
        yield { data: encodeGeminiError(ev.error).body };
        return;
    }
  }
}
