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
  /** USD per 1M cached input tokens read (the vendor's prompt-cache read price). */
  cacheRead?: number;
  /** USD per 1M input tokens written to the cache (Anthropic charges extra; OpenAI and Gemini do not). */
  cacheWrite?: number;
}

const m = (input: number, output: number, contextWindow: number, maxOutput: number): ModelInfo => ({ input, output, contextWindow, maxOutput });

/** Vendors' cache pricing as a share of the input price: Anthropic reads 10%, writes (5 min) 125%. */
const anthropic = (input: number, output: number, contextWindow: number, maxOutput: number): ModelInfo => ({
  ...m(input, output, contextWindow, maxOutput),
  cacheRead: input * 0.1,
  cacheWrite: input * 1.25,
});
/** OpenAI: cached input at `readShare` of input (0.1 for GPT-5, 0.25 for GPT-4.1 and o-series, 0.5 for GPT-4o); writes cost plain input. */
const openai = (input: number, output: number, contextWindow: number, maxOutput: number, readShare: number): ModelInfo => ({
  ...m(input, output, contextWindow, maxOutput),
  cacheRead: input * readShare,
  cacheWrite: input,
});
/** Gemini 2.x: cached input at 25%; no write charge beyond input (storage is billed by the hour, not per call). */
const gemini = (input: number, output: number, contextWindow: number, maxOutput: number): ModelInfo => ({
  ...m(input, output, contextWindow, maxOutput),
  cacheRead: input * 0.25,
  cacheWrite: input,
});

export const MODEL_TABLE: Readonly<Record<string, ModelInfo>> = {
  // Anthropic
  'claude-opus-4-1': anthropic(15, 75, 200_000, 32_000),
  'claude-opus-4': anthropic(15, 75, 200_000, 32_000),
  'claude-sonnet-4-5': anthropic(3, 15, 200_000, 64_000),
  'claude-sonnet-4': anthropic(3, 15, 200_000, 64_000),
  'claude-3-7-sonnet': anthropic(3, 15, 200_000, 64_000),
  'claude-haiku-4-5': anthropic(1, 5, 200_000, 64_000),
  'claude-3-5-sonnet': anthropic(3, 15, 200_000, 8_192),
  'claude-3-5-haiku': anthropic(0.8, 4, 200_000, 8_192),
  'claude-3-opus': anthropic(15, 75, 200_000, 4_096),
  'claude-3-haiku': anthropic(0.25, 1.25, 200_000, 4_096),
  // OpenAI
  'gpt-5': openai(1.25, 10, 400_000, 128_000, 0.1),
  'gpt-5-mini': openai(0.25, 2, 400_000, 128_000, 0.1),
  'gpt-5-nano': openai(0.05, 0.4, 400_000, 128_000, 0.1),
  'gpt-4.1': openai(2, 8, 1_047_576, 32_768, 0.25),
  'gpt-4.1-mini': openai(0.4, 1.6, 1_047_576, 32_768, 0.25),
  'gpt-4.1-nano': openai(0.1, 0.4, 1_047_576, 32_768, 0.25),
  'gpt-4o': openai(2.5, 10, 128_000, 16_384, 0.5),
  'gpt-4o-mini': openai(0.15, 0.6, 128_000, 16_384, 0.5),
  'gpt-4-turbo': openai(10, 30, 128_000, 4_096, 1),
  'gpt-4': openai(30, 60, 8_192, 8_192, 1),
  'gpt-3.5-turbo': openai(0.5, 1.5, 16_385, 4_096, 1),
  o3: openai(2, 8, 200_000, 100_000, 0.25),
  'o3-mini': openai(1.1, 4.4, 200_000, 100_000, 0.25),
  'o4-mini': openai(1.1, 4.4, 200_000, 100_000, 0.25),
  // Google
  'gemini-2.5-pro': gemini(1.25, 10, 1_048_576, 65_536),
  'gemini-2.5-flash': gemini(0.3, 2.5, 1_048_576, 65_536),
  'gemini-2.5-flash-lite': gemini(0.1, 0.4, 1_048_576, 65_536),
  'gemini-2.0-flash': gemini(0.1, 0.4, 1_048_576, 8_192),
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
  // Asked on every call (token clamp, cost): a name is looked up once.
  const known = looked.get(model);
  if (known !== undefined || looked.has(model)) return known;
  const info = findModel(model);
  if (looked.size >= 1000) looked.clear();
  looked.set(model, info);
  return info;
}

const looked = new Map<string, ModelInfo | undefined>();

function findModel(model: string): ModelInfo | undefined {
  const id = model.slice(model.lastIndexOf('/') + 1).toLowerCase();
  const direct = MODEL_TABLE[id] ?? MODEL_TABLE[id.replace(DATED, '')];
  if (direct) return direct;
  let best: string | undefined;
  for (const name of Object.keys(MODEL_TABLE)) if (id.startsWith(`${name}-`) && (!best || name.length > best.length)) best = name;
  return best ? MODEL_TABLE[best] : undefined;
}
