import { hmacSha256Hex, randomHex } from '../../core/crypto.js';
import { type DetectOptions, detectPii, type PiiEntity } from './detect.js';

/**
 * How detected PII is replaced:
 * - `replace`: `[EMAIL_REDACTED]`;
 * - `mask`: every character but separators and the last four becomes `*`;
 * - `hash`: `[EMAIL_3f2a9c1b]`, a salted HMAC (same value, same salt → same tag);
 * - `tokens`: reversible `[EMAIL_1]` placeholders, kept in a {@link PiiVault} for `restore()`.
 */
export type RedactionMode = 'replace' | 'mask' | 'hash' | 'tokens';

export const placeholderLabel = (type: string) => type.toUpperCase();

/**
 * Placeholders ↔ real values for one conversation. The same value always gets the same
 * placeholder, so the model can still tell two e-mail addresses apart.
 */
export class PiiVault {
  private readonly byValue = new Map<string, string>();
  private readonly byToken = new Map<string, string>();
  private readonly counters = new Map<string, number>();

  tokenFor(type: string, value: string): string {
    const key = `${type}\u0000${value}`;
    const existing = this.byValue.get(key);
    if (existing) return existing;
    const n = (this.counters.get(type) ?? 0) + 1;
    this.counters.set(type, n);
    const token = `[${placeholderLabel(type)}_${n}]`;
    this.byValue.set(key, token);
    this.byToken.set(token, value);
    return token;
  }

  get size(): number {
    return this.byToken.size;
  }

  valueOf(token: string): string | undefined {
    return this.byToken.get(token);
  }

  /** Put the real values back; unknown placeholder-like text is left alone. */
  restore(text: string, escapeValue?: (value: string) => string): string {
    if (this.byToken.size === 0 || !text.includes('[')) return text;
    return text.replace(PLACEHOLDER_RE, (tok) => {
      const v = this.byToken.get(tok);
      return v === undefined ? tok : escapeValue ? escapeValue(v) : v;
    });
  }

  /** Longest placeholder, for hold-back buffers. */
  get maxTokenLength(): number {
    let max = 0;
    for (const t of this.byToken.keys()) max = Math.max(max, t.length);
    return max;
  }
}

export const PLACEHOLDER_RE = /\[[A-Z][A-Z_]*_\d+\]/g;

export interface RedactOptions extends DetectOptions {
  mode?: RedactionMode;
  /** Salt for `hash` mode (default: random per process, so tags cannot be reversed by dictionary). */
  salt?: string;
  /** Vault for `tokens` mode (default: a new one, returned in the result). */
  vault?: PiiVault;
}

export interface RedactResult {
  text: string;
  entities: PiiEntity[];
  vault?: PiiVault;
}

// Drawn on first use: edge runtimes (workerd) allow no random values at module load.
let processSalt: string | undefined;

/** Replace entities already found in `text`. */
export function applyRedaction(text: string, entities: PiiEntity[], options: RedactOptions = {}): RedactResult {
  const mode = options.mode ?? 'replace';
  const vault = mode === 'tokens' ? (options.vault ?? new PiiVault()) : undefined;
  let out = '';
  let pos = 0;
  for (const e of entities) {
    if (e.start < pos) continue;
    out += text.slice(pos, e.start) + replacement(e, mode, options.salt ?? (processSalt ??= randomHex(16)), vault);
    pos = e.end;
  }
  out += text.slice(pos);
  return { text: out, entities, ...(vault ? { vault } : {}) };
}

/** Detect and redact in one go. */
export function redactPii(text: string, options: RedactOptions = {}): RedactResult {
  return applyRedaction(text, detectPii(text, options), options);
}

function replacement(e: PiiEntity, mode: RedactionMode, salt: string, vault?: PiiVault): string {
  const label = placeholderLabel(e.type);
  switch (mode) {
    case 'replace':
      return `[${label}_REDACTED]`;
    case 'mask': {
      const keep = e.text.length > 8 ? 4 : 0;
      let seen = 0;
      return e.text.replace(/[A-Za-z0-9]/g, (ch) => {
        seen++;
        return seen > countAlnum(e.text) - keep ? ch : '*';
      });
    }
    case 'hash':
      return `[${label}_${hmacSha256Hex(salt, e.text).slice(0, 12)}]`;
    case 'tokens':
      return vault!.tokenFor(e.type, e.text);
  }
}

function countAlnum(s: string): number {
  return (s.match(/[A-Za-z0-9]/g) ?? []).length;
}
