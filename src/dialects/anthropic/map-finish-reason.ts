/**
 * Anthropic `stop_reason` ⇄ canonical finish reason (§3.8).
 */
import type { ContentPart, FinishReason } from '../../core/types.js';
import type { WireStopReason } from './wire.js';

/** Upstream stop_reason → canonical; unknown or missing reasons are a plain stop. */
export function mapStopReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
    case 'compaction':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
    case 'content_filtered':
      return 'content_filter';
    case 'pause_turn':
      return 'pause';
    default:
      return 'stop';
  }
}

const WIRE_REASONS = new Set<string>([
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
  'model_context_window_exceeded',
]);

/**
 * Canonical → stop_reason for an Anthropic caller. A tool call in the answer always means
 * `tool_use` (else Claude Code drops the call); the upstream's own reason is reused when it is an
 * Anthropic reason that means the same thing (keeps `model_context_window_exceeded`).
 */
export function toStopReason(
  finish: FinishReason,
  opts: { hasToolUse: boolean; stopSequence?: string; rawFinishReason?: string },
): WireStopReason {
  if (opts.hasToolUse) return 'tool_use';
  const raw = opts.rawFinishReason;
  if (raw && WIRE_REASONS.has(raw) && raw !== 'tool_use' && mapStopReason(raw) === finish) {
    if (raw === 'stop_sequence' && opts.stopSequence === undefined) return 'end_turn';
    return raw as WireStopReason;
  }
  switch (finish) {
    case 'length':
      return 'max_tokens';
    case 'content_filter':
      return 'refusal';
    case 'pause':
      return 'pause_turn';
    case 'stop':
      return opts.stopSequence !== undefined ? 'stop_sequence' : 'end_turn';
    default:
      // tool_calls without a call, error: nothing better to say than end_turn.
      return 'end_turn';
  }
}

export function hasToolCall(content: ContentPart[]): boolean {
  return content.some((p) => p.type === 'tool_call');
}
