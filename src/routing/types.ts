/** One place the router may send a request, with what `models:` says about it. */
export interface RouteTarget {
  provider: string;
  /** The upstream's model id. */
  model: string;
  /** Relative share for the `weighted` strategy (default 1). */
  weight?: number;
  /** USD per 1M tokens; else the model table's price. */
  price?: { input: number; output: number };
  /** The target's output limit; a larger `max_tokens` is clamped to it. Else the model table's. */
  maxTokens?: number;
  contextWindow?: number;
}

/** How the first target is chosen among an alias's targets. */
export type RoutingStrategy = 'priority' | 'weighted' | 'cheapest' | 'lowest-latency' | 'least-busy';

export const ROUTING_STRATEGIES = ['priority', 'weighted', 'cheapest', 'lowest-latency', 'least-busy'] as const;

/** `provider/model`: the key for per-target state (cooldown, latency, in-flight). */
export const targetKey = (t: { provider: string; model: string }): string => `${t.provider}/${t.model}`;
