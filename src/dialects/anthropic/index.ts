/**
 * The Anthropic Messages dialect codec.
 *
 * `extensions.anthropic` holds, under their wire names, the request fields without a canonical
 * form (`context_management`, `service_tier`, `container`, `mcp_servers`, `safeguards`,
 * `output_config` remainder, `thinking.display`…) and merges them back for an Anthropic upstream.
 * Keys starting with `_` are bookkeeping, never body fields: `_opaqueBlocks` (blocks without a
 * canonical form, with their positions) and `_legacyOutputFormat` (the caller used the older
 * top-level `output_format`). Every other dialect drops `extensions.anthropic` on purpose.
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
import type { WireMessageResponse } from './wire.js';

export const anthropicCodec: DialectCodec<Record<string, unknown>, WireMessageResponse> = {
  name: 'anthropic',
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

export { decodeRequest } from './decode-request.js';
export { encodeRequest, NOOP_TOOL_NAME } from './encode-request.js';
export { decodeResponse } from './decode-response.js';
export { encodeResponse } from './encode-response.js';
export { decodeStream, AnthropicStreamDecoder } from './stream-decoder.js';
export { encodeStream, AnthropicStreamEncoder } from './stream-encoder.js';
export { decodeError, encodeError, errorBody, anthropicErrorType, streamError } from './errors.js';
export { mapStopReason, toStopReason } from './map-finish-reason.js';
export { decodeUsage, encodeUsage } from './usage.js';
export type { OpaqueBlock } from './opaque-blocks.js';
export type { WireMessageResponse, WireRequest } from './wire.js';
