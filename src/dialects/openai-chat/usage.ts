import type { Usage } from '../../core/types.js';
import type { ChatUsageWire } from './wire.js';

function n(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;
}

function firstPositive(...values: unknown[]): number {
  for (const v of values) if (n(v) > 0) return n(v);
  return 0;
}

/**
 * Chat usage → canonical (USG-2). `prompt_tokens` includes cached tokens, canonical `inputTokens`
 * does not. Cache reads come from OpenAI's `prompt_tokens_details.cached_tokens`, LiteLLM's
 * top-level `cache_read_input_tokens` or DeepSeek's `prompt_cache_hit_tokens`.
 */
export function decodeUsage(u: ChatUsageWire | null | undefined): Usage {
  if (!u) return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  const details = u.prompt_tokens_details ?? {};
  const cacheRead = firstPositive(u.cache_read_input_tokens, details.cached_tokens, u.prompt_cache_hit_tokens);
  const cacheWrite = firstPositive(u.cache_creation_input_tokens, details.cache_creation_tokens, details.cache_write_tokens);
  const usage: Usage = {
    inputTokens: Math.max(n(u.prompt_tokens) - cacheRead - cacheWrite, 0),
    outputTokens: n(u.completion_tokens),
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
  };
  const reasoning = u.completion_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') usage.reasoningTokens = reasoning;
  return usage;
}

/**
 * Canonical usage → chat usage (USG-1): `prompt_tokens = input + cacheRead + cacheWrite`. Cache
 * writes go in `prompt_tokens_details.cache_creation_tokens` (LiteLLM's name) so that decoding the
 * result gives back the same canonical usage (USG-3).
 */
export function encodeUsage(u: Usage): Record<string, unknown> {
  const prompt = u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens;
  const out: Record<string, unknown> = {
    prompt_tokens: prompt,
    completion_tokens: u.outputTokens,
    total_tokens: prompt + u.outputTokens,
    prompt_tokens_details: {
      cached_tokens: u.cacheReadTokens,
      ...(u.cacheWriteTokens > 0 ? { cache_creation_tokens: u.cacheWriteTokens } : {}),
    },
  };
  if (u.reasoningTokens !== undefined) out.completion_tokens_details = { reasoning_tokens: u.reasoningTokens };
  return out;
}
