import { InvalidRequestError } from '../../core/errors.js';
import type {
  ChatRequest,
  ContentPart,
  Message,
  ReasoningConfig,
  ToolCallPart,
  ToolDefinition,
  ToolResultPart,
} from '../../core/types.js';
import { customToolSchema, wrapCustomInput } from '../shared/custom-tools.js';
import { budgetFromEffort } from '../shared/reasoning-effort.js';
import type { EncodedRequest, EncodeRequestOptions, WireContext } from '../../core/contracts/index.js';
import { newWireContext } from '../../core/contracts/index.js';
import { mediaToGemini } from './media.js';
import { GeminiToolNames } from './tool-names.js';
import { isObject, toGeminiParameters, toGeminiSchema } from './schema.js';
import { MINTED_CALL_ID_PREFIX, SKIP_THOUGHT_SIGNATURE } from './wire.js';
import { portableSystem } from '../shared/client-only-system.js';

/** A part of an encoded request (a plain JSON object in Gemini's shape). */
export type GeminiPartOut = Record<string, unknown>;

export interface GeminiContentOut {
  role: 'user' | 'model';
  parts: GeminiPartOut[];
}

/** The JSON body for `POST /v1beta/models/{model}:generateContent` (model and stream are in the URL). */
export interface GeminiRequestBody {
  contents: GeminiContentOut[];
  systemInstruction?: { parts: Array<{ text: string }> };
  tools?: Array<Record<string, unknown>>;
  toolConfig?: Record<string, unknown>;
  generationConfig?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Keys of `extensions.gemini` that are bookkeeping for a same-dialect round trip, never sent as-is. */
export const GEMINI_EXTENSION_INTERNAL_KEYS = new Set(['rawFunctionResponses', 'generationConfig', 'toolConfig']);

interface TurnPart {
  wire: GeminiPartOut;
  kind: 'call' | 'response' | 'other';
  callId?: string;
  /** For calls: whether the call came from another dialect (so Gemini never signed it). */
  foreign?: boolean;
  /** For responses: the tool result, to render as text if it turns out to be an orphan. */
  result?: ToolResultPart;
}

interface Turn {
  role: 'user' | 'model';
  parts: TurnPart[];
}

interface CallInfo {
  wireName: string;
  wireId?: string;
}

/**
 * Canonical request → Gemini `GenerateContentRequest`.
 *
 * - `system` → `systemInstruction`; `user`/`assistant` → `user`/`model`; consecutive turns of the
 *   same role are merged (ALT-1); empty text is never sent.
 * - Tool calls → `functionCall` parts. Their `thoughtSignature` is replayed only when it came
 *   from Gemini; a call from another dialect gets the documented `skip_thought_signature_validator`
 *   sentinel on the first call of its turn (Gemini 3 rejects unsigned calls; models named
 *   `gemini-1.x`/`gemini-2.x` do not validate and get nothing). A call `id` is sent only when
 *   Gemini minted it.
 * - Tool results → `functionResponse` parts, first in the user turn, in call order, named after
 *   the call they answer (Gemini needs the name), `response: {result}` or `{error}` when
 *   `isError`. Gemini requires one response per call right after the call's turn: a missing
 *   result gets a synthetic `{error}` response, and a result with no call becomes a text part.
 *   Images and documents inside a result follow as separate parts.
 * - Tools → one `functionDeclarations` tool; schemas are translated to Gemini's subset
 *   (see schema.ts); names go through the GEMINI name rule; custom tools are wrapped as
 *   `{input: string}` functions; hosted tools are kept only when they came from Gemini.
 * - Reasoning parts are replayed as `thought` parts only when they came from Gemini.
 * - `extensions.gemini` (safetySettings, cachedContent, labels, extra generationConfig/toolConfig
 *   fields) is merged last.
 */
export function encodeGeminiRequest(
  request: ChatRequest,
  options: EncodeRequestOptions = {},
): EncodedRequest<GeminiRequestBody> {
  const model = options.model ?? request.model;
  const context = newWireContext(model);
  const names = new GeminiToolNames(context);
  const ext = request.extensions?.gemini ?? {};

  // Tool declarations first, so their wire names are claimed before history uses them.
  const declarations: Array<Record<string, unknown>> = [];
  const hostedTools: Array<Record<string, unknown>> = [];
  for (const tool of request.tools ?? []) {
    if (tool.kind === 'hosted') {
      if (tool.origin === 'gemini' && tool.raw) hostedTools.push(tool.raw);
      continue;
    }
    declarations.push(encodeDeclaration(tool, names, context));
  }

  const calls = collectCalls(request.messages, names);
  const rawResponses = isObject(ext.rawFunctionResponses) ? ext.rawFunctionResponses : {};
  const turns: Turn[] = [];
  for (const message of request.messages) {
    const turn = encodeMessage(message, calls, names, context, rawResponses);
    if (turn.parts.length === 0) continue;
    const last = turns[turns.length - 1];
    if (last && last.role === turn.role) last.parts.push(...turn.parts);
    else turns.push(turn);
  }
  pairCallsAndResponses(turns, calls);
  if (signaturesRequired(model)) addSignatureSentinels(turns);
  if (turns.length === 0) throw new InvalidRequestError('messages: at least one non-empty message is required', 'messages');

  const body: GeminiRequestBody = {
    contents: turns.map((t) => ({ role: t.role, parts: t.parts.map((p) => p.wire) })),
  };
  const system = portableSystem(request.system).filter((p) => p.text !== '').map((p) => ({ text: p.text }));
  if (system.length > 0) body.systemInstruction = { parts: system };

  const tools: Array<Record<string, unknown>> = [];
  if (declarations.length > 0) tools.push({ functionDeclarations: declarations });
  tools.push(...hostedTools);
  if (tools.length > 0) body.tools = tools;

  let toolConfig = declarations.length > 0 ? encodeToolChoice(request.toolChoice, names) : undefined;
  if (isObject(ext.toolConfig)) toolConfig = mergeToolConfig(toolConfig, ext.toolConfig);
  if (toolConfig) body.toolConfig = toolConfig;

  const generationConfig = encodeGenerationConfig(request, isObject(ext.generationConfig) ? ext.generationConfig : undefined);
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;

  for (const [key, value] of Object.entries(ext)) {
    if (GEMINI_EXTENSION_INTERNAL_KEYS.has(key) || key === 'model' || key in body) continue;
    body[key] = value;
  }
  return { body, context };
}

function encodeDeclaration(tool: ToolDefinition, names: GeminiToolNames, context: WireContext): Record<string, unknown> {
  const name = names.toWire(tool.name);
  if (tool.kind === 'custom') {
    context.wrappedCustomTools.add(tool.name);
    const parameters = toGeminiParameters(customToolSchema(tool));
    return { name, ...(tool.description ? { description: tool.description } : {}), ...(parameters ? { parameters } : {}) };
  }
  // A declaration that came from a Gemini caller is already valid Gemini: send it unchanged.
  if (tool.origin === 'gemini' && tool.raw) return { ...tool.raw, name };
  const parameters = toGeminiParameters(tool.inputSchema);
  return { name, ...(tool.description ? { description: tool.description } : {}), ...(parameters ? { parameters } : {}) };
}

/** Wire name and id of every tool call in the history, so results can be named after their call. */
function collectCalls(messages: Message[], names: GeminiToolNames): Map<string, CallInfo> {
  const calls = new Map<string, CallInfo>();
  for (const m of messages) {
    if (m.role !== 'assistant') continue;
    for (const p of m.content) {
      if (p.type !== 'tool_call' || calls.has(p.id)) continue;
      calls.set(p.id, { wireName: names.toWire(p.name), wireId: geminiCallId(p) });
    }
  }
  return calls;
}

/** A call id goes back to Gemini only when Gemini minted it. */
function geminiCallId(p: ToolCallPart): string | undefined {
  return p.origin === 'gemini' && p.id && !p.id.startsWith(MINTED_CALL_ID_PREFIX) ? p.id : undefined;
}

function encodeMessage(
  message: Message,
  calls: Map<string, CallInfo>,
  names: GeminiToolNames,
  context: WireContext,
  rawResponses: Record<string, unknown>,
): Turn {
  const role = message.role === 'assistant' ? 'model' : 'user';
  const parts: TurnPart[] = [];
  for (const part of message.content as ContentPart[]) {
    switch (part.type) {
      case 'text':
        if (part.text !== '') parts.push({ wire: { text: part.text }, kind: 'other' });
        break;
      case 'image':
      case 'document': {
        const media = mediaToGemini(part);
        if (media) parts.push({ wire: media, kind: 'other' });
        break;
      }
      case 'tool_call': {
        if (role !== 'model') break;
        const info = calls.get(part.id);
        const args = part.kind === 'custom' || context.wrappedCustomTools.has(part.name) ? wrapCustomInput(part.input ?? (part.arguments.input as string | undefined)) : part.arguments;
        const functionCall: Record<string, unknown> = {
          ...(info?.wireId ? { id: info.wireId } : {}),
          name: info?.wireName ?? names.toWire(part.name),
          args,
        };
        const signed = part.origin === 'gemini' && !!part.signature;
        parts.push({
          wire: { functionCall, ...(signed ? { thoughtSignature: part.signature } : {}) },
          kind: 'call',
          callId: part.id,
          foreign: part.origin !== 'gemini',
        });
        break;
      }
      case 'tool_result': {
        if (role !== 'user') break;
        const info = calls.get(part.toolCallId);
        const name = info?.wireName ?? names.toWire(part.name ?? 'unknown_tool');
        const text = part.content
          .filter((c) => c.type === 'text')
          .map((c) => c.text)
          .join('\n');
        const raw = rawResponses[part.toolCallId];
        const response = !part.isError && isObject(raw) && JSON.stringify(raw) === text ? raw : part.isError ? { error: text } : { result: text };
        parts.push({
          wire: { functionResponse: { ...(info?.wireId ? { id: info.wireId } : {}), name, response } },
          kind: 'response',
          callId: part.toolCallId,
          result: part,
        });
        for (const c of part.content) {
          if (c.type === 'text') continue;
          const media = mediaToGemini(c);
          // Results' media go right after the response (Gemini 2.x has no media in functionResponse).
          if (media) parts.push({ wire: media, kind: 'other' });
        }
        break;
      }
      case 'reasoning': {
        if (role !== 'model' || part.origin !== 'gemini') break;
        if (part.text !== '') {
          parts.push({
            wire: { text: part.text, thought: true, ...(part.signature ? { thoughtSignature: part.signature } : {}) },
            kind: 'other',
          });
        } else if (part.signature) {
          // A signature Gemini put on a text part: give it back to that part.
          const prev = parts[parts.length - 1];
          if (prev && typeof prev.wire.text === 'string' && !prev.wire.thought && !prev.wire.thoughtSignature)
            prev.wire.thoughtSignature = part.signature;
          else parts.push({ wire: { text: '', thoughtSignature: part.signature }, kind: 'other' });
        }
        break;
      }
    }
  }
  return { role, parts };
}

const MISSING_RESULT = 'No result was provided for this tool call.';

/**
 * Enforce Gemini's pairing rules: the turn after a model turn with N function calls is a user
 * turn that starts with exactly N function responses, in call order. Missing results get a
 * synthetic error response; results that answer no call of the previous turn become text.
 */
function pairCallsAndResponses(turns: Turn[], calls: Map<string, CallInfo>): void {
  for (let t = 0; t < turns.length; t++) {
    const turn = turns[t]!;
    if (turn.role !== 'user') continue;
    const prev = turns[t - 1];
    const prevCalls = prev?.role === 'model' ? prev.parts.filter((p) => p.kind === 'call') : [];
    const responses = new Map<string, TurnPart>();
    const others: TurnPart[] = [];
    for (const p of turn.parts) {
      if (p.kind === 'response' && p.callId !== undefined && prevCalls.some((c) => c.callId === p.callId) && !responses.has(p.callId))
        responses.set(p.callId, p);
      else if (p.kind === 'response') others.push(orphanAsText(p));
      else others.push(p);
    }
    const ordered = prevCalls.map((c) => {
      const found = responses.get(c.callId!);
      if (found) return found;
      const info = calls.get(c.callId!);
      const fc = c.wire.functionCall as Record<string, unknown>;
      return {
        wire: { functionResponse: { ...(info?.wireId ? { id: info.wireId } : {}), name: fc.name, response: { error: MISSING_RESULT } } },
        kind: 'response' as const,
        callId: c.callId,
      };
    });
    turn.parts = [...ordered, ...others];
  }
  // A model turn with calls followed directly by another model turn: insert the missing responses.
  for (let t = 0; t < turns.length - 1; t++) {
    const turn = turns[t]!;
    if (turn.role !== 'model' || turns[t + 1]!.role !== 'model') continue;
    const pending = turn.parts.filter((p) => p.kind === 'call');
    if (pending.length === 0) continue;
    turns.splice(t + 1, 0, {
      role: 'user',
      parts: pending.map((c) => ({
        wire: { functionResponse: { name: (c.wire.functionCall as Record<string, unknown>).name, response: { error: MISSING_RESULT } } },
        kind: 'response' as const,
        callId: c.callId,
      })),
    });
  }
}

function orphanAsText(p: TurnPart): TurnPart {
  const fr = p.wire.functionResponse as { name: string; response: Record<string, unknown> };
  const body = typeof fr.response.result === 'string' ? fr.response.result : typeof fr.response.error === 'string' ? `Error: ${fr.response.error}` : JSON.stringify(fr.response);
  return { wire: { text: `[Result of tool ${fr.name} (call ${p.callId})]\n${body}` }, kind: 'other' };
}

/** Gemini 1.x/2.x do not validate signatures; newer models (Gemini 3+) reject unsigned calls. */
function signaturesRequired(model: string): boolean {
  return !/gemini-(1|2)([.-]|$)/i.test(model);
}

function addSignatureSentinels(turns: Turn[]): void {
  for (const turn of turns) {
    if (turn.role !== 'model') continue;
    const first = turn.parts.find((p) => p.kind === 'call');
    if (first?.foreign && !first.wire.thoughtSignature) first.wire.thoughtSignature = SKIP_THOUGHT_SIGNATURE;
  }
}

export function encodeToolChoice(choice: ChatRequest['toolChoice'], names: GeminiToolNames): Record<string, unknown> | undefined {
  if (choice === undefined) return undefined;
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [names.toWire(choice.name)] } };
}

function mergeToolConfig(base: Record<string, unknown> | undefined, ext: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(base ?? {}), ...ext };
  if (isObject(base?.functionCallingConfig) || isObject(ext.functionCallingConfig))
    out.functionCallingConfig = {
      ...(isObject(base?.functionCallingConfig) ? base.functionCallingConfig : {}),
      ...(isObject(ext.functionCallingConfig) ? ext.functionCallingConfig : {}),
    };
  return out;
}

/** `generationConfig` for a request; `ext` (extensions.gemini.generationConfig) wins key by key. */
export function encodeGenerationConfig(request: ChatRequest, ext: Record<string, unknown> | undefined): Record<string, unknown> {
  const g: Record<string, unknown> = {};
  // Gemini accepts at most 5 stop sequences; the rest are dropped.
  if (request.stop && request.stop.length > 0) g.stopSequences = request.stop.slice(0, 5);
  if (request.responseFormat && request.responseFormat.type !== 'text') {
    g.responseMimeType = 'application/json';
    if (request.responseFormat.type === 'json_schema') g.responseSchema = toGeminiSchema(request.responseFormat.schema);
  }
  if (request.maxTokens !== undefined) g.maxOutputTokens = Math.max(1, Math.round(request.maxTokens));
  if (request.temperature !== undefined) g.temperature = request.temperature;
  if (request.topP !== undefined) g.topP = request.topP;
  if (request.topK !== undefined) g.topK = request.topK;
  if (request.seed !== undefined) g.seed = request.seed;
  if (request.presencePenalty !== undefined) g.presencePenalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) g.frequencyPenalty = request.frequencyPenalty;
  const thinking = encodeThinking(request.reasoning);
  if (thinking) g.thinkingConfig = thinking;
  if (!ext) return g;

  // The caller's own thinkingConfig (e.g. a Gemini 3 thinkingLevel) replaces ours as a whole:
  // thinkingLevel and thinkingBudget are mutually exclusive, so merging could produce a 400.
  Object.assign(g, ext);
  if (g.responseJsonSchema !== undefined && ext.responseSchema === undefined) delete g.responseSchema;
  return g;
}

/**
 * Canonical reasoning → `thinkingConfig`: an explicit budget wins, else the effort's budget
 * (shared table, TH-1); adaptive → `-1` (dynamic); off → `0`. Thoughts are asked for
 * (`includeThoughts`) whenever reasoning is on, so callers get reasoning parts back.
 */
function encodeThinking(r: ReasoningConfig | undefined): Record<string, unknown> | undefined {
  if (!r) return undefined;
  if (r.enabled === false || r.effort === 'none') return { thinkingBudget: 0 };
  if (r.budgetTokens !== undefined) return { thinkingBudget: r.budgetTokens, includeThoughts: true };
  if (r.effort) return { thinkingBudget: budgetFromEffort(r.effort), includeThoughts: true };
  if (r.adaptive || r.enabled) return { thinkingBudget: -1, includeThoughts: true };
  return undefined;
}
