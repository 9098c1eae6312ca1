import type { ChatRequest } from '../core/types.js';
import { requestText } from './estimate.js';

type Encode = (text: string) => number[];
let encoder: Promise<Encode> | undefined;

/**
 * Count a request's input tokens with a real BPE tokenizer (o200k), loaded on first use so the
 * core starts fast. Claude's tokenizer differs; o200k is within a few percent on English and code,
 * and counts system, messages and tools, which is what keeps Claude Code's context meter honest.
 */
export async function countRequestTokens(request: ChatRequest): Promise<number> {
  encoder ??= import('gpt-tokenizer/encoding/o200k_base').then((m) => m.encode as Encode);
  const encode = await encoder;
  const overhead = 3 * request.messages.length + 3;
  return encode(requestText(request)).length + overhead;
}
