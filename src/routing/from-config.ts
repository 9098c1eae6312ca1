import type { TokligenceConfig } from '../config/index.js';
import type { Provider } from '../core/contracts/provider.js';
import type { RouterOptions, Target } from './router.js';

/** The router's settings from the config (snake_case) in its own camelCase terms. */
export function routerOptionsFrom(config: TokligenceConfig, providers: ReadonlyMap<string, Provider>, resolve: (model: string) => Target[]): RouterOptions {
  const { gateway, routing, retry } = config;
  const lists = (map: Record<string, string | string[]>) => Object.fromEntries(Object.entries(map).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
  return {
    providers,
    resolve,
    workMode: gateway.work_mode,
    routing: {
      strategy: routing.strategy,
      costAware: routing.cost_aware,
      preferCheaperForSimpleTasks: routing.prefer_cheaper_for_simple_tasks,
      simple: { maxInputTokens: routing.simple.max_input_tokens, maxOutputTokens: routing.simple.max_output_tokens },
    },
    retry: {
      attempts: retry.attempts,
      minDelayMs: retry.min_delay_ms,
      maxDelayMs: retry.max_delay_ms,
      maxRetryAfterS: retry.max_retry_after_s,
    },
    fallbacks: {
      enabled: routing.fallbacks.enabled ?? true,
      models: lists(routing.fallbacks.models),
      contextWindow: lists(routing.fallbacks.context_window),
      contentPolicy: lists(routing.fallbacks.content_policy),
    },
    cooldown: routing.cooldown.enabled && {
      failureRatio: routing.cooldown.failure_ratio,
      minRequests: routing.cooldown.min_requests,
      windowMs: routing.cooldown.window * 1000,
      cooldownMs: routing.cooldown.period * 1000,
    },
    firstByteTimeoutMs: gateway.first_byte_timeout === undefined ? undefined : gateway.first_byte_timeout * 1000,
    concurrency: gateway.max_concurrent_requests
      ? { max: gateway.max_concurrent_requests, maxQueue: gateway.max_queue, queueTimeoutMs: gateway.queue_timeout * 1000 }
      : undefined,
  };
}
