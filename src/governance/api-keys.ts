import { timingSafeEqual } from '../core/crypto.js';
import { hashKey, randomToken } from '../store/index.js';

/**
 * Managed API keys look like `tkl_<8-char prefix>_<32-char secret>`: the prefix is stored in clear
 * and indexed (one row to look at), the whole key only as its SHA-256. 32 characters of [a-z0-9]
 * are 165 bits: no guessing.
 */
export const KEY_PATTERN = /^tkl_([a-z0-9]{8})_([a-z0-9]{32})$/;

export interface NewKeySecret {
  key: string;
  prefix: string;
  hash: string;
}

export function generateApiKey(): NewKeySecret {
  const prefix = randomToken(8);
  const key = `tkl_${prefix}_${randomToken(32)}`;
  return { key, prefix, hash: hashKey(key) };
}

/** The lookup prefix of a managed key, or undefined when the text is not shaped like one. */
export function keyPrefix(key: string): string | undefined {
  return KEY_PATTERN.exec(key)?.[1];
}

/** Whether `key` hashes to `hash` (hex SHA-256), compared in constant time. */
export function keyMatches(key: string, hash: string): boolean {
  const a = Buffer.from(hashKey(key), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Header reader: web `Headers` or the Node listener's view. */
export interface HeaderSource {
  get(name: string): string | null;
}

/** Longest key text looked at; anything longer is not a key (and is not hashed). */
const MAX_KEY_LENGTH = 512;

/**
 * Where callers put their key, in order: `x-api-key` (Anthropic SDKs, Claude Code),
 * `Authorization: Bearer` (OpenAI SDKs, Codex), `x-goog-api-key` (Gemini SDKs and CLI). The one
 * place that knows the header names: a new dialect's header is added here.
 */
export const KEY_HEADERS: ReadonlyArray<{ header: string; read: (value: string) => string | undefined }> = [
  { header: 'x-api-key', read: (v) => v },
  { header: 'authorization', read: (v) => /^\s*Bearer\s+(\S.*)$/i.exec(v)?.[1] },
  { header: 'x-goog-api-key', read: (v) => v },
];

/**
 * The key a request presents, trimmed; undefined when none (or an absurdly long one). `queryKey`
 * is Gemini's REST convention (`?key=`), looked at after the headers.
 */
export function extractApiKey(headers: HeaderSource, queryKey?: string): string | undefined {
  for (const { header, read } of KEY_HEADERS) {
    const value = headers.get(header);
    if (value === null || value === undefined) continue;
    const key = read(value)?.trim();
    if (key && key.length <= MAX_KEY_LENGTH) return key;
  }
  const key = queryKey?.trim();
  return key && key.length <= MAX_KEY_LENGTH ? key : undefined;
}

/** Every value that may hold a key, for scrubbing them from error messages. */
export function presentedSecrets(headers: HeaderSource, queryKey?: string): string[] {
  return [...KEY_HEADERS.map(({ header }) => headers.get(header)?.replace(/^\s*\w+\s+/, '') ?? ''), queryKey ?? ''].filter(Boolean);
}
