import { newId } from '../../core/ids.js';
import type {
  ChatRequest,
  ContentPart,
  Message,
  ReasoningConfig,
  ReasoningEffort,
  ResponseFormat,
  TextPart,
  ToolChoice,
  ToolDefinition,
  ToolResultPart,
} from '../../core/types.js';
import { effortFromBudget } from '../shared/reasoning-effort.js';
import { parseOrThrow } from '../shared/zod-error.js';
import { newWireContext } from '../../core/contracts/index.js';
import { encodeGenerationConfig, encodeToolChoice } from './encode-request.js';
import { mediaFromGemini } from './media.js';
import { GeminiToolNames } from './tool-names.js';
import { fromGeminiSchema, isObject } from './schema.js';
import { MINTED_CALL_ID_PREFIX, type WireContent, type WireGenerationConfig, type WirePart, type WireRequest, wireRequest } from './wire.js';

const KNOWN_TOP_LEVEL = new Set(['model', 'contents', 'systemInstruction', 'tools', 'toolConfig', 'generationConfig']);

/**
 * Validate and decode a Gemini-shaped caller's `GenerateContentRequest`. Bad input is a 400
 * naming the field (`contents.1.parts.0: …`). The model normally comes from the URL; a `model`
 * in the body (with or without `models/`) is accepted. Everything the canonical model cannot
 * hold — safetySettings, cachedContent, labels, extra generationConfig/toolConfig fields, the
 * exact thinkingConfig, function responses that are not `{result}`/`{error}` — is kept in
 * `extensions.gemini`, so decode → encode gives the same body back.
 */
export function decodeGeminiRequest(body: unknown): ChatRequest {
  const req = parseOrThrow(wireRequest, body);
  const ext: Record<string, unknown> = {};
  const rawFunctionResponses: Record<string, unknown> = {};

  const request: ChatRequest = {
    model: (req.model ?? '').replace(/^models\//, ''),
    messages: decodeContents(req.contents, rawFunctionResponses),
  };
  if (Object.keys(rawFunctionResponses).length > 0) ext.rawFunctionResponses = rawFunctionResponses;

  const system = decodeSystem(req.systemInstruction);
  if (system.length > 0) request.system = system;

  const tools = decodeTools(req.tools);
  if (tools.length > 0) request.tools = tools;

  if (req.toolConfig) {
    const choice = decodeToolChoice(req.toolConfig);
    if (choice) request.toolChoice = choice;
    // Keep the original when our encoding of the canonical choice would not give it back.
    const hasDeclarations = tools.some((t) => t.kind === 'function');
    const reencoded = hasDeclarations ? encodeToolChoice(choice, new GeminiToolNames(newWireContext())) : undefined;
    if (JSON.stringify(reencoded) !== JSON.stringify(req.toolConfig)) ext.toolConfig = req.toolConfig;
  }

  if (req.generationConfig) {
    Object.assign(request, decodeGenerationConfig(req.generationConfig));
    const reencoded = encodeGenerationConfig(request, undefined);
    const extra: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(req.generationConfig))
      if (JSON.stringify(reencoded[key]) !== JSON.stringify(value)) extra[key] = value;
    if (Object.keys(extra).length > 0) ext.generationConfig = extra;
  }

  for (const [key, value] of Object.entries(req)) if (!KNOWN_TOP_LEVEL.has(key) && value !== undefined) ext[key] = value;
  if (Object.keys(ext).length > 0) request.extensions = { gemini: ext };
  return request;
}

function decodeSystem(system: WireRequest['systemInstruction']): TextPart[] {
  if (system === undefined) return [];
  if (typeof system === 'string') return system ? [{ type: 'text', text: system }] : [];
  return system.parts.filter((p) => p.text !== '').map((p) => ({ type: 'text', text: p.text }));
}

interface PendingCall {
  id: string;
  name: string;
  answered: boolean;
}

function decodeContents(contents: WireContent[], rawFunctionResponses: Record<string, unknown>): Message[] {
  const messages: Message[] = [];
  let pending: PendingCall[] = [];
  contents.forEach((content, i) => {
    const role = content.role === 'model' ? 'assistant' : 'user';
    const parts: ContentPart[] = [];
    const calls: PendingCall[] = [];
    content.parts.forEach((part, j) => {
      if (part.functionCall) {
        const fc = part.functionCall;
        const id = fc.id ?? newId(`${MINTED_CALL_ID_PREFIX}_`);
        calls.push({ id, name: fc.name, answered: false });
        parts.push({
          type: 'tool_call',
          id,
          name: fc.name,
          arguments: fc.args ?? {},
          origin: 'gemini',
          ...(part.thoughtSignature ? { signature: part.thoughtSignature } : {}),
        });
      } else if (part.functionResponse) {
        parts.push(decodeFunctionResponse(part.functionResponse, pending, rawFunctionResponses));
      } else {
        parts.push(...decodeDataPart(part, `contents.${i}.parts.${j}`));
      }
    });
    if (role === 'assistant') pending = calls;
    messages.push({ role, content: parts });
  });
  return messages;
}

/** Text, thought, and media parts. A signature on a text part rides on a signature-only reasoning part after it. */
export function decodeDataPart(
  part: Pick<WirePart, 'text' | 'thought' | 'thoughtSignature' | 'inlineData' | 'fileData'>,
  path?: string,
): ContentPart[] {
  const out: ContentPart[] = [];
  if (part.text !== undefined) {
    if (part.thought) {
      out.push({ type: 'reasoning', text: part.text, origin: 'gemini', ...(part.thoughtSignature ? { signature: part.thoughtSignature } : {}) });
      return out;
    }
    if (part.text !== '') out.push({ type: 'text', text: part.text });
  } else {
    const media = mediaFromGemini(part, path);
    if (media) out.push(media);
  }
  if (part.thoughtSignature) out.push({ type: 'reasoning', text: '', signature: part.thoughtSignature, origin: 'gemini' });
  return out;
}

function decodeFunctionResponse(
  fr: NonNullable<WirePart['functionResponse']>,
  pending: PendingCall[],
  rawFunctionResponses: Record<string, unknown>,
): ToolResultPart {
  // Pair by id when Gemini gave one, else with the first unanswered call of that name.
  const call =
    (fr.id !== undefined ? pending.find((c) => c.id === fr.id) : undefined) ?? pending.find((c) => !c.answered && c.name === fr.name);
  if (call) call.answered = true;
  const toolCallId = call?.id ?? fr.id ?? newId(`${MINTED_CALL_ID_PREFIX}_`);
  const keys = Object.keys(fr.response);
  const only = keys.length === 1 ? keys[0] : undefined;
  let text: string;
  let isError = false;
  if (only === 'result' && typeof fr.response.result === 'string') text = fr.response.result;
  else if (only === 'error' && typeof fr.response.error === 'string') {
    text = fr.response.error;
    isError = true;
  } else {
    text = JSON.stringify(fr.response);
    rawFunctionResponses[toolCallId] = fr.response;
  }
  return {
    type: 'tool_result',
    toolCallId,
    name: fr.name,
    content: [{ type: 'text', text }],
    ...(isError ? { isError: true } : {}),
  };
}

function decodeTools(tools: WireRequest['tools']): ToolDefinition[] {
  const out: ToolDefinition[] = [];
  for (const tool of tools ?? []) {
    for (const decl of tool.functionDeclarations ?? []) {
      const inputSchema = isObject(decl.parametersJsonSchema)
        ? decl.parametersJsonSchema
        : decl.parameters
          ? fromGeminiSchema(decl.parameters)
          : { type: 'object', properties: {} };
      out.push({
        kind: 'function',
        name: decl.name,
        ...(decl.description !== undefined ? { description: decl.description } : {}),
        inputSchema,
        raw: decl,
        origin: 'gemini',
      });
    }
    // Hosted tools (googleSearch, codeExecution, urlContext…): only Gemini can run them.
    for (const [key, value] of Object.entries(tool)) {
      if (key === 'functionDeclarations') continue;
      out.push({ kind: 'hosted', name: key, inputSchema: {}, raw: { [key]: value }, origin: 'gemini' });
    }
  }
  return out;
}

function decodeToolChoice(config: NonNullable<WireRequest['toolConfig']>): ToolChoice | undefined {
  const fcc = config.functionCallingConfig;
  switch (fcc?.mode) {
    case 'AUTO':
    case 'VALIDATED':
      return 'auto';
    case 'NONE':
      return 'none';
    case 'ANY':
      return fcc.allowedFunctionNames?.length === 1 ? { name: fcc.allowedFunctionNames[0]! } : 'required';
    default:
      return undefined;
  }
}

function decodeGenerationConfig(g: WireGenerationConfig): Partial<ChatRequest> {
  const out: Partial<ChatRequest> = {};
  if (g.stopSequences && g.stopSequences.length > 0) out.stop = g.stopSequences;
  if (g.maxOutputTokens !== undefined) out.maxTokens = g.maxOutputTokens;
  if (g.temperature !== undefined) out.temperature = g.temperature;
  if (g.topP !== undefined) out.topP = g.topP;
  if (g.topK !== undefined) out.topK = g.topK;
  if (g.seed !== undefined) out.seed = g.seed;
  if (g.presencePenalty !== undefined) out.presencePenalty = g.presencePenalty;
  if (g.frequencyPenalty !== undefined) out.frequencyPenalty = g.frequencyPenalty;
  const format = decodeResponseFormat(g);
  if (format) out.responseFormat = format;
  const reasoning = decodeThinking(g.thinkingConfig);
  if (reasoning) out.reasoning = reasoning;
  return out;
}

function decodeResponseFormat(g: WireGenerationConfig): ResponseFormat | undefined {
  if (g.responseMimeType !== 'application/json') return undefined;
  if (isObject(g.responseJsonSchema)) return { type: 'json_schema', schema: g.responseJsonSchema };
  if (g.responseSchema) return { type: 'json_schema', schema: fromGeminiSchema(g.responseSchema) };
  return { type: 'json_object' };
}

const LEVELS: Record<string, ReasoningEffort> = { minimal: 'minimal', low: 'low', medium: 'medium', high: 'high' };

/** `thinkingConfig` → canonical: budget 0 = off, −1 = dynamic (adaptive), n = budget (+ its effort bucket, TH-4). */
function decodeThinking(t: WireGenerationConfig['thinkingConfig']): ReasoningConfig | undefined {
  if (!t) return undefined;
  if (t.thinkingBudget === 0) return { enabled: false };
  if (t.thinkingBudget !== undefined && t.thinkingBudget > 0)
    return { enabled: true, budgetTokens: t.thinkingBudget, effort: effortFromBudget(t.thinkingBudget) };
  const level = t.thinkingLevel ? LEVELS[t.thinkingLevel.toLowerCase()] : undefined;
  if (level) return { enabled: true, effort: level };
  if (t.thinkingBudget === -1 || t.includeThoughts) return { enabled: true, adaptive: true };
  return undefined;
}
