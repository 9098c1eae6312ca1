import { TokligenceError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { ChatResponse, ContentPart, ReasoningPart } from '../../core/types.js';
import { unwrapCustomCalls } from '../shared/custom-tools.js';
import { parseUpstreamArguments } from '../shared/tool-arguments.js';
import { fromWireName } from '../shared/tool-names.js';
import type { WireContext } from '../../core/contracts/index.js';
import { decodeError } from './errors.js';
import { decodeFinishReason } from './map-finish-reason.js';
import { decodeUsage } from './usage.js';
import type { ChatAssistantMessageWire, ChatCompletionWire, ChatThinkingBlockWire, ChatToolCallWire } from './wire.js';

/** Reasoning parts of an assistant message or delta: signed thinking blocks, else plain text (TH-12/13/14). */
export function reasoningParts(
  blocks: ChatThinkingBlockWire[] | null | undefined,
  text: string | null | undefined,
): ReasoningPart[] {
  const out: ReasoningPart[] = [];
  if (Array.isArray(blocks) && blocks.length > 0) {
    for (const b of blocks) {
      if (b.type === 'redacted_thinking' && typeof b.data === 'string') {
        out.push({ type: 'reasoning', text: '', redactedData: b.data, origin: 'anthropic' });
      } else if (b.type === 'thinking') {
        const thinking = b.thinking ?? '';
        if (thinking === '' && !b.signature) continue; // empty and unsigned: nothing to keep
        out.push({
          type: 'reasoning',
          text: thinking,
          ...(b.signature ? { signature: b.signature, origin: 'anthropic' as const } : {}),
        });
      }
    }
    if (out.length > 0) return out;
  }
  // `reasoning_content` alone (DeepSeek, vLLM, OpenRouter): unsigned, no origin (TH-14).
  if (text) out.push({ type: 'reasoning', text });
  return out;
}

function toolCallPart(tc: ChatToolCallWire, context?: WireContext): ContentPart | undefined {
  const id = tc.id || newId('call_');
  if (tc.type === 'custom' || tc.custom) {
    const name = tc.custom?.name ?? '';
    return { type: 'tool_call', id, name: fromWireName(name, context), arguments: {}, kind: 'custom', input: tc.custom?.input ?? '' };
  }
  if (!tc.function) return undefined;
  return {
    type: 'tool_call',
    id,
    name: fromWireName(tc.function.name ?? '', context),
    arguments: parseUpstreamArguments(tc.function.arguments), // "" → {} (TU-6)
  };
}

/** Canonical content of a chat assistant message, in order reasoning, text, tool calls. */
export function assistantContent(m: ChatAssistantMessageWire, context?: WireContext): ContentPart[] {
  const content: ContentPart[] = [
    ...reasoningParts(m.thinking_blocks, m.reasoning_content ?? (typeof m.reasoning === 'string' ? m.reasoning : undefined)),
  ];
  let text = '';
  if (typeof m.content === 'string') text = m.content;
  else if (Array.isArray(m.content)) text = m.content.map((p) => p.text ?? p.refusal ?? '').join('');
  if (m.refusal) text += m.refusal;
  if (text !== '') content.push({ type: 'text', text });
  for (const tc of m.tool_calls ?? []) {
    const part = toolCallPart(tc, context);
    if (part) content.push(part);
  }
  if (m.function_call?.name) {
    content.push({
      type: 'tool_call',
      id: newId('call_'),
      name: fromWireName(m.function_call.name, context),
      arguments: parseUpstreamArguments(m.function_call.arguments),
    });
  }
  return unwrapCustomCalls(content, context);
}

/** Decode an upstream's `chat.completion` answer. */
export function decodeResponse(body: unknown, context?: WireContext): ChatResponse {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new TokligenceError('api_error', 'upstream returned a response that is not a JSON object', { status: 502 });
  const b = body as ChatCompletionWire;
  if (b.error) throw decodeError(500, b);
  const choice = b.choices?.[0];
  if (!choice) throw new TokligenceError('api_error', 'upstream returned a response without choices', { status: 502 });
  const message = choice.message ?? {};
  const content = assistantContent(message, context);
  const hasToolCalls = content.some((p) => p.type === 'tool_call');
  let finishReason = decodeFinishReason(choice.finish_reason, hasToolCalls);
  // A refusal is a content-filter stop, unless the answer was cut by length (§3.8).
  if (message.refusal && finishReason === 'stop') finishReason = 'content_filter';
  const response: ChatResponse = {
    id: b.id || newId('chatcmpl-'),
    model: b.model || context?.model || '',
    content,
    finishReason,
    usage: decodeUsage(b.usage),
  };
  if (choice.finish_reason) response.rawFinishReason = choice.finish_reason;
  if (typeof b.created === 'number') response.created = b.created;
  return response;
}
