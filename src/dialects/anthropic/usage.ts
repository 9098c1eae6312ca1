/**
 * Anthropic usage ⇄ canonical Usage. Anthropic's `input_tokens` already excludes cache reads and
 * writes, exactly like canonical `inputTokens`, so the mapping is one to one (USG-1..3).
 */
import type { Usage } from '../../core/types.js';
import { emptyUsage } from '../../core/types.js';

interface LooseUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

const n = (v: number | null | undefined): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function decodeUsage(u: LooseUsage | undefined | null): Usage {
  if (!u) return emptyUsage();
  return {
    inputTokens: n(u.input_tokens),
    outputTokens: n(u.output_tokens),
    cacheReadTokens: n(u.cache_read_input_tokens),
    cacheWriteTokens: n(u.cache_creation_input_tokens),
  };
}

/** Wire usage; cache fields only when non-zero (USG-2). */
export function encodeUsage(u: Usage): Record<string, number> {
  const out: Record<string, number> = { input_tokens: u.inputTokens, output_tokens: u.outputTokens };
  if (u.cacheWriteTokens > 0) out.cache_creation_input_tokens = u.cacheWriteTokens;
  if (u.cacheReadTokens > 0) out.cache_read_input_tokens = u.cacheReadTokens;
  return out;
}
