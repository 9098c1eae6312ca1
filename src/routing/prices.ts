/**
 * Cost estimates (USD per million tokens) for calls, batch runs and reports. Only estimates: a model not
 * listed costs 0, and a price a provider changed is simply out of date.
 */
import type { Usage } from '../core/types.js';
import { lookupModel } from './model-table.js';

export interface Price {
  input: number;
  output: number;
  /** Cache reads; default 10% of input. */
  cacheRead?: number;
  /** Cache writes; default 125% of input. */
  cacheWrite?: number;
}

/**
 * The price for a model name (`provider/` prefixes ignored), or undefined when unknown: from a
 * caller-given table (longest matching prefix), else from the router's offline model table, so
 * batch reports and `cheapest` routing agree on what a model costs.
 */
export function priceFor(model: string, table?: Record<string, Price>): Price | undefined {
  const name = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model;
  if (name.startsWith('mock')) return { input: 0, output: 0 };
  if (table) {
    let best: string | undefined;
    for (const key of Object.keys(table)) if (name.startsWith(key) && (!best || key.length > best.length)) best = key;
    if (best) return table[best];
  }
  const info = lookupModel(name);
  return info ? { input: info.input, output: info.output } : undefined;
}

/** Estimated USD cost of one call; 0 when the model's price is unknown. */
export function costOf(model: string, usage: Usage, table?: Record<string, Price>): number {
  const p = priceFor(model, table);
  if (!p) return 0;
  const perToken = (perMillion: number) => perMillion / 1_000_000;
  return (
    usage.inputTokens * perToken(p.input) +
    usage.outputTokens * perToken(p.output) +
    usage.cacheReadTokens * perToken(p.cacheRead ?? p.input * 0.1) +
    usage.cacheWriteTokens * perToken(p.cacheWrite ?? p.input * 1.25)
  );
}
