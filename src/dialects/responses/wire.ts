import { jsonObject } from '../shared/zod-error.js';
import { z } from 'zod';

/**
 * The OpenAI Responses API wire format (POST /v1/responses), as far as the gateway reads or writes
 * it. Names mirror the wire exactly. Schemas are loose: unknown fields are tolerated (and kept in
 * `extensions.responses` where a same-dialect round trip needs them).
 */

// ---------------------------------------------------------------------------------------------
// Request: content parts
// ---------------------------------------------------------------------------------------------

export const inputTextSchema = z.looseObject({ type: z.literal('input_text'), text: z.string() });
export const outputTextSchema = z.looseObject({
  type: z.literal('output_text'),
  text: z.string(),
  annotations: z.array(z.unknown()).nullish(),
});
export const refusalSchema = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });
export const inputImageSchema = z.looseObject({
  type: z.literal('input_image'),
  image_url: z.string().nullish(),
  file_id: z.string().nullish(),
  detail: z.string().nullish(),
});
export const inputFileSchema = z.looseObject({
  type: z.literal('input_file'),
  file_data: z.string().nullish(),
  file_id: z.string().nullish(),
  file_url: z.string().nullish(),
  filename: z.string().nullish(),
});

export type InputText = z.infer<typeof inputTextSchema>;
export type OutputText = z.infer<typeof outputTextSchema>;
export type InputImage = z.infer<typeof inputImageSchema>;
export type InputFile = z.infer<typeof inputFileSchema>;

/** Every content part a message item may hold (input parts for user/system, output for assistant). */
export const messagePartSchema = z.discriminatedUnion('type', [
  inputTextSchema,
  outputTextSchema,
  refusalSchema,
  inputImageSchema,
  inputFileSchema,
]);
export type MessagePart = z.infer<typeof messagePartSchema>;

/** Parts a `function_call_output.output` list may hold. */
export const toolOutputPartSchema = z.discriminatedUnion('type', [inputTextSchema, inputImageSchema, inputFileSchema]);
export type ToolOutputPart = z.infer<typeof toolOutputPartSchema>;

// ---------------------------------------------------------------------------------------------
// Request: input items
// ---------------------------------------------------------------------------------------------

/** A message item, or an "easy message" (same fields, no `type`). */
export const messageItemSchema = z.looseObject({
  type: z.literal('message').optional(),
  id: z.string().nullish(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), z.array(messagePartSchema)]),
  status: z.string().nullish(),
});

export const functionCallItemSchema = z.looseObject({
  type: z.literal('function_call'),
  id: z.string().nullish(),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.string(),
  namespace: z.string().nullish(),
  status: z.string().nullish(),
});

export const customToolCallItemSchema = z.looseObject({
  type: z.literal('custom_tool_call'),
  id: z.string().nullish(),
  call_id: z.string().min(1),
  name: z.string().min(1),
  input: z.string(),
  status: z.string().nullish(),
});

export const toolOutputItemSchema = z.looseObject({
  type: z.enum(['function_call_output', 'custom_tool_call_output']),
  id: z.string().nullish(),
  call_id: z.string().min(1),
  output: z.union([z.string(), z.array(toolOutputPartSchema)]),
  status: z.string().nullish(),
});

export const reasoningItemSchema = z.looseObject({
  type: z.literal('reasoning'),
  id: z.string().nullish(),
  summary: z.array(z.looseObject({ type: z.literal('summary_text'), text: z.string() })).nullish(),
  content: z.array(z.looseObject({ type: z.string(), text: z.string() })).nullish(),
  encrypted_content: z.string().nullish(),
  status: z.string().nullish(),
});

export type MessageItem = z.infer<typeof messageItemSchema>;
export type FunctionCallItem = z.infer<typeof functionCallItemSchema>;
export type CustomToolCallItem = z.infer<typeof customToolCallItemSchema>;
export type ToolOutputItem = z.infer<typeof toolOutputItemSchema>;
export type ReasoningItem = z.infer<typeof reasoningItemSchema>;

/**
 * Items the gateway cannot translate but keeps for a same-dialect upstream (hosted tool calls the
 * client replays with `store:false`). Other encoders never see them.
 */
export const OPAQUE_ITEM_TYPES = new Set([
  'web_search_call',
  'file_search_call',
  'computer_call',
  'computer_call_output',
  'code_interpreter_call',
  'image_generation_call',
  'local_shell_call',
  'local_shell_call_output',
  'shell_call',
  'shell_call_output',
  'apply_patch_call',
  'apply_patch_call_output',
  'mcp_list_tools',
  'mcp_approval_request',
  'mcp_approval_response',
  'mcp_call',
  'tool_search_call',
  'tool_search_output',
  'compaction',
]);

// ---------------------------------------------------------------------------------------------
// Request: tools and top level
// ---------------------------------------------------------------------------------------------

export const functionToolSchema = z.looseObject({
  type: z.literal('function'),
  name: z.string().min(1),
  description: z.string().nullish(),
  parameters: jsonObject().nullish(),
  strict: z.boolean().nullish(),
});

export const customToolSchema = z.looseObject({
  type: z.literal('custom'),
  name: z.string().min(1),
  description: z.string().nullish(),
  format: z.unknown().optional(),
});

export const namespaceToolSchema = z.looseObject({
  type: z.literal('namespace'),
  name: z.string().min(1),
  description: z.string().nullish(),
  tools: z.array(z.looseObject({ type: z.string(), name: z.string().min(1) })),
});

/** Any tool: `function`, `custom`, `namespace` are read; the rest are hosted and kept raw. */
export const toolSchema = z.looseObject({ type: z.string().min(1) });

export const toolChoiceSchema = z.union([
  z.enum(['auto', 'none', 'required']),
  z.looseObject({ type: z.string().min(1), name: z.string().optional() }),
]);

export const textFormatSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    name: z.string().optional(),
    description: z.string().optional(),
    schema: jsonObject(),
    strict: z.boolean().nullish(),
  }),
]);

export const requestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.unknown())]).optional(),
  instructions: z.string().nullish(),
  tools: z.array(toolSchema).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  reasoning: z
    .looseObject({
      effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']).nullish(),
      summary: z.string().nullish(),
      generate_summary: z.string().nullish(),
    })
    .nullish(),
  text: z.looseObject({ format: textFormatSchema.optional() }).nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  user: z.string().nullish(),
  stream: z.boolean().nullish(),
});
export type ResponsesRequestWire = z.infer<typeof requestSchema>;

// ---------------------------------------------------------------------------------------------
// Response object and stream events (what we emit and read; plain types, read leniently)
// ---------------------------------------------------------------------------------------------

export interface ResponsesUsageWire {
  input_tokens: number;
  input_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number } | null;
  output_tokens: number;
  output_tokens_details?: { reasoning_tokens?: number } | null;
  total_tokens: number;
}

export interface OutputMessageWire {
  type: 'message';
  id: string;
  status: 'in_progress' | 'completed' | 'incomplete';
  role: 'assistant';
  content: Array<{ type: 'output_text'; text: string; annotations: unknown[] } | { type: 'refusal'; refusal: string }>;
}

export interface FunctionCallWire {
  type: 'function_call';
  id: string;
  call_id: string;
  name: string;
  namespace?: string;
  arguments: string;
  status: 'in_progress' | 'completed' | 'incomplete';
}

export interface CustomToolCallWire {
  type: 'custom_tool_call';
  id: string;
  call_id: string;
  name: string;
  input: string;
  status: 'in_progress' | 'completed' | 'incomplete';
}

export interface ReasoningWire {
  type: 'reasoning';
  id: string;
  summary: Array<{ type: 'summary_text'; text: string }>;
  content?: Array<{ type: 'reasoning_text'; text: string }>;
  encrypted_content?: string;
  status?: 'in_progress' | 'completed' | 'incomplete';
}

export type OutputItemWire = OutputMessageWire | FunctionCallWire | CustomToolCallWire | ReasoningWire;

export interface ResponseObjectWire {
  id: string;
  object: 'response';
  created_at: number;
  status: 'completed' | 'incomplete' | 'failed' | 'in_progress' | 'cancelled' | 'queued';
  error: { code: string; message: string } | null;
  incomplete_details: { reason: string } | null;
  /** This and the other request settings below echo what the caller sent (neutral defaults otherwise). */
  instructions: unknown;
  max_output_tokens: number | null;
  model: string;
  output: OutputItemWire[];
  parallel_tool_calls: boolean;
  previous_response_id: string | null;
  reasoning: Record<string, unknown>;
  store: boolean;
  temperature: number | null;
  text: Record<string, unknown>;
  tool_choice: unknown;
  tools: unknown[];
  top_p: number | null;
  truncation: string;
  usage: ResponsesUsageWire | null;
  user: string | null;
  metadata: Record<string, string>;
}

/** Read side: a response object as an upstream may send it (everything optional). */
export const responseObjectSchema = z.looseObject({
  id: z.string().optional(),
  model: z.string().optional(),
  created_at: z.number().optional(),
  status: z.string().nullish(),
  output: z.array(z.looseObject({ type: z.string() })).nullish(),
  incomplete_details: z.looseObject({ reason: z.string().nullish() }).nullish(),
  error: z.looseObject({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
  usage: z
    .looseObject({
      input_tokens: z.number().nullish(),
      input_tokens_details: z
        .looseObject({ cached_tokens: z.number().nullish(), cache_write_tokens: z.number().nullish() })
        .nullish(),
      output_tokens: z.number().nullish(),
      output_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
      total_tokens: z.number().nullish(),
    })
    .nullish(),
});
export type ResponseObjectRead = z.infer<typeof responseObjectSchema>;

/** The OpenAI error envelope. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}
