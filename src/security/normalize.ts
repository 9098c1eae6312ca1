/**
 * Text normalisation for scanning. Attackers hide instructions from naive pattern matching with
 * look-alike letters, zero-width and bidi characters, Unicode "tag" characters (invisible ASCII),
 * leetspeak, letter spacing and encodings. Rules run on the folded text this produces (and on each
 * decoded payload); the original is untouched. Legitimate uses of the same characters (flag emoji,
 * emoji ZWJ sequences, Indic and Persian joiners, right-to-left marks) are removed but not flagged.
 */
import { foldTraditional, type Script, scriptsOf } from './cjk.js';
import { decodePayloads, type Encoding } from './decoders.js';
import { BIDI, foldMixedScriptWords, hasSuspiciousBidi, hasWordSplittingInvisible, hiddenTagText, INVISIBLE, TAGS } from './unicode.js';

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
  /** Decoded payloads (base64, hex, rot13, tag-character text, spaced letters, leetspeak), each folded like `text`. */
  decoded: Array<{ encoding: Encoding; text: string }>;
  /** Scripts present in the text (rules for absent scripts are skipped). */
  scripts: Set<Script>;
}

/** Any character outside ASCII (code point above 0x7F). */
const NON_ASCII = /[\u0080-\uFFFF]/;
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

const FLAG_OF: Partial<Record<Encoding, NormalizationFlag>> = {
  base64: 'base64_payload',
  hex: 'hex_payload',
  rot13: 'rot13_payload',
  spaced: 'spaced_letters',
  leet: 'leetspeak',
};

/** Lower-case; fold mixed-script look-alikes and traditional Chinese. */
function fold(text: string, flags: Set<NormalizationFlag>): string {
  let out = text.toLowerCase();
  if (NON_ASCII.test(out)) {
    const mixed = foldMixedScriptWords(out);
    if (mixed.folded) flags.add('homoglyphs');
    out = mixed.text;
    if (HAN.test(out)) out = foldTraditional(out);
  }
  return out;
}

/**
 * Lower-case and fold a rule's pattern (or anchor) the way scanned text is folded, so a rule
 * written in traditional Chinese, or in Japanese kanji, matches folded text.
 */
export function foldPattern(pattern: string): string {
  return HAN.test(pattern) ? foldTraditional(pattern) : pattern;
}

/**
 * Normalise text for scanning: NFKC, invisible / bidi / hidden tag characters removed (and flagged
 * where suspicious), look-alike letters and traditional Chinese folded, and base64 / hex / ROT13 /
 * spaced / leetspeak payloads decoded where the text looks encoded, so rules see them.
 */
export function normalizeForScan(input: string): NormalizedText {
  const flags = new Set<NormalizationFlag>();
  const decoded: NormalizedText['decoded'] = [];
  let text = input;
  if (NON_ASCII.test(text)) {
    if (TAGS.test(text)) {
      TAGS.lastIndex = 0;
      const tags = hiddenTagText(text);
      if (tags.hidden) {
        flags.add('tag_chars');
        if (tags.hidden.trim()) decoded.push({ encoding: 'tags', text: fold(tags.hidden, flags) });
      }
      text = tags.text;
    }
    TAGS.lastIndex = 0;
    text = text.normalize('NFKC');
    if (hasWordSplittingInvisible(text)) flags.add('invisible_chars');
    if (hasSuspiciousBidi(text)) flags.add('bidi_controls');
    text = text.replace(INVISIBLE, '').replace(BIDI, '');
  }
  const lower = text.toLowerCase();
  for (const d of decodePayloads(text, lower)) {
    const flag = FLAG_OF[d.encoding];
    if (flag) flags.add(flag);
    decoded.push({ encoding: d.encoding, text: fold(d.text, flags) });
  }
  const folded = fold(text, flags);
  return { text: folded, flags: [...flags], decoded, scripts: scriptsOf(folded) };
}

/** Remove invisible, bidi and tag characters (a sanitiser for output or stored text). */
export function stripInvisible(text: string): string {
  return text.replace(TAGS, '').replace(INVISIBLE, '').replace(BIDI, '');
}
