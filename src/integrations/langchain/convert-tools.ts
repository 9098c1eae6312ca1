/** LangChain tools and tool_choice → canonical tool definitions and choice. */
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import type { JsonSchema, ToolChoice, ToolDefinition } from '../../core/types.js';

/** What `bindTools` stores in the call options: OpenAI function tools, ready to send. */
export interface OpenAIFunctionTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: JsonSchema; strict?: boolean };
}

/** Any LangChain tool (a `tool()`, a StructuredTool, a zod/JSON-schema tool spec, an OpenAI tool) → OpenAI function tool. */
export function toOpenAITool(tool: unknown): OpenAIFunctionTool {
  const t = tool as Record<string, unknown>;
  if (t && t.type === 'function' && t.function && typeof t.function === 'object') return t as unknown as OpenAIFunctionTool;
  return convertToOpenAITool(tool as Parameters<typeof convertToOpenAITool>[0]) as OpenAIFunctionTool;
}

/** OpenAI function tools → canonical, without `$schema` (some providers reject it; LangChain emits 2020-12). */
export function toCanonicalTools(tools: OpenAIFunctionTool[]): ToolDefinition[] {
  return tools.map((t) => ({
    kind: 'function',
    name: t.function.name,
    ...(t.function.description ? { description: t.function.description } : {}),
    inputSchema: stripSchemaKey(t.function.parameters ?? { type: 'object', properties: {} }),
    ...(t.function.strict !== undefined ? { strict: t.function.strict } : {}),
  }));
}

function stripSchemaKey(schema: JsonSchema): JsonSchema {
  const { $schema: _drop, ...rest } = schema;
  return rest;
}

/** LangChain's tool_choice spellings: 'auto' | 'none' | 'any' | 'required' | a tool name | an OpenAI choice object. */
export function toCanonicalToolChoice(choice: unknown): ToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (typeof choice === 'string') {
    if (choice === 'auto' || choice === 'none' || choice === 'required') return choice;
    if (choice === 'any') return 'required';
    return { name: choice };
  }
  const c = choice as Record<string, unknown>;
  const fn = c.function as Record<string, unknown> | undefined;
  if (typeof fn?.name === 'string') return { name: fn.name };
  if (typeof c.name === 'string') return { name: c.name };
  if (c.type === 'any' || c.type === 'required') return 'required';
  if (c.type === 'auto' || c.type === 'none') return c.type;
  return undefined;
}
