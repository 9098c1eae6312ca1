/**
 * Canonical ChatRequest → Anthropic Messages request body, for any source dialect.
 */
import { InvalidRequestError } from '../../core/errors.js';
import type { ChatRequest, ContentPart, Message, ReasoningPart } from '../../core/types.js';
import { customToolSchema, wrapCustomInput } from '../shared/custom-tools.js';
import { budgetFromEffort, EFFORT_BUDGET } from '../shared/reasoning-effort.js';
import { ToolIdMapper } from '../shared/tool-ids.js';
import { ANTHROPIC_TOOL_NAME, ToolNameMapper } from '../shared/tool-names.js';
import type { EncodedRequest, EncodeRequestOptions } from '../../core/contracts/index.js';
import { newWireContext } from '../../core/contracts/index.js';
import { encodeDocument, encodeImage, encodeText, encodeToolResult } from './encode-content.js';
import { hasAnthropicExtensions, type OpaqueBlock, opaqueBlocksOf, reinsertOpaque } from './opaque-blocks.js';
import { toAnthropicInputSchema } from './tool-schema.js';
import { LEGACY_OUTPUT_FORMAT_KEY, TOOL_RAW_EXTRAS_IGNORED } from './wire.js';

type Block = Record<string, unknown>;
interface WireMsg {
  role: 'user' | 'assistant';
  content: Block[];
}

/** Claude Code's billing line; meaningless (and billed oddly) when the request came from elsewhere. */
const BILLING_HEADER = 'x-anthropic-billing-header:';
/** Injected when history holds tool blocks but no tools are defined (ALT-7). */
export const NOOP_TOOL_NAME = 'noop';
const DEFAULT_MAX_TOKENS = 4096;
const MIN_THINKING_BUDGET = 1024;

/**
 * Encode for an Anthropic upstream. The returned context carries the reverse tool-name map and the
 * custom tools that were wrapped, for reading the answer back.
 */
export function encodeRequest(request: ChatRequest, options: EncodeRequestOptions = {}): EncodedRequest {
  const model = options.model ?? request.model;
  const context = newWireContext(model);
  const names = new ToolNameMapper(ANTHROPIC_TOOL_NAME, context);
  const ids = new ToolIdMapper();
  const fromAnthropic = hasAnthropicExtensions(request);
  const ext = request.extensions?.anthropic ?? {};
  const body: Record<string, unknown> = { model };

  // System (SYS-1..4): an array of non-empty text blocks.
  const system: Block[] = [];
  for (const part of request.system ?? []) {
    if (!fromAnthropic && part.text.startsWith(BILLING_HEADER)) continue;
    const b = encodeText(part);
    if (b) system.push(b);
  }
  if (system.length > 0) body.system = system;

  // Tools first, so names are mapped before history and tool_choice use them.
  const tools: Block[] = [];
  for (const tool of request.tools ?? []) {
    if (tool.kind === 'hosted') {
      // Only an Anthropic-defined server tool can run here; foreign hosted tools are dropped.
      if (tool.origin === 'anthropic' && tool.raw) tools.push({ ...tool.raw });
      continue;
    }
    const wire: Block = {};
    if (tool.origin === 'anthropic' && tool.raw)
      for (const [k, v] of Object.entries(tool.raw)) if (!TOOL_RAW_EXTRAS_IGNORED.has(k)) wire[k] = v;
    wire.name = names.toWire(tool.name);
    if (tool.description !== undefined) wire.description = tool.description;
    if (tool.kind === 'custom') {
      wire.input_schema = customToolSchema(tool);
      context.wrappedCustomTools.add(tool.name);
      delete wire.type;
    } else wire.input_schema = toAnthropicInputSchema(tool.inputSchema);
    if (tool.cacheControl) wire.cache_control = { ...tool.cacheControl };
    if (tool.strict !== undefined && tool.kind !== 'custom') wire.strict = tool.strict;
    tools.push(wire);
  }

  // Messages.
  const opaque = fromAnthropic ? opaqueBlocksOf(request.extensions) : [];
  let messages: WireMsg[] = request.messages.map((m, i) =>
    encodeMessage(m, { names, ids, opaque: opaque.filter((o) => o.message === i) }),
  );
  messages = messages.filter((m) => m.content.length > 0);
  messages = mergeTurns(messages);
  stripFinalAssistantWhitespace(messages);
  messages = messages.filter((m) => m.content.length > 0);
  if (messages.length === 0)
    throw new InvalidRequestError('messages: Anthropic requires at least one non-system message with content', 'messages');
  body.messages = messages;

  const historyHasTools = messages.some((m) => m.content.some((b) => b.type === 'tool_use' || b.type === 'tool_result'));
  if (tools.length === 0 && historyHasTools)
    tools.push({
      name: names.toWire(NOOP_TOOL_NAME),
      description: 'Placeholder: earlier turns used tools that are not available now. Do not call it.',
      input_schema: { type: 'object', properties: {} },
    });
  // An explicit empty list stays (Claude Code side calls send `tools: []`).
  if (tools.length > 0 || request.tools !== undefined) body.tools = tools;

  // Thinking (TH-1/2/3) and max_tokens (MT-1/2).
  let maxTokens = Math.max(1, Math.round(request.maxTokens ?? options.defaultMaxTokens ?? DEFAULT_MAX_TOKENS));
  const thinking = encodeThinking(request, fromAnthropic, ext);
  // TH-11: with thinking on, the assistant turn of an open tool loop must start with its signed
  // thinking block. History from another dialect has none to give (foreign reasoning cannot be
  // verified), so thinking is switched off for this turn instead of a 400 upstream; thinking
  // blocks elsewhere in history go too, since a turn without thinking may not carry them.
  if (thinking.thinking?.type === 'enabled' && openToolLoopLacksThinking(messages)) {
    thinking.thinking = undefined;
    for (const m of messages) m.content = m.content.filter((b) => b.type !== 'thinking' && b.type !== 'redacted_thinking');
  }
  const outputConfig: Record<string, unknown> = {};
  if (thinking.effort) outputConfig.effort = thinking.effort;
  if (thinking.thinking) {
    body.thinking = thinking.thinking;
    const budget = thinking.thinking.budget_tokens;
    if (typeof budget === 'number' && maxTokens <= budget) maxTokens = budget + maxTokens;
  }
  body.max_tokens = maxTokens;
  const thinkingOn = thinking.thinking !== undefined && thinking.thinking.type !== 'disabled';

  // tool_choice (TC-1..7, TC-12).
  if (tools.length > 0) {
    let choice: Block | undefined;
    const tc = request.toolChoice;
    if (tc === 'auto') choice = { type: 'auto' };
    else if (tc === 'required') choice = { type: 'any' };
    else if (tc === 'none') choice = { type: 'none' };
    else if (tc && typeof tc === 'object') choice = { type: 'tool', name: names.toWire(tc.name) };
    // Thinking cannot be combined with a forced tool: downgrade rather than fail upstream.
    if (thinkingOn && choice && (choice.type === 'any' || choice.type === 'tool')) choice = { type: 'auto' };
    if (request.parallelToolCalls !== undefined && choice?.type !== 'none') {
      choice ??= { type: 'auto' };
      choice.disable_parallel_tool_use = !request.parallelToolCalls;
    }
    if (choice) body.tool_choice = choice;
  }

  // Sampling. With thinking on, Anthropic accepts temperature 1 only, top_p ≥ 0.95 and no top_k.
  if (request.temperature !== undefined && (!thinkingOn || request.temperature === 1)) body.temperature = request.temperature;
  if (request.topP !== undefined && (!thinkingOn || request.topP >= 0.95)) body.top_p = request.topP;
  if (request.topK !== undefined && !thinkingOn) body.top_k = request.topK;
  const stops = (request.stop ?? []).filter((s) => s.trim() !== '');
  if (stops.length > 0) body.stop_sequences = stops;

  // metadata.user → user_id (MD-1/2), never an email or phone number from a foreign caller.
  const user = request.metadata?.user;
  if (typeof user === 'string' && user !== '' && (fromAnthropic || !looksPersonal(user))) body.metadata = { user_id: user };

  // Structured output: output_config.format (or the legacy output_format it came as).
  const rf = request.responseFormat;
  if (rf?.type === 'json_schema') {
    const format = { type: 'json_schema', schema: rf.schema };
    if (ext[LEGACY_OUTPUT_FORMAT_KEY]) body.output_format = format;
    else outputConfig.format = format;
  }
  if (Object.keys(outputConfig).length > 0) body.output_config = outputConfig;
  if (request.stream !== undefined) body.stream = request.stream;

  mergeExtensions(body, ext);
  return { body, context };
}

interface MessageEnv {
  names: ToolNameMapper;
  ids: ToolIdMapper;
  opaque: OpaqueBlock[];
}

function encodeMessage(m: Message, env: MessageEnv): WireMsg {
  const content: Block[] = [];
  for (const part of m.content) {
    const b = encodePart(part, m.role, env);
    if (b) content.push(b);
  }
  let out = content;
  if (env.opaque.length > 0) {
    // Inner blocks (tool_reference…) go back into their tool_result.
    for (const o of env.opaque.filter((x) => x.inner !== undefined)) {
      const part = m.content[o.index];
      if (part?.type !== 'tool_result' || o.role !== m.role || part.content.length !== o.parts) continue;
      const wireId = env.ids.toWire(part.toolCallId);
      const target = out.find((b) => b.type === 'tool_result' && b.tool_use_id === wireId);
      if (!target) continue;
      const inner: Block[] =
        typeof target.content === 'string'
          ? [{ type: 'text', text: target.content }]
          : Array.isArray(target.content)
            ? [...(target.content as Block[])]
            : [];
      inner.splice(Math.min(o.inner as number, inner.length), 0, o.block);
      target.content = inner;
    }
    out = reinsertOpaque(out, env.opaque, m.role, m.content.length);
  }
  if (m.role === 'assistant') out = thinkingFirst(out);
  return { role: m.role, content: out };
}

function encodePart(part: ContentPart, role: Message['role'], env: MessageEnv): Block | undefined {
  switch (part.type) {
    case 'text':
      return encodeText(part);
    case 'image':
      return encodeImage(part);
    case 'document':
      return encodeDocument(part);
    case 'tool_call': {
      // A custom (freeform) call goes as the `{ input }` wrapper its tool was declared with.
      const block: Block = {
        type: 'tool_use',
        id: env.ids.toWire(part.id),
        name: env.names.toWire(part.name),
        input: part.kind === 'custom' ? wrapCustomInput(part.input) : part.arguments,
      };
      if (part.cacheControl) block.cache_control = { ...part.cacheControl };
      return block;
    }
    case 'tool_result':
      return encodeToolResult(part, env.ids.toWire(part.toolCallId));
    case 'reasoning':
      return role === 'assistant' ? encodeReasoning(part) : undefined;
  }
}

/**
 * Only Anthropic can check a thinking signature: replay signed Anthropic blocks (or signed blocks
 * of unknown origin) and redacted_thinking byte for byte; drop unsigned or foreign reasoning
 * (TH-10/14).
 */
function encodeReasoning(part: ReasoningPart): Block | undefined {
  if (part.origin !== undefined && part.origin !== 'anthropic') return undefined;
  if (part.redactedData !== undefined && part.redactedData !== '') return { type: 'redacted_thinking', data: part.redactedData };
  if (!part.signature) return undefined;
  return { type: 'thinking', thinking: part.text, signature: part.signature };
}

const isThinking = (b: Block) => b.type === 'thinking' || b.type === 'redacted_thinking';

/** An assistant turn with thinking must start with it; interleaved thinking keeps its order. */
function thinkingFirst(content: Block[]): Block[] {
  if (content.length === 0 || isThinking(content[0]) || !content.some(isThinking)) return content;
  return [...content.filter(isThinking), ...content.filter((b) => !isThinking(b))];
}

/** ALT-1/2: consecutive same-role turns become one; in a user turn tool_results come first. */
function mergeTurns(messages: WireMsg[]): WireMsg[] {
  const out: WireMsg[] = [];
  for (const m of messages) {
    const last = out[out.length - 1];
    if (last && last.role === m.role) last.content = [...last.content, ...m.content];
    else out.push({ role: m.role, content: [...m.content] });
  }
  for (const m of out) {
    if (m.role !== 'user') continue;
    const results = m.content.filter((b) => b.type === 'tool_result');
    if (results.length > 0) m.content = [...results, ...m.content.filter((b) => b.type !== 'tool_result')];
  }
  return out;
}

/** ALT-4: a final assistant (prefill) turn may not end with whitespace. */
function stripFinalAssistantWhitespace(messages: WireMsg[]): void {
  const last = messages[messages.length - 1];
  if (last?.role !== 'assistant') return;
  last.content = last.content
    .map((b) => (b.type === 'text' && typeof b.text === 'string' ? { ...b, text: b.text.trimEnd() } : b))
    .filter((b) => !(b.type === 'text' && b.text === ''));
}

/** The last turn answers tool calls whose assistant turn does not begin with a thinking block. */
function openToolLoopLacksThinking(messages: WireMsg[]): boolean {
  const last = messages[messages.length - 1];
  const prev = messages[messages.length - 2];
  if (!last || !prev || last.role !== 'user' || prev.role !== 'assistant') return false;
  if (!last.content.some((b) => b.type === 'tool_result') || !prev.content.some((b) => b.type === 'tool_use')) return false;
  const first = prev.content[0]?.type;
  return first !== 'thinking' && first !== 'redacted_thinking';
}

interface EncodedThinking {
  thinking?: Record<string, unknown> & { type: string; budget_tokens?: number };
  effort?: string;
}

function encodeThinking(request: ChatRequest, fromAnthropic: boolean, ext: Record<string, unknown>): EncodedThinking {
  const r = request.reasoning;
  if (!r) return {};
  const extThinking = (ext.thinking ?? {}) as Record<string, unknown>;
  const extras = (type: string) => (type === 'disabled' ? {} : Object.fromEntries(Object.entries(extThinking).filter(([k]) => k !== 'type' && k !== 'budget_tokens')));
  // output_config.effort accepts low…max; minimal folds into low.
  const effort = r.effort && r.effort !== 'none' ? (r.effort === 'minimal' ? 'low' : r.effort) : undefined;
  if (r.enabled === false) return { thinking: { type: 'disabled' }, ...(fromAnthropic && effort ? { effort } : {}) };
  if (r.effort === 'none' && r.budgetTokens === undefined && !r.adaptive) return {};
  if (r.adaptive) return { thinking: { type: 'adaptive', ...extras('adaptive') }, ...(effort ? { effort } : {}) };
  if (r.budgetTokens !== undefined) {
    const budget = Math.max(MIN_THINKING_BUDGET, Math.round(r.budgetTokens));
    return { thinking: { type: 'enabled', budget_tokens: budget, ...extras('enabled') }, ...(fromAnthropic && effort ? { effort } : {}) };
  }
  if (typeof extThinking.type === 'string' && r.enabled)
    // A mode with no canonical form (between_tools…), kept whole from an Anthropic caller.
    return { thinking: { ...(extThinking as { type: string }) }, ...(effort ? { effort } : {}) };
  // From an Anthropic caller, an effort without thinking is output_config.effort alone.
  if (fromAnthropic && r.enabled === undefined) return effort ? { effort } : {};
  const budget = r.effort ? budgetFromEffort(r.effort) : EFFORT_BUDGET.medium;
  if (budget === undefined) return {};
  return { thinking: { type: 'enabled', budget_tokens: Math.max(MIN_THINKING_BUDGET, budget) } };
}

/** Fields kept in extensions.anthropic go back in; canonical-derived fields win on conflict. */
function mergeExtensions(body: Record<string, unknown>, ext: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(ext)) {
    if (k.startsWith('_') || k === 'thinking' || v === undefined) continue;
    const cur = body[k];
    if (cur === undefined) body[k] = v;
    else if (isPlain(cur) && isPlain(v)) body[k] = { ...v, ...cur };
  }
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** MD-1: never send something that looks like an email or a phone number as user_id. */
function looksPersonal(user: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(user) || /^\+?[\d\s().-]{7,}$/.test(user);
}
