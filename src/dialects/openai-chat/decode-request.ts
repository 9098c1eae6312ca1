import type { z } from 'zod';
import { readDataUrl } from '../../core/data-url.js';
import { InvalidRequestError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type {
  CacheControl,
  ChatRequest,
  ContentPart,
  DocumentPart,
  ImagePart,
  Message,
  ReasoningEffort,
  ReasoningPart,
  ResponseFormat,
  TextPart,
  ToolChoice,
  ToolDefinition,
  ToolResultContent,
  ToolResultPart,
} from '../../core/types.js';
import { cacheControlOf } from '../shared/cache-control.js';
import { customToolSchema } from '../shared/custom-tools.js';
import { parseRequestArguments } from '../shared/tool-arguments.js';
import { expectedOneOf, parseAt, parseOrThrow } from '../shared/zod-error.js';
import {
  type ChatCompletionMessage,
  chatFilePartSchema,
  chatImageUrlPartSchema,
  chatRefusalPartSchema,
  chatRequestSchema,
  chatTextPartSchema,
  chatThinkingBlockSchema,
  chatToolCallSchema,
  chatToolSchema,
  HINT_ASSISTANT_PREFIX,
  HINT_MAX_TOKENS_FIELD,
  KNOWN_REQUEST_KEYS,
} from './wire.js';

function partType(value: unknown, path: string): string {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new InvalidRequestError(`${path}: expected a content part object`, path);
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') throw new InvalidRequestError(`${path}.type: expected a string`, `${path}.type`);
  return type;
}

function text(t: string, cc?: CacheControl): TextPart[] {
  if (t === '') return []; // never produce empty text blocks (SYS-3)
  return [{ type: 'text', text: t, ...(cc ? { cacheControl: cc } : {}) }];
}

/** image_url part → image, or document for a PDF data URL (CNT-1/2/3). */
function decodeImageUrl(value: unknown, path: string): ImagePart | DocumentPart {
  const p = parseAt(chatImageUrlPartSchema, value, path);
  const cc = cacheControlOf(p.cache_control, `${path}.cache_control`);
  const data = readDataUrl(p.image_url.url, `${path}.image_url.url`);
  const extra = { ...(cc ? { cacheControl: cc } : {}) };
  if (data) {
    const mediaType = p.image_url.format ?? data.mediaType;
    if (!mediaType.startsWith('image/'))
      return { type: 'document', source: { kind: 'base64', mediaType, data: data.data }, ...extra };
    return {
      type: 'image',
      source: { kind: 'base64', mediaType, data: data.data },
      ...(p.image_url.detail ? { detail: p.image_url.detail } : {}),
      ...extra,
    };
  }
  return {
    type: 'image',
    source: { kind: 'url', url: p.image_url.url },
    ...(p.image_url.detail ? { detail: p.image_url.detail } : {}),
    ...extra,
  };
}

/** `file` part → document (CNT-4); an image file becomes an image. */
function decodeFile(value: unknown, path: string): ImagePart | DocumentPart {
  const p = parseAt(chatFilePartSchema, value, path);
  const f = p.file;
  const cc = cacheControlOf(p.cache_control, `${path}.cache_control`);
  const extra = { ...(cc ? { cacheControl: cc } : {}), ...(f.filename ? { filename: f.filename } : {}) };
  if (f.file_data !== undefined) {
    const parsed = readDataUrl(f.file_data, `${path}.file.file_data`);
    const mediaType = f.format ?? parsed?.mediaType ?? 'application/pdf';
    const data = parsed ? parsed.data : f.file_data;
    if (mediaType.startsWith('image/')) {
      return { type: 'image', source: { kind: 'base64', mediaType, data }, ...(cc ? { cacheControl: cc } : {}) };
    }
    return { type: 'document', source: { kind: 'base64', mediaType, data }, ...extra };
  }
  if (f.file_id !== undefined) {
    if (/^https?:\/\//.test(f.file_id)) return { type: 'document', source: { kind: 'url', url: f.file_id }, ...extra };
    return { type: 'document', source: { kind: 'file', fileId: f.file_id }, ...extra };
  }
  throw new InvalidRequestError(`${path}.file: needs file_data or file_id`, `${path}.file`);
}

/** User (and tool-result) content parts. */
function decodeUserParts(content: unknown, path: string, messageCache?: CacheControl): Array<TextPart | ImagePart | DocumentPart> {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return text(content, messageCache);
  const out: Array<TextPart | ImagePart | DocumentPart> = [];
  (content as unknown[]).forEach((raw, j) => {
    const p = `${path}.${j}`;
    const type = partType(raw, p);
    switch (type) {
      case 'text': {
        const t = parseAt(chatTextPartSchema, raw, p);
        out.push(...text(t.text, cacheControlOf(t.cache_control, `${p}.cache_control`)));
        break;
      }
      case 'image_url':
        out.push(decodeImageUrl(raw, p));
        break;
      case 'file':
        out.push(decodeFile(raw, p));
        break;
      case 'input_audio':
        // No canonical audio part: refusing is better than silently dropping what the user said.
        throw new InvalidRequestError(`${p}.type: input_audio content is not supported by this gateway`, `${p}.type`);
      default:
        throw new InvalidRequestError(`${p}.type: ${expectedOneOf(['text', 'image_url', 'file'])}`, `${p}.type`);
    }
  });
  const last = out.at(-1);
  if (messageCache && last && !last.cacheControl) last.cacheControl = messageCache;
  return out;
}

/** system / developer content → text parts (SYS-1/2/3). */
function decodeSystem(content: unknown, path: string, messageCache?: CacheControl): TextPart[] {
  if (typeof content === 'string') return text(content, messageCache);
  const out: TextPart[] = [];
  (content as unknown[]).forEach((raw, j) => {
    const p = `${path}.${j}`;
    const type = partType(raw, p);
    if (type !== 'text') throw new InvalidRequestError(`${p}.type: system content must be text, got "${type}"`, `${p}.type`);
    const t = parseAt(chatTextPartSchema, raw, p);
    out.push(...text(t.text, cacheControlOf(t.cache_control, `${p}.cache_control`)));
  });
  const last = out.at(-1);
  if (messageCache && last && !last.cacheControl) last.cacheControl = messageCache;
  return out;
}

type AssistantWire = Extract<ChatCompletionMessage, { role: 'assistant' }>;

function decodeAssistant(m: AssistantWire, path: string, legacyIds: Map<string, string>): ContentPart[] {
  const content: ContentPart[] = [];
  // Reasoning first (TH-10): LiteLLM-style thinking_blocks carry Anthropic signatures byte for
  // byte; reasoning_content alone is unsigned text from DeepSeek/vLLM (TH-14).
  if (m.thinking_blocks && m.thinking_blocks.length > 0) {
    m.thinking_blocks.forEach((raw, j) => {
      const b = parseAt(chatThinkingBlockSchema, raw, `${path}.thinking_blocks.${j}`);
      if (b.type === 'redacted_thinking') {
        content.push({ type: 'reasoning', text: '', redactedData: b.data, origin: 'anthropic' });
        return;
      }
      const thinking = b.thinking ?? '';
      if (thinking === '' && !b.signature) return;
      const r: ReasoningPart = { type: 'reasoning', text: thinking };
      if (b.signature) {
        r.signature = b.signature;
        r.origin = 'anthropic';
      }
      content.push(r);
    });
  } else if (m.reasoning_content) {
    content.push({ type: 'reasoning', text: m.reasoning_content });
  }

  const cc = cacheControlOf(m.cache_control, `${path}.cache_control`);
  if (typeof m.content === 'string') content.push(...text(m.content, cc));
  else if (Array.isArray(m.content)) {
    m.content.forEach((raw, j) => {
      const p = `${path}.content.${j}`;
      const type = partType(raw, p);
      if (type === 'text') {
        const t = parseAt(chatTextPartSchema, raw, p);
        content.push(...text(t.text, cacheControlOf(t.cache_control, `${p}.cache_control`)));
      } else if (type === 'refusal') {
        content.push(...text(parseAt(chatRefusalPartSchema, raw, p).refusal));
      } else throw new InvalidRequestError(`${p}.type: assistant content must be text or refusal, got "${type}"`, `${p}.type`);
    });
  }
  if (m.refusal) content.push(...text(m.refusal));

  (m.tool_calls ?? []).forEach((raw, j) => {
    const p = `${path}.tool_calls.${j}`;
    const call = parseAt(chatToolCallSchema, raw, p);
    const id = call.id || newId('call_');
    const callCache = cacheControlOf((raw as { cache_control?: unknown }).cache_control, `${p}.cache_control`);
    const extra = callCache ? { cacheControl: callCache } : {};
    if ('custom' in call && call.type === 'custom') {
      content.push({ type: 'tool_call', id, name: call.custom.name, arguments: {}, kind: 'custom', input: call.custom.input ?? '', ...extra });
    } else if ('function' in call) {
      content.push({
        type: 'tool_call',
        id,
        name: call.function.name,
        arguments: parseRequestArguments(call.function.arguments, `${p}.function.arguments`),
        ...extra,
      });
    }
  });
  if (m.function_call) {
    // Legacy single function call (TU-3): mint an id and remember it so the following
    // `role:"function"` answer pairs with it.
    const id = newId('call_');
    legacyIds.set(m.function_call.name, id);
    content.push({
      type: 'tool_call',
      id,
      name: m.function_call.name,
      arguments: parseRequestArguments(m.function_call.arguments, `${path}.function_call.arguments`),
    });
  }
  return content;
}

function decodeTools(tools: unknown[] | null | undefined, functions: unknown[] | null | undefined): ToolDefinition[] | undefined {
  const out: ToolDefinition[] = [];
  (tools ?? []).forEach((raw, i) => {
    const path = `tools.${i}`;
    const type = partType(raw, path);
    if (type === 'function' || type === 'custom') {
      const t = parseAt(chatToolSchema, raw, path);
      const cc = cacheControlOf((raw as { cache_control?: unknown }).cache_control, `${path}.cache_control`);
      if (t.type === 'function') {
        const f = t.function;
        out.push({
          kind: 'function',
          name: f.name,
          ...(f.description != null ? { description: f.description } : {}),
          inputSchema: f.parameters ?? { type: 'object', properties: {} },
          ...(f.strict != null ? { strict: f.strict } : {}),
          ...(cc ? { cacheControl: cc } : {}),
        });
      } else {
        const c = t.custom;
        const tool: ToolDefinition = {
          kind: 'custom',
          name: c.name,
          ...(c.description != null ? { description: c.description } : {}),
          inputSchema: {},
          ...(c.format !== undefined ? { format: c.format } : {}),
        };
        tool.inputSchema = customToolSchema(tool);
        out.push(tool);
      }
    } else {
      // Not a chat tool type: only a same-dialect upstream may know what to do with it.
      const r = raw as Record<string, unknown>;
      out.push({ kind: 'hosted', name: typeof r.name === 'string' ? r.name : type, inputSchema: {}, raw: r, origin: 'openai-chat' });
    }
  });
  (functions ?? []).forEach((raw, i) => {
    const f = parseAt(chatToolSchema.options[0].shape.function, raw, `functions.${i}`);
    out.push({
      kind: 'function',
      name: f.name,
      ...(f.description != null ? { description: f.description } : {}),
      inputSchema: f.parameters ?? { type: 'object', properties: {} },
    });
  });
  return out.length > 0 ? out : undefined;
}

function simpleChoice(v: string): ToolChoice | undefined {
  if (v === 'auto' || v === 'none' || v === 'required') return v;
  if (v === 'any') return 'required';
  return undefined;
}

/** tool_choice in all the shapes callers send (TC-1..5, Cursor style, legacy function_call). */
function decodeToolChoice(raw: unknown, ext: Record<string, unknown>, param = 'tool_choice'): ToolChoice | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') {
    const c = simpleChoice(raw);
    if (c) return c;
    throw new InvalidRequestError(`${param}: unsupported value "${raw}"`, param);
  }
  if (typeof raw !== 'object') throw new InvalidRequestError(`${param}: expected a string or an object`, param);
  const o = raw as Record<string, unknown>;
  const nameOf = (v: unknown): string | undefined =>
    v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string' ? (v as { name: string }).name : undefined;
  const named = nameOf(o.function) ?? nameOf(o.custom) ?? (typeof o.name === 'string' ? o.name : undefined);
  if (named !== undefined) return { name: named };
  if (typeof o.type === 'string') {
    const c = simpleChoice(o.type);
    if (c) return c;
    if (o.type === 'allowed_tools') {
      // Only OpenAI itself understands the allow-list; elsewhere it is its mode.
      ext.tool_choice = raw;
      const mode = (o.allowed_tools as { mode?: unknown } | undefined)?.mode;
      return mode === 'required' ? 'required' : 'auto';
    }
    throw new InvalidRequestError(`${param}.type: unsupported tool_choice type "${o.type}"`, `${param}.type`);
  }
  throw new InvalidRequestError(`${param}: expected a tool_choice object with a type`, param);
}

function decodeResponseFormat(rf: z.infer<typeof chatRequestSchema>['response_format']): ResponseFormat | undefined {
  if (!rf) return undefined;
  if (rf.type !== 'json_schema') return { type: rf.type };
  const js = rf.json_schema;
  return {
    type: 'json_schema',
    ...(js.name !== undefined ? { name: js.name } : {}),
    ...(js.description !== undefined ? { description: js.description } : {}),
    schema: js.schema ?? {},
    ...(js.strict != null ? { strict: js.strict } : {}),
  };
}

/**
 * Validate and decode an OpenAI Chat Completions request body into the canonical model.
 * Throws InvalidRequestError (400) whose message starts with the offending field's path.
 */
export function decodeRequest(body: unknown): ChatRequest {
  const req = parseOrThrow(chatRequestSchema, body);
  if (req.n != null && req.n !== 1) throw new InvalidRequestError('n: only n=1 is supported', 'n');

  const ext: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(req)) if (!KNOWN_REQUEST_KEYS.has(k) && v !== undefined) ext[k] = v;

  const system: TextPart[] = [];
  const messages: Message[] = [];
  // The user turn collecting consecutive tool results and the user message that follows them (ALT-2).
  let toolTurn: Message | undefined;
  const legacyIds = new Map<string, string>();

  req.messages.forEach((m, i) => {
    const path = `messages.${i}`;
    const cc = cacheControlOf((m as { cache_control?: unknown }).cache_control, `${path}.cache_control`);
    const joinsToolTurn = toolTurn !== undefined && messages.at(-1) === toolTurn;
    switch (m.role) {
      case 'system':
      case 'developer':
        // Hoisted in order; position in the conversation is not kept (SYS-1/2).
        system.push(...decodeSystem(m.content, `${path}.content`, cc));
        return;
      case 'user': {
        const parts = decodeUserParts(m.content, `${path}.content`, cc);
        if (joinsToolTurn && toolTurn) {
          toolTurn.content.push(...parts);
          toolTurn = undefined;
        } else if (parts.length > 0) messages.push({ role: 'user', content: parts, ...(m.name ? { name: m.name } : {}) });
        return;
      }
      case 'tool':
      case 'function': {
        const result: ToolResultPart =
          m.role === 'tool'
            ? {
                type: 'tool_result',
                toolCallId: m.tool_call_id,
                content: decodeUserParts(m.content, `${path}.content`) as ToolResultContent[],
                ...(m.is_error ? { isError: true } : {}),
                ...(cc ? { cacheControl: cc } : {}),
              }
            : {
                type: 'tool_result',
                toolCallId: legacyIds.get(m.name) ?? newId('call_'),
                name: m.name,
                content: decodeUserParts(m.content, `${path}.content`) as ToolResultContent[],
              };
        if (joinsToolTurn && toolTurn) toolTurn.content.push(result);
        else {
          toolTurn = { role: 'user', content: [result] };
          messages.push(toolTurn);
        }
        return;
      }
      case 'assistant': {
        toolTurn = undefined;
        const content = decodeAssistant(m, path, legacyIds);
        if (m.prefix === true && i === req.messages.length - 1) ext[HINT_ASSISTANT_PREFIX] = true;
        messages.push({ role: 'assistant', content, ...(m.name ? { name: m.name } : {}) });
        return;
      }
    }
  });

  const request: ChatRequest = { model: req.model, messages };
  if (system.length > 0) request.system = system;
  const tools = decodeTools(req.tools, req.functions);
  if (tools) request.tools = tools;
  const toolChoice =
    req.tool_choice != null
      ? decodeToolChoice(req.tool_choice, ext)
      : decodeToolChoice(req.function_call, ext, 'function_call');
  if (toolChoice !== undefined) request.toolChoice = toolChoice;
  if (req.parallel_tool_calls != null) request.parallelToolCalls = req.parallel_tool_calls;

  // MT-1: max_completion_tokens wins; floats are rounded, minimum 1.
  const maxTokens = req.max_completion_tokens ?? req.max_tokens;
  if (maxTokens != null) {
    request.maxTokens = Math.max(1, Math.round(maxTokens));
    if (req.max_completion_tokens != null) ext[HINT_MAX_TOKENS_FIELD] = 'max_completion_tokens';
  }
  if (req.temperature != null) request.temperature = req.temperature;
  if (req.top_p != null) request.topP = req.top_p;
  if (req.stop != null) {
    const stop = typeof req.stop === 'string' ? [req.stop] : req.stop;
    if (stop.length > 0) request.stop = stop;
  }
  if (req.seed != null) request.seed = req.seed;
  if (req.presence_penalty != null) request.presencePenalty = req.presence_penalty;
  if (req.frequency_penalty != null) request.frequencyPenalty = req.frequency_penalty;
  const rf = decodeResponseFormat(req.response_format);
  if (rf) request.responseFormat = rf;
  if (req.reasoning_effort != null) {
    const effort = req.reasoning_effort as ReasoningEffort;
    request.reasoning = effort === 'none' ? { enabled: false, effort } : { effort };
  }
  const metadata = { ...(req.metadata ?? {}), ...(req.user != null ? { user: req.user } : {}) };
  if (Object.keys(metadata).length > 0) request.metadata = metadata;
  if (req.stream != null) request.stream = req.stream;
  if (req.stream_options) {
    const { include_usage, ...rest } = req.stream_options;
    if (include_usage !== undefined) request.includeUsage = include_usage;
    if (Object.keys(rest).length > 0) ext.stream_options = rest;
  }
  if (Object.keys(ext).length > 0) request.extensions = { 'openai-chat': ext };
  return request;
}

