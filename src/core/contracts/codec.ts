import type { HeaderReader, TokligenceError } from '../errors.js';
import type { SseMessage } from '../sse.js';
import type { ChatEvent, ChatRequest, ChatResponse, DialectName } from '../types.js';
import type { StreamCoder } from './batched.js';
import type { WireContext } from './wire-context.js';
import type { WireEvent } from './wire-event.js';

export interface EncodedRequest<Body = Record<string, unknown>> {
  body: Body;
  context: WireContext;
}

export interface EncodeRequestOptions {
  /** Upstream model id to put in the body (defaults to `request.model`). */
  model?: string;
  /** Default `max_tokens` for dialects that require one (Anthropic). */
  defaultMaxTokens?: number;
}

export interface EncodeResponseOptions {
  /** Model name to echo to the caller (the alias it asked for). */
  model?: string;
  /** OpenAI `stream_options.include_usage`: emit the final usage chunk. */
  includeUsage?: boolean;
  /** Estimated input tokens for the first stream event (Anthropic `message_start`). */
  estimatedInputTokens?: number;
  /**
   * Our count of the request's input tokens (the local tokenizer), asked only when the upstream's
   * first stream event carries none: Anthropic's `message_start` then shows it instead of the
   * estimate.
   */
  countInputTokens?: () => Promise<number>;
  /** The request as the caller sent it, for the fields a dialect echoes in its answer (Responses: instructions, tools, store…). */
  requestBody?: unknown;
  /**
   * The stream is written out as SSE text: frames the encoder makes from a template (text deltas)
   * also carry their JSON text (`WireEvent.json`), so the writer does not serialise them again.
   */
  serialized?: boolean;
}

export interface EncodedError {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** The six functions every dialect exports, plus error codecs. Nothing stateful beyond a stream. */
export interface DialectCodec<Req = unknown, Res = unknown> {
  readonly name: DialectName;
  /** Validate and decode a caller's request; throws InvalidRequestError naming the field. */
  decodeRequest(body: unknown): ChatRequest;
  /** Encode a canonical request for an upstream of this dialect. */
  encodeRequest(request: ChatRequest, options?: EncodeRequestOptions): EncodedRequest<Req & Record<string, unknown>>;
  /** Decode an upstream's non-stream answer. */
  decodeResponse(body: unknown, context?: WireContext): ChatResponse;
  /** Encode a canonical answer for a caller of this dialect. */
  encodeResponse(response: ChatResponse, options?: EncodeResponseOptions): Res;
  /** Decode an upstream's SSE stream (batched: see contracts/batched). */
  decodeStream(messages: AsyncIterable<SseMessage>, context?: WireContext): AsyncIterable<ChatEvent>;
  /** The same decoder one message at a time, for stream paths that drive it themselves (skimming). */
  streamDecoder(context?: WireContext): StreamCoder<SseMessage, ChatEvent>;
  /**
   * Whether an upstream SSE message is certainly nothing but a content delta (text, reasoning or
   * tool-argument fragment): no start, part boundary, finish, usage or error. A cheap look at the
   * event name and text, no JSON parse; false when unsure. Lets a skimmed pass-through stream
   * (`CallContext.skimStreams`) skip decoding deltas nobody reads. Absent: every message decodes.
   */
  isContentDelta?(message: SseMessage): boolean;
  /** Encode canonical events as this dialect's stream events, in a valid order (batched). */
  encodeStream(events: AsyncIterable<ChatEvent>, options?: EncodeResponseOptions): AsyncIterable<WireEvent>;
  /** The same encoder one event at a time. */
  streamEncoder(options?: EncodeResponseOptions): StreamCoder<ChatEvent, WireEvent>;
  /**
   * The frame that ends a failed stream in this dialect (Anthropic `event: error`, an OpenAI chat
   * `{"error":…}` chunk, a Responses `error` event, a Gemini `{"error":…}` chunk).
   */
  encodeStreamError(error: TokligenceError): WireEvent;
  /**
   * Whether a stream frame reports a failure in this dialect: `error` for an in-band error frame
   * (the SDKs throw it), `failed` for a terminal failure event that belongs to the stream (Responses
   * `response.failed`), undefined otherwise. `data` is the parsed object or the raw JSON text.
   */
  streamFailure(event: string | undefined, data: unknown): 'error' | 'failed' | undefined;
  /** Render an error in this dialect's error shape. */
  encodeError(error: TokligenceError): EncodedError;
  /** Read an upstream's error answer (status, body, headers) into the taxonomy. */
  decodeError(status: number, body: unknown, headers?: HeaderReader): TokligenceError;
}
