import type { ResolvedTarget } from '../config/resolve-model.js';
/** One place the router may send a request, with what `models:` says about it (see config). */
export type RouteTarget = ResolvedTarget;

/** How the first target is chosen among an alias's targets. */
export type RoutingStrategy = 'priority' | 'weighted' | 'cheapest' | 'lowest-latency' | 'least-busy';

export const ROUTING_STRATEGIES = ['priority', 'weighted', 'cheapest', 'lowest-latency', 'least-busy'] as const;

/** `provider/model`: the key for per-target state (cooldown, latency, in-flight). */
export const targetKey = (t: { provider: string; model: string }): string => `${t.provider}/${t.model}`;
