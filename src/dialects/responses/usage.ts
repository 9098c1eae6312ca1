import type { Usage } from '../../core/types.js';
import type { ResponseObjectRead, ResponsesUsageWire } from './wire.js';

/**
 * Responses usage → canonical (USG-5/6). `input_tokens` includes cached tokens; canonical
 * `inputTokens` is the uncached part only, so cached (and cache-write) tokens are subtracted.
 */
export function usageFromResponses(usage: ResponseObjectRead['usage']): Usage {
  const cacheRead = usage?.input_tokens_details?.cached_tokens ?? 0;
  const cacheWrite = usage?.input_tokens_details?.cache_write_tokens ?? 0;
  const out: Usage = {
    inputTokens: Math.max(0, (usage?.input_tokens ?? 0) - cacheRead - cacheWrite),
    outputTokens: usage?.output_tokens ?? 0,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
  };
  const reasoning = usage?.output_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') out.reasoningTokens = reasoning;
  return out;
}

/** Canonical usage → Responses: `input_tokens` is the whole prompt, cache included. */
export function usageToResponses(usage: Usage): ResponsesUsageWire {
  const input = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  const details: { cached_tokens: number; cache_write_tokens?: number } = { cached_tokens: usage.cacheReadTokens };
  if (usage.cacheWriteTokens > 0) details.cache_write_tokens = usage.cacheWriteTokens;
  return {
    input_tokens: input,
    input_tokens_details: details,
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: input + usage.outputTokens,
  };
}
