import { jsonObject } from '../shared/zod-error.js';
/**
 * Zod schemas and types of the OpenAI Chat Completions wire format, with the wire's own field names.
 * Objects are loose: OpenAI-compatible servers and clients add fields, and unknown request fields are
 * kept for a same-dialect replay rather than rejected.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Request

/** A finite number (JSON has no NaN/Infinity, but a JS caller might pass them). */
const num = z.number().finite();

export const chatTextPartSchema = z.looseObject({ type: z.literal('text'), text: z.string() });
export const chatImageUrlPartSchema = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({
    url: z.string(),
    detail: z.enum(['auto', 'low', 'high']).optional(),
    /** LiteLLM extension: overrides the media type of a data URL. */
    format: z.string().optional(),
  }),
});
export const chatFilePartSchema = z.looseObject({
  type: z.literal('file'),
  file: z.looseObject({
    file_id: z.string().optional(),
    file_data: z.string().optional(),
    filename: z.string().optional(),
    /** LiteLLM extension: the media type of the file. */
    format: z.string().optional(),
  }),
});
export const chatRefusalPartSchema = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

export const chatFunctionCallSchema = z.looseObject({
  name: z.string(),
  arguments: z.string().nullish(),
});

export const chatToolCallSchema = z.union([
  z.looseObject({
    id: z.string().nullish(),
    type: z.literal('function').optional(),
    function: chatFunctionCallSchema,
  }),
  z.looseObject({
    id: z.string().nullish(),
    type: z.literal('custom'),
    custom: z.looseObject({ name: z.string(), input: z.string().nullish() }),
  }),
]);

/** LiteLLM-style Anthropic thinking blocks on an assistant message (TH-9/10). */
export const chatThinkingBlockSchema = z.union([
  z.looseObject({ type: z.literal('thinking'), thinking: z.string().nullish(), signature: z.string().nullish() }),
  z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() }),
]);

const content = z.union([z.string(), z.array(z.unknown())]);

export const chatMessageSchema = z.discriminatedUnion('role', [
  z.looseObject({ role: z.literal('system'), content, name: z.string().optional() }),
  z.looseObject({ role: z.literal('developer'), content, name: z.string().optional() }),
  z.looseObject({ role: z.literal('user'), content, name: z.string().optional() }),
  z.looseObject({
    role: z.literal('assistant'),
    content: content.nullish(),
    name: z.string().optional(),
    refusal: z.string().nullish(),
    tool_calls: z.array(z.unknown()).nullish(),
    function_call: chatFunctionCallSchema.nullish(),
    reasoning_content: z.string().nullish(),
    thinking_blocks: z.array(z.unknown()).nullish(),
    prefix: z.boolean().optional(),
  }),
  z.looseObject({
    role: z.literal('tool'),
    tool_call_id: z.string(),
    content: content.nullish(),
    /** Tokligence extension (TR-5): the tool failed. */
    is_error: z.boolean().optional(),
  }),
  z.looseObject({ role: z.literal('function'), name: z.string(), content: z.string().nullish() }),
]);

export const chatToolSchema = z.union([
  z.looseObject({
    type: z.literal('function'),
    function: z.looseObject({
      name: z.string(),
      description: z.string().nullish(),
      parameters: jsonObject().nullish(),
      strict: z.boolean().nullish(),
    }),
  }),
  z.looseObject({
    type: z.literal('custom'),
    custom: z.looseObject({ name: z.string(), description: z.string().nullish(), format: z.unknown().optional() }),
  }),
]);

export const chatToolChoiceSchema = z.union([
  z.enum(['auto', 'none', 'required', 'any']),
  z.looseObject({ type: z.string(), function: z.looseObject({ name: z.string() }).optional() }),
]);

export const chatResponseFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    json_schema: z.looseObject({
      name: z.string().optional(),
      description: z.string().optional(),
      schema: jsonObject().optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

export const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(chatMessageSchema).min(1),
  tools: z.array(z.unknown()).nullish(),
  tool_choice: chatToolChoiceSchema.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_tokens: num.nullish(),
  max_completion_tokens: num.nullish(),
  temperature: num.nullish(),
  top_p: num.nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  seed: num.int().nullish(),
  presence_penalty: num.nullish(),
  frequency_penalty: num.nullish(),
  response_format: chatResponseFormatSchema.nullish(),
  reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']).nullish(),
  user: z.string().nullish(),
  metadata: jsonObject().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  n: num.int().nullish(),
  functions: z.array(z.unknown()).nullish(),
  function_call: z.unknown().optional(),
});

export type ChatCompletionRequest = z.infer<typeof chatRequestSchema>;
export type ChatCompletionMessage = z.infer<typeof chatMessageSchema>;

/**
 * Codec-private hints kept in `extensions['openai-chat']` (keys starting with `_` are never sent):
 * which max-tokens field the caller used, and whether the last assistant message was a prefix.
 */
export const HINT_MAX_TOKENS_FIELD = '_maxTokensField';
export const HINT_ASSISTANT_PREFIX = '_assistantPrefix';

/** Request keys the decoder maps; everything else goes to `extensions['openai-chat']`. */
export const KNOWN_REQUEST_KEYS = new Set([
  'model',
  'messages',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'stop',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'response_format',
  'reasoning_effort',
  'user',
  'stream',
  'stream_options',
  'n',
  'functions',
  'function_call',
]);

// ---------------------------------------------------------------------------------------------
// Response (what an upstream answers; parsed leniently, compatible servers vary a lot)

export interface ChatUsageWire {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  total_tokens?: number | null;
  prompt_tokens_details?: {
    cached_tokens?: number | null;
    cache_creation_tokens?: number | null;
    cache_write_tokens?: number | null;
    [key: string]: unknown;
  } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null; [key: string]: unknown } | null;
  /** LiteLLM / Anthropic-backed servers. */
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  /** DeepSeek. */
  prompt_cache_hit_tokens?: number | null;
  prompt_cache_miss_tokens?: number | null;
  [key: string]: unknown;
}

export interface ChatToolCallWire {
  index?: number;
  id?: string | null;
  type?: 'function' | 'custom' | string | null;
  function?: { name?: string | null; arguments?: string | null } | null;
  custom?: { name?: string | null; input?: string | null } | null;
}

export interface ChatThinkingBlockWire {
  type: 'thinking' | 'redacted_thinking' | string;
  thinking?: string | null;
  signature?: string | null;
  data?: string | null;
}

export interface ChatAssistantMessageWire {
  role?: 'assistant' | string | null;
  content?: string | null | Array<{ type?: string; text?: string; refusal?: string }>;
  refusal?: string | null;
  tool_calls?: ChatToolCallWire[] | null;
  function_call?: { name?: string | null; arguments?: string | null } | null;
  reasoning_content?: string | null;
  /** Some servers (OpenRouter, vLLM ≥0.10, Ollama) call it `reasoning`. */
  reasoning?: string | null;
  thinking_blocks?: ChatThinkingBlockWire[] | null;
  [key: string]: unknown;
}

export interface ChatCompletionWire {
  id?: string;
  object?: string;
  created?: number;
  model?: string;
  choices?: Array<{
    index?: number;
    message?: ChatAssistantMessageWire | null;
    finish_reason?: string | null;
    logprobs?: unknown;
  }> | null;
  usage?: ChatUsageWire | null;
  [key: string]: unknown;
}

export interface ChatChunkWire {
  id?: string;
  object?: string;
  created?: number;
  model?: string;
  choices?: Array<{
    index?: number;
    delta?: ChatAssistantMessageWire | null;
    finish_reason?: string | null;
  }> | null;
  usage?: ChatUsageWire | null;
  x_groq?: { usage?: ChatUsageWire | null } | null;
  error?: unknown;
}

/** An OpenAI error body. */
export interface ChatErrorWire {
  error: { message: string; type: string; param: string | null; code: string | null };
}
