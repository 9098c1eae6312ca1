import type { ChatRequest } from '../core/types.js';
import { estimateRequestTokens } from '../tokens/estimate.js';
import { lookupModel } from './model-table.js';
import type { TargetStats } from './target-stats.js';
import { type RouteTarget, type RoutingStrategy, targetKey } from './types.js';

/** A target in the order it will be tried, with why it sits there (for the decision log). */
export interface RankedTarget {
  target: RouteTarget;
  reason: string;
}

export interface StrategyContext {
  request: ChatRequest;
  stats: TargetStats;
  /** Uniform in [0, 1); injectable so tests can seed it. */
  random: () => number;
}

/** Output tokens assumed when estimating a call's cost: `max_tokens`, capped at this. */
const EXPECTED_OUTPUT_CAP = 1000;

/** The target's price per 1M tokens: its own `price`, else the model table's. */
export function priceOf(target: RouteTarget): { input: number; output: number } | undefined {
  return target.price ?? lookupModel(target.model);
}

/**
 * Estimated USD cost of this request on a target: estimated prompt tokens × input price +
 * min(max_tokens, 1000) × output price. Only used to rank targets, never billed.
 */
export function estimateCost(target: RouteTarget, request: ChatRequest, inputTokens?: number): number | undefined {
  const price = priceOf(target);
  if (!price) return undefined;
  const input = inputTokens ?? estimateRequestTokens(request);
  const output = Math.min(request.maxTokens ?? EXPECTED_OUTPUT_CAP, EXPECTED_OUTPUT_CAP);
  return (input * price.input + output * price.output) / 1_000_000;
}

const usd = (n: number) => `$${n < 0.01 ? n.toPrecision(2) : n.toFixed(4)}`;

/** Order an alias's targets by a strategy. The first is tried first; the rest are its fallbacks. */
export function rankTargets(targets: RouteTarget[], strategy: RoutingStrategy, ctx: StrategyContext): RankedTarget[] {
  switch (strategy) {
    case 'priority':
      return targets.map((target, i) => ({ target, reason: `priority #${i + 1} of ${targets.length}` }));
    case 'weighted':
      return weighted(targets, ctx.random);
    case 'cheapest': {
      const tokens = estimateRequestTokens(ctx.request);
      const costs = targets.map((target, i) => ({ target, i, cost: estimateCost(target, ctx.request, tokens) }));
      // Unknown prices go last, in list order; Array.prototype.sort is stable.
      costs.sort((a, b) => (a.cost ?? Number.POSITIVE_INFINITY) - (b.cost ?? Number.POSITIVE_INFINITY) || a.i - b.i);
      return costs.map(({ target, cost }) => {
        const price = priceOf(target);
        return {
          target,
          reason:
            cost === undefined
              ? 'cheapest: no price known (tried after priced targets)'
              : `cheapest: est. ${usd(cost)} ($${price?.input}/$${price?.output} per 1M in/out)`,
        };
      });
    }
    case 'lowest-latency': {
      const rows = targets.map((target, i) => ({ target, i, ms: ctx.stats.averageLatency(targetKey(target)) }));
      // Targets never measured go first, so every target gets a sample.
      rows.sort((a, b) => (a.ms ?? -1) - (b.ms ?? -1) || a.i - b.i);
      return rows.map(({ target, ms }) => ({
        target,
        reason: ms === undefined ? 'lowest-latency: no sample yet (measuring)' : `lowest-latency: avg ${Math.round(ms)} ms`,
      }));
    }
    case 'least-busy': {
      const rows = targets.map((target, i) => ({ target, i, n: ctx.stats.inFlight(targetKey(target)) }));
      rows.sort((a, b) => a.n - b.n || a.i - b.i);
      return rows.map(({ target, n }) => ({ target, reason: `least-busy: ${n} in flight` }));
    }
  }
}

/** Weighted random order without replacement: the first pick follows the weights, and so on. */
function weighted(targets: RouteTarget[], random: () => number): RankedTarget[] {
  const pool = targets.map((target) => ({ target, w: Math.max(0, target.weight ?? 1) }));
  const total = pool.reduce((s, p) => s + p.w, 0);
  const out: RankedTarget[] = [];
  while (pool.length > 0) {
    const sum = pool.reduce((s, p) => s + p.w, 0);
    let pick = pool.length - 1;
    if (sum > 0) {
      let r = random() * sum;
      for (let i = 0; i < pool.length; i++) {
        r -= pool[i]!.w;
        if (r < 0) {
          pick = i;
          break;
        }
      }
    } else pick = 0;
    const [chosen] = pool.splice(pick, 1);
    const share = total > 0 ? Math.round((chosen!.w / total) * 100) : 0;
    out.push({ target: chosen!.target, reason: `weighted: weight ${chosen!.w} (${share}%)` });
  }
  return out;
}
