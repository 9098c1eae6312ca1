/**
 * Anthropic Messages request → canonical ChatRequest.
 */
import { InvalidRequestError } from '../../core/errors.js';
import type {
  ChatRequest,
  Message,
  ReasoningConfig,
  ReasoningEffort,
  TextPart,
  ToolChoice,
  ToolDefinition,
} from '../../core/types.js';
import { parseOrThrow } from '../shared/zod-error.js';
import { cacheControlOf } from '../shared/cache-control.js';
import { decodeBlocks, decodeText } from './decode-content.js';
import type { OpaqueBlock } from './opaque-blocks.js';
import {
  LEGACY_OUTPUT_FORMAT_KEY,
  MAPPED_REQUEST_FIELDS,
  OPAQUE_KEY,
  type WireBlock,
  type WireRequest,
  type WireTool,
  wireRequest,
} from './wire.js';

const EFFORTS = new Set<ReasoningEffort>(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']);

/**
 * Validate and decode a caller's Messages request. `role:"system"` messages inside `messages`
 * (Claude Code ≥ 2.1, mid-conversation-system beta) are hoisted into `system` in order (SYS-7).
 * `extensions.anthropic` is always set (possibly `{}`): it marks the request as coming from an
 * Anthropic client and carries every field without a canonical form.
 */
export function decodeRequest(body: unknown): ChatRequest {
  const wire = parseOrThrow(wireRequest, body);
  const raw = body as Record<string, unknown>;
  const extensions: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (!MAPPED_REQUEST_FIELDS.has(k) && v !== undefined) extensions[k] = v;

  const system: TextPart[] = [];
  if (typeof wire.system === 'string') {
    if (wire.system !== '') system.push({ type: 'text', text: wire.system });
  } else if (wire.system)
    wire.system.forEach((b, i) => {
      system.push(decodeText(b, `system.${i}`));
    });

  const messages: Message[] = [];
  const opaque: OpaqueBlock[] = [];
  wire.messages.forEach((m, i) => {
    const path = `messages.${i}.content`;
    if (m.role === 'system') {
      // SYS-7: hoisted after the top-level system, in order; empty text dropped.
      if (typeof m.content === 'string') {
        if (m.content.trim() !== '') system.push({ type: 'text', text: m.content });
      } else
        m.content.forEach((b, j) => {
          if (b.type !== 'text')
            throw new InvalidRequestError(`${path}.${j}.type: a system message may only contain text blocks`, `${path}.${j}.type`);
          const t = decodeText(b, `${path}.${j}`);
          if (t.text.trim() !== '') system.push(t);
        });
      return;
    }
    const role = m.role;
    if (typeof m.content === 'string') {
      messages.push({ role, content: [{ type: 'text', text: m.content }] });
      return;
    }
    const decoded = decodeBlocks(m.content as WireBlock[], path);
    const index = messages.length;
    messages.push({ role, content: decoded.parts });
    for (const o of decoded.opaque)
      opaque.push({
        message: index,
        index: o.index,
        ...(o.inner !== undefined ? { inner: o.inner } : {}),
        role,
        parts: o.inner !== undefined ? (o.innerParts ?? 0) : decoded.parts.length,
        block: o.block,
      });
  });
  if (messages.length === 0)
    throw new InvalidRequestError('messages: at least one user or assistant message is required', 'messages');
  if (opaque.length > 0) extensions[OPAQUE_KEY] = opaque;

  const request: ChatRequest = { model: wire.model, messages, maxTokens: wire.max_tokens };
  if (system.length > 0) request.system = system;
  if (wire.tools) request.tools = wire.tools.map((t, i) => decodeTool(t, i));
  if (wire.tool_choice) {
    const tc = wire.tool_choice;
    const choice: ToolChoice =
      tc.type === 'auto' ? 'auto' : tc.type === 'any' ? 'required' : tc.type === 'none' ? 'none' : { name: toolChoiceName(tc.name) };
    request.toolChoice = choice;
    // TC-9: the flag is the inverse of parallel tool calls, kept in both directions.
    if (tc.disable_parallel_tool_use !== undefined) request.parallelToolCalls = !tc.disable_parallel_tool_use;
  }
  if (wire.temperature !== undefined) request.temperature = wire.temperature;
  if (wire.top_p !== undefined) request.topP = wire.top_p;
  if (wire.top_k !== undefined) request.topK = wire.top_k;
  if (wire.stop_sequences) request.stop = wire.stop_sequences;
  if (wire.stream !== undefined) request.stream = wire.stream;
  if (wire.metadata?.user_id) request.metadata = { user: wire.metadata.user_id };

  const reasoning = decodeReasoning(wire, extensions);
  if (reasoning) request.reasoning = reasoning;

  const format = wire.output_config?.format ?? wire.output_format;
  if (format) {
    request.responseFormat = { type: 'json_schema', schema: format.schema };
    if (!wire.output_config?.format) extensions[LEGACY_OUTPUT_FORMAT_KEY] = true;
  }
  if (wire.output_config) {
    const { effort: _e, format: _f, ...rest } = wire.output_config;
    if (Object.keys(rest).length > 0) extensions.output_config = rest;
  }
  request.extensions = { anthropic: extensions };
  return request;
}

function toolChoiceName(name: string | undefined): string {
  if (!name) throw new InvalidRequestError('tool_choice.name: required when tool_choice.type is "tool"', 'tool_choice.name');
  return name;
}

/** TH-4/5/6: thinking and output_config.effort → canonical reasoning. */
function decodeReasoning(wire: WireRequest, extensions: Record<string, unknown>): ReasoningConfig | undefined {
  const rawEffort = wire.output_config?.effort ?? undefined;
  let effort: ReasoningEffort | undefined;
  if (rawEffort !== undefined && rawEffort !== null) {
    if (!EFFORTS.has(rawEffort as ReasoningEffort))
      throw new InvalidRequestError(`output_config.effort: unknown effort "${rawEffort}"`, 'output_config.effort');
    effort = rawEffort as ReasoningEffort;
  }
  const t = wire.thinking;
  if (!t) return effort ? { effort } : undefined;
  const { type, budget_tokens, ...thinkingRest } = t;
  // `display` and future thinking options ride along for an Anthropic upstream.
  if (Object.keys(thinkingRest).length > 0) extensions.thinking = thinkingRest;
  switch (type) {
    case 'disabled':
      return { enabled: false, ...(effort ? { effort } : {}) };
    case 'adaptive':
      return { enabled: true, adaptive: true, ...(effort ? { effort } : {}) };
    case 'enabled': {
      if (budget_tokens === undefined)
        throw new InvalidRequestError('thinking.budget_tokens: required when thinking.type is "enabled"', 'thinking.budget_tokens');
      return { enabled: true, budgetTokens: budget_tokens, ...(effort ? { effort } : {}) };
    }
    default:
      // between_tools and future modes: no canonical form; keep the whole object for Anthropic.
      extensions.thinking = t;
      return { enabled: true, ...(effort ? { effort } : {}) };
  }
}

const HOSTED_TYPE = /^(web_search|web_fetch|bash|text_editor|code_execution|computer|memory|tool_search|browser|mcp)/;

/** Custom tools → `function`; server/hosted tools (any other `type`) → `hosted` with `raw`. */
function decodeTool(t: WireTool, i: number): ToolDefinition {
  const raw = { ...(t as Record<string, unknown>) };
  const isCustom = t.type === undefined || t.type === null || t.type === 'custom';
  if (!isCustom) {
    if (!HOSTED_TYPE.test(String(t.type)) && !t.name)
      throw new InvalidRequestError(`tools.${i}.name: required`, `tools.${i}.name`);
    return { kind: 'hosted', name: t.name ?? String(t.type), inputSchema: {}, raw, origin: 'anthropic' };
  }
  if (!t.name) throw new InvalidRequestError(`tools.${i}.name: required`, `tools.${i}.name`);
  if (!t.input_schema) throw new InvalidRequestError(`tools.${i}.input_schema: required`, `tools.${i}.input_schema`);
  const tool: ToolDefinition = { kind: 'function', name: t.name, inputSchema: t.input_schema };
  if (t.description !== undefined) tool.description = t.description;
  if (t.strict !== undefined) tool.strict = t.strict;
  const cc = cacheControlOf(t.cache_control, `tools.${i}.cache_control`);
  if (cc) tool.cacheControl = cc;
  // Extras such as defer_loading, input_examples, allowed_callers or `type:"custom"` survive only
  // towards Anthropic.
  if (Object.keys(raw).some((k) => !['name', 'description', 'input_schema', 'cache_control', 'strict'].includes(k))) {
    tool.raw = raw;
    tool.origin = 'anthropic';
  }
  return tool;
}
