import { createHash } from 'node:crypto';
import type { ChatRequest, ContentPart, Extensions, Message, ToolDefinition } from '../core/types.js';
import { sortKeysDeep } from './stable-json.js';

/**
 * Dialect extension fields that never change the answer (storage, billing, tracing, stream
 * framing), so they stay out of the key.
 */
const IGNORED_EXTENSIONS = new Set(['store', 'metadata', 'user', 'stream_options', 'prompt_cache_key', 'safety_identifier', 'service_tier']);

/** Bumped whenever the key's contents change, so old entries are simply never found again. */
const KEY_VERSION = 1;

/**
 * The fields of a request that decide its answer, in a fixed shape: model, system, messages,
 * tools, tool choice, sampling parameters, response format, reasoning and the dialect extensions
 * (minus the few above), plus the tenant. Left out on purpose: `stream` and `includeUsage` (a
 * cached answer replays either way), `metadata` (user, tags, session ids) and request ids.
 *
 * Key order: every part whose keys come from the caller (tool schemas and raw tools, tool-call
 * arguments, the response-format schema, reasoning, extensions) is key-sorted; the rest is built by
 * the dialect decoders in a fixed order. So the key ignores the order of keys in what the caller
 * sent, and the whole is serialised by the native JSON.stringify (the 20 KB request budget allows
 * no slower walk; see bench/cache.ts).
 */
export function cacheKeyMaterial(request: ChatRequest, tenant?: string): Record<string, unknown> {
  return {
    v: KEY_VERSION,
    tenant,
    model: request.model,
    system: request.system,
    messages: request.messages.map(normaliseMessage),
    tools: request.tools?.map(normaliseTool),
    toolChoice: request.toolChoice,
    parallelToolCalls: request.parallelToolCalls,
    maxTokens: request.maxTokens,
    temperature: request.temperature,
    topP: request.topP,
    topK: request.topK,
    stop: request.stop,
    seed: request.seed,
    presencePenalty: request.presencePenalty,
    frequencyPenalty: request.frequencyPenalty,
    responseFormat: sortKeysDeep(request.responseFormat),
    reasoning: sortKeysDeep(request.reasoning),
    extensions: keyedExtensions(request.extensions),
  };
}

/** Only messages with tool calls are copied (their arguments sorted); the rest are used as they are. */
function normaliseMessage(message: Message): Message {
  if (!message.content.some((p) => p.type === 'tool_call')) return message;
  return { ...message, content: message.content.map(normalisePart) };
}

function normalisePart(part: ContentPart): ContentPart {
  return part.type === 'tool_call' ? { ...part, arguments: sortKeysDeep(part.arguments) as Record<string, unknown> } : part;
}

function normaliseTool(tool: ToolDefinition): ToolDefinition {
  return sortKeysDeep(tool) as ToolDefinition;
}

function keyedExtensions(extensions: Extensions | undefined): unknown {
  if (!extensions) return undefined;
  const out: Record<string, Record<string, unknown>> = {};
  for (const [dialect, fields] of Object.entries(extensions)) {
    if (!fields) continue;
    const kept: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) if (!IGNORED_EXTENSIONS.has(name)) kept[name] = value;
    out[dialect] = kept;
  }
  return sortKeysDeep(out);
}

/** The cache key of a request: hex SHA-256 of its normalised form (see {@link cacheKeyMaterial}). */
export function cacheKey(request: ChatRequest, tenant?: string): string {
  return createHash('sha256').update(JSON.stringify(cacheKeyMaterial(request, tenant))).digest('hex');
}
