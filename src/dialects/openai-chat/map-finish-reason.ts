import type { FinishReason } from '../../core/types.js';

/**
 * An upstream's `finish_reason` in canonical terms (§3.8). Tool calls in the answer win over a
 * plain `stop`: Ollama and others stream tool calls and then say `stop` (LiteLLM #34692), and a
 * client that sees `stop` drops the calls.
 */
export function decodeFinishReason(reason: string | null | undefined, hasToolCalls: boolean): FinishReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    case 'error':
      return 'error';
    default:
      return hasToolCalls ? 'tool_calls' : 'stop';
  }
}

/** A canonical finish reason as a chat `finish_reason`; the chat API has no `error` or `pause`. */
export function encodeFinishReason(reason: FinishReason, hasToolCalls: boolean): string {
  switch (reason) {
    case 'length':
      return 'length';
    case 'tool_calls':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return hasToolCalls ? 'tool_calls' : 'stop';
  }
}
