/**
 * Decoders for hidden instructions: base64, hex, ROT13, letter spacing and leetspeak. Each runs
 * only where the text looks encoded (a long mixed-case run, a long hex run, ROT13 words, a run of
 * single letters, a line dense with digit-for-letter words), so ordinary text pays one cheap scan.
 * A decoded payload becomes an extra view of the text that the rules also scan.
 */

export type Encoding = 'base64' | 'hex' | 'rot13' | 'tags' | 'spaced' | 'leet';

/** Valid UTF-8 that reads as text (letters and spaces, few control characters), in any script. */
function readable(bytes: Buffer): string | undefined {
  if (bytes.length < 8) return undefined;
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD')) return undefined;
  let ok = 0;
  let letters = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c >= 32 && c !== 127) || c === 10 || c === 13 || c === 9) ok++;
    if (/\p{L}/u.test(ch)) letters++;
  }
  const n = [...text].length;
  return ok / n > 0.95 && letters / n > 0.5 && /\p{L}{2,}/u.test(text) ? text : undefined;
}

// ASCII classes for the one-pass scan: base64 alphabet, hex digit, upper / lower case, leet look-alike.
const B64 = 1;
const UP = 4;
const LO = 8;
const LEETISH = 16;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9+/]/.test(ch)) CLASS[c] |= B64;
  if (/[A-Z]/.test(ch)) CLASS[c] |= UP;
  if (/[a-z]/.test(ch)) CLASS[c] |= LO;
  if (/[013457@$|]/.test(ch)) CLASS[c] |= LEETISH;
}

interface Scan {
  /** Runs of 20+ base64 characters with both cases (so not plain words). */
  base64: Array<[number, number]>;
  /** Runs of 24+ hex digits (or 12+ pairs separated by a space or colon). */
  hex: Array<[number, number]>;
  /** Positions of a digit or symbol next to a letter (`1gn0r3`, `pr3v`): leetspeak hints. */
  leet: number[];
  /** Three digits or symbols between letters close together: the text may be leetspeak. */
  leetDense?: boolean;
  /** A run of single letters separated by spaces or dots. */
  spaced: boolean;
}

const HEX_ONLY = /^[0-9a-fA-F]+$/;
const COLON_HEX = /^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){11,}$/;
// Hex written in spaced pairs ("49 67 6e 6f …"), once the token walk has seen twelve in a row.
const SPACED_HEX = /(?<![0-9a-fA-F])[0-9a-fA-F]{2}(?: [0-9a-fA-F]{2}){11,}(?![0-9a-fA-F])/g;
const DOTTED_QUICK = /[a-z]\.[a-z]\.[a-z]\.[a-z]/i;
const LEET_CHARS = /[013457@$|]/g;
const isHexCode = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/**
 * Find encoded-looking runs without visiting every character in JavaScript: tokens are cut at
 * spaces with indexOf (native); only tokens of 20+ characters are walked (base64, hex), and runs
 * of one- or two-character tokens are counted (letter spacing, spaced hex pairs). Leetspeak
 * candidates come from one native regex scan for digits and symbols.
 */
function scan(text: string): Scan {
  const out: Scan = { base64: [], hex: [], leet: [], spaced: false };
  const n = text.length;
  let singles = 0;
  let hexPairs = 0;
  let spacedHex = false;
  for (let pos = 0; pos < n; ) {
    let sp = text.indexOf(' ', pos);
    if (sp < 0) sp = n;
    const len = sp - pos;
    if (len >= 20) longRuns(text, pos, sp, out);
    singles = len === 1 ? singles + 1 : len === 0 ? singles : 0;
    if (singles >= 4) out.spaced = true;
    hexPairs = len === 2 && isHexCode(text.charCodeAt(pos)) && isHexCode(text.charCodeAt(pos + 1)) ? hexPairs + 1 : 0;
    if (hexPairs >= 12) spacedHex = true;
    pos = sp + 1;
  }
  if (spacedHex) for (const m of text.matchAll(SPACED_HEX)) out.hex.push([m.index, m.index + m[0].length]);
  if (!out.spaced && DOTTED_QUICK.test(text)) out.spaced = true;
  // Leetspeak: a digit or symbol inside a word (\`pr3v\`, \`v10us\`), three of them within 200
  // characters. Timestamps (\`14T10\`) and hex ids (\`7f3a\`, once per log line) do not add up.
  let recent: number[] = [];
  const letter = (c: number) => c < 128 && (CLASS[c] & (UP | LO)) !== 0;
  const lower = (c: number) => c < 128 && (CLASS[c] & LO) !== 0;
  const wordish = (c: number) => c < 128 && (CLASS[c] & (UP | LO | LEETISH)) !== 0;
  for (const m of text.matchAll(LEET_CHARS)) {
    const before = m.index > 0 ? text.charCodeAt(m.index - 1) : 32;
    const after = m.index + 1 < n ? text.charCodeAt(m.index + 1) : 32;
    if (!(letter(before) || letter(after))) continue;
    out.leet.push(m.index);
    if ((letter(before) && letter(after)) || (lower(before) && wordish(after)) || (wordish(before) && lower(after))) {
      recent = recent.filter((p) => m.index - p < 200);
      recent.push(m.index);
      if (recent.length >= 3) out.leetDense = true;
    }
  }
  return out;
}

/** Base64 and hex runs inside one long token [from, to). */
function longRuns(text: string, from: number, to: number, out: Scan): void {
  if (to - from >= 35 && COLON_HEX.test(text.slice(from, to))) out.hex.push([from, to]);
  let runStart = from;
  let runCase = 0;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 32;
    const cls = c < 128 ? CLASS[c] : 0;
    if (cls & B64) {
      runCase |= cls;
      continue;
    }
    if (i - runStart >= 20) {
      if ((runCase & (UP | LO)) === (UP | LO)) {
        let end = i;
        while (end < text.length && end < i + 2 && text.charCodeAt(end) === 61) end++;
        out.base64.push([runStart, end]);
      }
      if (i - runStart >= 24 && HEX_ONLY.test(text.slice(runStart, i))) out.hex.push([runStart, i]);
    }
    runStart = i + 1;
    runCase = 0;
  }
}

function rot13(s: string): string {
  return s.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

// ROT13 of frequent words in English and the other Latin-script languages we scan
// ("the", "and", "you", "ignore", "instructions", "prompt", "system", "your", "all").
const ROT13_HINT = /\b(?:gur|naq|lbh|lbhe|nyy|vtaber|vtabe[nrf]?|vafgehpgvbaf?|vafgehppvbarf|cebzcg|flfgrz|flfgrzn|cerivbhf|qvfertneq)\b/g;
const ROT13_QUICK = /gur |naq |lbh|vtab|vafgeh|cebzcg|flfgrz|rot-?13/;
const PLAIN_HINT = /\b(?:the|and|you|your|all|ignore|ignora|ignore[sz]?|instructions?|instrucciones|prompt|system|sistema|previous|disregard)\b/g;

/** Runs of single letters: "i g n o r e", "忽 略 之 前", "I.g.n.o.r.e" (any script; three or more once one run of four shows the text is spaced). */
const SPACED = /(?<![\p{L}\p{N}])(?:\p{L} ){2,}\p{L}(?![\p{L}\p{N}])|(?<![\p{L}\p{N}.])(?:\p{L}\.){2,}\p{L}(?![\p{L}\p{N}])/gu;

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i', '|': 'l' };
const LEET_TOKEN = /[a-z0-9@$!|]+/g;

/** A token that mixes letters with digit-or-symbol look-alikes: `1gn0r3`, `pr3v10u5`. */
function leetToken(tok: string): boolean {
  let letters = 0;
  let leet = 0;
  for (const ch of tok) {
    if (ch >= 'a' && ch <= 'z') letters++;
    else if (ch in LEET) leet++;
    else return false;
  }
  return letters >= 1 && leet >= 1;
}

/**
 * Leetspeak, line by line: only a line where at least three words, and a third of its words, mix
 * letters with look-alike digits is decoded (code and versions such as `utf8`, `x86_64` or `v1.2`
 * stay what they are). Only lines around hints are looked at, so long ordinary text costs one scan.
 */
function decodeLeet(lower: string, hints: number[]): string | undefined {
  if (hints.length < 3) return undefined;
  const out: string[] = [];
  let done = -1;
  for (const at of hints) {
    if (at < done) continue;
    // The hint's line, at most 400 characters either side.
    const from = Math.max(lower.lastIndexOf('\n', at) + 1, at - 400);
    let to = lower.indexOf('\n', at);
    if (to < 0 || to > at + 400) to = Math.min(lower.length, at + 400);
    done = to;
    const line = lower.slice(from, to);
    const words = line.match(LEET_TOKEN);
    if (!words || words.length < 3) continue;
    let dense = 0;
    for (const w of words) if (leetToken(w)) dense++;
    if (dense < 3 || dense * 3 < words.length) continue;
    out.push(line.replace(LEET_TOKEN, (w) => (leetToken(w) ? w.replace(/[013457@$!|]/g, (c) => LEET[c] ?? c) : w)));
  }
  return out.length ? out.join('\n') : undefined;
}

export interface Decoded {
  encoding: Encoding;
  text: string;
}

/**
 * Every payload the text hides, decoded (not yet folded). `text` is the NFKC-normalised text
 * with invisible characters removed; `lower` its lower-case form.
 */
export function decodePayloads(text: string, lower: string): Decoded[] {
  const out: Decoded[] = [];
  const runs = scan(text);
  for (const [start, end] of runs.base64) {
    const plain = readable(Buffer.from(text.slice(start, end), 'base64'));
    if (plain) out.push({ encoding: 'base64', text: plain });
  }
  for (const [start, end] of runs.hex) {
    const plain = readable(Buffer.from(text.slice(start, end).replace(/[\s:]/g, ''), 'hex'));
    if (plain) out.push({ encoding: 'hex', text: plain });
  }
  if (ROT13_QUICK.test(lower)) {
    const hints = lower.match(ROT13_HINT);
    if ((hints?.length ?? 0) >= 2 || /\brot-?13\b/.test(lower)) {
      const r = rot13(lower);
      // Only when the decoded text reads more like language than the original.
      if ((r.match(PLAIN_HINT) ?? []).length > (lower.match(PLAIN_HINT) ?? []).length) out.push({ encoding: 'rot13', text: r });
    }
  }
  if (runs.spaced) {
    // CJK runs join without spaces; Latin and Cyrillic runs join into words.
    const joined = lower.replace(SPACED, (run) => ` ${run.replace(/[ .]/g, '')} `);
    if (joined !== lower) out.push({ encoding: 'spaced', text: joined });
  }
  const leet = runs.leetDense ? decodeLeet(lower, runs.leet) : undefined;
  if (leet) out.push({ encoding: 'leet', text: leet });
  return out;
}
