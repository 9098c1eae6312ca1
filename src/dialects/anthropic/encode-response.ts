/**
 * Canonical ChatResponse → Anthropic Messages answer, for an Anthropic caller.
 */
import { newId } from '../../core/ids.js';
import type { ChatResponse, ContentPart, ReasoningPart } from '../../core/types.js';
import { ToolIdMapper } from '../shared/tool-ids.js';
import type { EncodeResponseOptions } from '../../core/contracts/index.js';
import { encodeDocument, encodeImage, encodeText } from './encode-content.js';
import { hasToolCall, toStopReason } from './map-finish-reason.js';
import { opaqueBlocksOf, reinsertOpaque } from './opaque-blocks.js';
import { encodeUsage } from './usage.js';
import type { WireMessageResponse } from './wire.js';

type Block = Record<string, unknown>;

/**
 * Encode an answer. Never emits empty text blocks (TU-8); tool_use ids are made valid for
 * Anthropic clients (TU-7); `tool_use` is the stop reason whenever a call is present.
 */
export function encodeResponse(response: ChatResponse, options: EncodeResponseOptions = {}): WireMessageResponse {
  const ids = new ToolIdMapper();
  let content: Block[] = [];
  for (const part of response.content) {
    const b = encodeAnswerPart(part, ids);
    if (b) content.push(b);
  }
  content = reinsertOpaque(content, opaqueBlocksOf(response.extensions), 'assistant', response.content.length);
  return {
    // A translated answer's id gets Anthropic's own prefix (not the upstream's `chatcmpl-…`).
    id: response.id?.startsWith('msg_') ? response.id : newId('msg_'),
    type: 'message',
    role: 'assistant',
    model: options.model ?? response.model,
    content: content as WireMessageResponse['content'],
    stop_reason: toStopReason(response.finishReason, {
      hasToolUse: hasToolCall(response.content),
      stopSequence: response.stopSequence,
      rawFinishReason: response.rawFinishReason,
    }),
    stop_sequence: response.stopSequence ?? null,
    usage: encodeUsage(response.usage) as unknown as WireMessageResponse['usage'],
  };
}

function encodeAnswerPart(part: ContentPart, ids: ToolIdMapper): Block | undefined {
  switch (part.type) {
    case 'text':
      return encodeText(part);
    case 'image':
      return encodeImage(part);
    case 'document':
      return encodeDocument(part);
    case 'tool_call':
      return {
        type: 'tool_use',
        id: ids.toWire(part.id),
        name: part.name,
        input: part.kind === 'custom' ? { input: part.input ?? '' } : part.arguments,
      };
    case 'reasoning':
      return encodeAnswerReasoning(part);
    case 'tool_result':
      return undefined;
  }
}

/**
 * Thinking for an Anthropic caller. A foreign signature is worthless to Anthropic, so it becomes
 * `""`; the request encoder drops such unsigned blocks when the caller replays them (TH-13/14).
 */
export function encodeAnswerReasoning(part: ReasoningPart): Block | undefined {
  const own = part.origin === undefined || part.origin === 'anthropic';
  if (part.redactedData) return own ? { type: 'redacted_thinking', data: part.redactedData } : undefined;
  const signature = own ? (part.signature ?? '') : '';
  if (part.text === '' && signature === '') return undefined;
  return { type: 'thinking', thinking: part.text, signature };
}
