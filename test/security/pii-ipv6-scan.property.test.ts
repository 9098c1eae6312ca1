import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipv6Matches } from '../../src/security/pii/recognizers.js';

// The IPv6 pattern as a plain global scan: the oracle the colon-guided scan must agree with.
const GLOBAL = /(?<![\w:.%])((?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}))(%[\w.]+)?(?:\/(\d{1,4}))?/g;
const globalMatches = (text: string) => [...text.matchAll(GLOBAL)].map((m) => [m.index, ...m]);
const guided = (text: string) => [...ipv6Matches(text)].map((m) => [m.index, ...m]);

const piece = fc.oneof(
  fc.constantFrom('2001:db8::1', 'fe80::1%eth0', '::ffff:192.0.2.7', '2001:0db8:85a3:0000:0000:8a2e:0370:7334', '::', '::1/128', 'a:b:c', '10:22:31', '12:00'),
  fc.stringMatching(/^[0-9a-fA-F:.%/ gx]{1,12}$/),
  fc.constantFrom(' ', ': ', '::', ':', '.', 'at ', 'host=', '\n'),
);

describe('IPv6 candidates, scanned near colons only', () => {
  it('finds exactly what a global scan of the same pattern finds', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(guided(text)).toEqual(globalMatches(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds addresses in prose and skips times', () => {
    const text = 'Server at 2001:db8::1 (zone fe80::1%eth0) logged at 10:22:31; mapped ::ffff:192.0.2.7/96.';
    expect(guided(text).map((m) => m[1])).toEqual(globalMatches(text).map((m) => m[1]));
    expect(guided(text).length).toBeGreaterThanOrEqual(3);
  });
});
