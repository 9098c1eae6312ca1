import { sha256 } from '../../core/crypto.js';

/** Check digits and checksums used by the recognizers. Each takes the bare value (separators removed). */

export function luhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** ISO 13616 IBAN check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function ibanMod97(iban: string): boolean {
  const s = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    const v = code >= 65 ? code - 55 : code - 48;
    if (v < 0 || v > 35) return false;
    rem = v > 9 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return rem === 1;
}

// Verhoeff tables (Aadhaar).
const VD = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VP = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
export function verhoeff(digits: string): boolean {
  let c = 0;
  const rev = digits.split('').reverse();
  for (let i = 0; i < rev.length; i++) c = VD[c][VP[i % 8][Number(rev[i])]];
  return c === 0;
}

/** Weighted sum mod m of digits (weights aligned from the left). */
function weighted(digits: string, weights: number[]): number {
  let s = 0;
  for (let i = 0; i < weights.length; i++) s += Number(digits[i]) * weights[i];
  return s;
}

/** UK NHS number: mod 11 with weights 10..2; a check digit of 10 is invalid. */
export function nhsValid(d: string): boolean {
  if (!/^\d{10}$/.test(d)) return false;
  const r = 11 - (weighted(d, [10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11);
  const check = r === 11 ? 0 : r;
  return check !== 10 && check === Number(d[9]);
}

/** Polish PESEL: weights 1,3,7,9 repeating; check = (10 - sum mod 10) mod 10. */
export function peselValid(d: string): boolean {
  if (!/^\d{11}$/.test(d)) return false;
  const s = weighted(d, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]);
  if ((10 - (s % 10)) % 10 !== Number(d[10])) return false;
  const month = Number(d.slice(2, 4)) % 20;
  const day = Number(d.slice(4, 6));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** South African ID: YYMMDD + 4 + citizenship (0/1/2) + 1 digit + Luhn check. */
export function zaIdValid(d: string): boolean {
  if (!/^\d{13}$/.test(d)) return false;
  const mm = Number(d.slice(2, 4));
  const dd = Number(d.slice(4, 6));
  if (mm < 1 || mm > 12 || dd < 1) return false;
  const yy = Number(d.slice(0, 2));
  // Either century may apply; the date must exist in one of them.
  const exists = [1900 + yy, 2000 + yy].some((y) => dd <= new Date(Date.UTC(y, mm, 0)).getUTCDate());
  if (!exists) return false;
  if (!['0', '1', '2'].includes(d[10])) return false;
  return luhn(d);
}

/** German tax id (Steuer-IdNr): 11 digits, no leading 0, one digit twice or thrice, ISO 7064 MOD 11,10 check. */
export function deTaxIdValid(d: string): boolean {
  if (!/^\d{11}$/.test(d) || d[0] === '0') return false;
  const counts = new Map<string, number>();
  for (const ch of d.slice(0, 10)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const repeated = [...counts.values()].filter((n) => n > 1);
  if (repeated.length > 1 || (repeated[0] ?? 0) > 3) return false;
  if ((repeated[0] ?? 0) === 3 && /(\d)\1\1/.test(d.slice(0, 10))) return false;
  let product = 10;
  for (let i = 0; i < 10; i++) {
    let sum = (Number(d[i]) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = (11 - product) % 10;
  return check === Number(d[10]);
}

const NIF_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
/** Spanish DNI/NIF: 8 digits (shorter ones are zero-padded) and a control letter mod 23. */
export function esNifValid(value: string): boolean {
  const m = /^(\d{1,8})-?([A-Z])$/i.exec(value);
  if (!m) return false;
  return NIF_LETTERS[Number(m[1]) % 23] === m[2].toUpperCase();
}

const FI_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';
/** Finnish henkilötunnus: DDMMYY, century sign, 3-digit individual number, check char mod 31. */
export function fiPicValid(value: string): boolean {
  const m = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$/.exec(value);
  if (!m) return false;
  const [, dd, mm, yy, sign, ind, check] = m;
  const century = sign === '+' ? 1800 : /[-U-Y]/.test(sign) ? 1900 : 2000;
  const year = century + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  return FI_CHECK[Number(dd + mm + yy + ind) % 31] === check;
}

/** Australian Business Number: subtract 1 from the first digit, weights, mod 89. */
export function abnValid(d: string): boolean {
  if (!/^\d{11}$/.test(d) || d[0] === '0') return false;
  const digits = d.split('').map(Number);
  digits[0] -= 1;
  const w = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
  return digits.reduce((s, x, i) => s + x * w[i], 0) % 89 === 0;
}

/** Australian Tax File Number: 9 digits, weights, mod 11. */
export function tfnValid(d: string): boolean {
  if (!/^\d{9}$/.test(d)) return false;
  return weighted(d, [1, 4, 3, 7, 5, 8, 6, 9, 10]) % 11 === 0;
}

/** US ABA routing number: weights 3,7,1, mod 10, and a known Federal Reserve prefix. */
export function abaValid(d: string): boolean {
  if (!/^\d{9}$/.test(d)) return false;
  const prefix = Number(d.slice(0, 2));
  if (!((prefix >= 0 && prefix <= 12) || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80)) return false;
  if (/^0+$/.test(d)) return false;
  return weighted(d, [3, 7, 1, 3, 7, 1, 3, 7, 1]) % 10 === 0;
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** Bitcoin base58check: the last 4 bytes are the double SHA-256 of the rest. */
export function base58checkValid(s: string): boolean {
  let n = 0n;
  for (const ch of s) {
    const v = B58.indexOf(ch);
    if (v < 0) return false;
    n = n * 58n + BigInt(v);
  }
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const lead = s.match(/^1*/)?.[0].length ?? 0;
  const bytes = Buffer.concat([Buffer.alloc(lead), Buffer.from(hex, 'hex')]);
  if (bytes.length !== 25) return false;
  const body = bytes.subarray(0, 21);
  const check = sha256(sha256(body)).subarray(0, 4);
  return check.every((b, i) => b === bytes[21 + i]);
}

const BECH = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
function bechPolymod(values: number[]): number {
  const G = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const b = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((b >>> i) & 1) chk ^= G[i];
  }
  return chk >>> 0;
}
/** Segwit address (BIP-173 bech32 for v0, BIP-350 bech32m for v1+). */
export function bech32Valid(addr: string): boolean {
  const s = addr.toLowerCase();
  if (s !== addr && addr.toUpperCase() !== addr) return false;
  const pos = s.lastIndexOf('1');
  if (pos < 1 || pos + 7 > s.length || s.length > 90) return false;
  const hrp = s.slice(0, pos);
  const data: number[] = [];
  for (const ch of s.slice(pos + 1)) {
    const v = BECH.indexOf(ch);
    if (v < 0) return false;
    data.push(v);
  }
  const expanded = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31)];
  const pm = bechPolymod([...expanded, ...data]);
  const version = data[0];
  return (version === 0 && pm === 1) || (version > 0 && pm === 0x2bc830a3);
}

// Keccak-256 (the pre-standard SHA-3 Ethereum uses), over 64-bit lanes as BigInt: slow but only run on mixed-case addresses.
const RC = [
  0x1n, 0x8082n, 0x800000000000808an, 0x8000000080008000n, 0x808bn, 0x80000001n, 0x8000000080008081n, 0x8000000000008009n, 0x8an, 0x88n,
  0x80008009n, 0x8000000an, 0x8000808bn, 0x800000000000008bn, 0x8000000000008089n, 0x8000000000008003n, 0x8000000000008002n,
  0x8000000000000080n, 0x800an, 0x800000008000000an, 0x8000000080008081n, 0x8000000000008080n, 0x80000001n, 0x8000000080008008n,
];
const ROT = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];
const M64 = (1n << 64n) - 1n;
const rotl = (x: bigint, n: number) => (n === 0 ? x : ((x << BigInt(n)) | (x >> BigInt(64 - n))) & M64);
export function keccak256(input: Buffer): Buffer {
  const rate = 136;
  const padded = Buffer.alloc(Math.ceil((input.length + 1) / rate) * rate);
  input.copy(padded);
  padded[input.length] ^= 0x01;
  padded[padded.length - 1] ^= 0x80;
  const s = new Array<bigint>(25).fill(0n);
  for (let off = 0; off < padded.length; off += rate) {
    for (let i = 0; i < rate / 8; i++) s[i] ^= padded.readBigUInt64LE(off + i * 8);
    for (let round = 0; round < 24; round++) {
      const c = [0, 1, 2, 3, 4].map((x) => s[x] ^ s[x + 5] ^ s[x + 10] ^ s[x + 15] ^ s[x + 20]);
      for (let x = 0; x < 5; x++) {
        const d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
        for (let y = 0; y < 25; y += 5) s[x + y] ^= d;
      }
      const b = new Array<bigint>(25);
      for (let x = 0; x < 5; x++) for (let y = 0; y < 5; y++) b[y + ((2 * x + 3 * y) % 5) * 5] = rotl(s[x + y * 5], ROT[x + y * 5]);
      for (let x = 0; x < 5; x++) for (let y = 0; y < 5; y++) s[x + y * 5] = b[x + y * 5] ^ (~b[((x + 1) % 5) + y * 5] & M64 & b[((x + 2) % 5) + y * 5]);
      s[0] ^= RC[round];
    }
  }
  const out = Buffer.alloc(32);
  for (let i = 0; i < 4; i++) out.writeBigUInt64LE(s[i], i * 8);
  return out;
}

/** Ethereum EIP-55: all-lower or all-upper hex is accepted unchecked; mixed case must match the checksum. */
export function eip55Valid(addr: string): boolean {
  const hex = addr.slice(2);
  if (!/^[0-9a-fA-F]{40}$/.test(hex)) return false;
  if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return true;
  const hash = keccak256(Buffer.from(hex.toLowerCase(), 'ascii')).toString('hex');
  for (let i = 0; i < 40; i++) {
    const ch = hex[i];
    if (/[a-f]/i.test(ch) && (Number.parseInt(hash[i], 16) >= 8) !== (ch === ch.toUpperCase())) return false;
  }
  return true;
}

/** Shannon entropy in bits per character: random keys score high, placeholders (`xxxx…`) low. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}
