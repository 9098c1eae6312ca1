import { DEFAULT_PII_TYPES, type PiiType, RECOGNIZERS, type RecognizerOptions } from './recognizers.js';

/** One detected entity. `start`/`end` are UTF-16 offsets into the text. */
export interface PiiEntity {
  type: PiiType;
  start: number;
  end: number;
  text: string;
  score: number;
  /** Sub-kind: the secret's issuer (`openai`, `aws`…), the coin (`btc`, `eth`). */
  kind?: string;
}

export interface DetectOptions extends RecognizerOptions {
  /** Types to look for (default DEFAULT_PII_TYPES). */
  types?: readonly PiiType[];
  /** Minimum score to report (default 0.5). */
  threshold?: number;
  /** How much a context word shortly before a match adds (default 0.35). */
  contextBoost?: number;
  /** How many characters before a match to look for context words (default 48). */
  contextWindow?: number;
}

/**
 * Find PII in text: candidates from every recognizer, context words raise scores, a threshold
 * decides, and overlaps keep the stronger (then the longer) entity.
 */
export function detectPii(text: string, options: DetectOptions = {}): PiiEntity[] {
  const threshold = options.threshold ?? 0.5;
  const boost = options.contextBoost ?? 0.35;
  const window = options.contextWindow ?? 48;
  const found: PiiEntity[] = [];
  let lower: string | undefined;
  for (const type of options.types ?? DEFAULT_PII_TYPES) {
    const rec = RECOGNIZERS[type];
    if (!rec) continue;
    if (rec.quick && !rec.quick.test(text)) continue;
    for (const c of rec.find(text, options)) {
      let score = c.score;
      if (rec.notContext || (score < 1 && rec.context.length)) {
        lower ??= text.toLowerCase();
        const before = lower.slice(Math.max(0, c.start - window), c.start);
        const hint = lastWord(before, rec.context);
        // The nearest label decides: "order 123…, call 415…" keeps the phone number.
        if (rec.notContext && lastWord(before, rec.notContext) > hint) continue;
        if (score < 1 && hint >= 0) score = Math.min(1, score + boost);
      }
      if (score < threshold) continue;
      found.push({ type, start: c.start, end: c.end, text: text.slice(c.start, c.end), score, ...(c.kind ? { kind: c.kind } : {}) });
    }
  }
  return resolveOverlaps(found);
}

const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** Where the last of `words` occurs in `text` as a whole word (-1 if none); CJK words need no boundary. */
function lastWord(text: string, words: readonly string[]): number {
  let best = -1;
  for (const w of words) {
    for (let at = text.lastIndexOf(w); at > best; at = text.lastIndexOf(w, at - 1)) {
      const edge = w.charCodeAt(0) < 128;
      const startOk = !edge || !isAsciiLetter(w.charCodeAt(0)) || at === 0 || !isAsciiLetter(text.charCodeAt(at - 1));
      const last = w.charCodeAt(w.length - 1);
      const endOk = !isAsciiLetter(last) || at + w.length >= text.length || !isAsciiLetter(text.charCodeAt(at + w.length));
      if (startOk && endOk) {
        best = at;
        break;
      }
      if (at === 0) break;
    }
  }
  return best;
}

function resolveOverlaps(entities: PiiEntity[]): PiiEntity[] {
  const ranked = [...entities].sort((a, b) => b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: PiiEntity[] = [];
  for (const e of ranked) if (!kept.some((k) => e.start < k.end && k.start < e.end)) kept.push(e);
  return kept.sort((a, b) => a.start - b.start);
}
