/**
 * A small list-price table (USD per million tokens) for cost estimates in batch runs and reports.
 * Only estimates: a model not listed costs 0, and a price a provider changed is simply out of date.
 */
import type { Usage } from '../core/types.js';

export interface Price {
  input: number;
  output: number;
  /** Cache reads; default 10% of input. */
  cacheRead?: number;
  /** Cache writes; default 125% of input. */
  cacheWrite?: number;
}

/** Longest matching prefix wins, so `gpt-4o-mini` is not priced as `gpt-4o`. */
export const PRICES: Record<string, Price> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4-turbo': { input: 10, output: 30 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-5': { input: 1.25, output: 10 },
  o3: { input: 2, output: 8 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'claude-opus-4': { input: 15, output: 75 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'claude-3-7-sonnet': { input: 3, output: 15 },
  'claude-3-5-sonnet': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'claude-3-opus': { input: 15, output: 75 },
  'gemini-2.5-pro': { input: 1.25, output: 10 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  mock: { input: 0, output: 0 },
};

/** The price for a model name (`provider/` prefixes ignored), or undefined when unknown. */
export function priceFor(model: string, table: Record<string, Price> = PRICES): Price | undefined {
  const name = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model;
  let best: string | undefined;
  for (const key of Object.keys(table)) if (name.startsWith(key) && (!best || key.length > best.length)) best = key;
  return best ? table[best] : undefined;
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
