import { hmacSha256Hex, sha256Hex, timingSafeEqual } from '../../core/crypto.js';
import { stableStringify } from '../../core/stable-json.js';
import type { AuditCheckpoint, AuditEntry, AuditRow } from './types.js';

/**
 * The hash chain: pure functions shared by every audit store (SQL, file, memory) and by
 * `tokligence audit verify`. A row's hash is SHA-256 over its chained fields (key-sorted JSON:
 * everything but `content`, `keyId` and `hash` itself) and `prev`; anyone can recompute it. The
 * HMAC key (`TOKLIGENCE_AUDIT_KEY`) signs checkpoints and content, so rewriting the chain from
 * some row on, or cutting its tail, is caught by whoever holds the key.
 */

/** The fields a row's hash covers. */
export function chainedFields(row: AuditRow): Record<string, unknown> {
  const { content: _content, keyId: _keyId, hash: _hash, ...fields } = row;
  return fields;
}

export function rowHash(row: AuditRow): string {
  return sha256Hex(stableStringify(chainedFields(row)));
}

/** Number entries after `tail` and, when `link`, chain them (each `prev` = the previous hash). */
export function linkRows(entries: readonly AuditEntry[], tail: { seq: number; hash?: string } | undefined, link: boolean): AuditRow[] {
  let seq = tail?.seq ?? 0;
  let prev = tail?.hash;
  return entries.map((entry) => {
    const row: AuditRow = { ...stripUndefined(entry), seq: ++seq };
    if (!link) return row;
    if (prev !== undefined) row.prev = prev;
    row.hash = rowHash(row);
    prev = row.hash;
    return row;
  });
}

const hmac = (key: Uint8Array, text: string) => hmacSha256Hex(key, text);

/** HMAC of a row's plain content (binds the content to the row without putting it in the chain). */
export function contentMac(key: Buffer, content: string): string {
  return hmac(key, `content\0${content}`);
}

export function checkpointMac(key: Buffer, cp: Omit<AuditCheckpoint, 'mac'>): string {
  return hmac(key, `checkpoint\0${stableStringify({ seq: cp.seq, hash: cp.hash, ts: cp.ts, prevMac: cp.prevMac })}`);
}

export function signCheckpoint(key: Buffer, tail: { seq: number; hash: string }, ts: number, prevMac?: string): AuditCheckpoint {
  const cp = { seq: tail.seq, hash: tail.hash, ts, ...(prevMac ? { prevMac } : {}) };
  return { ...cp, mac: checkpointMac(key, cp) };
}

/** Constant-time comparison of two hex digests. */
export function sameHex(a: string | undefined, b: string | undefined): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || a.length !== b.length) return false;
  if (!/^[0-9a-f]*$/i.test(a) || !/^[0-9a-f]*$/i.test(b)) return false;
  return timingSafeEqual(fromHex(a), fromHex(b));
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
