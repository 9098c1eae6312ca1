import type { FinishReason } from '../../core/types.js';

/** Gemini finish reasons that mean the output was blocked by a filter. */
const FILTERED = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'LANGUAGE',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

/**
 * Gemini tool-call failures. They map to `error` (not `stop`) so an agent client does not take an
 * empty answer for a finished turn; the raw reason is kept in `rawFinishReason`.
 */
const TOOL_FAILURES = new Set(['MALFORMED_FUNCTION_CALL', 'UNEXPECTED_TOOL_CALL', 'TOO_MANY_TOOL_CALLS']);

/** Every finishReason value the Gemini API documents (used to echo a raw reason back as-is). */
export const GEMINI_FINISH_REASONS = new Set([
  'FINISH_REASON_UNSPECIFIED',
  'STOP',
  'MAX_TOKENS',
  'OTHER',
  'NO_IMAGE',
  ...FILTERED,
  ...TOOL_FAILURES,
]);

/**
 * Gemini `finishReason` → canonical. `STOP` becomes `tool_calls` when the answer holds function
 * calls (Gemini has no separate reason for them); `MAX_TOKENS` → `length`; filter reasons →
 * `content_filter`; malformed/unexpected tool calls → `error`; anything else → `stop`.
 */
export function mapGeminiFinishReason(reason: string | undefined, hasToolCalls: boolean): FinishReason {
  if (reason === 'MAX_TOKENS') return 'length';
  if (reason && FILTERED.has(reason)) return 'content_filter';
  if (reason && TOOL_FAILURES.has(reason)) return 'error';
  return hasToolCalls ? 'tool_calls' : 'stop';
}

/** Canonical → Gemini `finishReason`; a raw Gemini reason is echoed when it still fits. */
export function toGeminiFinishReason(reason: FinishReason, raw?: string): string {
  if (raw && GEMINI_FINISH_REASONS.has(raw) && mapGeminiFinishReason(raw, reason === 'tool_calls') === reason) return raw;
  switch (reason) {
    case 'length':
      return 'MAX_TOKENS';
    case 'content_filter':
      return 'SAFETY';
    case 'error':
      return 'OTHER';
    default:
      return 'STOP';
  }
}
