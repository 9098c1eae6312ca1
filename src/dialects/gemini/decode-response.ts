import { TokligenceError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { ChatEvent, ChatResponse, ContentPart, ReasoningPart, ToolCallPart } from '../../core/types.js';
import { parseUpstreamArguments } from '../shared/tool-arguments.js';
import type { WireContext } from '../../core/contracts/index.js';
import { decodeGeminiError } from './errors.js';
import { mapGeminiFinishReason } from './map-finish-reason.js';
import { GeminiPartSequencer } from './part-sequencer.js';
import { isObject } from './schema.js';
import { decodeGeminiUsage } from './usage.js';
import { type WireResponse, wireResponse } from './wire.js';

/**
 * An upstream's non-stream `GenerateContentResponse` → ChatResponse. Parts go through the same
 * sequencer as the stream (see part-sequencer.ts); function calls keep Gemini's id (or get a
 * minted `call_…` one), their `thoughtSignature` as `signature` and `origin: 'gemini'`.
 * A prompt blocked before generation (`promptFeedback.blockReason`, no candidates) is a
 * `content_filter` answer with no content; the feedback is kept in `extensions.gemini`.
 */
export function decodeGeminiResponse(body: unknown, context?: WireContext): ChatResponse {
  if (isObject(body) && isObject(body.error)) throw decodeGeminiError(500, body);
  const parsed = wireResponse.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TokligenceError('api_error', `Gemini response: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const res = parsed.data;
  const candidate = res.candidates?.[0];
  const sequencer = new GeminiPartSequencer(context);
  const events: ChatEvent[] = [];
  for (const part of candidate?.content?.parts ?? []) events.push(...sequencer.push(part));
  sequencer.close(events);

  const response: ChatResponse = {
    id: res.responseId ?? newId('gen_'),
    model: res.modelVersion ?? context?.model ?? '',
    content: assembleParts(events),
    finishReason: 'stop',
    usage: decodeGeminiUsage(res.usageMetadata),
  };
  const blocked = !candidate && res.promptFeedback?.blockReason;
  if (blocked) {
    response.finishReason = 'content_filter';
    response.rawFinishReason = res.promptFeedback!.blockReason!;
  } else {
    response.finishReason = mapGeminiFinishReason(candidate?.finishReason, sequencer.hasToolCalls);
    if (candidate?.finishReason) response.rawFinishReason = candidate.finishReason;
  }
  if (res.promptFeedback) response.extensions = { gemini: { promptFeedback: res.promptFeedback } };
  return response;
}

/**
 * Canonical part events → content parts. Unlike core collectStream, a tool call keeps the
 * signature its part_end carries and is marked `origin: 'gemini'`.
 */
export function assembleParts(events: ChatEvent[]): ContentPart[] {
  const content: ContentPart[] = [];
  const args = new Map<number, string>();
  for (const ev of events) {
    if (ev.type === 'part_start') {
      const p = ev.part;
      if (p.type === 'text') content[ev.index] = { type: 'text', text: '' };
      else if (p.type === 'reasoning') content[ev.index] = { type: 'reasoning', text: '', origin: 'gemini' };
      else {
        const call: ToolCallPart = { type: 'tool_call', id: p.id, name: p.name, arguments: {}, origin: 'gemini' };
        if (p.kind === 'custom') call.kind = 'custom';
        content[ev.index] = call;
        args.set(ev.index, '');
      }
    } else if (ev.type === 'delta') {
      const part = content[ev.index];
      const d = ev.delta;
      if (d.type === 'text' && part?.type === 'text') part.text += d.text;
      else if (d.type === 'reasoning' && part?.type === 'reasoning') part.text += d.text;
      else if (d.type === 'signature' && part?.type === 'reasoning') (part as ReasoningPart).signature = (part.signature ?? '') + d.signature;
      else if (d.type === 'tool_arguments') args.set(ev.index, (args.get(ev.index) ?? '') + d.json);
    } else if (ev.type === 'part_end') {
      const part = content[ev.index];
      if (part?.type !== 'tool_call') continue;
      const raw = args.get(ev.index) ?? '';
      if (part.kind === 'custom') part.input = raw;
      else part.arguments = parseUpstreamArguments(raw);
      if (ev.signature) part.signature = ev.signature;
    }
  }
  return content.filter(Boolean);
}

export type { WireResponse };
