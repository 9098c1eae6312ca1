import type { ChatResponse, ContentPart, ReasoningPart, ToolCallPart } from '../../core/types.js';
import type { EncodeResponseOptions } from '../../core/contracts/index.js';
import { encodeFinishReason } from './map-finish-reason.js';
import { encodeUsage } from './usage.js';

/**
 * Arguments of a canonical tool call as the chat wire string. A call whose upstream arguments were
 * not valid JSON is kept as `{_raw}`; we hand back exactly what the model produced.
 */
export function argumentsString(call: ToolCallPart): string {
  const keys = Object.keys(call.arguments);
  if (keys.length === 1 && keys[0] === '_raw' && typeof call.arguments._raw === 'string') return call.arguments._raw;
  return JSON.stringify(call.arguments);
}

/** A chat `tool_calls` entry; custom calls keep their chat form `{type:"custom", custom:{name,input}}`. */
export function encodeToolCallEntry(call: ToolCallPart): Record<string, unknown> {
  if (call.kind === 'custom') return { id: call.id, type: 'custom', custom: { name: call.name, input: call.input ?? '' } };
  return { id: call.id, type: 'function', function: { name: call.name, arguments: argumentsString(call) } };
}

/** LiteLLM-style `thinking_blocks`, only when some reasoning carries an Anthropic signature (TH-12). */
function thinkingBlocks(parts: ReasoningPart[]): Record<string, unknown>[] | undefined {
  if (!parts.some((p) => p.origin === 'anthropic' && (p.signature || p.redactedData !== undefined))) return undefined;
  return parts.map((p) =>
    p.redactedData !== undefined
      ? { type: 'redacted_thinking', data: p.redactedData }
      : { type: 'thinking', thinking: p.text, signature: p.signature ?? null },
  );
}

/** Encode a canonical answer as an OpenAI `chat.completion` object. */
export function encodeResponse(response: ChatResponse, options: EncodeResponseOptions = {}): Record<string, unknown> {
  const parts = response.content as ContentPart[];
  const text = parts
    .filter((p) => p.type === 'text')
    .map((p) => (p.type === 'text' ? p.text : ''))
    .join('');
  const reasoning = parts.filter((p): p is ReasoningPart => p.type === 'reasoning');
  const calls = parts.filter((p): p is ToolCallPart => p.type === 'tool_call');
  const message: Record<string, unknown> = { role: 'assistant', content: text === '' ? null : text, refusal: null };
  if (calls.length > 0) message.tool_calls = calls.map(encodeToolCallEntry);
  const reasoningText = reasoning.map((p) => p.text).join('');
  if (reasoningText !== '') message.reasoning_content = reasoningText;
  const blocks = thinkingBlocks(reasoning);
  if (blocks) message.thinking_blocks = blocks;
  return {
    id: response.id,
    object: 'chat.completion',
    created: response.created ?? Math.floor(Date.now() / 1000),
    model: options.model ?? response.model,
    choices: [
      { index: 0, message, finish_reason: encodeFinishReason(response.finishReason, calls.length > 0), logprobs: null },
    ],
    usage: encodeUsage(response.usage),
  };
}
