import { isIP } from '../../core/ip.js';
import {
  abaValid,
  abnValid,
  base58checkValid,
  bech32Valid,
  eip55Valid,
  entropy,
  esNifValid,
  fiPicValid,
  ibanMod97,
  luhn,
  nhsValid,
  peselValid,
  tfnValid,
  verhoeff,
} from './checksums.js';
import { type FindNumbers, findNumbers } from './phone-lib.js';
import { FILE_LIKE_TLDS, IBAN_LENGTHS, isKnownTld } from './tables.js';

/**
 * PII recognizers in the spirit of Presidio: a pattern finds candidates, a validator (checksum,
 * TLD, number plan) accepts or rejects them, a base score says how sure a bare match is, and
 * context words nearby raise it. Types are lower snake case; placeholders upper-case them.
 */
export type PiiType =
  | 'email'
  | 'phone'
  | 'ssn'
  | 'credit_card'
  | 'iban'
  | 'ip_address'
  | 'mac_address'
  | 'url'
  | 'crypto'
  | 'api_key'
  | 'private_key'
  | 'uk_nhs'
  | 'es_nif'
  | 'pl_pesel'
  | 'fi_personal_id'
  | 'in_aadhaar'
  | 'au_abn'
  | 'au_tfn'
  | 'aba_routing';

export interface Candidate {
  start: number;
  end: number;
  score: number;
  /** Sub-kind, e.g. the secret's issuer (`openai`, `aws`, …) or the coin (`btc`, `eth`). */
  kind?: string;
}

export interface Recognizer {
  type: PiiType;
  /** Words that, shortly before a match, make it more likely (lower case). */
  context: string[];
  /**
   * Labels that name a number as something else ("order", "ISBN", "version"): when one is the
   * nearest label before a match (no context word closer), the match is dropped.
   */
  notContext?: readonly string[];
  /** Cheap test the whole text must pass before `find` runs. */
  quick?: RegExp;
  find(text: string, options: RecognizerOptions): Candidate[];
}

export interface RecognizerOptions {
  /** Phone leniency, as libphonenumber names it (default VALID). */
  phoneLeniency?: 'POSSIBLE' | 'VALID' | 'STRICT_GROUPING' | 'EXACT_GROUPING';
  /** Regions whose national formats phone numbers may use (default US, GB, DE, IL, IN, BR, CN, FR). */
  phoneRegions?: string[];
}

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

// ---------- email ----------
const EMAIL = /(?<![\w.+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{2,59})(?![\w-])/g;
const email: Recognizer = {
  type: 'email',
  context: ['email', 'e-mail', 'mail', 'contact'],
  quick: /@/,
  find(text) {
    const out: Candidate[] = [];
    // Only look around each '@' (a regex over the whole text would try every letter as a start).
    let from = 0;
    for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      if (at < from) continue;
      const lo = Math.max(0, at - 65);
      const window = text.slice(lo, at + 320);
      for (const m of matches(EMAIL, window)) {
        const start = lo + m.index;
        if (start > at || start + m[0].length <= at) continue;
        const tld = m[0].slice(m[0].lastIndexOf('.') + 1);
        if (!isKnownTld(tld) || m[0].includes('..')) continue;
        // user@host:path is an SSH / git remote, not a mailbox.
        if (/^:[\w~./-]/.test(text.slice(start + m[0].length, start + m[0].length + 2))) continue;
        out.push({ start, end: start + m[0].length, score: 1 });
        from = start + m[0].length;
      }
    }
    return out;
  },
};

/**
 * Labels that say a number is not PII: order, invoice and reference numbers, tracking numbers,
 * product codes, versions, ISBNs, postal codes, legal and document references (several languages).
 */
const NUMBER_LABELS = [
  'order', 'invoice', 'inv-', 'ref', 'reference', 'ticket', 'case', 'claim', 'tracking', 'waybill', 'shipment', 'parcel',
  'po ', 'po#', 'purchase order', 'sku', 'part', 'model', 'serial', 'lot', 'batch', 'zip', 'postal', 'postcode', 'confirmation',
  'booking', 'reservation', 'imei', 'iccid', 'version', 'build', 'release', 'patent', 'pin', 'code', 'meter', 'isbn', 'issn',
  'ean', 'upc', 'gtin', 'regulation', 'directive', 'article', 'section', 'chapter', 'clause', 'item', 'transaction', 'loyalty',
  'membership', 'library card', 'gift card', 'coupon', 'voucher', 'account reference', 'aws account', 'room', 'employee',
  'staff', 'student', 'customer number', 'id:', 'id#', 'id no', 'standard', 'gb', 'iso', 'din', 'rfc', 'score', 'scored',
  'issue', 'bug', 'pr', 'commit', 'job', 'run', 'page', 'pages', 'pp', 'vol', 'table', 'figure', 'doi', 'tax', 'receipt',
  'bestellung', 'steuernummer', 'steuer',
  'bestellnummer', 'rechnung', 'auftrag', 'kundennummer', 'sendungsnummer', 'artikel',
  '订单', '發票', '訂單', '发票', '单号', '單號', '编号', '編號', '工号', '注文番号', '請求', '청구서', '주문', 'заказ', 'счёт', 'счет', 'накладн', 'pedido', 'factura',
  'commande', 'facture', 'référence', 'rechnungsnummer', 'رقم الطلب', 'ऑर्डर',
] as const;

// ---------- phone (libphonenumber-js) ----------
const phoneLib = (): FindNumbers => findNumbers;
const PHONE_CANDIDATE = /(?<![\d+.\-/])(?:\+|\()?\d[\d\s().\-/]{5,22}\d(?![\d.]\d|\d)/g;
// Shapes of numbers that are not phone numbers: SSN-like 3-2-4, dates and times, dotted versions.
const NOT_PHONE = [
  /^\d{3}([- ])\d{2}\1\d{4}$/,
  /^(?:19|20)\d{2}[-./ ]?(?:0[1-9]|1[0-2])[-./ ]?(?:0[1-9]|[12]\d|3[01])(?:\D|$)/,
  /^(?:0?[1-9]|[12]\d|3[01])[-./](?:0?[1-9]|1[0-2])[-./](?:19|20)?\d{2}(?:\D|$)/,
  /^\d{1,2}:\d{2}/,
  /^\d+(?:\.\d+){3,}$/,
  /^(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)\d{2}$/,
  // A time range (0645-0930), a decimal (2.718281828), six or more two-digit groups (lottery numbers).
  /^(?:[01]\d|2[0-3])[0-5]\d\s*[-–]\s*(?:[01]\d|2[0-3])[0-5]\d$/,
  /^\d{1,3}\.\d{4,}$/,
  /^\d{1,2}(?:[ .-]\d{1,2}){5,}$/,
];
const DEFAULT_REGIONS = ['US', 'GB', 'DE', 'IL', 'IN', 'BR', 'CN', 'FR'];
// Conversations resend their history every turn: remember what libphonenumber said about a window.
const PHONE_CACHE = new Map<string, Array<{ startsAt: number; endsAt: number }>>();
const phone: Recognizer = {
  type: 'phone',
  context: ['phone', 'tel', 'telephone', 'mobile', 'cell', 'call', 'fax', 'whatsapp', 'contact', 'reach me', 'text me', '电话', '手机', '電話', '携帯', '전화', '휴대폰', 'teléfono', 'téléphone', 'telefon', 'телефон', 'telefone', 'هاتف', 'फ़ोन', 'फोन'],
  notContext: NUMBER_LABELS,
  quick: /\d{2}/,
  find(text, options) {
    const out: Candidate[] = [];
    const seen = new Set<string>();
    const leniency = options.phoneLeniency ?? 'VALID';
    for (const m of matches(PHONE_CANDIDATE, text)) {
      const nd = digitsOf(m[0]).length;
      // Too short or too long for a phone number, or shaped like something else.
      const intl = m[0].startsWith('+');
      if (nd < 7 || nd > (intl ? 15 : 12) || NOT_PHONE.some((re) => re.test(m[0].trim()))) continue;
      // A bare run of digits (no +, brackets or separators) could be any number: it needs a context word.
      const bare = /^\d+$/.test(m[0]);
      // A window around the candidate, so leniency rules about adjacent letters still apply.
      const from = Math.max(0, m.index - 2);
      const window = text.slice(from, Math.min(text.length, m.index + m[0].length + 2));
      const cacheKey = `${leniency}|${(options.phoneRegions ?? DEFAULT_REGIONS).join(',')}|${window}`;
      let found = PHONE_CACHE.get(cacheKey);
      if (!found) {
        found = [];
        const libLeniency = leniency === 'POSSIBLE' ? 'POSSIBLE' : 'VALID';
        // An international number needs no region; a national one is tried in each region in turn.
        const regions = intl ? [undefined] : (options.phoneRegions ?? DEFAULT_REGIONS);
        for (const region of regions) {
          // The first region that reads the candidate as a number wins.
          if (found.length) break;
          for (const f of phoneLib()(window, { ...(region ? { defaultCountry: region } : {}), leniency: libLeniency, v2: true })) {
            if ((leniency === 'STRICT_GROUPING' || leniency === 'EXACT_GROUPING') && !groupingOk(window.slice(f.startsAt, f.endsAt), f.number, leniency)) continue;
            found.push({ startsAt: f.startsAt, endsAt: f.endsAt });
          }
        }
        if (PHONE_CACHE.size >= 4096) PHONE_CACHE.delete(PHONE_CACHE.keys().next().value!);
        PHONE_CACHE.set(cacheKey, found);
      }
      for (const f of found) {
        const key = `${from + f.startsAt}:${from + f.endsAt}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ start: from + f.startsAt, end: from + f.endsAt, score: bare ? 0.4 : 0.6 });
      }
    }
    return dedupeNested(out);
  },
};

/**
 * libphonenumber's STRICT_GROUPING / EXACT_GROUPING (libphonenumber-js only has POSSIBLE and VALID):
 * the digit groups as written must match the number's standard formatting exactly (EXACT), or one
 * grouping must refine the other (STRICT).
 */
function groupingOk(raw: string, number: { countryCallingCode: string; formatInternational(): string; formatNational(): string }, leniency: string): boolean {
  let groups = raw.split(/\D+/).filter(Boolean);
  if (groups.length > 1 && groups[0] === number.countryCallingCode) groups = groups.slice(1);
  const boundaries = (gs: string[]) => {
    const out = new Set<number>();
    let n = 0;
    for (const g of gs.slice(0, -1)) out.add((n += g.length));
    return out;
  };
  const rawB = boundaries(groups);
  const formats = [number.formatInternational().split(/\D+/).filter(Boolean).slice(1), number.formatNational().split(/\D+/).filter(Boolean)];
  return formats.some((f) => {
    const fb = boundaries(f);
    if (leniency === 'EXACT_GROUPING') return fb.size === rawB.size && [...fb].every((b) => rawB.has(b));
    return [...rawB].every((b) => fb.has(b)) || [...fb].every((b) => rawB.has(b));
  });
}

/** Drop candidates inside a longer one of the same recognizer. */
function dedupeNested(cands: Candidate[]): Candidate[] {
  return cands.filter((c) => !cands.some((o) => o !== c && o.start <= c.start && o.end >= c.end && o.end - o.start > c.end - c.start));
}

// ---------- US SSN ----------
const SSN = /(?<![\w-])(\d{3})([-. ]?)(\d{2})\2(\d{4})(?![\w-])/g;
const INVALID_SSNS = new Set(['078051120', '219099999', '457555462', '123456789', '987654320']);
const ssn: Recognizer = {
  type: 'ssn',
  context: ['ssn', 'social security', 'social', 'security number', 'ssns', 'ss#', 'ssid'],
  quick: /\d{3}/,
  find(text) {
    const out: Candidate[] = [];
    for (const m of matches(SSN, text)) {
      const [, area, sep, group, serial] = m;
      const d = area + group + serial;
      if (area === '000' || area === '666' || area[0] === '9' || group === '00' || serial === '0000') continue;
      if (/^(\d)\1+$/.test(d) || INVALID_SSNS.has(d)) continue;
      out.push({ start: m.index, end: m.index + m[0].length, score: sep ? 0.55 : 0.3 });
    }
    return out;
  },
};

// ---------- credit card ----------
const CARD = /(?<![\w-])\d(?:[ -]?\d){11,}(?![\w-])/g;
/**
 * Issuer prefixes and lengths (ISO/IEC 7812 ranges in use): Visa, Mastercard, Amex, Discover,
 * UnionPay, Diners, JCB, Maestro, Mir, UATP. A Luhn-valid number outside them (an IMEI, an order
 * number that happens to check) is not a card.
 */
function issuerOk(d: string): boolean {
  const n = d.length;
  const p2 = Number(d.slice(0, 2));
  const p3 = Number(d.slice(0, 3));
  const p4 = Number(d.slice(0, 4));
  if (d[0] === '4') return n === 13 || n === 16 || n === 19;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16;
  if (p4 >= 2200 && p4 <= 2204) return n >= 16 && n <= 19;
  if (p2 === 34 || p2 === 37) return n === 15;
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65 || p2 === 62) return n >= 16 && n <= 19;
  if ((p3 >= 300 && p3 <= 305) || p3 === 309 || p2 === 36 || p2 === 38 || p2 === 39) return n >= 14 && n <= 19;
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19;
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return n >= 12 && n <= 19;
  if (d[0] === '1') return n === 15;
  return false;
}

/** Separators, when present, group the digits as cards are printed: 4-4-4-4(-3), 4-6-5, 4-6-4 (or 3–5-digit groups after the first four). */
const CARD_GROUPING = /^\d{4}(?:[ -]\d{3,6}){1,4}$/;

const credit_card: Recognizer = {
  type: 'credit_card',
  context: ['credit', 'card', 'visa', 'mastercard', 'amex', 'cc', 'debit', 'payment', '信用卡', '银行卡', 'カード', '카드', 'tarjeta', 'carte', 'karte', 'карт', 'cartão'],
  // No label drops a card: a number with a known issuer prefix and length, card grouping and a valid
  // Luhn digit is strong evidence, and a word before it ("ref", "run", "page") must not let a real card
  // through (nor redact one occurrence of a number and release the next). No near-miss row needs it.
  quick: /\d{4}/,
  find(text) {
    const out: Candidate[] = [];
    for (const m of matches(CARD, text)) {
      // A run of digit groups may hold a card next to other numbers ("… 1111 10"): try the
      // group-aligned slices, longest first, left to right.
      const groups = [...m[0].matchAll(/\d+/g)].map((g) => ({ start: m.index + g.index, end: m.index + g.index + g[0].length }));
      let i = 0;
      while (i < groups.length) {
        let found = -1;
        for (let j = groups.length - 1; j >= i; j--) {
          const raw = text.slice(groups[i].start, groups[j].end);
          const d = digitsOf(raw);
          if (d.length < 13 || d.length > 19) continue;
          if ((/ /.test(raw) && /-/.test(raw)) || !issuerOk(d) || /^(\d)\1+$/.test(d) || !luhn(d)) continue;
          if (/[ -]/.test(raw) && !CARD_GROUPING.test(raw)) continue;
          found = j;
          break;
        }
        if (found < 0) {
          i++;
          continue;
        }
        out.push({ start: groups[i].start, end: groups[found].end, score: 0.9 });
        i = found + 1;
      }
    }
    return out;
  },
};

// ---------- IBAN ----------
const IBAN = /(?<![A-Za-z0-9])([A-Z]{2}\d{2})((?:[ -]?[A-Z0-9]){11,30})(?![A-Za-z0-9])/g;
const iban: Recognizer = {
  type: 'iban',
  context: ['iban', 'bank', 'account', 'transfer', 'swift', 'bic'],
  quick: /[A-Z]{2}\d{2}/,
  find(text) {
    const out: Candidate[] = [];
    for (const m of matches(IBAN, text)) {
      let raw = m[0];
      // Separators, when present, group by four; try trimming trailing characters that belong to the next word.
      for (;;) {
        const compact = raw.replace(/[ -]/g, '');
        const len = IBAN_LENGTHS[compact.slice(0, 2)];
        const grouped = !/[ -]/.test(raw) || /^[A-Z]{2}\d{2}(?:[ -][A-Z0-9]{4})*(?:[ -][A-Z0-9]{1,4})?$/.test(raw);
        if (len && compact.length === len && grouped && ibanMod97(compact)) {
          out.push({ start: m.index, end: m.index + raw.length, score: 0.95 });
          break;
        }
        const cut = raw.search(/[ -][A-Z0-9]{1,4}$/);
        if (cut <= 4 || !len || compact.length <= len) break;
        raw = raw.slice(0, cut);
      }
    }
    return out;
  },
};

// ---------- IP addresses ----------
const IPV4 = /(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?(?!\d|\.\d+\.\d)/g;
const IPV6 = /(?<![\w:.%])((?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}))(%[\w.]+)?(?:\/(\d{1,4}))?/y;

/**
 * The matches `IPV6` would find scanning globally, tried only near colons. An address starts at most
 * four characters before a colon that has another colon within five after it, so the regex (whose
 * leading lookbehind and optional groups make V8 try it at every position: a third of the PII
 * time on 50 KB of prose) runs at those few positions only.
 */
export function* ipv6Matches(text: string): Generator<RegExpExecArray> {
  let from = 0;
  for (let c = text.indexOf(':'); c >= 0; c = text.indexOf(':', c + 1)) {
    const next = text.indexOf(':', c + 1);
    if (next < 0) return;
    if (next - c > 5 || c < from) continue;
    for (let p = Math.max(from, c - 4); p <= c; p++) {
      IPV6.lastIndex = p;
      const m = IPV6.exec(text);
      if (!m) continue;
      yield m;
      from = p + m[0].length;
      break;
    }
  }
}
// A dotted quad that is a version, a section or an OID: named so before it, a letter or a semantic
// version right before it, or a unit right after it.
const VERSION_BEFORE = /(?:\b(?:v|version|ver|build|release|kernel|firmware|fw|tag|chrome|firefox|node|npm|python|windows|android|ios|sdk|api|section|chapter|clause|article|item|rule|oid|snmp|§|rfc|iso|standard|reference|ref|measurement|edition|update|patch|bump|upgrade|downgrade|mask|netmask|subnet\s+mask)\b[\s:#v.-]*(?:to\s+|from\s+|is\s+)?|(?<![\d.])\d+\.\d+\.\d+\s*(?:,|and|or|to|->|→|und|et|y|и)\s*|[a-z]\.?|\d\.)$/i;
const UNIT_AFTER = /^\s?(?:mm|cm|km|m|kg|g|mg|ms|s|%|°|px|em|pt)\b|^\s+(?:release|version|update|build|notes|changelog|firmware)\b/i;

const ip_address: Recognizer = {
  type: 'ip_address',
  context: ['ip', 'ipv4', 'ipv6', 'address', 'addr', 'host', 'server', 'client', 'connect', 'from', 'dns', 'resolver', 'nameserver', 'ping', 'ssh', 'gateway', 'router', 'proxy', 'firewall', 'inet', 'listen', 'bind', 'curl', 'http', 'https', 'remote', 'peer', 'src', 'dst', 'source', 'destination'],
  quick: /\d\.\d|:/,
  find(text) {
    const out: Candidate[] = [];
    for (const m of ipv6Matches(text)) {
      let addr = m[1];
      const after = text[m.index + m[0].length] ?? '';
      const zone = m[2] ?? '';
      const after2 = text[m.index + m[0].length + 1] ?? '';
      if (/[\w]/.test(after) || (after === '.' && /\d/.test(after2)) || (!zone && after === '%')) continue;
      // Trailing single ':' is punctuation, not part of the address.
      if (addr.endsWith(':') && !addr.endsWith('::')) addr = addr.slice(0, -1);
      if (isIP(addr) !== 6) continue;
      let end = m.index + addr.length;
      if (zone) end += zone.length;
      const prefix = m[3];
      if (prefix !== undefined && Number(prefix) <= 128 && addr.length === m[1].length) end += 1 + prefix.length;
      const unspecified = addr === '::';
      out.push({ start: m.index, end, score: unspecified ? 0.1 : 0.7 });
    }
    for (const m of matches(IPV4, text)) {
      if (isIP(m[1]) !== 4) continue;
      const start = m.index;
      const after = text.slice(start + m[0].length, start + m[0].length + 16);
      if (VERSION_BEFORE.test(text.slice(Math.max(0, start - 40), start)) || UNIT_AFTER.test(after)) continue;
      if (out.some((c) => c.start <= start && c.end > start)) continue;
      let end = start + m[1].length;
      if (m[2] !== undefined && Number(m[2]) <= 32) end += 1 + m[2].length;
      // Four small numbers (1.2.3.4, 12.3.4.5) are as likely a section or version: they need an IP context word.
      const small = m[1].split('.').every((o) => Number(o) < 30) && !/^(?:10|127)\./.test(m[1]);
      out.push({ start, end, score: small ? 0.3 : 0.7 });
    }
    return out;
  },
};

// ---------- MAC ----------
const MAC = /(?<![\w:.-])(?:[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![\w:.-]*[\w])/g;
const mac_address: Recognizer = {
  type: 'mac_address',
  context: ['mac', 'hardware', 'ethernet', 'wifi', 'nic'],
  quick: /[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}\1[0-9A-Fa-f]{2}\1[0-9A-Fa-f]{2}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\./,
  find(text) {
    const out: Candidate[] = [];
    for (const m of matches(MAC, text)) {
      const hex = m[0].replace(/[:.-]/g, '').toLowerCase();
      if (/^0+$/.test(hex) || /^f+$/.test(hex)) continue;
      out.push({ start: m.index, end: m.index + m[0].length, score: 0.7 });
    }
    return out;
  },
};

// ---------- URL ----------
const URL_RE =
  /(?<![\w@.-])(?:(?:https?|ftp):\/\/(?:[\w-]+(?::[^@\s/]*)?@)?|www\.)?((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,63}|xn--[A-Za-z0-9-]+))(?::\d{2,5})?(?:[/?#][^\s'"<>()[\]{}]*)?/g;
const url: Recognizer = {
  type: 'url',
  context: ['url', 'website', 'link', 'site', 'visit', 'domain'],
  quick: /\.[A-Za-z]/,
  find(text) {
    const out: Candidate[] = [];
    for (const m of matches(URL_RE, text)) {
      const tld = m[2];
      const whole = m[0];
      const schemed = /^(?:https?|ftp):\/\//i.test(whole);
      const bare = !schemed && !/^www\./i.test(whole);
      if (!isKnownTld(tld)) continue;
      if (text[m.index + whole.length] === '@' || (m.index > 0 && text[m.index - 1] === '@')) continue;
      if (bare && (FILE_LIKE_TLDS.has(tld.toLowerCase()) || /^\d/.test(whole))) continue;
      let end = m.index + whole.length;
      // Trailing sentence punctuation is not part of a URL.
      while (end > m.index && /[.,;:!?]/.test(text[end - 1])) end--;
      out.push({ start: m.index, end, score: schemed || !bare ? 0.6 : 0.5 });
    }
    return out;
  },
};

// ---------- crypto wallets ----------
const BTC_LEGACY = /(?<![\w])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![\w])/g;
const BTC_BECH32 = /(?<![\w])(?:bc1|tb1|BC1)[02-9ac-hj-np-zAC-HJ-NP-Z]{8,87}(?![\w])/g;
const ETH = /(?<![\w])0x[0-9a-fA-F]{40}(?![\w])/g;
const crypto: Recognizer = {
  type: 'crypto',
  context: ['wallet', 'btc', 'bitcoin', 'eth', 'ethereum', 'crypto', 'address'],
  quick: /[13]\w{25}|bc1|tb1|0x/i,
  find(text) {
    const out: Candidate[] = [];
    for (const m of matches(BTC_LEGACY, text))
      if (base58checkValid(m[0])) out.push({ start: m.index, end: m.index + m[0].length, score: 1, kind: 'btc' });
    for (const m of matches(BTC_BECH32, text))
      if (bech32Valid(m[0])) out.push({ start: m.index, end: m.index + m[0].length, score: 1, kind: 'btc' });
    for (const m of matches(ETH, text)) {
      const hex = m[0].slice(2);
      const mixed = hex !== hex.toLowerCase() && hex !== hex.toUpperCase();
      if (eip55Valid(m[0])) out.push({ start: m.index, end: m.index + m[0].length, score: mixed ? 1 : 0.6, kind: 'eth' });
    }
    return out;
  },
};

// ---------- secrets and API keys ----------
interface SecretPattern {
  kind: string;
  re: RegExp;
  /** Capture group holding the random part, for the entropy check (default whole match). */
  group?: number;
  minEntropy?: number;
}
const SECRET_PATTERNS: SecretPattern[] = [
  { kind: 'anthropic', re: /\bsk-ant-(?:api|admin|sid)\d{2}-[A-Za-z0-9_-]{32,}/g, minEntropy: 3.5 },
  { kind: 'openai', re: /\bsk-(?:proj-|svcacct-|admin-|None-)?([A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}|[A-Za-z0-9_-]{40,})/g, group: 1, minEntropy: 3.5 },
  { kind: 'aws', re: /\b((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})\b/g, group: 1, minEntropy: 2.8 },
  { kind: 'aws_secret', re: /\baws(?:.{0,20})?(?:secret|private)?.{0,20}?['"=:\s]\s*['"]?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi, group: 1, minEntropy: 4 },
  { kind: 'github', re: /\b(?:ghp|gho|ghu|ghs|ghr)_([A-Za-z0-9]{36})\b/g, group: 1, minEntropy: 3.5 },
  { kind: 'github', re: /\bgithub_pat_([A-Za-z0-9_]{82})\b/g, group: 1, minEntropy: 3.5 },
  { kind: 'slack', re: /\bxox[abposr]-(?:\d+-)+[A-Za-z0-9-]{10,}/g, minEntropy: 3 },
  { kind: 'slack_webhook', re: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{30,}/g, minEntropy: 3.5 },
  { kind: 'stripe', re: /\b(?:sk|rk)_(?:live|test|prod)_([A-Za-z0-9]{24,99})\b/g, group: 1, minEntropy: 3.5 },
  { kind: 'google', re: /\bAIza([0-9A-Za-z_-]{35})\b/g, group: 1, minEntropy: 3.5 },
  { kind: 'jwt', re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,}/g, minEntropy: 3.5 },
];
const PLACEHOLDER = /(?:x{4,}|X{4,}|\*{4,}|0{6,}|1234567890|abcdef(?:ghij)?|example|EXAMPLE|your[_-]?(?:api[_-]?)?key|placeholder|dummy|fake|sample|[Hh]ere$|HERE|random|RANDOM|insert|INSERT|replace_?me|REPLACE_?ME|changeme)/;
const api_key: Recognizer = {
  type: 'api_key',
  context: ['key', 'token', 'secret', 'api', 'password', 'credential', 'auth', 'bearer'],
  quick: /sk-|sk_|rk_|AKIA|ASIA|ABIA|ACCA|A3T|gh[pousr]_|github_pat_|xox|hooks\.slack|AIza|eyJ|aws/i,
  find(text) {
    const out: Candidate[] = [];
    for (const p of SECRET_PATTERNS) {
      for (const m of matches(p.re, text)) {
        const body = m[p.group ?? 0] ?? m[0];
        if (PLACEHOLDER.test(body) || entropy(body) < (p.minEntropy ?? 3)) continue;
        // The whole key, except for an AWS secret, whose match includes the words that introduce it.
        const start = p.kind === 'aws_secret' ? m.index + m[0].lastIndexOf(body) : m.index;
        const end = p.kind === 'aws_secret' ? start + body.length : m.index + m[0].length;
        out.push({ start, end, score: 0.95, kind: p.kind });
      }
    }
    return dedupeNested(out);
  },
};

const PEM = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END \1PRIVATE KEY(?: BLOCK)?-----/g;
const private_key: Recognizer = {
  type: 'private_key',
  context: [],
  quick: /-----BEGIN /,
  find(text) {
    const out: Candidate[] = [];
    for (const m of matches(PEM, text)) {
      const body = m[0].replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
      if (body.length < 32 || PLACEHOLDER.test(body) || entropy(body) < 4) continue;
      out.push({ start: m.index, end: m.index + m[0].length, score: 1, kind: 'pem' });
    }
    return out;
  },
};

// ---------- national ids with checksums ----------
function idRecognizer(type: PiiType, re: RegExp, valid: (raw: string) => boolean, score: number, context: string[], quick?: RegExp): Recognizer {
  return {
    type,
    context,
    quick,
    find(text) {
      const out: Candidate[] = [];
      for (const m of matches(re, text)) if (valid(m[0])) out.push({ start: m.index, end: m.index + m[0].length, score });
      return out;
    },
  };
}

const uk_nhs = idRecognizer(
  'uk_nhs',
  /(?<![\w-])\d{3}([- ]?)\d{3}\1\d{4}(?![\w-])/g,
  (raw) => nhsValid(digitsOf(raw)),
  0.5,
  ['nhs', 'health', 'national health', 'patient'],
  /\d{3}/,
);
const es_nif = idRecognizer('es_nif', /(?<![\w-])\d{7,8}-?[A-Za-z](?![\w-])/g, esNifValid, 0.6, ['nif', 'dni', 'documento', 'identidad'], /\d{7}/);
const pl_pesel = idRecognizer('pl_pesel', /(?<![\w-])\d{11}(?![\w-])/g, peselValid, 0.5, ['pesel'], /\d{11}/);
const fi_personal_id = idRecognizer(
  'fi_personal_id',
  /(?<![\w-])\d{6}[-+A-FU-Y]\d{3}[0-9A-Y](?![\w-])/g,
  fiPicValid,
  0.8,
  ['hetu', 'henkilötunnus', 'personal identity code', 'personbeteckning'],
  /\d{6}[-+A-FU-Y]\d{3}/,
);
const in_aadhaar = idRecognizer(
  'in_aadhaar',
  /(?<![\w-])[2-9]\d{3}([ :-]?)\d{4}\1\d{4}(?![\w-])/g,
  (raw) => {
    const d = digitsOf(raw);
    return verhoeff(d) && !/^(\d)\1+$/.test(d);
  },
  0.6,
  ['aadhaar', 'aadhar', 'uidai', 'uid'],
  /\d{4}/,
);
const au_abn = idRecognizer('au_abn', /(?<![\w-])\d{2} ?\d{3} ?\d{3} ?\d{3}(?![\w-])/g, (raw) => abnValid(digitsOf(raw)), 0.5, ['abn', 'australian business number'], /\d{2}/);
const au_tfn = idRecognizer('au_tfn', /(?<![\w-])\d{3} ?\d{3} ?\d{3}(?![\w-])/g, (raw) => tfnValid(digitsOf(raw)), 0.4, ['tfn', 'tax file number'], /\d{3}/);
const aba_routing = idRecognizer(
  'aba_routing',
  /(?<![\w-])(?:\d{9}|\d{4}-\d{4}-\d)(?![\w-])/g,
  (raw) => abaValid(digitsOf(raw)),
  0.4,
  ['aba', 'routing', 'bank', 'rtn', 'transit'],
  /\d{4}/,
);

/** Every built-in recognizer by type. */
export const RECOGNIZERS: Record<PiiType, Recognizer> = {
  email,
  phone,
  ssn,
  credit_card,
  iban,
  ip_address,
  mac_address,
  url,
  crypto,
  api_key,
  private_key,
  uk_nhs,
  es_nif,
  pl_pesel,
  fi_personal_id,
  in_aadhaar,
  au_abn,
  au_tfn,
  aba_routing,
};

/** Types detected when none are configured: the common ones plus secrets; national ids are opt-in. */
export const DEFAULT_PII_TYPES: PiiType[] = ['email', 'phone', 'ssn', 'credit_card', 'iban', 'ip_address', 'mac_address', 'crypto', 'api_key', 'private_key'];
