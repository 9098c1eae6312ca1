import { TokligenceError } from '../../core/errors.js';
import type { ChatResponse, ContentPart, TextPart, ToolCallPart } from '../../core/types.js';
import { unwrapCustomCall } from '../shared/custom-tools.js';
import { parseUpstreamArguments } from '../shared/tool-arguments.js';
import { fromWireName } from '../shared/tool-names.js';
import { noteSkipped, type WireContext } from '../../core/contracts/index.js';
import { reasoningParts } from './decode-request.js';
import { finishFromStatus } from './map-finish-reason.js';
import { CLIENT_ACTION_ITEMS, callName } from './tools.js';
import { usageFromResponses } from './usage.js';
import { OPAQUE_ITEM_TYPES, responseObjectSchema } from './wire.js';

/** One output item → canonical parts (empty for items the canonical model has no part for). */
export function partsFromOutputItem(item: Record<string, unknown>, context?: WireContext): ContentPart[] {
  switch (item.type) {
    case 'message': {
      const parts: ContentPart[] = [];
      for (const c of (item.content as Array<Record<string, unknown>> | undefined) ?? []) {
        const text = c.type === 'output_text' ? c.text : c.type === 'refusal' ? c.refusal : undefined;
        if (typeof text !== 'string' || text === '') continue;
        const part: TextPart = { type: 'text', text };
        if (Array.isArray(c.annotations) && c.annotations.length > 0) part.citations = c.annotations;
        parts.push(part);
      }
      return parts;
    }
    case 'function_call': {
      const name = callName(item.namespace as string | undefined, String(item.name ?? ''), context);
      const call: ToolCallPart = {
        type: 'tool_call',
        id: String(item.call_id ?? item.id ?? ''),
        name,
        arguments: parseUpstreamArguments(item.arguments as string | undefined),
        kind: 'function',
        origin: 'responses',
      };
      if (typeof item.id === 'string') call.itemId = item.id;
      return [unwrapCustomCall(call, context)];
    }
    case 'custom_tool_call': {
      const call: ToolCallPart = {
        type: 'tool_call',
        id: String(item.call_id ?? item.id ?? ''),
        name: fromWireName(String(item.name ?? ''), context),
        arguments: {},
        kind: 'custom',
        input: typeof item.input === 'string' ? item.input : '',
        origin: 'responses',
      };
      if (typeof item.id === 'string') call.itemId = item.id;
      return [call];
    }
    case 'reasoning':
      return reasoningParts({
        id: item.id as string | undefined,
        summary: item.summary as Array<{ text: string }> | undefined,
        content: item.content as Array<{ type: string; text: string }> | undefined,
        encrypted_content: item.encrypted_content as string | undefined,
      });
    default:
      // Hosted tool calls the API ran itself (web_search_call, …) have no canonical part. Items
      // that ask the client to act (apply_patch_call, …) or that we have never seen are dropped
      // too, and counted: only a Responses caller could have asked for them (README, drops).
      if (CLIENT_ACTION_ITEMS.has(String(item.type)) || !OPAQUE_ITEM_TYPES.has(String(item.type))) noteSkipped(context, `item:${String(item.type)}`);
      return [];
  }
}

/** Whether a message output item holds a refusal. */
export function hasRefusal(item: Record<string, unknown>): boolean {
  return item.type === 'message' && ((item.content as Array<{ type?: string }> | undefined) ?? []).some((c) => c.type === 'refusal');
}

/**
 * Decode a Responses API response object. Items keep their order; a completed response holding a
 * tool call finishes with `tool_calls`; `incomplete` maps through `incomplete_details.reason`.
 */
export function decodeResponse(body: unknown, context?: WireContext): ChatResponse {
  const parsed = responseObjectSchema.safeParse(body);
  if (!parsed.success) throw new TokligenceError('api_error', 'Responses API answer is not a response object', { status: 502 });
  const r = parsed.data;
  const items = (r.output ?? []) as Array<Record<string, unknown>>;
  const content = items.flatMap((item) => partsFromOutputItem(item, context));
  const hasCall = content.some((p) => p.type === 'tool_call');
  const refusal = items.some(hasRefusal);
  const response: ChatResponse = {
    id: r.id ?? '',
    model: r.model ?? context?.model ?? '',
    content,
    finishReason: finishFromStatus(r.status, r.incomplete_details?.reason, hasCall, refusal),
    usage: usageFromResponses(r.usage),
  };
  const raw = r.status === 'incomplete' ? r.incomplete_details?.reason : refusal ? 'refusal' : r.status;
  if (raw) response.rawFinishReason = raw;
  if (typeof r.created_at === 'number') response.created = r.created_at;
  return response;
}
