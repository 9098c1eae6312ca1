import type { FinishReason } from '../../core/types.js';

/**
 * Responses `status` (+ `incomplete_details.reason`) → canonical finish reason. A completed
 * response that holds a tool call is `tool_calls` whatever else it holds (failure mode #9).
 */
export function finishFromStatus(
  status: string | null | undefined,
  incompleteReason: string | null | undefined,
  hasToolCall: boolean,
  hasRefusal = false,
): FinishReason {
  if (status === 'incomplete') return incompleteReason === 'content_filter' ? 'content_filter' : 'length';
  if (status === 'failed') return 'error';
  if (hasToolCall) return 'tool_calls';
  if (hasRefusal) return 'content_filter';
  return 'stop';
}

/** Canonical finish → Responses status and `incomplete_details`. */
export function statusFromFinish(finish: FinishReason): {
  status: 'completed' | 'incomplete' | 'failed';
  incomplete_details: { reason: string } | null;
} {
  if (finish === 'length') return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (finish === 'content_filter') return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  if (finish === 'error') return { status: 'failed', incomplete_details: null };
  return { status: 'completed', incomplete_details: null };
}
