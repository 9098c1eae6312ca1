import { isCjk } from '../cjk.js';

/**
 * Features of the built-in prompt-injection classifier, shared by training (bench/train-security.ts)
 * and inference (model.ts), so both see exactly the same thing. Text is the scanner's normalised
 * text (lower case, folded). Features are hashed into 2^BUCKET_BITS buckets:
 * - words: the word, its first five letters (a cheap stem for inflected languages) and the word
 *   pair it ends;
 * - Chinese, Japanese and Korean, which have no word breaks: each character and the character
 *   pairs and triples it ends.
 * Hashes are computed while scanning the characters, without building strings.
 */
export const BUCKET_BITS = 18;
export const BUCKETS = 1 << BUCKET_BITS;
const MASK = BUCKETS - 1;

/** Characters per chunk; a long text is scored in windows of WINDOW_CHUNKS chunks (see model.ts). */
export const CHUNK_CHARS = 1024;
export const WINDOW_CHUNKS = 4;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Final mix (murmur3 fmix32) so nearby hashes spread over the buckets. */
function mix(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const SALT_WORD = 0x9e3779b1;
const SALT_STEM = 0x85ebca77;
const SALT_PAIR = 0xc2b2ae3d;
const SALT_CHAR = 0x27d4eb2f;
const SALT_CHAR2 = 0x165667b1;
const SALT_CHAR3 = 0xd3a2646c;

// Character classes for ASCII: 1 = word character (letter, digit, apostrophe, underscore), 2 = space.
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39 || c === 95) ASCII_CLASS[c] = 1;
  else if (c === 32) ASCII_CLASS[c] = 2;
}

/** Reused buffers: the buckets of a text's features and where each ends (grown as needed). */
let bucketBuf = new Int32Array(4096);
let endBuf = new Int32Array(4096);

/**
 * The buckets of every feature occurrence of `text`, in order, and for each the character
 * position where it ends (so a caller can cut the text into chunks). The arrays are reused by
 * the next call: read them before calling again.
 */
export function featureBuckets(text: string): { buckets: Int32Array; ends: Int32Array; count: number } {
  const n = text.length;
  // At most three features per character, plus three per word end.
  const need = 3 * n + 8;
  if (bucketBuf.length < need) {
    bucketBuf = new Int32Array(need);
    endBuf = new Int32Array(need);
  }
  const buckets = bucketBuf;
  const ends = endBuf;
  let count = 0;
  let wordHash = 0;
  let stemHash = 0;
  let wordLen = 0;
  let prevWord = 0;
  let c1 = 0;
  let c2 = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    const cls = c < 128 ? ASCII_CLASS[c] : isCjk(c) ? 3 : isLetter(text, i, c) ? 1 : 0;
    if (cls === 1) {
      if (wordLen === 0) wordHash = FNV_OFFSET;
      wordHash = Math.imul(wordHash ^ c, FNV_PRIME);
      if (++wordLen === 5) stemHash = wordHash;
      c1 = c2 = 0;
      continue;
    }
    if (wordLen > 0) {
      const w = mix(wordHash ^ SALT_WORD);
      buckets[count] = w & MASK;
      ends[count++] = i;
      if (wordLen > 6) {
        buckets[count] = mix(stemHash ^ SALT_STEM) & MASK;
        ends[count++] = i;
      }
      if (prevWord) {
        buckets[count] = mix(Math.imul(prevWord, 31) ^ w ^ SALT_PAIR) & MASK;
        ends[count++] = i;
      }
      prevWord = w;
      wordLen = 0;
    }
    if (cls === 3) {
      const h = mix(c ^ SALT_CHAR);
      buckets[count] = h & MASK;
      ends[count++] = i + 1;
      if (c1) {
        buckets[count] = mix(Math.imul(c1, 31) ^ h ^ SALT_CHAR2) & MASK;
        ends[count++] = i + 1;
      }
      if (c2) {
        buckets[count] = mix(Math.imul(c2, 961) ^ Math.imul(c1, 31) ^ h ^ SALT_CHAR3) & MASK;
        ends[count++] = i + 1;
      }
      c2 = c1;
      c1 = h;
      prevWord = h;
    } else if (cls !== 2) {
      // Punctuation and line breaks end a character run; spaces between CJK characters do not.
      c1 = c2 = 0;
    }
  }
  return { buckets, ends, count };
}

/** Call `emit(bucket, at)` for every feature occurrence of `text` (see featureBuckets). */
export function forEachFeature(text: string, emit: (bucket: number, at: number) => void): void {
  const { buckets, ends, count } = featureBuckets(text);
  for (let k = 0; k < count; k++) emit(buckets[k], ends[k]);
}

/** Letters of other scripts (accented Latin, Cyrillic, Arabic, Devanagari, …) and their marks. */
function isLetter(text: string, i: number, c: number): boolean {
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  if (c >= 0x0400 && c <= 0x04ff) return true;
  return /[\p{L}\p{M}\p{N}]/u.test(text[i]);
}
