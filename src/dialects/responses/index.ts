import type { DialectCodec } from '../../core/contracts/index.js';
import { encodeStreamError, streamFailure } from './stream-error.js';
import { decodeRequest } from './decode-request.js';
import { decodeResponse } from './decode-response.js';
import { encodeRequest } from './encode-request.js';
import { encodeResponse } from './encode-response.js';
import { decodeError, encodeError } from './errors.js';
import { decodeStream, isContentDelta, streamDecoder } from './stream-decoder.js';
import { encodeStream, streamEncoder } from './stream-encoder.js';
import type { ResponseObjectWire } from './wire.js';

/**
 * The OpenAI Responses API dialect (`POST /v1/responses`): Codex CLI and `openai.responses.create`
 * on the caller side, OpenAI's Responses endpoint upstream.
 */
export const responsesCodec: DialectCodec<Record<string, unknown>, ResponseObjectWire> = {
  name: 'responses',
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

export { decodeRequest, encodeRequest, decodeResponse, encodeResponse, decodeStream, encodeStream, encodeError, decodeError };
export type { OpaqueItem, SystemOrigin } from './decode-request.js';
export type { ResponseObjectWire } from './wire.js';
