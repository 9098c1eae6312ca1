import type { ChatResponse, ContentPart } from '../../core/types.js';
import type { EncodeResponseOptions } from '../../core/contracts/index.js';
import { mediaToGemini } from './media.js';
import { toGeminiFinishReason } from './map-finish-reason.js';
import { isObject } from './schema.js';
import { encodeGeminiUsage } from './usage.js';
import { MINTED_CALL_ID_PREFIX } from './wire.js';

/** A `GenerateContentResponse` as sent to a Gemini-shaped caller. */
export interface GeminiResponseBody {
  candidates?: Array<{ content: { role: 'model'; parts: Array<Record<string, unknown>> }; finishReason: string; index: number }>;
  promptFeedback?: Record<string, unknown>;
  usageMetadata: Record<string, unknown>;
  modelVersion: string;
  responseId: string;
}

/**
 * ChatResponse → `GenerateContentResponse`. Reasoning becomes `thought: true` parts; a signature
 * is kept only when Gemini minted it; a signature-only Gemini reasoning part goes back onto the
 * text part before it. Tool calls carry their id unless we minted it. A prompt-blocked answer
 * (kept in `extensions.gemini.promptFeedback`) is rendered as Gemini does: no candidates.
 */
export function encodeGeminiResponse(response: ChatResponse, options: EncodeResponseOptions = {}): GeminiResponseBody {
  const body: GeminiResponseBody = {
    usageMetadata: encodeGeminiUsage(response.usage),
    modelVersion: options.model ?? response.model,
    responseId: response.id,
  };
  const feedback = response.extensions?.gemini?.promptFeedback;
  if (isObject(feedback)) body.promptFeedback = feedback;
  const parts = encodeResponseParts(response.content);
  if (isObject(feedback) && feedback.blockReason && parts.length === 0) return reorder(body);
  body.candidates = [
    {
      content: { role: 'model', parts },
      finishReason: toGeminiFinishReason(response.finishReason, response.rawFinishReason),
      index: 0,
    },
  ];
  return reorder(body);
}

/** Gemini's own key order, for readable fixtures. */
function reorder(b: GeminiResponseBody): GeminiResponseBody {
  return {
    ...(b.candidates ? { candidates: b.candidates } : {}),
    ...(b.promptFeedback ? { promptFeedback: b.promptFeedback } : {}),
    usageMetadata: b.usageMetadata,
    modelVersion: b.modelVersion,
    responseId: b.responseId,
  };
}

export function encodeResponseParts(content: ContentPart[]): Array<Record<string, unknown>> {
  const parts: Array<Record<string, unknown>> = [];
  for (const part of content) {
    switch (part.type) {
      case 'text':
        if (part.text !== '') parts.push({ text: part.text });
        break;
      case 'reasoning': {
        const signature = part.origin === 'gemini' ? part.signature : undefined;
        if (part.text !== '') parts.push({ text: part.text, thought: true, ...(signature ? { thoughtSignature: signature } : {}) });
        else if (signature) {
          const prev = parts[parts.length - 1];
          if (prev && typeof prev.text === 'string' && !prev.thought && !prev.thoughtSignature) prev.thoughtSignature = signature;
          else parts.push({ text: '', thoughtSignature: signature });
        }
        break;
      }
      case 'tool_call': {
        const args = part.kind === 'custom' ? { input: part.input ?? '' } : part.arguments;
        parts.push({
          functionCall: { ...(wireCallId(part.id) ? { id: part.id } : {}), name: part.name, args },
          ...(part.origin === 'gemini' && part.signature ? { thoughtSignature: part.signature } : {}),
        });
        break;
      }
      case 'image':
      case 'document': {
        const media = mediaToGemini(part);
        if (media) parts.push(media);
        break;
      }
    }
  }
  return parts;
}

/** Ids we minted stay inside the gateway; any other id is passed on for the caller to echo. */
export function wireCallId(id: string): string | undefined {
  return id && !id.startsWith(MINTED_CALL_ID_PREFIX) ? id : undefined;
}
