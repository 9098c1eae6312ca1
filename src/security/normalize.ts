/**
 * Text normalisation for scanning. Attackers hide instructions from naive pattern matching with
 * look-alike letters, zero-width and bidi characters, Unicode "tag" characters (invisible ASCII),
 * leetspeak and encodings. Rules run on the folded text this produces; the original is untouched.
 */

/** What normalisation noticed; each is a signal in itself. */
export type NormalizationFlag =
  | 'invisible_chars'
  | 'bidi_controls'
  | 'tag_chars'
  | 'homoglyphs'
  | 'leetspeak'
  | 'base64_payload'
  | 'hex_payload'
  | 'rot13_payload'
  | 'spaced_letters';

export interface NormalizedText {
  /** Lower-case, folded text rules match against. */
  text: string;
  flags: NormalizationFlag[];
  /** Decoded payloads (base64, hex, rot13, tag-character text), each folded like `text`. */
  decoded: Array<{ encoding: 'base64' | 'hex' | 'rot13' | 'tags' | 'spaced'; text: string }>;
}

// Zero-width, joiners, soft hyphen, word joiner & invisible operators, BOM, Mongolian vowel separator.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/g;
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Unicode tag block U+E0000–U+E007F (surrogate pair \uDB40 \uDC00–\uDC7F): invisible ASCII.
const TAGS = /\uDB40[\uDC00-\uDC7F]/g;

/** Cyrillic and Greek letters that render like Latin ones (after NFKC, which handles full-width and math letters). */
const HOMOGLYPHS: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ɡ: 'g', ԛ: 'q', ԝ: 'w', һ: 'h', ʏ: 'y', ɩ: 'i', ı: 'i',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
};
const HOMOGLYPH_RE = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'g');

/**
 * Lower-case and fold look-alike letters the way scanned text is folded. Plain Russian text is
 * folded too (а → a, е → e, …), so a rule written in Cyrillic must pass through this to match.
 */
export function foldHomoglyphs(text: string): string {
  return text.toLowerCase().replace(HOMOGLYPH_RE, (c) => HOMOGLYPHS[c] ?? c);
}

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i', '|': 'l' };

/** Any character outside ASCII (code point above 0x7F). */
const NON_ASCII = /[\u0080-\uFFFF]/;
const SPACED_LETTERS = /\b(?:[a-z] ){3,}[a-z]\b/g;
const HEX_SEGMENT = /\b(?:[0-9a-fA-F]{2}[\s:]?){12,}\b/g;
// rot13 of frequent English words ("the", "and", "you", "ignore", "instructions").
const ROT13_HINT = /\b(?:gur|naq|lbh|vtaber|vafgehpgvbaf|cebzcg|flfgrz)\b/g;

function isMostlyPrintable(s: string): boolean {
  if (s.length < 8) return false;
  let ok = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 10 || c === 13 || c === 9) ok++;
  }
  return ok / s.length > 0.95 && /[a-z]{3,}\s+[a-z]{2,}/i.test(s);
}

/**
 * One pass over the text (a regex would try every position): runs of 20+ base64 characters
 * (mixed case, so not plain words), and whether a run of 24+ hex digits occurs.
 */
function longRuns(text: string): { base64: Array<[number, number]>; hex: boolean } {
  const base64: Array<[number, number]> = [];
  let hex = false;
  let start = 0;
  let hexLen = 0;
  let upper = false;
  let lower = false;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0;
    const isUpper = c >= 65 && c <= 90;
    const isLower = c >= 97 && c <= 122;
    const isDigit = c >= 48 && c <= 57;
    if (isUpper || isLower || isDigit || c === 43 || c === 47) {
      if (isUpper) upper = true;
      if (isLower) lower = true;
      if (isDigit || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)) {
        if (++hexLen >= 24) hex = true;
      } else hexLen = 0;
      continue;
    }
    if (i - start >= 20 && upper && lower) {
      let end = i;
      while (end < n && end < i + 2 && text.charCodeAt(end) === 61) end++;
      base64.push([start, end]);
    }
    // Hex may be written in pairs separated by spaces or colons.
    if (c !== 32 && c !== 58) hexLen = 0;
    start = i + 1;
    upper = lower = false;
  }
  return { base64, hex };
}

function rot13(s: string): string {
  return s.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** Fold one string: lower-case, homoglyphs, leetspeak (only inside tokens that also hold letters). */
function fold(text: string, flags: Set<NormalizationFlag>): string {
  let out = text.toLowerCase();
  if (NON_ASCII.test(out)) {
    const folded = out.replace(HOMOGLYPH_RE, (c) => HOMOGLYPHS[c] ?? c);
    // Only a word that mixes scripts is an attack; plain Russian or Greek text is not.
    if (folded !== out && /[a-z][\u0370-\u03FF\u0400-\u052F]|[\u0370-\u03FF\u0400-\u052F][a-z]/.test(out)) flags.add('homoglyphs');
    out = folded;
  }
  if (/[013457@$!|]/.test(out)) {
    // Manual token scan: only tokens that mix letters with leet characters are rewritten.
    let changed = false;
    let result = '';
    let last = 0;
    let tokStart = -1;
    let letters = 0;
    let leet = 0;
    let digitsOnly = true;
    const n = out.length;
    for (let i = 0; i <= n; i++) {
      const c = i < n ? out.charCodeAt(i) : 32;
      const isLetter = c >= 97 && c <= 122;
      const isLeet = c === 48 || c === 49 || c === 51 || c === 52 || c === 53 || c === 55 || c === 64 || c === 36 || c === 33 || c === 124;
      const isDigit = c >= 48 && c <= 57;
      if (isLetter || isDigit || isLeet) {
        if (tokStart < 0) {
          tokStart = i;
          letters = leet = 0;
          digitsOnly = true;
        }
        if (isLetter) letters++;
        if (isLeet) leet++;
        if (!isDigit) digitsOnly = false;
        continue;
      }
      if (tokStart >= 0 && letters >= 2 && leet > 0 && !digitsOnly) {
        const tok = out.slice(tokStart, i);
        const core = tok.replace(/[!|]+$/, '');
        const mapped = core.replace(/[013457@$!|]/g, (ch) => LEET[ch] ?? ch) + tok.slice(core.length);
        if (mapped !== tok) {
          result += out.slice(last, tokStart) + mapped;
          last = i;
          changed = true;
        }
      }
      tokStart = -1;
    }
    if (changed) {
      out = result + out.slice(last);
      flags.add('leetspeak');
    }
  }
  return out;
}

/**
 * Normalise text for scanning: NFKC, invisible / bidi / tag characters removed (and flagged),
 * homoglyphs and leetspeak folded, and base64 / hex / rot13 payloads decoded so rules see them.
 */
export function normalizeForScan(input: string): NormalizedText {
  const flags = new Set<NormalizationFlag>();
  const decoded: NormalizedText['decoded'] = [];
  let text = input;
  if (NON_ASCII.test(text)) {
    if (TAGS.test(text)) {
      flags.add('tag_chars');
      TAGS.lastIndex = 0;
      const hidden = (text.match(TAGS) ?? []).map((pair) => String.fromCharCode(pair.charCodeAt(1) - 0xdc00)).join('');
      if (hidden.trim()) decoded.push({ encoding: 'tags', text: fold(hidden, flags) });
      text = text.replace(TAGS, '');
    }
    TAGS.lastIndex = 0;
    text = text.normalize('NFKC');
    const noInvisible = text.replace(INVISIBLE, '');
    if (noInvisible !== text) flags.add('invisible_chars');
    text = noInvisible.replace(BIDI, '');
    if (text !== noInvisible) flags.add('bidi_controls');
  }
  const runs = longRuns(text);
  for (const [start, end] of runs.base64) {
    const seg = text.slice(start, end);
    if (!/[A-Z]/.test(seg) || !/[a-z]/.test(seg)) continue;
    const raw = Buffer.from(seg, 'base64').toString('latin1');
    if (isMostlyPrintable(raw)) {
      flags.add('base64_payload');
      decoded.push({ encoding: 'base64', text: fold(raw, flags) });
    }
  }
  if (runs.hex) {
    for (const m of text.matchAll(HEX_SEGMENT)) {
      const raw = Buffer.from(m[0].replace(/[\s:]/g, ''), 'hex').toString('latin1');
      if (isMostlyPrintable(raw)) {
        flags.add('hex_payload');
        decoded.push({ encoding: 'hex', text: fold(raw, flags) });
      }
    }
  }
  const lower = text.toLowerCase();
  const hints = lower.match(ROT13_HINT);
  if ((hints && hints.length >= 2) || /\brot-?13\b/.test(lower)) {
    const r = rot13(lower);
    // Only when the decoded text reads more like English than the original.
    const plain = (r.match(/\b(?:the|and|you|ignore|instructions|prompt|system)\b/g) ?? []).length;
    const orig = (lower.match(/\b(?:the|and|you|ignore|instructions|prompt|system)\b/g) ?? []).length;
    if (plain > orig) {
      flags.add('rot13_payload');
      decoded.push({ encoding: 'rot13', text: fold(r, flags) });
    }
  }
  const folded = fold(text, flags);
  // "s a y  t h a t": letters spaced out to dodge word matching.
  if (/\b[a-z] [a-z] [a-z] [a-z]\b/.test(folded)) {
    const joined = folded.replace(SPACED_LETTERS, (run) => ` ${run.replace(/ /g, '')} `);
    if (joined !== folded) {
      flags.add('spaced_letters');
      decoded.push({ encoding: 'spaced', text: joined });
    }
  }
  return { text: folded, flags: [...flags], decoded };
}

/** Remove invisible, bidi and tag characters (a sanitiser for output or stored text). */
export function stripInvisible(text: string): string {
  return text.replace(TAGS, '').replace(INVISIBLE, '').replace(BIDI, '');
}
