import { sha256Hex } from '../../core/crypto.js';
import type {
  ChatRequest,
  ContentPart,
  Message,
  ReasoningConfig,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
} from '../../core/types.js';
import { effortFromBudget, openAiEffort } from '../shared/reasoning-effort.js';
import { OPENAI_TOOL_NAME, ToolNameMapper } from '../shared/tool-names.js';
import type { EncodedRequest, EncodeRequestOptions } from '../../core/contracts/index.js';
import { newWireContext } from '../../core/contracts/index.js';
import { inputPartToWire } from './content.js';
import type { OpaqueItem, SystemOrigin } from './decode-request.js';
import { encodeToolChoice, encodeTools, splitNamespaced } from './tools.js';
import { portableSystem } from '../shared/client-only-system.js';

type Item = Record<string, unknown>;

/** OpenAI's limit on `user`; longer ids (Claude Code's ~150-char JSON) are hashed to fit. */
const MAX_USER = 64;
const MIN_OUTPUT_TOKENS = 16;

/**
 * Encode a canonical request as a Responses API body.
 *
 * - `system` → `instructions`, texts joined with `"\n\n"` (SYS-9/10); a request that came from a
 *   Responses caller gets its developer/system messages back in place instead.
 * - Assistant text is kept next to tool calls (unlike LiteLLM, TU-10); tool calls become
 *   `function_call` / `custom_tool_call` items, results `function_call_output` /
 *   `custom_tool_call_output` (text joined with `"\n"`; images and files as an output list, TR-11;
 *   `is_error` as an `"Error: "` prefix, since the API has no flag for it).
 * - Reasoning is replayed only when it came from the Responses API (`encrypted_content` byte for
 *   byte, CC-6); other reasoning is dropped (TH-17).
 * - `extensions.responses` fields (`store`, `include`, `prompt_cache_key`, …) are merged back.
 */
export function encodeRequest(request: ChatRequest, options: EncodeRequestOptions = {}): EncodedRequest {
  const model = options.model ?? request.model;
  const context = newWireContext(model);
  // Answers name calls the way the caller declared them (see callName).
  if (request.tools?.length) context.declaredTools = new Set(request.tools.map((t) => t.name));
  const names = new ToolNameMapper(OPENAI_TOOL_NAME, context);
  const ext = request.extensions?.responses ?? {};
  const body: Record<string, unknown> = { model };

  // Names of tools that are namespace members, so calls to them get `namespace` on the wire.
  const namespaced = new Set(
    (request.tools ?? []).filter((t) => t.origin === 'responses' && t.raw?.type === 'namespace').map((t) => t.name),
  );
  const customCalls = new Set<string>();
  for (const m of request.messages)
    for (const p of m.content) if (p.type === 'tool_call' && p.kind === 'custom') customCalls.add(p.id);

  const tools = request.tools && request.tools.length > 0 ? encodeTools(request.tools, names) : undefined;

  // System: back in place for a same-dialect request, else `instructions`.
  const before = new Map<number, Item[]>();
  const push = (at: number, item: Item) => {
    const list = before.get(at) ?? [];
    list.push(item);
    before.set(at, list);
  };
  const system = portableSystem(request.system).filter((p) => p.text !== '');
  const layout = ext.$system as SystemOrigin[] | undefined;
  const instructions: string[] = [];
  if (Array.isArray(layout) && layout.reduce((n, o) => n + o.parts, 0) === (request.system ?? []).length) {
    let next = 0;
    for (const origin of layout) {
      const parts = (request.system ?? []).slice(next, next + origin.parts).filter((p) => p.text !== '');
      next += origin.parts;
      if (origin.role === 'instructions') instructions.push(...parts.map((p) => p.text));
      else if (parts.length > 0)
        push(origin.at, { type: 'message', role: origin.role, content: parts.map((p) => ({ type: 'input_text', text: p.text })) });
    }
  } else {
    instructions.push(...system.map((p) => p.text));
  }
  for (const o of (ext.$items as OpaqueItem[] | undefined) ?? []) push(o.at, o.item);

  const input: Item[] = [];
  const flushBefore = (at: number) => {
    input.push(...(before.get(at) ?? []));
    before.delete(at);
  };
  request.messages.forEach((message, k) => {
    flushBefore(k);
    input.push(...encodeMessage(message, { names, namespaced, customCalls }));
  });
  // Whatever stood after the last message (or beyond a shortened history) goes last, in order.
  for (const at of [...before.keys()].sort((a, b) => a - b)) flushBefore(at);

  if (instructions.length > 0) body.instructions = instructions.join('\n\n');
  body.input = input;
  if (tools) body.tools = tools;
  if (request.toolChoice !== undefined) body.tool_choice = encodeToolChoice(request.toolChoice, request.tools, names);
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  // The API's minimum is 16; smaller asks (the Claude Code `max_tokens:1` probe) are raised to it.
  if (request.maxTokens !== undefined) body.max_output_tokens = Math.max(MIN_OUTPUT_TOKENS, Math.round(request.maxTokens));
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;

  const reasoning = encodeReasoning(request.reasoning, request.extensions?.responses !== undefined);
  const reasoningRest = (ext.reasoning as Item | undefined) ?? {};
  if (reasoning || Object.keys(reasoningRest).length > 0) body.reasoning = { ...reasoningRest, ...reasoning };

  const textRest = (ext.text as Item | undefined) ?? {};
  const format = request.responseFormat ? encodeFormat(request.responseFormat) : undefined;
  if (format || Object.keys(textRest).length > 0) body.text = { ...textRest, ...(format ? { format } : {}) };

  const { metadata, user } = encodeMetadata(request.metadata);
  if (metadata) body.metadata = metadata;
  if (user) body.user = user;
  if (request.stream !== undefined) body.stream = request.stream;

  // Same-dialect fields the canonical model does not carry (`store`, `include`, …).
  for (const [key, value] of Object.entries(ext)) {
    if (key.startsWith('$') || key === 'reasoning' || key === 'text' || body[key] !== undefined) continue;
    body[key] = value;
  }
  return { body, context };
}

interface EncodeState {
  names: ToolNameMapper;
  namespaced: Set<string>;
  customCalls: Set<string>;
}

function encodeMessage(message: Message, state: EncodeState): Item[] {
  return message.role === 'user' ? encodeUser(message.content, state) : encodeAssistant(message.content, state);
}

function encodeUser(content: ContentPart[], state: EncodeState): Item[] {
  const items: Item[] = [];
  let pending: Item[] = [];
  const flush = () => {
    if (pending.length > 0) items.push({ type: 'message', role: 'user', content: pending });
    pending = [];
  };
  for (const part of content) {
    if (part.type === 'tool_result') {
      flush();
      items.push(toolOutput(part, state));
    } else if (part.type === 'text') {
      if (part.text !== '') pending.push({ type: 'input_text', text: part.text });
    } else if (part.type === 'image' || part.type === 'document') {
      pending.push(inputPartToWire(part));
    }
    // tool calls / reasoning in a user turn have no Responses form; the canonical model never puts them there.
  }
  flush();
  return items;
}

function toolOutput(part: ToolResultPart, state: EncodeState): Item {
  const custom = part.kind === 'custom' || state.customCalls.has(part.toolCallId);
  const type = custom ? 'custom_tool_call_output' : 'function_call_output';
  const onlyText = part.content.every((c) => c.type === 'text');
  let output: unknown;
  if (onlyText) {
    const text = (part.content as TextPart[]).map((c) => c.text).join('\n');
    output = part.isError ? `Error: ${text}` : text;
  } else {
    const list = part.content.map(inputPartToWire);
    output = part.isError ? [{ type: 'input_text', text: 'Error:' }, ...list] : list;
  }
  return { type, call_id: part.toolCallId, output };
}

function encodeAssistant(content: ContentPart[], state: EncodeState): Item[] {
  const items: Item[] = [];
  let texts: Item[] = [];
  let reasoning: ReasoningPart[] = [];
  const flushText = () => {
    if (texts.length > 0) items.push({ type: 'message', role: 'assistant', content: texts });
    texts = [];
  };
  const flushReasoning = () => {
    if (reasoning.length > 0) items.push(reasoningItem(reasoning));
    reasoning = [];
  };
  for (const part of content) {
    if (part.type !== 'reasoning') flushReasoning();
    if (part.type !== 'text') flushText();
    if (part.type === 'text') {
      if (part.text !== '') texts.push({ type: 'output_text', text: part.text, annotations: part.citations ?? [] });
    } else if (part.type === 'reasoning') {
      // Only reasoning minted by the Responses API can be replayed to it (TH-17).
      if (part.origin !== 'responses' || !part.id) continue;
      if (reasoning.length > 0 && reasoning[0]?.id !== part.id) flushReasoning();
      reasoning.push(part);
    } else if (part.type === 'tool_call') {
      items.push(toolCall(part, state));
    }
    // Images/documents in an assistant turn have no Responses form: dropped.
  }
  flushReasoning();
  flushText();
  return items;
}

function reasoningItem(parts: ReasoningPart[]): Item {
  const summary = parts.filter((p) => p.summary !== false && p.text !== '').map((p) => ({ type: 'summary_text', text: p.text }));
  const reasoningText = parts.filter((p) => p.summary === false && p.text !== '').map((p) => ({ type: 'reasoning_text', text: p.text }));
  const item: Item = { type: 'reasoning', id: parts[0]?.id, summary };
  if (reasoningText.length > 0) item.content = reasoningText;
  const encrypted = [...parts].reverse().find((p) => p.encryptedContent !== undefined)?.encryptedContent;
  if (encrypted !== undefined) item.encrypted_content = encrypted;
  return item;
}

/** Wire `name` (+ `namespace`) for a call's canonical name. */
export function callName(
  name: string,
  state: { names: ToolNameMapper; namespaced: Set<string> },
  origin?: string,
): { name: string; namespace?: string } {
  if (state.namespaced.has(name) || origin === 'responses') {
    const split = splitNamespaced(name);
    if (split.namespace) return split;
  }
  return { name: state.names.toWire(name) };
}

function toolCall(part: ToolCallPart, state: EncodeState): Item {
  const { name, namespace } = callName(part.name, state, part.origin);
  const fromResponses = part.origin === 'responses' && part.itemId;
  if (part.kind === 'custom') {
    const item: Item = { type: 'custom_tool_call' };
    if (fromResponses) item.id = part.itemId;
    if (fromResponses) item.status = 'completed';
    Object.assign(item, { call_id: part.id, name, input: part.input ?? '' });
    return item;
  }
  const item: Item = { type: 'function_call' };
  // Item ids and status only travel back to the API that minted them.
  if (fromResponses) item.id = part.itemId;
  if (fromResponses) item.status = 'completed';
  if (namespace) item.namespace = namespace;
  Object.assign(item, { name, arguments: argumentsText(part.arguments), call_id: part.id });
  return item;
}

/** Arguments as the JSON string the wire wants; a kept non-JSON string goes back unchanged. */
export function argumentsText(args: Record<string, unknown>): string {
  const keys = Object.keys(args);
  if (keys.length === 1 && keys[0] === '_raw' && typeof args._raw === 'string') return args._raw;
  return JSON.stringify(args);
}

function encodeReasoning(r: ReasoningConfig | undefined, fromResponses: boolean): Item | undefined {
  if (!r) return undefined;
  let effort: string | undefined;
  if (r.enabled === false) effort = 'none';
  else if (r.effort) effort = r.effort;
  else if (r.budgetTokens !== undefined) effort = openAiEffort(effortFromBudget(r.budgetTokens));
  else if (r.enabled || r.adaptive) effort = 'medium';
  const out: Item = {};
  if (effort) out.effort = effort;
  // A caller from another dialect wants the reasoning back as text, which needs a summary (TH-18).
  const summary = r.summary ?? (!fromResponses && effort && effort !== 'none' ? (effort === 'high' ? 'detailed' : 'auto') : undefined);
  if (summary) out.summary = summary;
  return Object.keys(out).length > 0 ? out : undefined;
}

function encodeFormat(f: NonNullable<ChatRequest['responseFormat']>): Item {
  if (f.type !== 'json_schema') return { type: f.type };
  const out: Item = { type: 'json_schema', name: f.name ?? 'response', schema: f.schema };
  if (f.description) out.description = f.description;
  if (f.strict !== undefined) out.strict = f.strict;
  return out;
}

function encodeMetadata(meta: ChatRequest['metadata']): { metadata?: Record<string, string>; user?: string } {
  if (!meta) return {};
  const out: { metadata?: Record<string, string>; user?: string } = {};
  if (typeof meta.user === 'string' && meta.user !== '')
    out.user = meta.user.length <= MAX_USER ? meta.user : sha256Hex(meta.user);
  const metadata: Record<string, string> = {};
  // The API takes at most 16 string pairs (keys ≤64, values ≤512 chars); the rest is dropped.
  for (const [key, value] of Object.entries(meta)) {
    if (key === 'user' || typeof value !== 'string' || key.length > 64) continue;
    if (Object.keys(metadata).length >= 16) break;
    metadata[key] = value.slice(0, 512);
  }
  if (Object.keys(metadata).length > 0) out.metadata = metadata;
  return out;
}
