import type { TokligenceConfig } from './schema.js';

type Parsed = Omit<TokligenceConfig, 'notices'>;

/**
 * Keys spelt the older or the scenarios' way, read into their one home so the rest of the code reads
 * one place: `agent.fallback.fallback_models` / `enabled` → `routing.fallbacks.models` / `enabled`,
 * `agent.fallback.retry_attempts` → `retry.attempts`, `routing.context_window_fallbacks` /
 * `content_policy_fallbacks` → `routing.fallbacks.context_window` / `content_policy`. Where both are
 * set, the new key wins per model. Returns a notice per alias used.
 */
export function applyAliases(config: Parsed): string[] {
  const notices: string[] = [];
  const fallbacks = config.routing.fallbacks;
  const read = (from: string, to: string) => notices.push(`${from} is read as ${to}; write ${to} instead`);
  const legacy = config.agent.fallback;
  if (legacy?.fallback_models) {
    fallbacks.models = { ...legacy.fallback_models, ...fallbacks.models };
    read('agent.fallback.fallback_models', 'routing.fallbacks.models');
  }
  if (legacy?.enabled !== undefined) {
    fallbacks.enabled ??= legacy.enabled;
    read('agent.fallback.enabled', 'routing.fallbacks.enabled');
  }
  if (legacy?.retry_attempts !== undefined) {
    config.retry.attempts = legacy.retry_attempts;
    read('agent.fallback.retry_attempts', 'retry.attempts');
  }
  if (config.routing.context_window_fallbacks) {
    fallbacks.context_window = { ...config.routing.context_window_fallbacks, ...fallbacks.context_window };
    read('routing.context_window_fallbacks', 'routing.fallbacks.context_window');
  }
  if (config.routing.content_policy_fallbacks) {
    fallbacks.content_policy = { ...config.routing.content_policy_fallbacks, ...fallbacks.content_policy };
    read('routing.content_policy_fallbacks', 'routing.fallbacks.content_policy');
  }
  const rl = config.rate_limit;
  if (rl.fail_open !== undefined) {
    config.failure_modes.rate_limit ??= rl.fail_open ? 'fail_open' : 'fail_closed';
    read('rate_limit.fail_open', 'failure_modes.rate_limit');
  }
  return notices;
}
