/**
 * Repro (pii-card-after-label), issue 15: a number-label word before a valid card number ("ref",
 * "run", "page", …, meant for order ids and versions) made detectPii drop the card, so
 * "4111 1111 1111 1111 ref 4111 1111 1111 1111" redacted the first occurrence and released the
 * second (found by the stream-guard property test, seed -491186133). A card (issuer prefix and
 * length, card grouping, Luhn) is now never dropped by a label. Written for this test.
 */
import { describe, expect, it } from 'vitest';
import { detectPii, redactPii, StreamTextGuard } from '../../src/security/index.js';

const text = '4111 1111 1111 1111 ref 4111 1111 1111 1111 and job 5555-5555-5555-4444 done';

describe('repro: pii-card-after-label', () => {
  it('finds every occurrence of a card, whatever word stands before it', () => {
    expect(detectPii(text, { types: ['credit_card'] }).map((e) => e.text)).toEqual(['4111 1111 1111 1111', '4111 1111 1111 1111', '5555-5555-5555-4444']);
  });

  it('the stream guard releases none of them, chunked or not', () => {
    const whole = redactPii(text, { types: ['credit_card'] }).text;
    expect(whole).not.toMatch(/\d{4}/);
    const guard = new StreamTextGuard({ redactNew: true, detect: { types: ['credit_card'] } });
    const out = [...text.match(/.{1,7}/gs)!].map((c) => guard.push(c).text).join('') + guard.flush().text;
    expect(out).toBe(whole);
  });

  it('labels still keep look-alike numbers that are not cards from being redacted', () => {
    expect(detectPii('order 4111 1111 1111 1112, version 10.1.2.3', { types: ['credit_card', 'ip_address'] })).toEqual([]);
  });
});
