import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectPii, type PiiType, PiiVault, redactPii, StreamTextGuard } from '../../src/security/index.js';

const TYPES: PiiType[] = ['email', 'credit_card', 'phone', 'ip_address'];
const word = fc.stringMatching(/^[a-z]{1,8}$/);
const email = fc.tuple(fc.stringMatching(/^[a-z]{1,6}$/), fc.constantFrom('example.com', 'mail.co.uk', 'corp.io')).map(([u, d]) => `${u}@${d}`);
const card = fc.constantFrom('4111 1111 1111 1111', '5555-5555-5555-4444', '378282246310005');
const phone = fc.constantFrom('(415) 555-0132', '+44 20 7946 0958', '+1 415 555 0132');
const ip = fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 0, max: 255 })).map(([a, b]) => `10.${a}.${b}.7`);
const sep = fc.constantFrom(' ', ', ', '. ', '\n', ' (', ') ', ': ');
const text = fc.array(fc.tuple(fc.oneof({ weight: 4, arbitrary: word }, email, card, phone, ip), sep), { minLength: 1, maxLength: 30 }).map((xs) => xs.map(([t, s]) => t + s).join(''));

/** Cut a string at the given offsets. */
function split(s: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (s.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const p of points) {
    out.push(s.slice(last, p));
    last = p;
  }
  out.push(s.slice(last));
  return out;
}

const insideAny = (pos: number, spans: Array<{ start: number; end: number }>) => spans.some((e) => pos > e.start && pos < e.end);

describe('stream redact-and-restore (property)', () => {
  it('restores every placeholder, whatever the chunking, and never releases half a value or half a placeholder', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 40 }), (original, cuts) => {
        const vault = new PiiVault();
        const redacted = redactPii(original, { types: TYPES, mode: 'tokens', vault }).text;
        // The upstream echoes the redacted text (placeholders), cut anywhere.
        const guard = new StreamTextGuard({ vault });
        const released: string[] = [];
        for (const chunk of split(redacted, cuts)) released.push(guard.push(chunk).text);
        released.push(guard.flush().text);
        const out = released.join('');
        expect(out).toBe(original);
        // No release boundary inside a restored value, and no placeholder fragment ever released.
        const entities = detectPii(original, { types: TYPES });
        let pos = 0;
        for (const r of released) {
          expect(r).not.toMatch(/\[[A-Z_]*\d*$|^[A-Z_]*\d*\]/);
          pos += r.length;
          expect(insideAny(pos, entities)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('redacts PII the upstream produced itself without ever releasing a fragment of it', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 40 }), (original, cuts) => {
        const guard = new StreamTextGuard({ redactNew: true, detect: { types: ['email', 'credit_card'] } });
        const released: string[] = [];
        for (const chunk of split(original, cuts)) released.push(guard.push(chunk).text);
        released.push(guard.flush().text);
        const out = released.join('');
        expect(out).toBe(redactPii(original, { types: ['email', 'credit_card'] }).text);
        for (const e of detectPii(original, { types: ['email', 'credit_card'] })) {
          // Not even the first half of a value shows up in any released piece.
          const half = e.text.slice(0, Math.ceil(e.text.length / 2));
          for (const r of released) expect(r.includes(half) && half.length >= 4).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('stops releasing as soon as the inspector objects, with overlap across chunks', () => {
    const guard = new StreamTextGuard({ holdBack: 8, overlap: 16, inspect: (w) => (w.includes('secret-canary') ? 'leak' : undefined) });
    const parts = ['hello there, this is a long enough text ', 'secret-', 'canary and more text after it to flush', ' and more and more text here'];
    const out = parts.map((p) => guard.push(p));
    const fin = guard.flush();
    const blocked = [...out, fin].find((s) => s.blocked);
    expect(blocked?.blocked).toBe('leak');
    expect([...out, fin].map((s) => s.text).join('')).not.toContain('secret');
  });
});
