/**
 * The OpenAI Chat Completions dialect: one codec for callers of `/v1/chat/completions` and for
 * every OpenAI-compatible upstream (OpenAI, Ollama, vLLM, Groq, DeepSeek, …).
 */
import type { DialectCodec } from '../../core/contracts/index.js';
import { encodeStreamError, streamFailure } from './stream-error.js';
import { decodeRequest } from './decode-request.js';
import { decodeResponse } from './decode-response.js';
import { encodeRequest } from './encode-request.js';
import { encodeResponse } from './encode-response.js';
import { decodeError, encodeError } from './errors.js';
import { decodeStream, isContentDelta, streamDecoder } from './stream-decoder.js';
import { encodeStream, streamEncoder } from './stream-encoder.js';

export { decodeRequest } from './decode-request.js';
export { assistantContent, decodeResponse, reasoningParts } from './decode-response.js';
export { encodeRequest, MAX_STOP_SEQUENCES, strictSchema } from './encode-request.js';
export { encodeResponse } from './encode-response.js';
export { decodeError, encodeError, errorBody } from './errors.js';
export { decodeFinishReason, encodeFinishReason } from './map-finish-reason.js';
export { ChatStreamDecoder, decodeStream } from './stream-decoder.js';
export { encodeStream } from './stream-encoder.js';
export { decodeUsage, encodeUsage } from './usage.js';
export type * from './wire.js';

/** The OpenAI Chat Completions codec. */
export const openaiChatCodec: DialectCodec<Record<string, unknown>, Record<string, unknown>> = {
  name: 'openai-chat',
  decodeRequest,
  encodeRequest,
  decodeResponse,
  encodeResponse,
  decodeStream,
  streamDecoder,
  isContentDelta,
  encodeStream,
  streamEncoder,
  encodeError,
  encodeStreamError,
  streamFailure,
  decodeError,
};
