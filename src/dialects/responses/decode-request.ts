import { openReasoning } from '../shared/reasoning-envelope.js';
import { InvalidRequestError } from '../../core/errors.js';
import type {
  ChatRequest,
  Message,
  ReasoningConfig,
  ReasoningPart,
  ResponseFormat,
  TextPart,
  ToolCallPart,
  ToolResultPart,
} from '../../core/types.js';
import { parseUpstreamArguments } from '../shared/tool-arguments.js';
import { parseOrThrow } from '../shared/zod-error.js';
import { partFromWire } from './content.js';
import { parseAt } from '../shared/zod-error.js';
import { decodeToolChoice, decodeTools, joinNamespaced } from './tools.js';
import {
  customToolCallItemSchema,
  functionCallItemSchema,
  messageItemSchema,
  OPAQUE_ITEM_TYPES,
  reasoningItemSchema,
  requestSchema,
  toolOutputItemSchema,
} from './wire.js';

/**
 * Private bookkeeping kept in `extensions.responses` under `$`-keys; the Responses encoder reads
 * them and never sends them.
 *
 * - `$system`: where each system text came from (`instructions`, or a `developer`/`system` input
 *   message and the canonical message index it stood before), so a same-dialect encode can put
 *   the messages back where they were. Every other dialect sees them hoisted into `system`.
 * - `$items`: input items the canonical model has no part for (hosted tool calls such as
 *   `web_search_call` that a `store:false` client replays), with the canonical message index
 *   they stood before. Only a Responses upstream gets them back.
 */
export interface SystemOrigin {
  role: 'instructions' | 'developer' | 'system';
  /** Canonical message index this text stood before. */
  at: number;
  /** How many `system` parts it contributed. */
  parts: number;
}
export interface OpaqueItem {
  at: number;
  item: Record<string, unknown>;
}

/** Top-level fields the decoder maps; every other field is kept in `extensions.responses`. */
const MAPPED = new Set([
  'model',
  'input',
  'instructions',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_output_tokens',
  'temperature',
  'top_p',
  'reasoning',
  'text',
  'metadata',
  'user',
  'stream',
]);

/**
 * Decode a Responses API request (`POST /v1/responses`) into the canonical model.
 *
 * - `instructions` and every `system`/`developer` input message become `request.system`, in order;
 *   a mid-conversation developer message is hoisted too (the canonical model has no system turn),
 *   and its position is remembered for a same-dialect encode (`$system`).
 * - `function_call` / `custom_tool_call` / `reasoning` / assistant message items that follow each
 *   other become one assistant message (ALT-11); tool outputs become `tool_result` parts of a user
 *   message.
 */
export function decodeRequest(body: unknown): ChatRequest {
  const wire = parseOrThrow(requestSchema, body);
  const raw = body as Record<string, unknown>;

  const request: ChatRequest = { model: wire.model, messages: [] };
  const system: TextPart[] = [];
  const systemOrigins: SystemOrigin[] = [];
  const opaque: OpaqueItem[] = [];
  const extensions: Record<string, unknown> = {};

  if (wire.instructions) {
    system.push({ type: 'text', text: wire.instructions });
    systemOrigins.push({ role: 'instructions', at: 0, parts: 1 });
  }

  const messages = request.messages;
  const seenCalls = new Map<string, ToolCallPart>();
  const last = (): Message | undefined => messages[messages.length - 1];
  const assistantTurn = (): Message => {
    const m = last();
    if (m?.role === 'assistant') return m;
    const fresh: Message = { role: 'assistant', content: [] };
    messages.push(fresh);
    return fresh;
  };

  const input = typeof wire.input === 'string' ? [{ role: 'user', content: wire.input }] : (wire.input ?? []);
  input.forEach((item, i) => {
    const path = `input.${i}`;
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      throw new InvalidRequestError(`${path}: expected an input item object`, path);
    const type = (item as { type?: unknown }).type ?? ('role' in item ? 'message' : undefined);
    switch (type) {
      case 'message': {
        const m = parseAt(messageItemSchema, item, path);
        const parts =
          typeof m.content === 'string'
            ? m.content === ''
              ? []
              : [{ type: 'text' as const, text: m.content }]
            : m.content.map((part, j) => partFromWire(part, `${path}.content.${j}`)).filter((p) => p !== undefined);
        if (m.role === 'system' || m.role === 'developer') {
          const texts = parts.filter((p): p is TextPart => p.type === 'text');
          if (texts.length !== parts.length)
            throw new InvalidRequestError(`${path}.content: ${m.role} messages may only hold text`, `${path}.content`);
          system.push(...texts);
          systemOrigins.push({ role: m.role, at: messages.length, parts: texts.length });
        } else if (m.role === 'assistant') {
          if (parts.length > 0) assistantTurn().content.push(...parts);
        } else if (parts.length > 0) {
          messages.push({ role: 'user', content: parts });
        }
        break;
      }
      case 'function_call':
      case 'custom_tool_call': {
        const call: ToolCallPart =
          type === 'function_call' ? functionCall(item, path) : customCall(item, path);
        // A replayed wrapper for a call already seen is dropped (ALT-11).
        if (seenCalls.has(call.id)) break;
        seenCalls.set(call.id, call);
        assistantTurn().content.push(call);
        break;
      }
      case 'function_call_output':
      case 'custom_tool_call_output': {
        const o = parseAt(toolOutputItemSchema, item, path);
        const result: ToolResultPart = {
          type: 'tool_result',
          toolCallId: o.call_id,
          content:
            typeof o.output === 'string'
              ? o.output === ''
                ? []
                : [{ type: 'text', text: o.output }]
              : o.output.map((part, j) => partFromWire(part, `${path}.output.${j}`)).filter((p) => p !== undefined),
        };
        const call = seenCalls.get(o.call_id);
        if (call) result.name = call.name;
        if (type === 'custom_tool_call_output') result.kind = 'custom';
        // Consecutive outputs share one user turn; a user message item starts its own.
        const m = last();
        if (m?.role === 'user' && m.content.every((p) => p.type === 'tool_result')) m.content.push(result);
        else messages.push({ role: 'user', content: [result] });
        break;
      }
      case 'reasoning': {
        const r = parseAt(reasoningItemSchema, item, path);
        const parts = reasoningParts(r);
        if (parts.length > 0) assistantTurn().content.push(...parts);
        break;
      }
      case 'item_reference': {
        // An earlier output item named by id: the item-references middleware puts the item itself
        // here (or a Responses upstream that minted it resolves it), so it is kept in place.
        const id = (item as { id?: unknown }).id;
        if (typeof id !== 'string' || id === '') throw new InvalidRequestError(`${path}.id: an item_reference needs the id of an earlier output item`, `${path}.id`);
        opaque.push({ at: messages.length, item: item as Record<string, unknown> });
        break;
      }
      default: {
        if (typeof type === 'string' && OPAQUE_ITEM_TYPES.has(type)) {
          opaque.push({ at: messages.length, item: item as Record<string, unknown> });
          break;
        }
        const param = `${path}.type`;
        throw new InvalidRequestError(`${param}: unsupported input item type '${typeof type === 'string' ? type : JSON.stringify(type)}'`, param);
      }
    }
  });

  if (system.length > 0) request.system = system;

  if (wire.tools && wire.tools.length > 0) request.tools = decodeTools(wire.tools as Array<Record<string, unknown>>);
  if (wire.tool_choice != null) {
    const { choice, raw: rawChoice } = decodeToolChoice(wire.tool_choice);
    if (choice) request.toolChoice = choice;
    else extensions.tool_choice = rawChoice;
  }
  if (wire.parallel_tool_calls != null) request.parallelToolCalls = wire.parallel_tool_calls;
  if (wire.max_output_tokens != null) request.maxTokens = wire.max_output_tokens;
  if (wire.temperature != null) request.temperature = wire.temperature;
  if (wire.top_p != null) request.topP = wire.top_p;
  if (wire.stream != null) request.stream = wire.stream;

  if (wire.reasoning) {
    const { effort, summary, generate_summary, ...rest } = wire.reasoning;
    const reasoning: ReasoningConfig = {};
    if (effort) reasoning.effort = effort;
    if (summary ?? generate_summary) reasoning.summary = (summary ?? generate_summary) as string;
    if (effort === 'none') reasoning.enabled = false;
    if (Object.keys(reasoning).length > 0) request.reasoning = reasoning;
    if (Object.keys(rest).length > 0) extensions.reasoning = rest;
  }

  if (wire.text) {
    const { format, ...rest } = wire.text;
    if (format) request.responseFormat = responseFormat(format);
    if (Object.keys(rest).length > 0) extensions.text = rest;
  }

  if (wire.metadata || wire.user) {
    request.metadata = { ...(wire.metadata ?? {}) };
    if (wire.user) request.metadata.user = wire.user;
  }

  for (const [key, value] of Object.entries(raw)) if (!MAPPED.has(key) && value !== undefined) extensions[key] = value;
  if (systemOrigins.some((o) => o.role !== 'instructions')) extensions.$system = systemOrigins;
  if (opaque.length > 0) extensions.$items = opaque;
  if (Object.keys(extensions).length > 0) request.extensions = { responses: extensions };
  return request;
}

function functionCall(item: unknown, path: string): ToolCallPart {
  const f = parseAt(functionCallItemSchema, item, path);
  // Arguments are kept even when they are not JSON (a truncated call replayed): the API itself
  // accepts any string, so `{ _raw }` carries it and the encoder sends it back unchanged.
  const call: ToolCallPart = {
    type: 'tool_call',
    id: f.call_id,
    name: joinNamespaced(f.namespace, f.name),
    arguments: parseUpstreamArguments(f.arguments),
    kind: 'function',
    origin: 'responses',
  };
  if (f.id) call.itemId = f.id;
  return call;
}

function customCall(item: unknown, path: string): ToolCallPart {
  const c = parseAt(customToolCallItemSchema, item, path);
  const call: ToolCallPart = {
    type: 'tool_call',
    id: c.call_id,
    name: c.name,
    arguments: {},
    kind: 'custom',
    input: c.input,
    origin: 'responses',
  };
  if (c.id) call.itemId = c.id;
  return call;
}

/**
 * One reasoning item → one part per summary entry (then one per `reasoning_text` entry), all with
 * the item id; `encrypted_content` rides on the last part. An item with no text still gives one
 * (empty) part so the encrypted content survives.
 */
export function reasoningParts(r: {
  id?: string | null;
  summary?: Array<{ text: string }> | null;
  content?: Array<{ type: string; text: string }> | null;
  encrypted_content?: string | null;
}): ReasoningPart[] {
  const base = (): ReasoningPart => {
    const p: ReasoningPart = { type: 'reasoning', text: '', origin: 'responses' };
    if (r.id) p.id = r.id;
    return p;
  };
  // Our own envelope: another provider's signed thinking, handed back as that provider's parts.
  const foreign = openReasoning(r.encrypted_content);
  if (foreign) return foreign;
  const parts: ReasoningPart[] = [];
  for (const s of r.summary ?? []) parts.push({ ...base(), text: s.text, summary: true });
  for (const c of r.content ?? []) if (c.type === 'reasoning_text') parts.push({ ...base(), text: c.text, summary: false });
  if (parts.length === 0) {
    if (!r.encrypted_content && !r.id) return [];
    parts.push({ ...base(), summary: true });
  }
  if (r.encrypted_content) (parts[parts.length - 1] as ReasoningPart).encryptedContent = r.encrypted_content;
  return parts;
}

function responseFormat(format: { type: string } & Record<string, unknown>): ResponseFormat {
  if (format.type === 'json_schema') {
    const f: ResponseFormat = { type: 'json_schema', schema: format.schema as Record<string, unknown> };
    if (typeof format.name === 'string') f.name = format.name;
    if (typeof format.description === 'string') f.description = format.description;
    if (typeof format.strict === 'boolean') f.strict = format.strict;
    return f;
  }
  return format.type === 'json_object' ? { type: 'json_object' } : { type: 'text' };
}
