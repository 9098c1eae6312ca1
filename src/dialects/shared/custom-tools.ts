import type { ContentPart, JsonSchema, ToolCallPart, ToolDefinition } from '../../core/types.js';
import type { WireContext } from '../../core/contracts/index.js';

/** The grammar as text; a caller's `{"toString": 1}` must not throw (String() would: a 500). */
const grammarText = (definition: unknown) => (typeof definition === 'string' ? definition : JSON.stringify(definition));

/**
 * Custom (freeform) tools, such as Codex's `apply_patch`, exist only in the Responses dialect.
 * Towards any other target they become a function taking one string, `input`; the answer's call
 * is turned back into a custom call with that string, so the caller never sees the wrapper.
 */
export function customToolSchema(tool: ToolDefinition): JsonSchema {
  const grammar =
    tool.format && typeof tool.format === 'object' && 'definition' in (tool.format as Record<string, unknown>)
      ? ` Follow this grammar:\n${grammarText((tool.format as Record<string, unknown>).definition)}`
      : '';
  return {
    type: 'object',
    properties: { input: { type: 'string', description: `The raw input for the tool.${grammar}` } },
    required: ['input'],
    additionalProperties: false,
  };
}

/** Arguments object for a custom call sent to a target without custom tools. */
export function wrapCustomInput(input: string | undefined): Record<string, unknown> {
  return { input: input ?? '' };
}

/** Turn a wrapped call read from the upstream back into a custom call. */
export function unwrapCustomCall(part: ToolCallPart, context?: WireContext): ToolCallPart {
  if (!context?.wrappedCustomTools.has(part.name)) return part;
  const input = part.arguments.input;
  return {
    ...part,
    kind: 'custom',
    input: typeof input === 'string' ? input : JSON.stringify(part.arguments),
    arguments: {},
  };
}

export function unwrapCustomCalls(content: ContentPart[], context?: WireContext): ContentPart[] {
  if (!context || context.wrappedCustomTools.size === 0) return content;
  return content.map((p) => (p.type === 'tool_call' ? unwrapCustomCall(p, context) : p));
}
