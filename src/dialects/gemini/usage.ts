import type { Usage } from '../../core/types.js';
import type { WireUsageMetadata } from './wire.js';

/**
 * Gemini `usageMetadata` → canonical Usage.
 * - `promptTokenCount` includes cached tokens, so `inputTokens = prompt − cachedContentTokenCount`
 *   (+ `toolUsePromptTokenCount`, billed as input) and `cacheReadTokens = cachedContentTokenCount`.
 * - Gemini bills `thoughtsTokenCount` as output but reports it apart from `candidatesTokenCount`,
 *   so `outputTokens = candidates + thoughts` and `reasoningTokens = thoughts` (the OpenAI
 *   convention: reasoning is a subset of output).
 * - Gemini has no cache-write count (context caches are created out of band): 0.
 */
export function decodeGeminiUsage(u: WireUsageMetadata | undefined): Usage {
  const prompt = u?.promptTokenCount ?? 0;
  const cached = u?.cachedContentTokenCount ?? 0;
  const thoughts = u?.thoughtsTokenCount ?? 0;
  const usage: Usage = {
    inputTokens: Math.max(0, prompt - cached) + (u?.toolUsePromptTokenCount ?? 0),
    outputTokens: (u?.candidatesTokenCount ?? 0) + thoughts,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
  };
  if (u?.thoughtsTokenCount !== undefined) usage.reasoningTokens = thoughts;
  return usage;
}

/** Canonical Usage → Gemini `usageMetadata` (the inverse of decodeGeminiUsage). */
export function encodeGeminiUsage(u: Usage): WireUsageMetadata {
  const prompt = u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens;
  const thoughts = Math.min(u.reasoningTokens ?? 0, u.outputTokens);
  const out: WireUsageMetadata = { promptTokenCount: prompt, candidatesTokenCount: u.outputTokens - thoughts };
  if (u.cacheReadTokens > 0) out.cachedContentTokenCount = u.cacheReadTokens;
  if (u.reasoningTokens !== undefined) out.thoughtsTokenCount = thoughts;
  out.totalTokenCount = prompt + u.outputTokens;
  return out;
}
