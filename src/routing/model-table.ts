/**
 * A small offline table of well-known models: list price in USD per 1M tokens (input, output),
 * context window and maximum output tokens. Shipped with the package and never fetched, so
 * `cheapest` routing and `max_tokens` clamping work air-gapped. Prices are public list prices at
 * the time of writing; a target's own `price` / `max_tokens` / `context_window` in `models:` win.
 */

/** What the router needs to know about one model. */
export interface ModelInfo {
  /** USD per 1M input tokens. */
  input: number;
  /** USD per 1M output tokens. */
  output: number;
  contextWindow: number;
  maxOutput: number;
}

const m = (input: number, output: number, contextWindow: number, maxOutput: number): ModelInfo => ({ input, output, contextWindow, maxOutput });

export const MODEL_TABLE: Readonly<Record<string, ModelInfo>> = {
  // Anthropic
  'claude-opus-4-1': m(15, 75, 200_000, 32_000),
  'claude-opus-4': m(15, 75, 200_000, 32_000),
  'claude-sonnet-4-5': m(3, 15, 200_000, 64_000),
  'claude-sonnet-4': m(3, 15, 200_000, 64_000),
  'claude-3-7-sonnet': m(3, 15, 200_000, 64_000),
  'claude-haiku-4-5': m(1, 5, 200_000, 64_000),
  'claude-3-5-sonnet': m(3, 15, 200_000, 8_192),
  'claude-3-5-haiku': m(0.8, 4, 200_000, 8_192),
  'claude-3-opus': m(15, 75, 200_000, 4_096),
  'claude-3-haiku': m(0.25, 1.25, 200_000, 4_096),
  // OpenAI
  'gpt-5': m(1.25, 10, 400_000, 128_000),
  'gpt-5-mini': m(0.25, 2, 400_000, 128_000),
  'gpt-5-nano': m(0.05, 0.4, 400_000, 128_000),
  'gpt-4.1': m(2, 8, 1_047_576, 32_768),
  'gpt-4.1-mini': m(0.4, 1.6, 1_047_576, 32_768),
  'gpt-4.1-nano': m(0.1, 0.4, 1_047_576, 32_768),
  'gpt-4o': m(2.5, 10, 128_000, 16_384),
  'gpt-4o-mini': m(0.15, 0.6, 128_000, 16_384),
  'gpt-4-turbo': m(10, 30, 128_000, 4_096),
  'gpt-4': m(30, 60, 8_192, 8_192),
  'gpt-3.5-turbo': m(0.5, 1.5, 16_385, 4_096),
  o3: m(2, 8, 200_000, 100_000),
  'o3-mini': m(1.1, 4.4, 200_000, 100_000),
  'o4-mini': m(1.1, 4.4, 200_000, 100_000),
  // Google
  'gemini-2.5-pro': m(1.25, 10, 1_048_576, 65_536),
  'gemini-2.5-flash': m(0.3, 2.5, 1_048_576, 65_536),
  'gemini-2.5-flash-lite': m(0.1, 0.4, 1_048_576, 65_536),
  'gemini-2.0-flash': m(0.1, 0.4, 1_048_576, 8_192),
  // Common open models on hosted OpenAI-compatible APIs (Groq list prices)
  'llama-3.3-70b-versatile': m(0.59, 0.79, 131_072, 32_768),
  'llama-3.1-8b-instant': m(0.05, 0.08, 131_072, 8_192),
};

const DATED = /-(\d{8}|\d{4}-\d{2}-\d{2}|latest|preview(-\d{2}-\d{2})?)$/;

/**
 * The table entry for an upstream model id: exact, else without a date / `-latest` suffix
 * (`claude-sonnet-4-5-20250929`), else the longest table name the id starts with followed by `-`
 * (`gpt-4o-mini-search` → `gpt-4o-mini`). A `provider/` prefix is ignored.
 */
export function lookupModel(model: string): ModelInfo | undefined {
  const id = model.slice(model.lastIndexOf('/') + 1).toLowerCase();
  const direct = MODEL_TABLE[id] ?? MODEL_TABLE[id.replace(DATED, '')];
  if (direct) return direct;
  let best: string | undefined;
  for (const name of Object.keys(MODEL_TABLE)) if (id.startsWith(`${name}-`) && (!best || name.length > best.length)) best = name;
  return best ? MODEL_TABLE[best] : undefined;
}
