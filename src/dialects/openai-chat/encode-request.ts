import type {
  ChatRequest,
  ContentPart,
  JsonSchema,
  ResponseFormat,
  ToolCallPart,
  ToolDefinition,
  ToolResultPart,
} from '../../core/types.js';
import { customToolSchema, wrapCustomInput } from '../shared/custom-tools.js';
import { effortFromBudget, openAiEffort } from '../shared/reasoning-effort.js';
import { OPENAI_TOOL_NAME, ToolNameMapper } from '../shared/tool-names.js';
import type { EncodedRequest, EncodeRequestOptions, WireContext } from '../../core/contracts/index.js';
import { newWireContext } from '../../core/contracts/index.js';
import { encodeDocument, encodeImage } from './media.js';
import { HINT_ASSISTANT_PREFIX, HINT_MAX_TOKENS_FIELD } from './wire.js';
import { portableSystem } from '../shared/client-only-system.js';

/** OpenAI accepts at most four stop sequences (SP-3). */
export const MAX_STOP_SEQUENCES = 4;

type WireMessage = Record<string, unknown>;

/** Tool names on the wire: sanitised/truncated by the mapper (TD-6), blank ones numbered (TD-7). */
class WireNames {
  private readonly mapper: ToolNameMapper;
  private readonly blank = new Map<string, string>();

  constructor(private readonly context: WireContext) {
    this.mapper = new ToolNameMapper(OPENAI_TOOL_NAME, context);
  }

  /** Name for the tool definition at `index`. */
  define(name: string, index: number): string {
    if (name.trim() !== '') return this.mapper.toWire(name);
    const wire = this.mapper.toWire(`unnamed_tool_${index}`);
    this.blank.set(name, wire);
    this.context.toolNames.set(wire, name);
    return wire;
  }

  toWire(name: string): string {
    return this.blank.get(name) ?? this.mapper.toWire(name);
  }
}

/**
 * A tool result as one tool message (never split: "each tool_use must have a single result").
 * Text only → a string (TR-6/7/8). The chat API allows only text parts in a tool message, so with
 * images or documents (TR-9) the message keeps one text-parts list, each attachment replaced by a
 * marker, and the attachments themselves are returned to go in the user message that follows the
 * turn's tool messages.
 */
function toolMessage(result: ToolResultPart): { content: string | Record<string, unknown>[]; attachments: Record<string, unknown>[] } {
  const errorPrefix = (t: string) => (result.isError && !/^error\b/i.test(t) ? `Error: ${t}` : t);
  const parts = result.content;
  if (parts.every((p) => p.type === 'text')) {
    // Several text parts are joined by newlines: many compatible servers accept only a string here.
    return { content: errorPrefix(parts.map((p) => (p.type === 'text' ? p.text : '')).join('\n')), attachments: [] };
  }
  const attachments: Record<string, unknown>[] = [{ type: 'text', text: `Attachments of tool result ${result.toolCallId}:` }];
  const content = parts.map((p) => {
    if (p.type === 'text') return { type: 'text', text: p.text };
    attachments.push(p.type === 'image' ? encodeImage(p) : encodeDocument(p));
    return { type: 'text', text: `[${p.type} ${attachments.length - 1} attached in the next user message]` };
  });
  const first = content[0];
  if (result.isError && first) first.text = errorPrefix(first.text);
  return { content, attachments };
}

/** User content: a single text part is a plain string (ALT-9); otherwise a parts list. */
function userContent(parts: ContentPart[]): string | Record<string, unknown>[] | undefined {
  const wire: Record<string, unknown>[] = [];
  for (const p of parts) {
    if (p.type === 'text') {
      if (p.text !== '') wire.push({ type: 'text', text: p.text });
    } else if (p.type === 'image') wire.push(encodeImage(p));
    else if (p.type === 'document') wire.push(encodeDocument(p));
    // tool_call / reasoning in a user message have no chat form.
  }
  if (wire.length === 0) return undefined;
  if (wire.length === 1 && wire[0]?.type === 'text') return wire[0].text as string;
  return wire;
}

function encodeToolCall(call: ToolCallPart, names: WireNames, context: WireContext): Record<string, unknown> {
  const name = names.toWire(call.name);
  // Custom (freeform) calls are sent as `{ input }` function calls, like their tool definitions.
  const args = call.kind === 'custom' ? wrapCustomInput(call.input) : call.arguments;
  if (call.kind === 'custom') context.wrappedCustomTools.add(call.name);
  return { id: call.id, type: 'function', function: { name, arguments: JSON.stringify(args) } };
}

function encodeMessages(request: ChatRequest, names: WireNames, context: WireContext): WireMessage[] {
  const out: WireMessage[] = [];
  // SYS-5/6: one system message first; its parts joined into one string, because several
  // OpenAI-compatible servers (Groq, DeepSeek) accept only a string there.
  const systemText = portableSystem(request.system)
    .map((p) => p.text)
    .filter((t) => t !== '')
    .join('\n\n');
  if (systemText !== '') out.push({ role: 'system', content: systemText });

  for (const m of request.messages) {
    if (m.role === 'user') {
      // ALT-8: tool results become tool messages placed before the turn's other content, so they
      // directly follow the assistant message whose tool_calls they answer.
      const attachments: Record<string, unknown>[] = [];
      for (const p of m.content) {
        if (p.type !== 'tool_result') continue;
        const tool = toolMessage(p);
        out.push({ role: 'tool', tool_call_id: p.toolCallId, content: tool.content });
        attachments.push(...tool.attachments);
      }
      const own = userContent(m.content.filter((p) => p.type !== 'tool_result'));
      const content =
        attachments.length === 0 ? own : [...attachments, ...(own === undefined ? [] : typeof own === 'string' ? [{ type: 'text', text: own }] : own)];
      if (content !== undefined) out.push({ role: 'user', content, ...(m.name ? { name: m.name } : {}) });
      continue;
    }
    // Assistant: text joined with "" (ALT-10); reasoning has no standard chat field and is dropped.
    const textContent = m.content
      .filter((p) => p.type === 'text')
      .map((p) => (p.type === 'text' ? p.text : ''))
      .join('');
    const calls = m.content.filter((p): p is ToolCallPart => p.type === 'tool_call').map((c) => encodeToolCall(c, names, context));
    if (textContent === '' && calls.length === 0) continue;
    const msg: WireMessage = { role: 'assistant', content: textContent === '' ? null : textContent };
    if (calls.length > 0) msg.tool_calls = calls;
    if (m.name) msg.name = m.name;
    out.push(msg);
  }
  const last = out.at(-1);
  if (request.extensions?.['openai-chat']?.[HINT_ASSISTANT_PREFIX] === true && last?.role === 'assistant') last.prefix = true;
  return out;
}

function objectSchema(schema: JsonSchema): JsonSchema {
  // OpenAI requires `type: "object"` at the top of function parameters.
  if (schema.type === 'object') return schema;
  return { ...schema, type: 'object', properties: schema.properties ?? {} };
}

function encodeTools(tools: ToolDefinition[], names: WireNames, context: WireContext): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  tools.forEach((t, i) => {
    if (t.kind === 'hosted') {
      // Only a same-dialect upstream can be handed a hosted tool as the caller sent it.
      if (t.origin === 'openai-chat' && t.raw) out.push(t.raw);
      return;
    }
    const name = names.define(t.name, i);
    if (t.kind === 'custom') {
      // Most OpenAI-compatible servers have no `custom` tools: send a function taking `{input}`.
      context.wrappedCustomTools.add(t.name);
      out.push({
        type: 'function',
        function: { name, ...(t.description ? { description: t.description } : {}), parameters: customToolSchema(t) },
      });
      return;
    }
    out.push({
      type: 'function',
      function: {
        name,
        ...(t.description !== undefined ? { description: t.description } : {}),
        parameters: objectSchema(t.inputSchema),
        ...(t.strict !== undefined ? { strict: t.strict } : {}),
      },
    });
  });
  return out;
}

/** Make a schema acceptable to OpenAI strict mode: every object closed, every property required. */
export function strictSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strictSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
    if (k === 'properties' && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, strictSchema(pv)]));
    } else out[k] = typeof v === 'object' ? strictSchema(v) : v;
  }
  if (out.type === 'object' && out.properties && typeof out.properties === 'object') {
    out.additionalProperties = false;
    out.required = Object.keys(out.properties as object);
  }
  return out;
}

function encodeResponseFormat(rf: ResponseFormat): Record<string, unknown> {
  if (rf.type !== 'json_schema') return { type: rf.type };
  return {
    type: 'json_schema',
    json_schema: {
      name: rf.name ?? 'structured_output', // TD-14
      ...(rf.description !== undefined ? { description: rf.description } : {}),
      schema: rf.strict === true ? strictSchema(rf.schema) : rf.schema,
      ...(rf.strict !== undefined ? { strict: rf.strict } : {}),
    },
  };
}

/**
 * Encode a canonical request as a Chat Completions body for any OpenAI-compatible upstream.
 * `cache_control`, thinking signatures and other Anthropic-only data never appear (CC-3).
 */
export function encodeRequest(request: ChatRequest, options: EncodeRequestOptions = {}): EncodedRequest {
  const model = options.model ?? request.model;
  const context = newWireContext(model);
  const names = new WireNames(context);
  const body: Record<string, unknown> = { model };

  // Tool definitions first, so history and tool_choice reuse their wire names.
  const tools = request.tools ? encodeTools(request.tools, names, context) : [];
  body.messages = encodeMessages(request, names, context);
  if (tools.length > 0) {
    body.tools = tools;
    const tc = request.toolChoice;
    if (tc !== undefined) body.tool_choice = typeof tc === 'string' ? tc : { type: 'function', function: { name: names.toWire(tc.name) } };
    // OpenAI rejects parallel_tool_calls without tools (TC-9).
    if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  }

  const ext = request.extensions?.['openai-chat'] ?? {};
  if (request.maxTokens !== undefined) {
    const field = ext[HINT_MAX_TOKENS_FIELD] === 'max_completion_tokens' ? 'max_completion_tokens' : 'max_tokens';
    body[field] = request.maxTokens; // MT-3
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  // topK has no chat equivalent (SP-4): dropped.
  if (request.stop && request.stop.length > 0) body.stop = request.stop.slice(0, MAX_STOP_SEQUENCES);
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
  if (request.responseFormat) body.response_format = encodeResponseFormat(request.responseFormat);

  const r = request.reasoning;
  // Non-reasoning chat models reject `reasoning_effort` outright (gpt-4o: 400), and Claude Code
  // always asks for thinking: send it only to a model known to reason, or when the caller spoke
  // this dialect and asked for it itself.
  if (r && (fromChatCaller(request) || reasoningModel(String(body.model ?? '')))) {
    // TH-4/5/6: explicit effort, else the bucket for a budget, `none` when switched off;
    // adaptive thinking without an effort means the default, `medium`.
    if (r.enabled === false) body.reasoning_effort = 'none';
    else if (r.effort) body.reasoning_effort = openAiEffort(r.effort);
    else if (r.budgetTokens !== undefined) body.reasoning_effort = openAiEffort(effortFromBudget(r.budgetTokens));
    else if (r.adaptive || r.enabled) body.reasoning_effort = 'medium';
  }
  if (typeof request.metadata?.user === 'string') body.user = request.metadata.user; // MD-3

  if (request.stream) {
    body.stream = true;
    // USG-7: always ask for the usage chunk; the caller's own include_usage only decides
    // whether we pass it on.
    body.stream_options = { ...((ext.stream_options as object | undefined) ?? {}), include_usage: true };
  } else if (request.stream === false) body.stream = false;

  for (const [k, v] of Object.entries(ext)) {
    if (k.startsWith('_') || k === 'stream_options') continue;
    if (k === 'tool_choice' && tools.length === 0) continue;
    body[k] = v;
  }
  return { body, context };
}

/** Model families that take `reasoning_effort` on the chat API. */
const REASONING_MODEL = /(^|[/:])(o\d|gpt-5|gpt-oss|codex|deepseek-(reasoner|r1)|qwq|qwen3|magistral|grok-(3-mini|4)|phi-4-reasoning)/i;

export function reasoningModel(model: string): boolean {
  return REASONING_MODEL.test(model);
}

function fromChatCaller(request: ChatRequest): boolean {
  return request.extensions?.['openai-chat'] !== undefined;
}
