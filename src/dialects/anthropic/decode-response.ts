/**
 * Anthropic Messages answer → canonical ChatResponse.
 */
import { TokligenceError } from '../../core/errors.js';
import type { ChatResponse, ContentPart } from '../../core/types.js';
import { unwrapCustomCalls } from '../shared/custom-tools.js';
import { fromWireName } from '../shared/tool-names.js';
import { noteSkipped, type WireContext } from '../../core/contracts/index.js';
import { decodeBlocks, KNOWN_OPAQUE_BLOCK, ranToolIds } from './decode-content.js';
import type { OpaqueBlock } from './opaque-blocks.js';
import { mapStopReason } from './map-finish-reason.js';
import { decodeUsage } from './usage.js';
import { OPAQUE_KEY, type WireBlock, wireResponse } from './wire.js';

/**
 * Decode an upstream answer. Block order is kept; empty text blocks are dropped (TU-8); tool names
 * are mapped back to the caller's, wrapped custom calls unwrapped. Server-tool blocks have no
 * canonical form and are kept in `extensions.anthropic._opaqueBlocks` for an Anthropic caller.
 */
export function decodeResponse(body: unknown, context?: WireContext): ChatResponse {
  const parsed = wireResponse.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TokligenceError(
      'api_error',
      `Anthropic upstream answered with an unreadable message (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
      { status: 502 },
    );
  }
  const wire = parsed.data;
  let decoded: ReturnType<typeof decodeBlocks>;
  try {
    decoded = decodeBlocks(wire.content as WireBlock[], 'content', (name) => fromWireName(name, context));
  } catch (err) {
    throw new TokligenceError('api_error', `Anthropic upstream answered with an invalid block: ${(err as Error).message}`, {
      status: 502,
      cause: err,
    });
  }
  const content: ContentPart[] = [];
  // A call whose result is in the same answer (programmatic tool calling) already ran: not pending.
  const ran = ranToolIds(wire.content as WireBlock[]);
  // Drop empty text blocks but keep the opaque positions pointing at the wire order.
  for (const p of decoded.parts) {
    if (p.type === 'text' && p.text === '') continue;
    if ((p.type === 'tool_call' && ran.has(p.id)) || (p.type === 'tool_result' && ran.has(p.toolCallId))) continue;
    content.push(p);
  }
  const response: ChatResponse = {
    id: wire.id,
    model: wire.model ?? context?.model ?? '',
    content: unwrapCustomCalls(content, context),
    finishReason: mapStopReason(wire.stop_reason),
    usage: decodeUsage(wire.usage),
  };
  if (wire.stop_reason) response.rawFinishReason = wire.stop_reason;
  if (wire.stop_sequence) response.stopSequence = wire.stop_sequence;
  // Block types we have never seen are kept for an Anthropic caller and counted (README, drops).
  for (const o of decoded.opaque) if (!KNOWN_OPAQUE_BLOCK.test(String(o.block.type))) noteSkipped(context, `part:${String(o.block.type)}`);
  if (decoded.opaque.length > 0) {
    const opaque: OpaqueBlock[] = decoded.opaque.map((o) => ({
      message: 0,
      index: o.index,
      ...(o.inner !== undefined ? { inner: o.inner } : {}),
      role: 'assistant',
      parts: o.inner !== undefined ? (o.innerParts ?? 0) : content.length,
      block: o.block,
    }));
    response.extensions = { anthropic: { [OPAQUE_KEY]: opaque } };
  }
  return response;
}
