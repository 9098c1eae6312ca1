import { sealReasoning } from '../shared/reasoning-envelope.js';
import { newId } from '../../core/ids.js';
import type { ChatResponse, FinishReason, ReasoningPart, ToolCallPart, Usage } from '../../core/types.js';
import type { EncodeResponseOptions } from '../../core/contracts/index.js';
import { argumentsText } from './encode-request.js';
import { statusFromFinish } from './map-finish-reason.js';
import { splitNamespaced } from './tools.js';
import { usageToResponses } from './usage.js';
import type {
  CustomToolCallWire,
  FunctionCallWire,
  OutputItemWire,
  OutputMessageWire,
  ReasoningWire,
  ResponseObjectWire,
} from './wire.js';

/** A response id for the caller: the upstream's when it is already a Responses id. */
export function responseId(id: string | undefined): string {
  return id?.startsWith('resp_') ? id : newId('resp_');
}

/**
 * The refusal part a Responses caller gets when the upstream refused without words of its own
 * (Anthropic `stop_reason: refusal`): the API's own way to say so, instead of an empty answer.
 */
export const REFUSAL_TEXT = 'The model declined to answer this request.';

/** Whether a finish is an upstream refusal (a completed answer holding a refusal part). */
export function isRefusal(finish: FinishReason, raw?: string): boolean {
  return finish === 'content_filter' && raw === 'refusal';
}

/** A message output item holding only a refusal part. */
export function refusalItem(refusal = REFUSAL_TEXT): OutputMessageWire {
  return { type: 'message', id: newId('msg_'), status: 'completed', role: 'assistant', content: [{ type: 'refusal', refusal }] } as OutputMessageWire;
}

/** Status and `incomplete_details` for a finish; a refusal is a completed answer. */
export function finishStatus(finish: FinishReason, raw?: string): ReturnType<typeof statusFromFinish> {
  if (finish === 'content_filter' && raw === 'refusal') return { status: 'completed', incomplete_details: null };
  return statusFromFinish(finish);
}

/** The response envelope around output items (fields the SDK types require, neutral defaults). */
export function responseObject(fields: {
  id: string;
  model: string;
  createdAt: number;
  status: ResponseObjectWire['status'];
  output: OutputItemWire[];
  usage: Usage | null;
  incompleteDetails?: { reason: string } | null;
  error?: { code: string; message: string } | null;
  /** The caller's request body: its settings are echoed, as the API does. */
  request?: unknown;
}): ResponseObjectWire {
  const echo = echoed(fields.request);
  return {
    id: fields.id,
    object: 'response',
    created_at: fields.createdAt,
    status: fields.status,
    error: fields.error ?? null,
    incomplete_details: fields.incompleteDetails ?? null,
    instructions: null,
    max_output_tokens: null,
    model: fields.model,
    output: fields.output,
    parallel_tool_calls: true,
    previous_response_id: null,
    temperature: null,
    tool_choice: 'auto',
    tools: [],
    top_p: null,
    truncation: 'disabled',
    usage: fields.usage ? usageToResponses(fields.usage) : null,
    user: null,
    metadata: {},
    ...echo,
    reasoning: { effort: null, summary: null, ...echo.reasoning },
    text: { format: { type: 'text' }, ...echo.text },
    // Kept unless the caller said `store: false`: the API's default (see agent.remember_output_items).
    store: (fields.request as { store?: unknown } | undefined)?.store !== false,
  };
}

/** Request settings a Responses answer repeats back. */
const ECHOED = [
  'instructions',
  'max_output_tokens',
  'parallel_tool_calls',
  'previous_response_id',
  'reasoning',
  'temperature',
  'text',
  'tool_choice',
  'tools',
  'top_p',
  'truncation',
  'user',
  'metadata',
] as const;

/** The settings the caller sent (the decoder has already checked their types). */
function echoed(request: unknown): Partial<Pick<ResponseObjectWire, (typeof ECHOED)[number]>> {
  if (!request || typeof request !== 'object') return {};
  const body = request as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of ECHOED) if (body[key] !== undefined && body[key] !== null) out[key] = body[key];
  return out as Partial<Pick<ResponseObjectWire, (typeof ECHOED)[number]>>;
}

/** A function_call / custom_tool_call output item; namespaced names get `namespace` back. */
export function callItem(
  part: Pick<ToolCallPart, 'id' | 'name' | 'kind' | 'itemId' | 'origin'>,
  payload: string,
  status: 'in_progress' | 'completed',
): FunctionCallWire | CustomToolCallWire {
  if (part.kind === 'custom')
    return {
      type: 'custom_tool_call',
      id: part.itemId ?? newId('ctc_'),
      call_id: part.id,
      name: part.name,
      input: payload,
      status,
    };
  const { namespace, name } = splitNamespaced(part.name);
  const item: FunctionCallWire = {
    type: 'function_call',
    id: part.itemId ?? newId('fc_'),
    call_id: part.id,
    name,
    arguments: payload,
    status,
  };
  if (namespace) item.namespace = namespace;
  return item;
}

/** A reasoning output item; `encrypted_content` is the Responses API's own, or another provider's sealed signature. */
export function reasoningItem(parts: ReasoningPart[]): ReasoningWire {
  const first = parts[0];
  const own = first?.origin === 'responses';
  const item: ReasoningWire = {
    type: 'reasoning',
    id: own && first?.id ? first.id : newId('rs_'),
    summary: parts.filter((p) => p.summary !== false && p.text !== '').map((p) => ({ type: 'summary_text', text: p.text })),
  };
  const content = parts.filter((p) => p.summary === false && p.text !== '');
  if (own && content.length > 0) item.content = content.map((p) => ({ type: 'reasoning_text', text: p.text }));
  if (own) {
    const encrypted = [...parts].reverse().find((p) => p.encryptedContent !== undefined)?.encryptedContent;
    if (encrypted !== undefined) item.encrypted_content = encrypted;
  } else {
    // Another provider's signed thinking rides in encrypted_content, so the caller replays it.
    const sealed = sealReasoning(parts);
    if (sealed !== undefined) item.encrypted_content = sealed;
  }
  return item;
}

/**
 * Encode a canonical answer as a full Responses `response` object: output items in content order
 * (reasoning, message with `output_text`, function_call, custom_tool_call), each with an id;
 * `status` completed / incomplete (+`incomplete_details`) / failed; usage with cache included in
 * `input_tokens`. No `output_text` field: that is an SDK convenience getter, not wire.
 */
export function encodeResponse(response: ChatResponse, options: EncodeResponseOptions = {}): ResponseObjectWire {
  const output: OutputItemWire[] = [];
  let message: OutputMessageWire | undefined;
  let reasoning: ReasoningPart[] = [];
  const flushReasoning = () => {
    if (reasoning.length > 0) output.push(reasoningItem(reasoning));
    reasoning = [];
  };
  for (const part of response.content) {
    if (part.type !== 'reasoning') flushReasoning();
    if (part.type !== 'text') message = undefined;
    if (part.type === 'text') {
      if (part.text === '') continue;
      if (!message) {
        message = { type: 'message', id: newId('msg_'), status: 'completed', role: 'assistant', content: [] };
        output.push(message);
      }
      message.content.push({ type: 'output_text', text: part.text, annotations: part.citations ?? [] });
    } else if (part.type === 'reasoning') {
      const sameItem = reasoning.length > 0 && part.origin === 'responses' && part.id && reasoning[0]?.id === part.id;
      if (!sameItem) flushReasoning();
      if (part.origin !== 'responses' && part.text === '') continue;
      reasoning.push(part);
    } else if (part.type === 'tool_call') {
      const payload = part.kind === 'custom' ? (part.input ?? '') : argumentsText(part.arguments) || '{}';
      output.push(callItem(part, payload, 'completed'));
    }
  }
  flushReasoning();
  // An upstream refusal is said as one (README, drops): the text, if any, stays before it.
  if (isRefusal(response.finishReason, response.rawFinishReason) && !output.some(isRefusalMessage)) output.push(refusalItem());
  const { status, incomplete_details } = finishStatus(response.finishReason, response.rawFinishReason);
  return responseObject({
    id: responseId(response.id),
    model: options.model ?? response.model,
    createdAt: response.created ?? Math.floor(Date.now() / 1000),
    status,
    output,
    usage: response.usage,
    incompleteDetails: incomplete_details,
    error: status === 'failed' ? { code: 'server_error', message: 'The response failed' } : null,
    request: options.requestBody,
  });
}

function isRefusalMessage(item: OutputItemWire): boolean {
  return item.type === 'message' && (item as OutputMessageWire).content.some((c) => (c as { type: string }).type === 'refusal');
}
