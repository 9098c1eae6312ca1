import { isIP as nodeIsIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIP } from '../../src/core/ip.js';

const CASES = [
  '1.2.3.4', '255.255.255.255', '256.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', '0.0.0.0', ' 1.2.3.4',
  '::', '::1', '1::', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::', '1::2::3', ':1:2:3:4:5:6:7',
  '1:2:3:4:5:6:7:', '::ffff:1.2.3.4', '::ffff:1.2.3', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4',
  'fe80::1%eth0', 'fe80::1%', 'fe80::1%e th', '12345::', 'g::1', '2001:db8::8a2e:370:7334', '::1.2.3.4', '1.2.3.4::',
  '', ':', ':::', 'abcd', '1:2:3:4:5:6:7:8%1', '::ffff:01.2.3.4',
];

describe('isIP without node:net', () => {
  it.each(CASES)('agrees with net.isIP on %j', (s) => {
    expect(isIP(s)).toBe(nodeIsIP(s));
  });

  it('agrees with net.isIP on generated addresses and near-misses', () => {
    const group = fc.stringMatching(/^[0-9a-fA-F]{0,5}$/);
    const octet = fc.integer({ min: 0, max: 300 }).map(String);
    const v4 = fc.array(octet, { minLength: 3, maxLength: 5 }).map((a) => a.join('.'));
    const v6 = fc.tuple(fc.array(group, { minLength: 1, maxLength: 9 }), fc.boolean(), fc.option(v4)).map(([gs, dbl, tail]) => {
      let s = gs.join(':');
      if (dbl) s = s.replace(':', '::');
      return tail ? `${s}:${tail}` : s;
    });
    fc.assert(fc.property(fc.oneof(v4, v6), (s) => isIP(s) === nodeIsIP(s)), { numRuns: 5000 });
  });
});
