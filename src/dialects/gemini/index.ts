/**
 * The Gemini `generateContent` REST dialect (v1beta): used mainly towards the `google` provider
 * (`POST {base}/v1beta/models/{model}:generateContent`, `:streamGenerateContent?alt=sse`, header
 * `x-goog-api-key`), and usable both ways so a Gemini-shaped caller can use the gateway too.
 */
import type { DialectCodec } from '../../core/contracts/index.js';
import { encodeStreamError, streamFailure } from './stream-error.js';
import { decodeGeminiRequest } from './decode-request.js';
import { decodeGeminiResponse } from './decode-response.js';
import { encodeGeminiRequest, type GeminiRequestBody } from './encode-request.js';
import { encodeGeminiResponse, type GeminiResponseBody } from './encode-response.js';
import { decodeGeminiError, encodeGeminiError } from './errors.js';
import { decodeGeminiStream, geminiStreamDecoder } from './stream-decoder.js';
import { encodeGeminiStream, geminiStreamEncoder } from './stream-encoder.js';

export { decodeGeminiRequest } from './decode-request.js';
export { assembleParts, decodeGeminiResponse } from './decode-response.js';
export { encodeGeminiRequest, type GeminiRequestBody } from './encode-request.js';
export { encodeGeminiResponse, type GeminiResponseBody } from './encode-response.js';
export { decodeGeminiError, encodeGeminiError } from './errors.js';
export { GEMINI_FINISH_REASONS, mapGeminiFinishReason, toGeminiFinishReason } from './map-finish-reason.js';
export { fromGeminiSchema, toGeminiParameters, toGeminiSchema } from './schema.js';
export { decodeGeminiStream } from './stream-decoder.js';
export { encodeGeminiStream } from './stream-encoder.js';
export { decodeGeminiUsage, encodeGeminiUsage } from './usage.js';
export { SKIP_THOUGHT_SIGNATURE } from './wire.js';

/** The Gemini codec. */
export const geminiCodec: DialectCodec<GeminiRequestBody, GeminiResponseBody> = {
  name: 'gemini',
  decodeRequest: decodeGeminiRequest,
  encodeRequest: encodeGeminiRequest,
  decodeResponse: decodeGeminiResponse,
  encodeResponse: encodeGeminiResponse,
  decodeStream: decodeGeminiStream,
  streamDecoder: geminiStreamDecoder,
  encodeStream: encodeGeminiStream,
  streamEncoder: geminiStreamEncoder,
  encodeError: encodeGeminiError,
  encodeStreamError,
  streamFailure,
  decodeError: decodeGeminiError,
};

/** Path of the upstream call for a model (`stream` selects the SSE endpoint). */
export function geminiPath(model: string, stream: boolean): string {
  const id = model.replace(/^models\//, '');
  return stream ? `/v1beta/models/${encodeURIComponent(id)}:streamGenerateContent?alt=sse` : `/v1beta/models/${encodeURIComponent(id)}:generateContent`;
}
