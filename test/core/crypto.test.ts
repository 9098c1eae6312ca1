import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, hmacSha256js, randomHex, sha256Hex, sha256js } from '../../src/core/crypto.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('portable crypto', () => {
  it('the pure-JS SHA-256 (used where there is no node:crypto) matches Node on every length around the block size', () => {
    for (let n = 0; n < 200; n++) {
      const data = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
      expect(hex(sha256js(data)), `length ${n}`).toBe(createHash('sha256').update(data).digest('hex'));
    }
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => hex(sha256js(new TextEncoder().encode(s))) === createHash('sha256').update(s).digest('hex')));
  });

  it('sha256Hex and hmacSha256Hex agree with Node', () => {
    expect(sha256Hex('héllo')).toBe(createHash('sha256').update('héllo').digest('hex'));
    const enc = (s: string) => new TextEncoder().encode(s);
    for (const key of ['salt', 'k'.repeat(64), 'k'.repeat(100)])
      expect(hex(hmacSha256js(enc(key), enc('a@b.c'))), key).toBe(createHmac('sha256', key).update('a@b.c').digest('hex'));
    expect(hmacSha256Hex('salt', 'a@b.c')).toBe(createHmac('sha256', 'salt').update('a@b.c').digest('hex'));
  });

  it('randomHex gives n random bytes', () => {
    expect(randomHex(8)).toMatch(/^[0-9a-f]{16}$/);
    expect(randomHex(8)).not.toBe(randomHex(8));
  });
});
