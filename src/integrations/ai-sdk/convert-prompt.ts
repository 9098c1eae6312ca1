/** AI SDK call options (LanguageModelV3) → a canonical request, with warnings for what cannot go. */
import type {
  LanguageModelV3CallOptions,
  LanguageModelV3DataContent,
  LanguageModelV3FilePart,
  LanguageModelV3ToolResultOutput,
  SharedV3Warning,
} from '@ai-sdk/provider';
import { InvalidRequestError } from '../../core/errors.js';
import type { ChatRequest, ContentPart, JsonSchema, Message, ReasoningEffort, TextPart, ToolResultContent } from '../../core/types.js';
import { cacheControlOf, reasoningReplay } from './provider-options.js';

/** `providerOptions.tokligence` keys the adapter understands. */
export interface TokligenceProviderOptions {
  reasoningEffort?: ReasoningEffort;
  /** End-user id (`metadata.user`). */
  user?: string;
  /** Experiment / cost-attribution tags (`metadata.tags`). */
  tags?: string[];
  parallelToolCalls?: boolean;
}

export function convertCallOptions(modelId: string, options: LanguageModelV3CallOptions): { request: ChatRequest; warnings: SharedV3Warning[] } {
  const warnings: SharedV3Warning[] = [];
  const system: TextPart[] = [];
  const messages: Message[] = [];
  const push = (role: Message['role'], content: ContentPart[]) => {
    if (content.length === 0) return;
    const last = messages[messages.length - 1];
    // AI SDK puts tool results in a `tool` message after the assistant turn; canonical keeps them in a user turn.
    if (last?.role === role) last.content.push(...content);
    else messages.push({ role, content });
  };

  options.prompt.forEach((m, i) => {
    const at = `prompt.${i}`;
    // A message-level cache marker applies to its last part, as @ai-sdk/anthropic reads it.
    const messageCache = cacheControlOf(m.providerOptions);
    const cached = <P extends ContentPart>(parts: P[]): P[] => {
      const last = parts[parts.length - 1];
      if (messageCache && last && !('cacheControl' in last && last.cacheControl)) (last as { cacheControl?: unknown }).cacheControl = messageCache;
      return parts;
    };
    switch (m.role) {
      case 'system':
        if (m.content) system.push(...cached([withCache<TextPart>({ type: 'text', text: m.content }, undefined)]));
        break;
      case 'user':
        push(
          'user',
          cached(
            m.content.flatMap((p, j): ContentPart[] =>
              p.type === 'text'
                ? p.text
                  ? [withCache<TextPart>({ type: 'text', text: p.text }, p.providerOptions)]
                  : []
                : [withCache(filePart(p, `${at}.content.${j}`), p.providerOptions)],
            ),
          ),
        );
        break;
      case 'assistant': {
        const parts: ContentPart[] = [];
        for (const p of m.content) {
          if (p.type === 'text') {
            if (p.text) parts.push(withCache<TextPart>({ type: 'text', text: p.text }, p.providerOptions));
          } else if (p.type === 'reasoning') {
            const replay = reasoningReplay(p.providerOptions);
            if (p.text || replay.redactedData) parts.push({ type: 'reasoning', text: p.text, ...replay });
          } else if (p.type === 'tool-call') {
            parts.push({ type: 'tool_call', id: p.toolCallId, name: p.toolName, arguments: toolInput(p.input) });
          } else if (p.type === 'tool-result') {
            // Provider-executed tool results have no place in another provider's history.
            warnings.push({ type: 'other', message: `${at}: provider-executed tool result for ${p.toolName} dropped` });
          } else if (p.type === 'file') {
            warnings.push({ type: 'unsupported', feature: 'assistant file parts' });
          }
        }
        push('assistant', cached(parts));
        break;
      }
      case 'tool': {
        const parts: ContentPart[] = [];
        for (const p of m.content) {
          if (p.type !== 'tool-result') continue; // approval responses are settled by the SDK
          parts.push(withCache({ type: 'tool_result', toolCallId: p.toolCallId, name: p.toolName, ...toolOutput(p.output) }, p.providerOptions));
        }
        push('user', cached(parts));
        break;
      }
    }
  });

  const request: ChatRequest = { model: modelId, messages };
  if (system.length) request.system = system;
  if (options.maxOutputTokens !== undefined) request.maxTokens = options.maxOutputTokens;
  if (options.temperature !== undefined) request.temperature = options.temperature;
  if (options.topP !== undefined) request.topP = options.topP;
  if (options.topK !== undefined) request.topK = options.topK;
  if (options.presencePenalty !== undefined) request.presencePenalty = options.presencePenalty;
  if (options.frequencyPenalty !== undefined) request.frequencyPenalty = options.frequencyPenalty;
  if (options.seed !== undefined) request.seed = options.seed;
  if (options.stopSequences?.length) request.stop = options.stopSequences;

  const rf = options.responseFormat;
  if (rf?.type === 'json')
    request.responseFormat = rf.schema
      ? { type: 'json_schema', name: rf.name, description: rf.description, schema: stripSchemaKey(rf.schema as JsonSchema) }
      : { type: 'json_object' };

  const tools = [];
  for (const t of options.tools ?? []) {
    if (t.type === 'function')
      tools.push({
        kind: 'function' as const,
        name: t.name,
        ...(t.description ? { description: t.description } : {}),
        inputSchema: stripSchemaKey(t.inputSchema as JsonSchema),
        ...(t.strict !== undefined ? { strict: t.strict } : {}),
        ...(cacheControlOf(t.providerOptions) ? { cacheControl: cacheControlOf(t.providerOptions) } : {}),
      });
    else warnings.push({ type: 'unsupported', feature: `provider-defined tool ${t.id}` });
  }
  if (tools.length) {
    request.tools = tools;
    const tc = options.toolChoice;
    if (tc) request.toolChoice = tc.type === 'tool' ? { name: tc.toolName } : tc.type;
  }

  const po = (options.providerOptions?.tokligence ?? {}) as TokligenceProviderOptions;
  if (po.reasoningEffort) request.reasoning = { effort: po.reasoningEffort };
  if (po.parallelToolCalls !== undefined && tools.length) request.parallelToolCalls = po.parallelToolCalls;
  if (po.user || po.tags) request.metadata = { ...(po.user ? { user: po.user } : {}), ...(po.tags ? { tags: po.tags } : {}) };
  return { request, warnings };
}

/** A part with the Anthropic cache marker its provider options carry, if any. */
function withCache<P extends ContentPart>(part: P, options: Parameters<typeof cacheControlOf>[0]): P {
  const cacheControl = cacheControlOf(options);
  return cacheControl ? { ...part, cacheControl } : part;
}

/** The SDK passes tool inputs parsed; older prompts may carry the JSON string. */
function toolInput(input: unknown): Record<string, unknown> {
  if (typeof input === 'string') {
    try {
      const parsed = JSON.parse(input);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : { input: parsed };
    } catch {
      return { input };
    }
  }
  return input && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : { input };
}

function toolOutput(output: LanguageModelV3ToolResultOutput): { content: ToolResultContent[]; isError?: boolean } {
  const text = (t: string): ToolResultContent[] => (t ? [{ type: 'text', text: t }] : []);
  switch (output.type) {
    case 'text':
      return { content: text(output.value) };
    case 'json':
      return { content: text(JSON.stringify(output.value)) };
    case 'error-text':
      return { content: text(output.value), isError: true };
    case 'error-json':
      return { content: text(JSON.stringify(output.value)), isError: true };
    case 'execution-denied':
      return { content: text(output.reason ?? 'Tool execution denied.'), isError: true };
    case 'content':
      return {
        content: output.value.flatMap((v): ToolResultContent[] => {
          if (v.type === 'text') return text(v.text);
          if (v.type === 'image-data' || (v.type === 'file-data' && v.mediaType.startsWith('image/')))
            return [{ type: 'image', source: { kind: 'base64', mediaType: v.mediaType, data: v.data } }];
          if (v.type === 'image-url') return [{ type: 'image', source: { kind: 'url', url: v.url } }];
          if (v.type === 'file-data') return [{ type: 'document', source: { kind: 'base64', mediaType: v.mediaType, data: v.data } }];
          return text(JSON.stringify(v));
        }),
      };
  }
}

function filePart(p: LanguageModelV3FilePart, at: string): ContentPart {
  const source = mediaSource(p.data, p.mediaType);
  if (p.mediaType.startsWith('image/')) return { type: 'image', source };
  if (p.mediaType === 'application/pdf' || p.mediaType.startsWith('text/'))
    return { type: 'document', source, ...(p.filename ? { filename: p.filename } : {}) };
  throw new InvalidRequestError(`${at}.mediaType: files of type ${p.mediaType} are not supported`, `${at}.mediaType`);
}

function mediaSource(data: LanguageModelV3DataContent, mediaType: string): { kind: 'url'; url: string } | { kind: 'base64'; mediaType: string; data: string } {
  if (data instanceof URL) return { kind: 'url', url: data.toString() };
  if (typeof data === 'string') {
    if (/^https?:\/\//.test(data)) return { kind: 'url', url: data };
    return { kind: 'base64', mediaType: mediaType === 'image/*' ? 'image/png' : mediaType, data };
  }
  return { kind: 'base64', mediaType: mediaType === 'image/*' ? 'image/png' : mediaType, data: Buffer.from(data).toString('base64') };
}

/** The SDK emits draft-07 schemas with `$schema`; providers do not need it and some reject it. */
function stripSchemaKey(schema: JsonSchema): JsonSchema {
  const { $schema: _drop, ...rest } = schema;
  return rest;
}
