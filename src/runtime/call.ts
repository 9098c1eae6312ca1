import { mapAsync } from '../core/async.js';
import { readWholeEvents } from '../core/sse.js';
import { collectStream } from '../core/stream.js';
import type { ChatEvent, ChatRequest, DialectName } from '../core/types.js';
import { codecFor } from '../dialects/index.js';
import { rememberAnswerItems, rememberStreamItems } from '../pipeline/item-references.js';
import { callerBytes } from '../providers/passthrough.js';
import { countRequestTokens } from '../tokens/count.js';
import { estimateRequestTokens } from '../tokens/estimate.js';
import type { CallOptions, RequestOptions } from './options.js';
import type { CanonicalResult, DialectResult, SseDialectResult } from './result.js';
import { runPipeline } from './run.js';
import type { Runtime } from './runtime.js';

/**
 * One call given in a dialect, answered in the same dialect: decode → pipeline → encode, or the
 * upstream's own answer when it was passed through (see providers/passthrough).
 */
export async function callInDialect(rt: Runtime, dialect: DialectName, body: unknown, options: CallOptions = {}): Promise<DialectResult | SseDialectResult> {
  const codec = codecFor(dialect);
  const request = codec.decodeRequest(body);
  if (options.fromUrl) {
    request.model = options.fromUrl.model.replace(/^models\//, '');
    request.stream = options.fromUrl.stream;
  }
  const { result, meta, sent } = await runPipeline(rt, { request, dialect, rawBody: body as Record<string, unknown> }, options);
  // A Responses answer we encode has its items remembered for later `item_reference`s.
  const items = dialect === 'responses' ? rt.services.items : undefined;
  const remembered = async (answer: unknown) => {
    if (items) await rememberAnswerItems(items, sent, answer, options.identity?.tenant);
    return answer;
  };
  const encodeOptions = { model: request.model, includeUsage: request.includeUsage, requestBody: body };
  if (result.type === 'response') {
    if (result.raw?.dialect === dialect) return { type: 'json', body: result.raw.body, text: result.raw.text, ...meta };
    return { type: 'json', body: await remembered(codec.encodeResponse(result.response, encodeOptions)), ...meta };
  }
  const throwing = options.streamErrors === 'throw';
  if (!request.stream) {
    // A provider may stream even when the caller did not ask to; gather it.
    return { type: 'json', body: await remembered(codec.encodeResponse(await collectStream(result.events), encodeOptions)), ...meta };
  }
  if (result.raw?.dialect === dialect) {
    const bytes = callerBytes(result.raw.bytes, result.events, codec, throwing ? 'throw' : 'frame');
    if (options.sseBytes) return { type: 'sse', chunks: bytes, ...meta };
    // Whole events per chunk, each parsed once (the decoder's copy read the same chunks): the
    // messages are wire events as they are.
    return { type: 'stream', events: readWholeEvents(bytes), ...meta };
  }
  const events = throwing ? throwOnError(result.events) : result.events;
  // Only a stream we encode for an Anthropic caller shows it (message_start's context meter), and
  // only when the upstream's first event has no count; a passed-through one has its own. The
  // request as it went upstream (guardrails and history included) is what the upstream counts.
  const countInputTokens = dialect === 'anthropic' ? () => countRequestTokens(sent).catch(() => estimateRequestTokens(sent)) : undefined;
  // A consumer writing SSE text (the server) takes the frames' JSON text where a template made it.
  const encoded = codec.encodeStream(events, { ...encodeOptions, countInputTokens, serialized: options.sseBytes });
  return { type: 'stream', events: items ? rememberStreamItems(items, sent, encoded, options.identity?.tenant) : encoded, ...meta };
}

/**
 * One canonical call: the request as the canonical model has it, the answer likewise, nothing lost
 * to a wire format in between (Anthropic `cache_control`, thinking signatures, `topK`). What the
 * framework adapters use. A stream's error events are thrown.
 */
export async function runCanonical(rt: Runtime, request: ChatRequest, options: RequestOptions = {}): Promise<CanonicalResult> {
  const { result, meta } = await runPipeline(rt, { request }, options);
  if (result.type === 'response') return { type: 'response', response: result.response, ...meta };
  if (!request.stream) return { type: 'response', response: await collectStream(result.events), ...meta };
  return { type: 'stream', events: throwOnError(result.events), ...meta };
}

function throwOnError(events: AsyncIterable<ChatEvent>): AsyncIterable<ChatEvent> {
  return mapAsync(events, (ev) => {
    if (ev.type === 'error') throw ev.error;
    return ev;
  });
}
