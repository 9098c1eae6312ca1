import { sha256Hex } from '../core/crypto.js';
import { LRUCache } from 'lru-cache';
import type { ChatRequest } from '../core/types.js';
import { requestPieces } from './estimate.js';

type Encode = (text: string) => number[];
let encoder: Promise<Encode> | undefined;

/**
 * Count a request's input tokens with a real BPE tokenizer (o200k), loaded on first use so the
 * core starts fast. Claude's tokenizer differs; o200k is within a few percent on English and code,
 * and counts system, messages and tools, which is what keeps Claude Code's context meter honest.
 */
export async function countRequestTokens(request: ChatRequest): Promise<number> {
  encoder ??= import('gpt-tokenizer/encoding/o200k_base').then((m) => {
    // The merge cache keeps up to 100k caller-chosen strings by default: tens of MB held forever.
    m.setMergeCacheSize(MERGE_CACHE_SIZE);
    // `<|endoftext|>` in a caller's text is text: the default throws "Disallowed special token" (a 500).
    const plain = { disallowedSpecial: new Set<string>() };
    return (text: string) => m.encode(text, plain);
  });
  const encode = await encoder;
  const overhead = 3 * request.messages.length + 3;
  let n = overhead;
  for (const piece of requestPieces(request)) n += countPiece(encode, piece);
  return n;
}

/**
 * Counts of the long pieces seen lately, by a hash of their text (no text is kept). A coding
 * agent sends the same system prompt, tools and history every turn: 30 KB of Claude Code took
 * 13–28 ms to count each time, and about 1 ms once only the new turn is counted.
 */
const pieceCounts = new LRUCache<string, number>({ max: 20_000 });
/**
 * Shorter pieces cost less to count than to hash. With the one-shot hash (core/crypto) a piece of
 * 8+ characters hashes faster than BPE encodes it: Claude Code's 27 tool names were encoded afresh
 * on every turn (about 15% of a 30 KB turn's count).
 */
const CACHED_PIECE_CHARS = 8;

function countPiece(encode: Encode, text: string): number {
  if (text.length < CACHED_PIECE_CHARS) return text === '' ? 0 : countBounded(encode, text);
  const key = sha256Hex(text);
  let n = pieceCounts.get(key);
  if (n === undefined) {
    n = countBounded(encode, text);
    pieceCounts.set(key, n);
  }
  return n;
}

const MERGE_CACHE_SIZE = 10_000;

/** Longest run without whitespace given to the tokenizer in one piece (see countBounded). */
const MAX_RUN = 128;
const LONG_RUN = new RegExp(`(\\S{${MAX_RUN}})`);

/**
 * BPE cost grows with the square of a piece's length, and a run with nothing for the
 * pre-tokenizer to split on (`xxxx…`, `''''…`) is one piece: 60 KB of it took 3 s, a 4 MB body
 * hours. Such runs are counted in slices of MAX_RUN characters (at most a token off per slice);
 * ordinary text has none and is encoded whole.
 */
export function countBounded(encode: Encode, text: string): number {
  if (!LONG_RUN.test(text)) return encode(text).length;
  let n = 0;
  for (const piece of text.split(LONG_RUN)) if (piece) n += encode(piece).length;
  return n;
}
