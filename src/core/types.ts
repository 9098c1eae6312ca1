/**
 * The canonical model. Every dialect decodes into these types and encodes out of them; everything
 * between the codecs (pipeline, routing, providers) works on them only. See DESIGN.md.
 */

/** The wire dialects Tokligence speaks, on either side. */
export type DialectName = 'openai-chat' | 'anthropic' | 'responses' | 'gemini';

/** Anthropic prompt-cache marker; survives only towards Anthropic upstreams. */
export interface CacheControl {
  type: 'ephemeral';
  ttl?: '5m' | '1h' | string;
}

/** Where an image or document comes from. */
export type MediaSource =
  | { kind: 'url'; url: string }
  | { kind: 'base64'; mediaType: string; data: string }
  | { kind: 'file'; fileId: string }
  | { kind: 'text'; text: string; mediaType?: string };

export interface TextPart {
  type: 'text';
  text: string;
  cacheControl?: CacheControl;
  /** Citations / annotations as the source dialect sent them (kept for same-dialect replay). */
  citations?: unknown[];
}

export interface ImagePart {
  type: 'image';
  source: MediaSource;
  detail?: 'auto' | 'low' | 'high';
  cacheControl?: CacheControl;
}

export interface DocumentPart {
  type: 'document';
  source: MediaSource;
  title?: string;
  filename?: string;
  context?: string;
  cacheControl?: CacheControl;
}

/**
 * A model's request to run a tool. `arguments` is always a parsed JSON object; a freeform
 * (`kind: 'custom'`, e.g. Codex `apply_patch`) call carries its raw text in `input` instead.
 */
export interface ToolCallPart {
  type: 'tool_call';
  id: string;
  name: string;
  arguments: Record<string, unknown>;
  kind?: 'function' | 'custom';
  /** Raw text input of a custom (freeform) tool call. */
  input?: string;
  cacheControl?: CacheControl;
  /** Provider-specific opaque data to replay with the call (e.g. a Gemini thought signature). */
  signature?: string;
  /** Dialect that minted `signature` / the item id; replayed only to the same dialect. */
  origin?: DialectName;
  /** Responses item id (`fc_…` / `ctc_…`) for same-dialect replay. */
  itemId?: string;
}

export type ToolResultContent = TextPart | ImagePart | DocumentPart;

export interface ToolResultPart {
  type: 'tool_result';
  toolCallId: string;
  content: ToolResultContent[];
  isError?: boolean;
  /** The tool's name when the source dialect carries it (Gemini needs it). */
  name?: string;
  kind?: 'function' | 'custom';
  cacheControl?: CacheControl;
}

/**
 * Model reasoning. `signature` (Anthropic), `redactedData` (Anthropic redacted_thinking) and
 * `encryptedContent` (Responses) are opaque and only valid for the dialect in `origin`: encoders
 * replay them to that dialect byte for byte and drop them, deliberately, everywhere else.
 */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  signature?: string;
  redactedData?: string;
  encryptedContent?: string;
  /** Responses reasoning item id (`rs_…`). */
  id?: string;
  /** True when `text` is a summary (Responses) rather than the full thinking. */
  summary?: boolean;
  origin?: DialectName;
}

export type ContentPart =
  | TextPart
  | ImagePart
  | DocumentPart
  | ToolCallPart
  | ToolResultPart
  | ReasoningPart;

export interface Message {
  role: 'user' | 'assistant';
  content: ContentPart[];
  /** OpenAI `name` on a message. */
  name?: string;
}

/** JSON Schema, kept as given. */
export type JsonSchema = Record<string, unknown>;

export interface ToolDefinition {
  /**
   * `function`: JSON arguments. `custom`: freeform text input (Responses `custom` tools).
   * `hosted`: a provider-run tool (web_search, tool_search, Anthropic server tools…): only a
   * same-dialect upstream can run it, so other encoders drop it.
   */
  kind: 'function' | 'custom' | 'hosted';
  name: string;
  description?: string;
  inputSchema: JsonSchema;
  strict?: boolean;
  /** Custom tool input format (e.g. a lark grammar), as the source sent it. */
  format?: unknown;
  cacheControl?: CacheControl;
  /** The tool exactly as the source dialect sent it (hosted tools, Anthropic extras). */
  raw?: Record<string, unknown>;
  /** Dialect the `raw` form belongs to. */
  origin?: DialectName;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name?: string; description?: string; schema: JsonSchema; strict?: boolean };

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface ReasoningConfig {
  /** `false` switches reasoning off explicitly (Anthropic `thinking.type: disabled`). */
  enabled?: boolean;
  effort?: ReasoningEffort;
  budgetTokens?: number;
  /** Responses summary mode. */
  summary?: 'auto' | 'concise' | 'detailed' | string;
  /** Anthropic adaptive thinking. */
  adaptive?: boolean;
}

export interface RequestMetadata {
  user?: string;
  tags?: string[];
  session?: string;
  [key: string]: unknown;
}

/**
 * Dialect-only request fields, keyed by dialect. Encoders for that dialect merge them back;
 * every other encoder drops them on purpose.
 */
export type Extensions = Partial<Record<DialectName, Record<string, unknown>>>;

export interface ChatRequest {
  model: string;
  system?: TextPart[];
  messages: Message[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stop?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseFormat?: ResponseFormat;
  reasoning?: ReasoningConfig;
  metadata?: RequestMetadata;
  stream?: boolean;
  /** OpenAI `stream_options.include_usage`. */
  includeUsage?: boolean;
  extensions?: Extensions;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error' | 'pause';

/**
 * Token usage. `inputTokens` counts **uncached** input only; the prompt's total is
 * `inputTokens + cacheReadTokens + cacheWriteTokens` (so A→O→A round trips are the identity).
 */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens?: number;
}

export interface ChatResponse {
  id: string;
  model: string;
  provider?: string;
  content: ContentPart[];
  finishReason: FinishReason;
  /** The stop sequence that matched, when the upstream says so (Anthropic). */
  stopSequence?: string;
  /** The upstream's own stop reason, for fidelity (`pause_turn`, `refusal`, …). */
  rawFinishReason?: string;
  usage: Usage;
  cost?: number;
  created?: number;
  extensions?: Extensions;
}

/** Kinds of a part being streamed. */
export type StreamPartStart =
  | { type: 'text' }
  | { type: 'tool_call'; id: string; name: string; kind?: 'function' | 'custom'; itemId?: string; origin?: DialectName }
  | { type: 'reasoning'; redactedData?: string; id?: string; encryptedContent?: string; origin?: DialectName };

export type StreamDelta =
  | { type: 'text'; text: string }
  /** A fragment of a tool call's JSON arguments (or of a custom tool's raw input). */
  | { type: 'tool_arguments'; json: string }
  | { type: 'reasoning'; text: string }
  | { type: 'signature'; signature: string };

/**
 * A stream event. `index` is the 0-based ordinal of the part in the response's content; parts are
 * opened, filled and closed one at a time, in order (no interleaving).
 */
export type ChatEvent =
  | { type: 'start'; id: string; model: string; usage?: Partial<Usage> }
  | { type: 'part_start'; index: number; part: StreamPartStart }
  | { type: 'delta'; index: number; delta: StreamDelta }
  | { type: 'part_end'; index: number; signature?: string; encryptedContent?: string }
  | { type: 'finish'; finishReason: FinishReason; usage: Usage; stopSequence?: string; rawFinishReason?: string }
  | { type: 'error'; error: import('./errors.js').TokligenceError };

export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
}

/** Total prompt tokens, cache included. */
export function promptTokens(u: Usage): number {
  return u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens;
}
