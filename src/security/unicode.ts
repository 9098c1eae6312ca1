/**
 * Invisible and look-alike Unicode, told apart from its legitimate uses. Attackers hide text in
 * Unicode tag characters, split words with zero-width characters, reorder text with bidi controls
 * and swap Latin letters for Cyrillic or Greek ones. The same characters are also ordinary text:
 * flag emoji of England, Scotland and Wales are tag sequences, emoji families are joined with ZWJ,
 * Persian and Indic scripts need ZWJ/ZWNJ, right-to-left text needs direction marks. Only the
 * suspicious uses are flagged; every use is removed before matching.
 */

/** Zero-width, joiners, soft hyphen, word joiner and invisible operators, BOM, Mongolian vowel separator, Hangul fillers. */
export const INVISIBLE = /[\u00AD\u115F\u1160\u180E\u200B-\u200D\u2060-\u2064\u3164\uFEFF\uFFA0]/g;
/** Direction marks, embeddings, overrides and isolates. */
export const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** Unicode tag block U+E0000–U+E007F (surrogate pair \uDB40 \uDC00–\uDC7F): invisible ASCII. */
export const TAGS = /\uDB40[\uDC00-\uDC7F]/g;
/**
 * A valid emoji tag sequence (UTS #51): the black flag U+1F3F4, 2–6 tag letters or digits (a
 * subdivision code such as `gbeng`), then CANCEL TAG. These are flags, not hidden text.
 */
const EMOJI_TAG_SEQUENCE = /\uD83C\uDFF4((?:\uDB40[\uDC30-\uDC39\uDC61-\uDC7A]){2,6})\uDB40\uDC7F/g;

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0x0400 && c <= 0x04ff) || (c >= 0x0370 && c <= 0x03ff);
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/** Tag characters outside valid emoji tag sequences, decoded to the ASCII they hide. */
export function hiddenTagText(text: string): { text: string; hidden: string } {
  const withoutFlags = text.replace(EMOJI_TAG_SEQUENCE, '\uD83C\uDFF4');
  const hidden = (withoutFlags.match(TAGS) ?? []).map((pair) => String.fromCharCode(pair.charCodeAt(1) - 0xdc00)).join('');
  return { text: withoutFlags.replace(TAGS, ''), hidden };
}

/**
 * Invisible characters that split a word: between two Latin, Cyrillic or Greek letters or digits
 * (`ig\u200Bnore`). A soft hyphen there is ordinary hyphenation; ZWJ between emoji and ZWJ / ZWNJ
 * in Indic, Arabic and Persian words are how those scripts are written.
 */
export function hasWordSplittingInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  for (let m = INVISIBLE.exec(text); m; m = INVISIBLE.exec(text)) {
    if (m[0] === '\u00AD') continue;
    let i = m.index - 1;
    let j = m.index + 1;
    // Runs of invisible characters count as one.
    while (i >= 0 && INVISIBLE_ONE.test(text[i])) i--;
    while (j < text.length && INVISIBLE_ONE.test(text[j])) j++;
    if (i >= 0 && j < text.length && isAlnum(text.charCodeAt(i)) && isAlnum(text.charCodeAt(j))) {
      INVISIBLE.lastIndex = 0;
      return true;
    }
  }
  return false;
}
const INVISIBLE_ONE = /[\u00AD\u115F\u1160\u180E\u200B-\u200D\u2060-\u2064\u3164\uFEFF\uFFA0]/;

/**
 * Bidi controls that reorder text where no right-to-left script needs them (Trojan-source style).
 * LRM / RLM are ordinary punctuation of mixed-direction text and never count.
 */
export function hasSuspiciousBidi(text: string): boolean {
  return /[\u202A-\u202E\u2066-\u2069]/.test(text) && !RTL_LETTER.test(text);
}

/** Cyrillic and Greek letters that render like Latin ones (after NFKC, which handles full-width and math letters). */
const HOMOGLYPHS: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', п: 'n', г: 'r', и: 'u',
  ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ɡ: 'g', ԛ: 'q', ԝ: 'w', һ: 'h', ʏ: 'y', ɩ: 'i', ı: 'i',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
};
const HOMOGLYPH_RE = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'g');
const LATIN = /[a-z]/;
const CYRILLIC_GREEK = /[\u0370-\u03FF\u0400-\u052F\u0250-\u02AF\u0131]/;
/** A word of letters (any script) with the marks that belong to them. */
const WORD = /[\p{L}\p{M}]+/gu;

/**
 * Fold look-alike letters inside words that mix Latin with Cyrillic or Greek (`ignоre` with a
 * Cyrillic `о`): such a word is an attack. Plain Russian or Greek words are left as they are, so
 * rules for those languages are written in their own script. Expects lower-case text.
 */
export function foldMixedScriptWords(text: string): { text: string; folded: boolean } {
  if (!CYRILLIC_GREEK.test(text)) return { text, folded: false };
  let folded = false;
  const out = text.replace(WORD, (w) => {
    if (!LATIN.test(w) || !CYRILLIC_GREEK.test(w)) return w;
    const f = w.replace(HOMOGLYPH_RE, (c) => HOMOGLYPHS[c] ?? c);
    if (f !== w) folded = true;
    return f;
  });
  return { text: out, folded };
}
