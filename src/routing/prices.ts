/**
 * What a call cost, in USD: one price table for routing (`cheapest`), batch reports and the usage
 * ledger. Prices are per million tokens, from the offline model table (never fetched) unless the
 * config's `prices:` or a caller-given table names the model. Cache reads and writes have their own
 * prices: the model table's when it knows them, else 10% and 125% of the input price.
 */
import type { Usage } from '../core/types.js';
import { lookupModel } from './model-table.js';

export interface Price {
  input: number;
  output: number;
  /** Cache reads; default the model table's, else 10% of input. */
  cacheRead?: number;
  /** Cache writes; default the model table's, else 125% of input. */
  cacheWrite?: number;
}

/**
 * The price for a model name (`provider/` prefixes ignored), or undefined when unknown: from a
 * caller-given table (longest matching prefix), else from the offline model table.
 */
export function priceFor(model: string, table?: Readonly<Record<string, Price>>): Price | undefined {
  const name = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model;
  const own = tablePrice(name, table);
  if (own) return own;
  if (name.startsWith('mock')) return { input: 0, output: 0 };
  const info = lookupModel(name);
  return info ? { input: info.input, output: info.output, cacheRead: info.cacheRead, cacheWrite: info.cacheWrite } : undefined;
}

/** A caller-given table's price for a model (longest matching prefix), or undefined. */
export function tablePrice(model: string, table?: Readonly<Record<string, Price>>): Price | undefined {
  if (!table) return undefined;
  const name = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model;
  let best: string | undefined;
  for (const key of Object.keys(table)) if (name.startsWith(key) && (!best || key.length > best.length)) best = key;
  return best === undefined ? undefined : table[best];
}

/** USD cost of one call's usage at a price (uncached input, output, cache reads and writes each at its own rate). */
export function costAt(p: Price, usage: Usage): number {
  return (
    (usage.inputTokens * p.input +
      usage.outputTokens * p.output +
      usage.cacheReadTokens * (p.cacheRead ?? p.input * 0.1) +
      usage.cacheWriteTokens * (p.cacheWrite ?? p.input * 1.25)) /
    1_000_000
  );
}

/** Estimated USD cost of one call; 0 when the model's price is unknown. */
export function costOf(model: string, usage: Usage, table?: Readonly<Record<string, Price>>): number {
  const p = priceFor(model, table);
  return p ? costAt(p, usage) : 0;
}
