import { sha256Hex } from '../core/crypto.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Random lowercase alphanumerics (rejection sampling: no modulo bias). */
export function randomToken(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < 252 && out.length < length) out += ALPHABET[byte % 36];
    }
  }
  return out;
}

/** `usr_…`, `team_…`, `key_…`: short, unguessable, sortable enough for pagination by id. */
export const newRowId = (kind: 'usr' | 'team' | 'key' | 'apr'): string => `${kind}_${randomToken(12)}`;

/** Hex SHA-256 of an API key: what the store keeps instead of the key. */
export const hashKey = (key: string): string => sha256Hex(key);
