import type { ChatRequest } from '../core/types.js';
import { estimateRequestTokens } from '../tokens/estimate.js';

/** Limits under which a request counts as "simple" (config `routing.simple`). */
export interface SimpleTaskLimits {
  /** Estimated prompt tokens (system + messages + tools, ~4 characters a token). Default 1000. */
  maxInputTokens: number;
  /** The request's `max_tokens`, when given. Default 1024. */
  maxOutputTokens: number;
}

export const DEFAULT_SIMPLE_LIMITS: SimpleTaskLimits = { maxInputTokens: 1000, maxOutputTokens: 1024 };

/**
 * Whether a request is a "simple task" that `routing.prefer_cheaper_for_simple_tasks` sends to the
 * cheapest target. Simple means all of: no tools offered, no image or document input, no reasoning
 * (thinking) requested, an estimated prompt of at most `maxInputTokens`, and `max_tokens` unset
 * or at most `maxOutputTokens`. Returns the first rule that failed, for the decision log.
 */
export function checkSimpleTask(request: ChatRequest, limits: SimpleTaskLimits = DEFAULT_SIMPLE_LIMITS): { simple: boolean; why: string } {
  if (request.tools && request.tools.length > 0) return { simple: false, why: 'tools offered' };
  for (const message of request.messages)
    for (const part of message.content)
      if (part.type === 'image' || part.type === 'document') return { simple: false, why: `${part.type} input` };
  if (request.reasoning) return { simple: false, why: 'reasoning requested' };
  if (request.maxTokens !== undefined && request.maxTokens > limits.maxOutputTokens)
    return { simple: false, why: `max_tokens ${request.maxTokens} > ${limits.maxOutputTokens}` };
  const tokens = estimateRequestTokens(request);
  if (tokens > limits.maxInputTokens) return { simple: false, why: `~${tokens} prompt tokens > ${limits.maxInputTokens}` };
  return { simple: true, why: `no tools, no media, ~${tokens} prompt tokens` };
}
