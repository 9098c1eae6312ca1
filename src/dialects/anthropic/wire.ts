import { wireCacheControl } from '../shared/cache-control.js';
import { jsonObject } from '../shared/zod-error.js';
/**
 * Zod schemas and types of the Anthropic Messages wire format. Names mirror the wire exactly.
 * Schemas are loose (unknown keys are kept) so a same-dialect round trip loses nothing; the
 * decoder decides what maps to the canonical model and what goes to `extensions.anthropic`.
 */
import { z } from 'zod';

export { wireCacheControl };
export type WireCacheControl = z.infer<typeof wireCacheControl>;

export const wireTextBlock = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: wireCacheControl.nullish(),
  citations: z.array(z.unknown()).nullish(),
});
export type WireTextBlock = z.infer<typeof wireTextBlock>;

const base64Source = z.looseObject({ type: z.literal('base64'), media_type: z.string(), data: z.string() });
const urlSource = z.looseObject({ type: z.literal('url'), url: z.string() });
const fileSource = z.looseObject({ type: z.literal('file'), file_id: z.string() });
const textSource = z.looseObject({ type: z.literal('text'), media_type: z.string().optional(), data: z.string() });

export const wireImageBlock = z.looseObject({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [base64Source, urlSource, fileSource]),
  cache_control: wireCacheControl.nullish(),
});
export type WireImageBlock = z.infer<typeof wireImageBlock>;

/** `content` sources (a list of blocks) have no canonical form: such documents stay opaque. */
export const wireDocumentBlock = z.looseObject({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [base64Source, urlSource, fileSource, textSource]),
  title: z.string().nullish(),
  context: z.string().nullish(),
  citations: z.unknown().optional(),
  cache_control: wireCacheControl.nullish(),
});
export type WireDocumentBlock = z.infer<typeof wireDocumentBlock>;

export const wireToolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: jsonObject(),
  cache_control: wireCacheControl.nullish(),
});
export type WireToolUseBlock = z.infer<typeof wireToolUseBlock>;

export const wireToolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]).optional(),
  is_error: z.boolean().nullish(),
  cache_control: wireCacheControl.nullish(),
});
export type WireToolResultBlock = z.infer<typeof wireToolResultBlock>;

export const wireThinkingBlock = z.looseObject({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().nullish(),
});

export const wireRedactedThinkingBlock = z.looseObject({
  type: z.literal('redacted_thinking'),
  data: z.string(),
});

/** Any block: only `type` is checked here; each known type is then checked by its own schema. */
export const wireAnyBlock = z.looseObject({ type: z.string() });
export type WireBlock = z.infer<typeof wireAnyBlock> & Record<string, unknown>;

export const wireMessage = z.looseObject({
  role: z.enum(['user', 'assistant', 'system']),
  content: z.union([z.string(), z.array(wireAnyBlock)]),
});

export const wireTool = z.looseObject({
  name: z.string().optional(),
  type: z.string().nullish(),
  description: z.string().optional(),
  input_schema: jsonObject().optional(),
  cache_control: wireCacheControl.nullish(),
  strict: z.boolean().optional(),
});
export type WireTool = z.infer<typeof wireTool>;

export const wireToolChoice = z.looseObject({
  type: z.enum(['auto', 'any', 'none', 'tool']),
  name: z.string().optional(),
  disable_parallel_tool_use: z.boolean().optional(),
});

export const wireThinking = z.looseObject({
  type: z.enum(['enabled', 'disabled', 'adaptive', 'between_tools']),
  budget_tokens: z.number().int().optional(),
  display: z.string().nullish(),
});

const wireJsonSchemaFormat = z.looseObject({
  type: z.literal('json_schema'),
  schema: jsonObject(),
});

export const wireRequest = z.looseObject({
  model: z.string().min(1),
  messages: z.array(wireMessage),
  max_tokens: z.number().int().min(1),
  system: z.union([z.string(), z.array(wireTextBlock)]).optional(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).nullish(),
  stop_sequences: z.array(z.string()).optional(),
  stream: z.boolean().optional(),
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().min(0).optional(),
  tools: z.array(wireTool).optional(),
  tool_choice: wireToolChoice.optional(),
  thinking: wireThinking.optional(),
  output_config: z
    .looseObject({
      effort: z.string().nullish(),
      format: wireJsonSchemaFormat.nullish(),
    })
    .optional(),
  output_format: wireJsonSchemaFormat.nullish(),
});
export type WireRequest = z.infer<typeof wireRequest>;

/** Request body fields the codec maps to canonical fields; everything else goes to extensions. */
export const MAPPED_REQUEST_FIELDS = new Set([
  'model',
  'messages',
  'max_tokens',
  'system',
  'metadata',
  'stop_sequences',
  'stream',
  'temperature',
  'top_p',
  'top_k',
  'tools',
  'tool_choice',
  'thinking',
  'output_config',
  'output_format',
]);

export type WireStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

export interface WireUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  [key: string]: unknown;
}

/** A Messages API answer (non-stream). */
export interface WireMessageResponse {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: Array<Record<string, unknown> & { type: string }>;
  stop_reason: WireStopReason | string | null;
  stop_sequence: string | null;
  usage: WireUsage;
  [key: string]: unknown;
}

export const wireResponse = z.looseObject({
  id: z.string(),
  type: z.literal('message').optional(),
  role: z.literal('assistant').optional(),
  model: z.string().optional(),
  content: z.array(wireAnyBlock),
  stop_reason: z.string().nullish(),
  stop_sequence: z.string().nullish(),
  usage: z
    .looseObject({
      input_tokens: z.number().nullish(),
      output_tokens: z.number().nullish(),
      cache_creation_input_tokens: z.number().nullish(),
      cache_read_input_tokens: z.number().nullish(),
    })
    .optional(),
});

/** The Anthropic error envelope. */
export interface WireErrorBody {
  type: 'error';
  error: { type: string; message: string };
  request_id?: string;
}

/** Reserved keys inside `extensions.anthropic` that are bookkeeping, never body fields. */
export const OPAQUE_KEY = '_opaqueBlocks';
export const LEGACY_OUTPUT_FORMAT_KEY = '_legacyOutputFormat';
export const TOOL_RAW_EXTRAS_IGNORED = new Set(['name', 'description', 'input_schema', 'cache_control', 'strict']);
