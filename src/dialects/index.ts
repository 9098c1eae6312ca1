import type { DialectName } from '../core/types.js';
import { anthropicCodec } from './anthropic/index.js';
import { geminiCodec } from './gemini/index.js';
import { openaiChatCodec } from './openai-chat/index.js';
import { responsesCodec } from './responses/index.js';
import type { DialectCodec } from '../core/contracts/index.js';

export { anthropicCodec, geminiCodec, openaiChatCodec, responsesCodec };

const CODECS: Record<DialectName, DialectCodec> = {
  'openai-chat': openaiChatCodec as DialectCodec,
  anthropic: anthropicCodec as DialectCodec,
  responses: responsesCodec as DialectCodec,
  gemini: geminiCodec as DialectCodec,
};

/** The codec for a dialect. */
export function codecFor(dialect: DialectName): DialectCodec {
  return CODECS[dialect];
}
